package dev.builderdesk.ui.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The file tree rows: folders first at each level, indented by depth, each file with its change mark. */
class FileTreeTest {
    static List<String> render(List<FileTree.Row> rows) {
        return rows.stream().map(r -> "  ".repeat(r.depth()) + r.name() + (r.change().isEmpty() ? "" : " "
                + r.change())).toList();
    }

    @Test
    void foldersComeFirstAndFilesAreIndentedUnderThem() {
        List<FileTree.Row> rows = FileTree.rows(List.of("package.json", "src/main.tsx", "src/App.tsx",
                "src/components/Hero.tsx", "index.html"), Map.of());
        assertThat(render(rows)).containsExactly("src/", "  components/", "    Hero.tsx", "  App.tsx",
                "  main.tsx", "index.html", "package.json");
        assertThat(rows.get(0).folder()).isTrue();
        assertThat(rows.get(2).path()).isEqualTo("src/components/Hero.tsx");
    }

    @Test
    void changedFilesAreMarkedAndDeletedOnesStayListed() {
        List<FileTree.Row> rows = FileTree.rows(List.of("NOTES.md", "src/App.tsx"),
                Map.of("NOTES.md", "A", "src/App.tsx", "M", "src/Old.tsx", "D"));
        assertThat(render(rows)).containsExactly("src/", "  App.tsx M", "  Old.tsx D", "NOTES.md A");
    }
}
