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
                .isInstanceOf(IOException.class).hasMessageContaining("escapes");
        try (var walk = Files.list(elsewhere)) {
            assertThat(walk).isEmpty();
        }
    }
}
