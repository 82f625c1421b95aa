package dev.builderdesk.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Copies every table of one store into another, empty one — SQLite to PostgreSQL and back — in one transaction of
 * the target, then proves the copy: row counts and a checksum of each table's rows on both sides. The schema is
 * the same in both dialects (ADR 0016); values are carried by their column's type in the target (SQLite keeps
 * booleans as 0/1, PostgreSQL as booleans).
 */
public final class StoreCopy {
    /**
     * Every table, parents before children (the foreign keys hold at each insert). Run leases too: every server is
     * stopped during a copy, so they are released or stale, and their epochs must never go back (ADR 0017).
     */
    static final List<String> TABLES = List.of("tenants", "providers", "models", "model_bindings", "apps", "blobs",
            "revisions", "revision_files", "chat_sessions", "chat_turns", "runs", "run_events", "run_states",
            "checkpoints", "compare_groups", "run_leases");
    private static final int BATCH = 500;

    /** The tables copied, parents first. */
    public static List<String> tables() {
        return TABLES;
    }

    private StoreCopy() {
    }

    /** Work on a connection already in hand. */
    private interface Work<T> {
        T run() throws SQLException;
    }

    /** One table's rows and checksum on each side. */
    public record TableCheck(String table, long sourceRows, long targetRows, String sourceChecksum,
            String targetChecksum) {
        public boolean matches() {
            return sourceRows == targetRows && sourceChecksum.equals(targetChecksum);
        }
    }

    /** What was copied; {@link #matches()} when every table arrived whole. */
    public record Report(List<TableCheck> tables) {
        public boolean matches() {
            return tables.stream().allMatch(TableCheck::matches);
        }
    }

    /**
     * Copies {@code from} into {@code to}, which must hold no rows (a partial copy is rolled back whole), and
     * checks the result.
     *
     * @throws StoreException when the target is not empty or a row cannot be written
     */
    public static Report copy(Database from, Database to) {
        to.write(target -> from.read(source -> snapshot(source, () -> {
            for (String table : TABLES) {
                if (Sql.count(target, "SELECT COUNT(*) FROM " + table) > 0) {
                    throw new StoreException("The target database is not empty: " + table + " has rows", null);
                }
            }
            for (String table : TABLES) {
                copyTable(source, target, table);
            }
            return null;
        })));
        return check(from, to);
    }

    /** Counts and checksums of every table on both sides, without copying. */
    public static Report check(Database from, Database to) {
        List<TableCheck> checks = new ArrayList<>();
        for (String table : TABLES) {
            long[] sourceRows = new long[1];
            long[] targetRows = new long[1];
            String sourceSum = from.read(c -> snapshot(c, () -> checksum(c, table, sourceRows)));
            String targetSum = to.read(c -> snapshot(c, () -> checksum(c, table, targetRows)));
            checks.add(new TableCheck(table, sourceRows[0], targetRows[0], sourceSum, targetSum));
        }
        return new Report(List.copyOf(checks));
    }

    /**
     * Runs {@code work} in one read-only snapshot of the source, so every table is read as of one moment (a
     * server still writing cannot make the copy inconsistent), with autocommit off so that PostgreSQL's driver
     * streams rows by the fetch size instead of loading whole tables.
     */
    private static <T> T snapshot(Connection source, Work<T> work) throws SQLException {
        boolean postgres = Sql.isPostgres(source);
        source.setAutoCommit(false);
        try {
            if (postgres) {
                try (Statement st = source.createStatement()) {
                    st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY");
                }
            }
            return work.run();
        } finally {
            source.rollback();
            source.setAutoCommit(true);
        }
    }

    private static void copyTable(Connection source, Connection target, String table) throws SQLException {
        int[] targetTypes;
        List<String> columns = new ArrayList<>();
        try (Statement st = target.createStatement(); ResultSet none = st.executeQuery("SELECT * FROM " + table
                + " WHERE 1 = 0")) {
            ResultSetMetaData meta = none.getMetaData();
            targetTypes = new int[meta.getColumnCount()];
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.add(meta.getColumnName(i));
                targetTypes[i - 1] = meta.getColumnType(i);
            }
        }
        String names = String.join(", ", columns);
        String insert = "INSERT INTO " + table + " (" + names + ") VALUES ("
                + Sql.placeholders(columns.size()) + ")";
        try (Statement st = source.createStatement(); PreparedStatement ps = target.prepareStatement(insert)) {
            st.setFetchSize(BATCH);
            ResultSet rows = st.executeQuery("SELECT " + names + " FROM " + table);
            int pending = 0;
            while (rows.next()) {
                for (int i = 0; i < targetTypes.length; i++) {
                    bind(ps, i + 1, rows, targetTypes[i]);
                }
                ps.addBatch();
                if (++pending == BATCH) {
                    ps.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                ps.executeBatch();
            }
        }
    }

    private static void bind(PreparedStatement ps, int index, ResultSet rows, int targetType) throws SQLException {
        switch (targetType) {
            case Types.BOOLEAN, Types.BIT -> {
                boolean value = rows.getBoolean(index);
                if (rows.wasNull()) {
                    ps.setNull(index, targetType);
                } else {
                    ps.setBoolean(index, value);
                }
            }
            case Types.BIGINT, Types.INTEGER, Types.SMALLINT -> {
                long value = rows.getLong(index);
                if (rows.wasNull()) {
                    ps.setNull(index, targetType);
                } else {
                    ps.setLong(index, value);
                }
            }
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> ps.setBytes(index,
                    rows.getBytes(index));
            default -> ps.setString(index, rows.getString(index));
        }
    }

    /**
     * A table's checksum: SHA-256 over the sorted digests of its rows, each row its values in column order in a
     * form both dialects give alike (a boolean as 1/0, bytes as hex), so the order rows come back in and the
     * dialect's collation do not matter.
     */
    private static String checksum(Connection c, String table, long[] rowCount) throws SQLException {
        List<byte[]> digests = new ArrayList<>();
        try (Statement st = c.createStatement()) {
            st.setFetchSize(BATCH);
            ResultSet rows = st.executeQuery("SELECT * FROM " + table);
            ResultSetMetaData meta = rows.getMetaData();
            List<String> names = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                names.add(meta.getColumnName(i).toLowerCase(java.util.Locale.ROOT));
            }
            List<String> ordered = new ArrayList<>(names);
            ordered.sort(null);
            while (rows.next()) {
                MessageDigest row = sha256();
                for (String name : ordered) {
                    // Length-prefixed, so no value can run into the next column's.
                    byte[] value = canonical(rows.getObject(names.indexOf(name) + 1)).getBytes(StandardCharsets.UTF_8);
                    row.update(java.nio.ByteBuffer.allocate(4).putInt(value.length).array());
                    row.update(value);
                }
                digests.add(row.digest());
            }
        }
        rowCount[0] = digests.size();
        digests.sort(Arrays::compare);
        MessageDigest all = sha256();
        digests.forEach(all::update);
        return HexFormat.of().formatHex(all.digest());
    }

    private static String canonical(Object value) {
        return switch (value) {
            case null -> "N";
            case Boolean b -> b ? "I1" : "I0";
            case Number n -> "I" + n.longValue();
            case byte[] bytes -> "B" + HexFormat.of().formatHex(bytes);
            default -> "S" + value;
        };
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
