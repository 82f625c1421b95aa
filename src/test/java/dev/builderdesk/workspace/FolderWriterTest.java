package dev.builderdesk.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderWriterTest {
    @TempDir
    Path root;

    private static FileSet files(String... pathsAndContents) {
        Map<String, byte[]> m = new java.util.HashMap<>();
        for (int i = 0; i < pathsAndContents.length; i += 2) {
            m.put(pathsAndContents[i], pathsAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return FileSet.of(m);
    }

    @Test
    void writesChangesDeletesRemovedFilesAndLeavesNoTemporaryFile() throws IOException {
        FileSet before = files("a.txt", "1", "src/b.ts", "2", "src/gone/c.ts", "3");
        FolderWriter.apply(root, FileSet.empty(), before);
        FileSet after = files("a.txt", "1", "src/b.ts", "two", "d.md", "4");
        FolderWriter.apply(root, before, after);
        assertThat(FolderScanner.scan(root).treeHash()).isEqualTo(after.treeHash());
        assertThat(root.resolve("src/gone")).doesNotExist();
        try (var walk = Files.walk(root)) {
            assertThat(walk.map(Path::toString)).noneMatch(p -> p.endsWith(".bd-tmp"));
        }
    }

    @Test
    void theNextWriteRemovesTemporaryFilesACrashLeftButNotTheUsersLookalikes() throws IOException {
        FileSet before = files("src/a.ts", "a0");
        FolderWriter.apply(root, FileSet.empty(), before);
        Files.writeString(root.resolve("src/a.ts.24116453151640.bd-tmp"), "a1");
        Files.writeString(root.resolve("notes.bd-tmp"), "the user's own file");
        Files.createDirectories(root.resolve("node_modules/x"));
        Files.writeString(root.resolve("node_modules/x/i.js.24116453151641.bd-tmp"), "not ours to touch");
        Files.writeString(root.resolve("backup.2024.bd-tmp"), "the user's, with a short number");
        FolderWriter.apply(root, before, files("src/a.ts", "a1"));
        assertThat(root.resolve("src/a.ts")).hasContent("a1");
        assertThat(root.resolve("src/a.ts.24116453151640.bd-tmp")).doesNotExist();
        assertThat(root.resolve("notes.bd-tmp")).hasContent("the user's own file");
        assertThat(root.resolve("node_modules/x/i.js.24116453151641.bd-tmp")).exists();
        assertThat(root.resolve("backup.2024.bd-tmp")).exists();
    }

    @Test
    void scanningSkipsBlockedFoldersAndLinks() throws IOException {
        Files.createDirectories(root.resolve("node_modules/x"));
        Files.writeString(root.resolve("node_modules/x/i.js"), "x");
        Files.writeString(root.resolve("keep.ts"), "k");
        Path outside = Files.createTempFile("outside", ".txt");
        Files.createSymbolicLink(root.resolve("link.txt"), outside);
        assertThat(FolderScanner.scan(root).contents().keySet()).containsExactly("keep.ts");
        Files.delete(outside);
    }

    @Test
    void refusesToWriteOutsideTheRootThroughALink(@TempDir Path elsewhere) throws IOException {
        Files.createSymbolicLink(root.resolve("src"), elsewhere);
        assertThatThrownBy(() -> FolderWriter.apply(root, FileSet.empty(), files("src/evil.ts", "x")))
                .isInstanceOf(AppFolderException.class).hasMessageContaining("escapes")
                .hasMessageNotContaining(root.toString());
        try (var walk = Files.list(elsewhere)) {
            assertThat(walk).isEmpty();
        }
    }

    @Test
    void aFileWhereAFolderMustGoFailsCodedAndChangesNothing() throws IOException {
        FileSet before = files("src/App.tsx", "v0", "src/old.ts", "old");
        FolderWriter.apply(root, FileSet.empty(), before);
        Files.writeString(root.resolve("src/widgets"), "a file, not a folder");
        FileSet after = files("src/App.tsx", "v1", "src/widgets/Card.tsx", "card", "src/z.ts", "new");
        assertThatThrownBy(() -> FolderWriter.apply(root, before, after)).isInstanceOf(AppFolderException.class)
                .hasMessage("Cannot write src/widgets/Card.tsx: src/widgets is a file where a folder is needed."
                        + " Nothing in the app folder was changed.")
                .satisfies(e -> assertThat(((AppFolderException) e).code()).isEqualTo("APP_FOLDER_WRITE_FAILED"));
        assertThat(FolderScanner.scan(root).treeHash()).isEqualTo(before.treeHash());
        assertNoTemporaryFile();
    }

    @Test
    void aPathThroughAFolderLinkInsideTheFolderIsRefusedBeforeAnythingIsWritten() throws IOException {
        FileSet before = files("src/App.tsx", "v0");
        FolderWriter.apply(root, FileSet.empty(), before);
        Files.createSymbolicLink(root.resolve("lib"), root.resolve("src"));
        FileSet after = files("src/App.tsx", "v1", "lib/util.ts", "util");
        assertThatThrownBy(() -> FolderWriter.apply(root, before, after)).isInstanceOf(AppFolderException.class)
                .hasMessageContaining("Cannot write lib/util.ts: lib is a folder link")
                .hasMessageNotContaining(root.toString());
        assertThat(Files.readString(root.resolve("src/App.tsx"))).isEqualTo("v0");
        assertThat(root.resolve("src/util.ts")).doesNotExist();
        assertNoTemporaryFile();
    }

    @Test
    void aMoveThatFailsHalfWayPutsBackTheFilesAlreadyReplaced() throws IOException {
        FileSet before = files("a.ts", "a0", "c.ts", "c0");
        FolderWriter.apply(root, FileSet.empty(), before);
        // A folder named like a target file: its temporary file is written, but the rename onto it fails.
        Files.createDirectories(root.resolve("b.ts/inside"));
        FileSet after = files("a.ts", "a1", "b.ts", "b1");
        assertThatThrownBy(() -> FolderWriter.apply(root, before, after)).isInstanceOf(AppFolderException.class)
                .hasMessageStartingWith("Cannot write b.ts: ").hasMessageEndingWith("Nothing in the app folder"
                        + " was changed.");
        assertThat(Files.readString(root.resolve("a.ts"))).isEqualTo("a0");
        assertThat(Files.readString(root.resolve("c.ts"))).isEqualTo("c0");
        assertNoTemporaryFile();
    }

    private void assertNoTemporaryFile() throws IOException {
        try (var walk = Files.walk(root)) {
            assertThat(walk.map(Path::toString)).noneMatch(p -> p.endsWith(".bd-tmp"));
        }
    }
}
