package dev.builderdesk.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Revisions and the content-addressed blobs they point at. Rows are never updated. */
public final class RevisionRepository {
    private static final String COLUMNS =
            "id, app_id, tree_hash, entry_file, file_count, source, source_revision_id, run_id, created_at";

    /** A stored revision. */
    public record RevisionRow(String id, String appId, String treeHash, String entryFile, int fileCount,
            String source, String sourceRevisionId, String runId, Instant createdAt) {
    }

    /** One file of a revision: where its bytes are. */
    public record FileRow(String path, String sha256, long size) {
    }

    /** One file of a revision with its bytes; {@code content} is null when its blob is missing. */
    public record StoredFile(String path, String sha256, long size, byte[] content) {
    }

    public void putBlob(Connection c, String sha256, byte[] content) throws SQLException {
        Sql.update(c, "INSERT INTO blobs (sha256, size, content) VALUES (?, ?, ?) ON CONFLICT DO NOTHING", sha256,
                (long) content.length, content);
    }

    public Optional<byte[]> blob(Connection c, String sha256) throws SQLException {
        return Sql.queryOne(c, "SELECT content FROM blobs WHERE sha256 = ?", rs -> rs.getBytes(1), sha256);
    }

    public void insert(Connection c, RevisionRow r, List<FileRow> files) throws SQLException {
        Sql.update(c, "INSERT INTO revisions (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", r.id(), r.appId(),
                r.treeHash(), r.entryFile(), r.fileCount(), r.source(), r.sourceRevisionId(), r.runId(),
                Micros.of(r.createdAt()));
        for (FileRow f : files) {
            Sql.update(c, "INSERT INTO revision_files (revision_id, path, sha256, size) VALUES (?, ?, ?, ?)", r.id(),
                    f.path(), f.sha256(), f.size());
        }
    }

    public Optional<RevisionRow> find(Connection c, String appId, String id) throws SQLException {
        return Sql.queryOne(c, "SELECT " + COLUMNS + " FROM revisions WHERE id = ? AND app_id = ?",
                RevisionRepository::map, id, appId);
    }

    public List<FileRow> files(Connection c, String revisionId) throws SQLException {
        return Sql.query(c, "SELECT path, sha256, size FROM revision_files WHERE revision_id = ? ORDER BY path",
                rs -> new FileRow(rs.getString(1), rs.getString(2), rs.getLong(3)), revisionId);
    }

    /** Every file of a revision with its content, in one query (a revision may hold thousands of files). */
    public List<StoredFile> filesWithContent(Connection c, String revisionId) throws SQLException {
        return Sql.query(c, "SELECT f.path, f.sha256, f.size, b.content FROM revision_files f"
                + " LEFT JOIN blobs b ON b.sha256 = f.sha256 WHERE f.revision_id = ? ORDER BY f.path",
                rs -> new StoredFile(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getBytes(4)), revisionId);
    }

    private static RevisionRow map(ResultSet rs) throws SQLException {
        return new RevisionRow(rs.getString("id"), rs.getString("app_id"), rs.getString("tree_hash"),
                rs.getString("entry_file"), rs.getInt("file_count"), rs.getString("source"),
                rs.getString("source_revision_id"), rs.getString("run_id"),
                Micros.toInstant(rs.getLong("created_at")));
    }
}
