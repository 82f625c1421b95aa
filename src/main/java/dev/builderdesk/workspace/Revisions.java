package dev.builderdesk.workspace;

import dev.builderdesk.protocol.RevisionSummary;
import dev.builderdesk.store.RevisionRepository;
import dev.builderdesk.store.RevisionRepository.FileRow;
import dev.builderdesk.store.RevisionRepository.RevisionRow;
import dev.builderdesk.store.RevisionRepository.StoredFile;
import dev.builderdesk.store.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Creates and reads immutable revisions; file contents are stored once per distinct SHA-256. */
public final class Revisions {
    /** Where a revision came from. */
    public static final String SOURCE_TEMPLATE = "template";
    public static final String SOURCE_FOLDER = "folder";
    public static final String SOURCE_RUN = "run";
    public static final String SOURCE_RESTORE = "restore";

    private final RevisionRepository repository;

    public Revisions(RevisionRepository repository) {
        this.repository = repository;
    }

    public RevisionRow create(Connection c, String appId, FileSet files, String source, String sourceRevisionId,
            String runId, Instant now) throws SQLException {
        return create(c, UUID.randomUUID().toString(), appId, files, source, sourceRevisionId, runId, now);
    }

    /** Creates a revision with a given id (known before the transaction, e.g. to announce it in an event). */
    public RevisionRow create(Connection c, String id, String appId, FileSet files, String source,
            String sourceRevisionId, String runId, Instant now) throws SQLException {
        List<FileRow> rows = new ArrayList<>(files.size());
        for (Map.Entry<String, byte[]> e : files.contents().entrySet()) {
            String sha = files.hashes().get(e.getKey());
            repository.putBlob(c, sha, e.getValue());
            rows.add(new FileRow(e.getKey(), sha, e.getValue().length));
        }
        RevisionRow row = new RevisionRow(id, appId, files.treeHash(), files.entryFile(), files.size(), source,
                sourceRevisionId, runId, now);
        repository.insert(c, row, rows);
        return row;
    }

    /**
     * Loads every file of a revision in one query. The hashes are the stored ones, not computed again: a blob is
     * stored under the SHA-256 of its bytes and never updated, and its length is checked against the file's row.
     */
    public FileSet load(Connection c, String revisionId) throws SQLException {
        Map<String, byte[]> files = new HashMap<>();
        Map<String, String> hashes = new HashMap<>();
        for (StoredFile f : repository.filesWithContent(c, revisionId)) {
            if (f.content() == null) {
                throw new StoreException("Blob " + f.sha256() + " of " + f.path() + " is missing", null);
            }
            if (f.content().length != f.size()) {
                throw new StoreException("Blob " + f.sha256() + " of " + f.path() + " holds " + f.content().length
                        + " bytes, not " + f.size(), null);
            }
            files.put(f.path(), f.content());
            hashes.put(f.path(), f.sha256());
        }
        return FileSet.ofHashed(files, hashes);
    }

    public static RevisionSummary summary(RevisionRow row) {
        return new RevisionSummary(row.id(), row.entryFile(), row.fileCount(), row.createdAt(),
                row.sourceRevisionId(), row.source());
    }
}
