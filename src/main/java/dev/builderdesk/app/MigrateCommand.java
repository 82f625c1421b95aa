package dev.builderdesk.app;

import dev.builderdesk.store.Database;
import dev.builderdesk.store.StoreCopy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code builder-desk migrate --from URL --to URL}: moves a server's data between databases (a desktop's SQLite file
 * to a team's PostgreSQL, and back) and proves the copy table by table. Stop every server on either database
 * first; the target must be empty (it is created and migrated if new).
 */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = "Copy all data from one database to another, empty one, and check counts and checksums.")
public final class MigrateCommand implements Callable<Integer> {
    private static final String SQLITE = "jdbc:sqlite:";

    @Option(names = "--from", required = true, description = "Source JDBC URL (jdbc:sqlite:FILE or jdbc:postgresql:…)")
    String from;

    @Option(names = "--to", required = true, description = "Target JDBC URL; must hold no data")
    String to;

    @Override
    public Integer call() {
        if (from.equals(to)) {
            System.err.println("The source and the target are the same database.");
            return 2;
        }
        Optional<Path> sourceFile = sqliteFile(from);
        if (sourceFile.isPresent() && !Files.isRegularFile(sourceFile.get())) {
            System.err.println("There is no database at " + sourceFile.get());
            return 2;
        }
        StoreCopy.Report report;
        // A data folder's database is copied under the folder's lock: no server may write it meanwhile.
        try (AutoCloseable sourceLock = lockOf(sourceFile); AutoCloseable targetLock = lockOf(sqliteFile(to));
                Database source = Database.open(from); Database target = Database.open(to)) {
            report = StoreCopy.copy(source, target);
        } catch (DataFolderInUseException e) {
            System.err.println(e.getMessage() + " Stop its server first.");
            return DataFolderInUseException.EXIT_STATUS;
        } catch (Exception e) {
            System.err.println("Nothing was copied: " + e.getMessage());
            return 2;
        }
        System.out.printf("%-16s %10s %10s  %s%n", "table", "source", "target", "checksum");
        for (StoreCopy.TableCheck t : report.tables()) {
            System.out.printf("%-16s %10d %10d  %s%n", t.table(), t.sourceRows(), t.targetRows(),
                    t.matches() ? "same " + t.sourceChecksum().substring(0, 16) : "DIFFERENT");
        }
        if (!report.matches()) {
            System.err.println("The copy differs from the source; do not use the target.");
            return 1;
        }
        System.out.println("Copied and checked: every table has the same rows in both databases.");
        return 0;
    }

    private static Optional<Path> sqliteFile(String url) {
        return url.startsWith(SQLITE) ? Optional.of(Path.of(url.substring(SQLITE.length())).toAbsolutePath())
                : Optional.empty();
    }

    /** The lock of the data folder holding {@code file}, when it is one (it has a lock file); else nothing. */
    private static AutoCloseable lockOf(Optional<Path> file) {
        Path folder = file.map(Path::getParent).orElse(null);
        if (folder == null || !Files.exists(folder.resolve(DataFolder.LOCK_FILE))) {
            return () -> { };
        }
        return DataFolder.open(folder);
    }
}
