package dev.builderdesk.server.apps;

import dev.builderdesk.protocol.ErrorCodes;
import dev.builderdesk.server.ApiError;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which folders a tenant may open as an app over the API ({@code POST /admin/apps {workspace_path}}). The desktop's
 * own single-tenant server opens any folder its user picks; a shared server only folders under the roots its
 * operator gave the tenant in the config file, and none for a tenant given no roots — a tenant must not adopt the
 * server's home, another tenant's app folder or the operator's files and read them through the app.
 */
public final class FolderPolicy {
    private final Optional<Map<String, List<Path>>> rootsByTenant;

    private FolderPolicy(Optional<Map<String, List<Path>>> rootsByTenant) {
        this.rootsByTenant = rootsByTenant;
    }

    /** The desktop's single-tenant server: the user's own machine, any folder. */
    public static FolderPolicy anyFolder() {
        return new FolderPolicy(Optional.empty());
    }

    /** A configured server: per tenant id, the folders under which its apps may live (none when absent). */
    public static FolderPolicy underRoots(Map<String, List<Path>> rootsByTenant) {
        return new FolderPolicy(Optional.of(Map.copyOf(rootsByTenant)));
    }

    /**
     * Refuses (400 {@code APP_FOLDER_NOT_ALLOWED}) a folder outside the tenant's roots; {@code folder} is the real
     * path (links resolved), so a link inside a root cannot lead out of it.
     */
    public void check(String tenantId, Path folder) {
        if (rootsByTenant.isEmpty()) {
            return;
        }
        List<Path> roots = rootsByTenant.get().getOrDefault(tenantId, List.of());
        for (Path root : roots) {
            Optional<Path> real = realPath(root);
            if (real.isPresent() && folder.startsWith(real.get())) {
                return;
            }
        }
        throw ApiError.coded(400, ErrorCodes.APP_FOLDER_NOT_ALLOWED, "workspace_path", roots.isEmpty()
                ? "This server does not open folders for your team; ask its operator for a workspace root."
                : "This server opens folders only under your team's workspace roots.", Map.of());
    }

    /** Refuses a folder that is another app's, inside one, or holds one: two apps would overwrite each other. */
    static void checkApart(Path folder, List<Path> otherAppFolders) {
        for (Path other : otherAppFolders) {
            Path real = realPath(other).orElse(other);
            if (folder.startsWith(real) || real.startsWith(folder)) {
                throw ApiError.coded(400, ErrorCodes.APP_FOLDER_NOT_ALLOWED, "workspace_path",
                        "This folder is another app's folder, or inside or around one; choose a folder of its own.",
                        Map.of());
            }
        }
    }

    static Optional<Path> realPath(Path path) {
        try {
            return Optional.of(path.toRealPath());
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }
}
