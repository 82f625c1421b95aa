package dev.builderdesk.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ADR 0011: what opening a folder reads — never the data folder, only files the tools could edit, up to a bound. */
class FolderScannerTest {
    @TempDir
    Path home;

    private static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    @Test
    void aFolderThatContainsTheDataFolderIsReadWithoutIt() throws IOException {
        Path data = home.resolve(".local/share/builder-desk");
        write(data.resolve("builder-desk.db"), "not to be opened");
        write(data.resolve("builder-desk.lock"), "1234");
        write(data.resolve("desktop-settings.json"), "{}");
        write(data.resolve("sandboxes/r1/src/App.tsx"), "sandbox");
        write(home.resolve("site/index.html"), "<div></div>");
        FileSet files = FolderScanner.scan(home, ScanRules.appFolders(Set.of(data)));
        assertThat(files.contents().keySet()).containsExactly("site/index.html");
    }

    @Test
    void anExcludedDatabaseFileElsewhereIsSkippedByItsPath() throws IOException {
        write(home.resolve("db/builder-desk.db-wal.json"), "{}");
        write(home.resolve("db/other.json"), "{}");
        ScanRules rules = ScanRules.appFolders(Set.of(home.resolve("db/builder-desk.db-wal.json")));
        FileSet files = FolderScanner.scan(home, rules);
        assertThat(files.contents().keySet()).containsExactly("db/other.json");
    }

    @Test
    void onlyFilesTheToolsCouldEditOutsideBlockedFoldersAreRead() throws IOException {
        write(home.resolve("src/App.tsx"), "app");
        write(home.resolve("package.json"), "{}");
        write(home.resolve(".eslintrc.json"), "{}");
        write(home.resolve(".gitignore"), "dist\n");
        write(home.resolve(".env"), "SECRET=1\n");
        write(home.resolve("Dockerfile"), "FROM x\n");
        write(home.resolve("tool.exe"), "MZ");
        write(home.resolve("node_modules/react/index.js"), "x");
        write(home.resolve(".git/config.json"), "{}");
        FileSet files = FolderScanner.scan(home, ScanRules.appFolders(Set.of()));
        assertThat(files.contents().keySet()).containsExactly(".eslintrc.json", "package.json", "src/App.tsx");
    }

    @Test
    void moreFilesThanTheBoundStopWithACodedMessage() throws IOException {
        for (int i = 0; i < 4; i++) {
            write(home.resolve("src/f" + i + ".ts"), "x");
        }
        write(home.resolve("notes"), "not counted: no extension the tools accept");
        ScanRules rules = ScanRules.appFolders(Set.of()).bounded(4, 1 << 20);
        assertThat(FolderScanner.scan(home, rules).size()).isEqualTo(4);
        write(home.resolve("src/f4.ts"), "x");
        assertThatThrownBy(() -> FolderScanner.scan(home, rules)).isInstanceOf(AppFolderException.class)
                .satisfies(e -> assertThat(((AppFolderException) e).kind())
                        .isEqualTo(AppFolderException.Kind.TOO_LARGE))
                .hasMessageContaining("more than 4 files").hasMessageContaining("Choose the app's own folder")
                .hasMessageNotContaining(home.toString());
    }

    @Test
    void moreBytesThanTheBoundStopBeforeAnyFileIsRead() throws IOException {
        write(home.resolve("src/App.tsx"), "x");
        Files.createDirectories(home.resolve("public"));
        try (RandomAccessFile huge = new RandomAccessFile(home.resolve("public/video.png").toFile(), "rw")) {
            // Sparse: a size without the bytes, so the test writes nothing large, and reading it would take long.
            huge.setLength(ScanRules.MAX_BYTES + 1);
        }
        assertThatThrownBy(() -> FolderScanner.scan(home, ScanRules.appFolders(Set.of())))
                .isInstanceOf(AppFolderException.class).hasMessageContaining("more than 64 MiB in files");
    }

    @Test
    void aFolderWithMoreEntriesToWalkThanTheBoundStopsEvenIfFewFilesCount() throws IOException {
        for (int i = 0; i < 50; i++) {
            write(home.resolve("pkg/x" + i + ".go"), "package x");
        }
        ScanRules rules = ScanRules.appFolders(Set.of()).bounded(2, 1 << 20);
        assertThatThrownBy(() -> FolderScanner.scan(home, rules)).isInstanceOf(AppFolderException.class)
                .hasMessageContaining("files and folders to look through");
    }
}
