package dev.builderdesk.server.apps;

import dev.builderdesk.protocol.App;
import dev.builderdesk.protocol.AppChange;
import dev.builderdesk.protocol.BuilderState;
import dev.builderdesk.protocol.CreateAppRequest;
import dev.builderdesk.protocol.ErrorCodes;
import dev.builderdesk.protocol.FileContent;
import dev.builderdesk.protocol.FileEntry;
import dev.builderdesk.protocol.FileList;
import dev.builderdesk.protocol.RevisionDiff;
import dev.builderdesk.protocol.Timestamps;
import dev.builderdesk.protocol.VerifyCommand;
import dev.builderdesk.server.ApiError;
import dev.builderdesk.server.auth.Principal;
import dev.builderdesk.server.auth.Scopes;
import dev.builderdesk.store.RevisionRepository.RevisionRow;
import dev.builderdesk.store.Store;
import dev.builderdesk.workspace.AppFolderException;
import dev.builderdesk.workspace.Drafts;
import dev.builderdesk.workspace.FileSet;
import dev.builderdesk.workspace.RevisionDiffs;
import dev.builderdesk.workspace.Revisions;
import dev.builderdesk.workspace.Templates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Apps, their builder state, files and diffs. Another tenant's app does not exist (404). */
public final class AppService {
    private final Store store;
    private final Revisions revisions;
    private final Drafts drafts;
    private final FolderPolicy folders;
    private final boolean verifyCommands;

    public AppService(Store store, Revisions revisions, Drafts drafts, FolderPolicy folders,
            boolean verifyCommands) {
        this.store = store;
        this.revisions = revisions;
        this.drafts = drafts;
        this.folders = folders;
        this.verifyCommands = verifyCommands;
    }

    /** The app, or 404 "Published app not found". */
    public App require(Principal who, String appId) {
        return store.db().read(c -> store.apps().find(c, who.tenantId(), appId))
                .orElseThrow(() -> ApiError.notFound("Published app not found"));
    }

    public List<App> list(Principal who) {
        who.require(Scopes.APPS_READ);
        return store.db().read(c -> store.apps().list(c, who.tenantId())).stream()
                .map(app -> app.workspacePath() == null ? app : syncedIfReadable(app)).toList();
    }

    public App get(Principal who, String appId) {
        who.require(Scopes.APPS_READ);
        return synced(require(who, appId));
    }

    public App create(Principal who, CreateAppRequest request) {
        who.require(Scopes.APPS_WRITE);
        String name = request.name();
        String template = request.template();
        String workspacePath = request.workspacePath();
        if (name.isBlank()) {
            throw ApiError.badRequest("name is required");
        }
        if (workspacePath == null) {
            return create(who.tenantId(), UUID.randomUUID().toString(), name.strip(), template, null);
        }
        Path real = FolderPolicy.realPath(existingFolder(workspacePath)).orElseThrow(AppService::notAFolder);
        folders.check(who.tenantId(), real);
        // Checked and created in one transaction, under a lock on the app folders: two requests for one folder at
        // once would otherwise both find it free.
        return store.db().write(c -> {
            store.apps().lockFolders(c);
            FolderPolicy.checkApart(real, store.apps().folders(c).stream().map(Path::of).toList());
            return create(who.tenantId(), UUID.randomUUID().toString(), name.strip(), template, real.toString());
        });
    }

    /**
     * {@code PATCH /admin/apps/{id}} (ours): {@code name} renames; {@code verify} sets the command that checks
     * comparison attempts ({@code {"argv": [program, args…], "timeout_s": 1…3600 (120)}}), {@code null} removes it.
     */
    public App update(Principal who, String appId, AppChange change) {
        who.require(Scopes.APPS_WRITE);
        require(who, appId);
        String name = change.name();
        boolean verifyGiven = change.verifyGiven();
        VerifyCommand verify = change.verify();
        if (name != null && name.isBlank()) {
            throw ApiError.badRequest("name must not be blank");
        }
        if (verify != null && !verifyCommands) {
            throw ApiError.coded(403, ErrorCodes.VERIFY_NOT_ALLOWED, "verify", "This server does not run commands"
                    + " for its teams; its operator can allow them (server.allow_verify_commands).", Map.of());
        }
        // Read and written in one transaction: two changes at once both take effect.
        return store.db().write(c -> {
            App app = store.apps().find(c, who.tenantId(), appId)
                    .orElseThrow(() -> ApiError.notFound("Published app not found"));
            App updated = new App(app.id(), app.tenantId(), name == null ? app.name() : name.strip(),
                    app.workspacePath(), app.currentDraftRevisionId(), app.createdAt(),
                    verifyGiven ? verify : app.verify());
            store.apps().update(c, updated);
            return updated;
        });
    }

    /**
     * Creates an app with its first draft: an existing folder's files (adopted as they are) or the template's
     * (written into an empty folder when one is given). Also used for apps declared in the server configuration.
     */
    public App create(String tenantId, String id, String name, String template, String workspacePath) {
        Path folder = workspacePath == null ? null : existingFolder(workspacePath).toAbsolutePath().normalize();
        FileSet existing = scan(folder);
        boolean adopt = folder != null && existing.size() > 0;
        String effectiveTemplate = template != null ? template : (folder == null ? Templates.VITE_REACT
                : Templates.EMPTY);
        FileSet files = adopt ? existing : Templates.load(effectiveTemplate).orElseThrow();
        Instant now = Timestamps.now();
        App app = new App(id, tenantId, name, folder == null ? null : folder.toString(), null, now, null);
        RevisionRow draft = drafts.create(app, existing, files, adopt ? Revisions.SOURCE_FOLDER
                : Revisions.SOURCE_TEMPLATE, now);
        return app.withDraft(draft.id());
    }

    private static Path existingFolder(String workspacePath) {
        Path folder;
        try {
            folder = Path.of(workspacePath.strip());
        } catch (java.nio.file.InvalidPathException e) {
            throw notAFolder();
        }
        if (!folder.isAbsolute() || !Files.isDirectory(folder)) {
            throw notAFolder();
        }
        return folder;
    }

    private static ApiError notAFolder() {
        return ApiError.badRequest("workspace_path must be the absolute path of an existing folder");
    }

    public BuilderState builderState(Principal who, String appId) {
        who.require(Scopes.APPS_READ);
        App app = require(who, appId);
        RevisionRow draft = drafts.syncFromFolder(app, Timestamps.now());
        App fresh = app.withDraft(draft.id());
        return new BuilderState(fresh, Revisions.summary(draft));
    }

    public FileList files(Principal who, String appId, String revisionId) {
        who.require(Scopes.APPS_READ);
        RevisionRow rev = revision(who, appId, revisionId);
        return new FileList(rev.id(), store.db().read(c -> store.revisions().files(c, rev.id())).stream()
                .map(f -> new FileEntry(f.path(), f.size(), f.sha256())).toList());
    }

    public FileContent fileContent(Principal who, String appId, String path, String revisionId) {
        who.require(Scopes.APPS_READ);
        RevisionRow rev = revision(who, appId, revisionId);
        String wanted = path.replace('\\', '/');
        return store.db().read(c -> {
            var file = store.revisions().files(c, rev.id()).stream().filter(f -> f.path().equals(wanted))
                    .findFirst().orElseThrow(() -> ApiError.notFound("File not found"));
            byte[] bytes = store.revisions().blob(c, file.sha256()).orElseThrow();
            Optional<String> text = RevisionDiffs.text(bytes);
            return text.map(t -> new FileContent(file.path(), file.sha256(), t, "utf-8"))
                    .orElseGet(() -> new FileContent(file.path(), file.sha256(),
                            Base64.getEncoder().encodeToString(bytes), "base64"));
        });
    }

    public RevisionDiff diff(Principal who, String appId, String fromId, String toId) {
        who.require(Scopes.APPS_READ);
        RevisionRow from = revision(who, appId, fromId);
        RevisionRow to = revision(who, appId, toId);
        return store.db().read(c -> new RevisionDiff(from.id(), to.id(),
                RevisionDiffs.diff(revisions.load(c, from.id()), revisions.load(c, to.id()))));
    }

    /** A revision of the app; null means the current draft (after a folder sync). */
    private RevisionRow revision(Principal who, String appId, String revisionId) {
        App app = require(who, appId);
        if (revisionId == null) {
            return drafts.syncFromFolder(app, Timestamps.now());
        }
        return store.db().read(c -> store.revisions().find(c, app.id(), revisionId))
                .orElseThrow(() -> ApiError.notFound("Revision not found"));
    }

    /** The app with its folder taken in, or as stored when the folder cannot be read (listing never fails). */
    private App syncedIfReadable(App app) {
        try {
            return synced(app);
        } catch (AppFolderException e) {
            return app;
        }
    }

    private App synced(App app) {
        RevisionRow draft = drafts.syncFromFolder(app, Timestamps.now());
        return app.withDraft(draft.id());
    }

    /**
     * What a folder to adopt holds, read under the app-folder rules: never Builder Desk's own data folder (nor its
     * files, when the folder contains it), at most the scan bounds.
     */
    private FileSet scan(Path folder) {
        if (folder == null) {
            return FileSet.empty();
        }
        if (drafts.isExcluded(folder)) {
            throw ApiError.coded(400, ErrorCodes.APP_FOLDER_NOT_ALLOWED, "workspace_path",
                    "This folder is Builder Desk's own data folder, or inside it; choose the app's folder.",
                    Map.of());
        }
        try {
            return drafts.scan(folder);
        } catch (AppFolderException e) {
            throw ApiError.coded(400, e.code(), "workspace_path", e.getMessage(), Map.of());
        }
    }
}
