package dev.builderdesk.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.flywaydb.core.Flyway;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The server's database: a connection pool, migrations applied at open, and two ways in: {@link #read} and
 * {@link #write}. Writes run in a transaction. On SQLite they also take an in-process lock, because SQLite allows
 * one writer and its busy handler sleeps in steps of up to 100 ms; queueing on a JVM lock keeps event appends of
 * many concurrent runs in the microseconds.
 */
public final class Database implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Database.class.getName());
    public static final int DEFAULT_POOL_SIZE = 8;
    private static final String POSTGRESQL = "jdbc:postgresql:";
    private final HikariDataSource pool;
    /**
     * The connection of the transaction this thread is in: a read or a write inside a write uses it. A second
     * pooled connection taken while holding one deadlocks a pool of N under N such requests (each waits the
     * connection timeout and fails), and would not see the transaction's own writes.
     */
    private final ThreadLocal<Connection> transaction = new ThreadLocal<>();
    private final ReentrantLock writeLock = new ReentrantLock();
    private final boolean sqlite;
    /** The PostgreSQL URL, for the connection a listener holds outside the pool; null on SQLite. */
    private final String postgresUrl;

    private Database(HikariDataSource pool, boolean sqlite, String postgresUrl) {
        this.pool = pool;
        this.sqlite = sqlite;
        this.postgresUrl = postgresUrl;
    }

    /**
     * Opens (creating if needed) the database at a JDBC URL and migrates it: a {@code jdbc:sqlite:} file (the
     * desktop) or a {@code jdbc:postgresql:} server (a shared deployment). A SQLite file and its {@code -wal} and
     * {@code -shm} companions are readable by their owner only (they hold provider API keys): a new file is created
     * 0600 before SQLite opens it (SQLite gives its companions the database's mode) and existing ones are tightened.
     */
    public static Database open(String jdbcUrl) {
        return open(jdbcUrl, DEFAULT_POOL_SIZE);
    }

    /** As {@link #open(String)}, with at most {@code poolSize} connections. */
    public static Database open(String jdbcUrl, int poolSize) {
        if (jdbcUrl.startsWith(POSTGRESQL)) {
            return openPostgres(jdbcUrl, poolSize);
        }
        if (!jdbcUrl.startsWith("jdbc:sqlite:")) {
            throw new IllegalArgumentException("Unsupported database URL (jdbc:sqlite: or jdbc:postgresql:): "
                    + jdbcUrl);
        }
        String file = jdbcUrl.substring("jdbc:sqlite:".length());
        Path dbFile = Path.of(file).toAbsolutePath();
        try {
            Path parent = dbFile.getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            OwnerOnly.createFile(dbFile);
        } catch (java.io.IOException e) {
            throw new StoreException("Cannot create the database file " + file, e);
        }
        restrictFiles(dbFile);
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(10_000);
        config.enforceForeignKeys(true);
        SQLiteDataSource sqliteSource = new SQLiteDataSource(config);
        sqliteSource.setUrl(jdbcUrl);

        HikariConfig hikari = poolConfig(poolSize);
        hikari.setDataSource(sqliteSource);
        long started = System.nanoTime();
        HikariDataSource sqlitePool = new HikariDataSource(hikari);
        HikariDataSource pool = migrated(sqlitePool, sqlitePool, "sqlite", started);
        restrictFiles(dbFile);
        return new Database(pool, true, null);
    }

    /**
     * A shared server's PostgreSQL (credentials in the URL: {@code ?user=…&password=…}). Writers are not
     * serialised here as they are on SQLite: PostgreSQL's row locks and transactions do that.
     */
    private static Database openPostgres(String jdbcUrl, int poolSize) {
        HikariConfig hikari = poolConfig(poolSize);
        hikari.setJdbcUrl(jdbcUrl);
        // A process frozen inside a transaction (SIGSTOP, a partition) would hold its row locks, and with them a
        // takeover of its runs (ADR 0017), for as long as it stays frozen: PostgreSQL ends such a session instead.
        // Our transactions never wait on anything but the database, so five idle seconds in one is never normal.
        hikari.setConnectionInitSql("SET idle_in_transaction_session_timeout = '5s'");
        // Flyway holds a second connection on PostgreSQL (its lock): it migrates on connections of its own, so a
        // pool of one still opens.
        org.postgresql.ds.PGSimpleDataSource migrations = new org.postgresql.ds.PGSimpleDataSource();
        migrations.setURL(jdbcUrl);
        return new Database(migrated(new HikariDataSource(hikari), migrations, "postgresql", System.nanoTime()),
                false, jdbcUrl);
    }

    private static HikariConfig poolConfig(int poolSize) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("builder-desk-db");
        hikari.setMaximumPoolSize(poolSize);
        hikari.setMinimumIdle(1);
        hikari.setAutoCommit(true);
        return hikari;
    }

    /** Applies the dialect's migrations ({@code db/migration/<dialect>}); the pool is closed if they fail. */
    private static HikariDataSource migrated(HikariDataSource pool, javax.sql.DataSource migrations, String dialect,
            long started) {
        long pooled = System.nanoTime();
        try {
            Flyway.configure()
                    .dataSource(migrations)
                    .locations("classpath:db/migration/" + dialect)
                    .load()
                    .migrate();
            long migrated = System.nanoTime();
            LOG.log(System.Logger.Level.DEBUG, () -> "database open: pool "
                    + (pooled - started) / 1_000_000 + " ms, schema " + (migrated - pooled) / 1_000_000 + " ms");
            return pool;
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /** The files SQLite keeps for the database at {@code dbFile}: itself, its write-ahead log and shared memory. */
    public static List<Path> files(Path dbFile) {
        return List.of(dbFile, dbFile.resolveSibling(dbFile.getFileName() + "-wal"),
                dbFile.resolveSibling(dbFile.getFileName() + "-shm"));
    }

    private static void restrictFiles(Path dbFile) {
        files(dbFile).forEach(OwnerOnly::restrict);
    }

    /** Runs read-only work on a pooled connection. */
    public <T> T read(SqlWork<T> work) {
        Connection current = transaction.get();
        if (current != null) {
            return inTransaction(current, work, "read");
        }
        try (Connection c = pool.getConnection()) {
            return work.apply(c);
        } catch (SQLException e) {
            throw new StoreException("Database read failed: " + e.getMessage(), e);
        }
    }

    /** Runs work in one transaction; everything it wrote is committed together or not at all. */
    public <T> T write(SqlWork<T> work) {
        Connection current = transaction.get();
        if (current != null) {
            // Inside a write: part of that transaction, committed or rolled back with it.
            return inTransaction(current, work, "write");
        }
        if (sqlite) {
            writeLock.lock();
        }
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            transaction.set(c);
            try {
                T result = work.apply(c);
                c.commit();
                return result;
            } catch (Throwable e) {
                // Anything, an Error too: setAutoCommit(true) below would otherwise commit half the work.
                c.rollback();
                throw e;
            } finally {
                transaction.remove();
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("Database write failed: " + e.getMessage(), e);
        } finally {
            if (sqlite) {
                writeLock.unlock();
            }
        }
    }

    private static <T> T inTransaction(Connection c, SqlWork<T> work, String what) {
        try {
            return work.apply(c);
        } catch (SQLException e) {
            throw new StoreException("Database " + what + " failed: " + e.getMessage(), e);
        }
    }

    /** True when other processes may share this database (PostgreSQL), so wake-ups must cross processes. */
    public boolean shared() {
        return postgresUrl != null;
    }

    /**
     * Sends each payload to every session listening on {@code channel} (PostgreSQL {@code NOTIFY}); nothing on
     * SQLite. Call it after the commit it announces, never inside it: a listener woken early would find nothing.
     */
    public void notify(String channel, Collection<String> payloads) {
        if (postgresUrl == null || payloads.isEmpty()) {
            return;
        }
        read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_notify(?, p) FROM unnest(?) p")) {
                ps.setString(1, channel);
                ps.setArray(2, c.createArrayOf("text", payloads.toArray()));
                ps.executeQuery().close();
            }
            return null;
        });
    }

    /**
     * Hands every payload {@code NOTIFY}'d on {@code channel} to {@code onPayload}, from a thread of its own on a
     * connection of its own (outside the pool), reconnecting after a failure; {@code onReconnect} runs after each
     * (re)connection, since notifications sent while disconnected are lost. Nothing on SQLite. Closing stops it.
     */
    public AutoCloseable listen(String channel, Consumer<String> onPayload, Runnable onReconnect) {
        if (postgresUrl == null) {
            return () -> { };
        }
        AtomicBoolean closed = new AtomicBoolean();
        Thread listener = Thread.ofPlatform().daemon().name("db-listen-" + channel).start(() -> {
            while (!closed.get()) {
                try (Connection c = DriverManager.getConnection(postgresUrl);
                        Statement s = c.createStatement()) {
                    s.execute("LISTEN " + channel);
                    onReconnect.run();
                    PGConnection pg = c.unwrap(PGConnection.class);
                    while (!closed.get()) {
                        PGNotification[] received = pg.getNotifications(500);
                        for (PGNotification n : received == null
                                ? new PGNotification[0] : received) {
                            onPayload.accept(n.getParameter());
                        }
                    }
                } catch (SQLException | RuntimeException e) {
                    if (closed.get()) {
                        return;
                    }
                    LOG.log(System.Logger.Level.WARNING, "Listening on " + channel + " failed; retrying in 1 s: "
                            + e.getMessage());
                    try {
                        Thread.sleep(1_000);
                    } catch (InterruptedException stop) {
                        return;
                    }
                }
            }
        });
        return () -> {
            closed.set(true);
            listener.interrupt();
        };
    }

    @Override
    public void close() {
        pool.close();
    }
}
