package dev.builderdesk.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.builderdesk.store.OwnerOnly;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ADR 0010: one process per data folder (an OS lock), the folder 0700 and the database files 0600. */
class DataFolderTest {
    @TempDir
    Path dir;

    /** A second JVM that holds a data folder until its standard input closes. */
    public static final class Holder {
        public static void main(String[] args) throws IOException {
            try (DataFolder folder = DataFolder.open(Path.of(args[0]))) {
                System.out.println("held " + folder.path());
                System.out.flush();
                System.in.read();
            }
        }
    }

    private static Process holder(Path folder) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Holder.class.getName(),
                folder.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    @Test
    void aFolderHeldByAnotherProcessIsRefusedWithItsNameUntilThatProcessEnds() throws Exception {
        Path data = dir.resolve("data");
        Process other = holder(data);
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(other.getInputStream(),
                    StandardCharsets.UTF_8));
            assertThat(out.readLine()).startsWith("held ");
            assertThatThrownBy(() -> DataFolder.open(data)).isInstanceOf(DataFolderInUseException.class)
                    .hasMessage("Another Builder Desk (process " + other.pid() + ") is using the data folder " + data
                            + ". Close it first, or give this one its own folder with --data-dir DIR.");
            assertThatThrownBy(() -> ServerAssembly.start(new ServerAssembly.Options(data, null, "127.0.0.1", 0,
                    List.of(), name -> null))).isInstanceOf(DataFolderInUseException.class);
            assertThat(data.resolve("builder-desk.db")).as("nothing was started").doesNotExist();
        } finally {
            other.getOutputStream().close();
            assertThat(other.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        try (DataFolder mine = DataFolder.open(data)) {
            assertThat(mine.path()).isEqualTo(data);
        }
    }

    @Test
    void oneProcessHoldsAFolderOnceAndReleasesItOnClose() {
        try (DataFolder first = DataFolder.open(dir)) {
            assertThatThrownBy(() -> DataFolder.open(dir.resolve("x/..")))
                    .isInstanceOf(DataFolderInUseException.class).hasMessageContaining(dir.toString());
        }
        DataFolder.open(dir).close();
    }

    @Test
    void theServerMakesItsFolderAndDatabaseFilesPrivateAndTightensOldOnes() throws IOException {
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (ServerAssembly server = start(data)) {
            assertPrivate(data);
        }
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxrwxr-x"));
        Files.setPosixFilePermissions(data.resolve("builder-desk.db"), PosixFilePermissions.fromString("rw-r--r--"));
        try (ServerAssembly again = start(data)) {
            assertPrivate(data);
        }
    }

    private static ServerAssembly start(Path data) {
        return ServerAssembly.start(new ServerAssembly.Options(data, null, "127.0.0.1", 0, List.of(), name -> null));
    }

    /** While the server runs: the folder 0700; the database, its WAL and shared-memory files and the lock 0600. */
    private static void assertPrivate(Path data) throws IOException {
        assertThat(Files.getPosixFilePermissions(data)).isEqualTo(OwnerOnly.FOLDER);
        for (String name : List.of("builder-desk.db", "builder-desk.db-wal", "builder-desk.db-shm",
                DataFolder.LOCK_FILE, "token")) {
            assertThat(Files.getPosixFilePermissions(data.resolve(name))).as(name).isEqualTo(OwnerOnly.FILE);
        }
    }
}
