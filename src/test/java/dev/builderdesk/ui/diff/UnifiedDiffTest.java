package dev.builderdesk.ui.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.builderdesk.protocol.FileDiff;
import dev.builderdesk.protocol.Json;
import dev.builderdesk.ui.code.Span;
import dev.builderdesk.ui.diff.UnifiedDiff.Kind;
import dev.builderdesk.ui.diff.UnifiedDiff.Line;
import dev.builderdesk.workspace.FileSet;
import dev.builderdesk.workspace.RevisionDiffs;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parsing what the server's revision diffs and the patch tool's inputs look like, and laying hunks side by side. */
class UnifiedDiffTest {
    private static final String APP_BEFORE = """
            import { useState } from 'react'
            import './App.css'

            export default function App() {
              const [count, setCount] = useState(0)

              return (
                <main className="app">
                  <h1>Hello from your new app</h1>
                  <p>Ask the coding agent to change anything here.</p>
                  <button onClick={() => setCount((c) => c + 1)}>Clicked {count} times</button>
                </main>
              )
            }
            """;
    private static final String APP_AFTER = APP_BEFORE
            .replace("<h1>Hello from your new app</h1>", "<h1 className=\"title\">Hello, blue world</h1>")
            .replace("  const [count, setCount] = useState(0)\n", "  const [count, setCount] = useState(0)\n"
                    + "  const [name] = useState('you')\n");

    private static FileSet files(Map<String, String> text) {
        Map<String, byte[]> bytes = new LinkedHashMap<>();
        text.forEach((k, v) -> bytes.put(k, v.getBytes(StandardCharsets.UTF_8)));
        return FileSet.of(bytes);
    }

    private static List<FileDiff> serverDiff() {
        return RevisionDiffs.diff(
                files(Map.of("src/App.tsx", APP_BEFORE, "old.md", "gone\nfor good\n", "same.css", "a {}\n")),
                files(Map.of("src/App.tsx", APP_AFTER, "NOTES.md", "# Notes\n\nhi\n", "moved.css", "a {}\n")));
    }

    @Test
    void readsTheServersModifiedFileWithNumbersOnBothSides() {
        FileDiff app = serverDiff().stream().filter(f -> f.path().equals("src/App.tsx")).findFirst().orElseThrow();
        UnifiedDiff.File file = UnifiedDiff.parseFile(app.path(), app.unifiedDiff());

        assertThat(file.oldPath()).isEqualTo("src/App.tsx");
        assertThat(file.newPath()).isEqualTo("src/App.tsx");
        assertThat(file.change()).isEqualTo(UnifiedDiff.Change.MODIFIED);
        assertThat(file.linesAdded()).isEqualTo(app.linesAdded()).isEqualTo(2);
        assertThat(file.linesRemoved()).isEqualTo(app.linesRemoved()).isEqualTo(1);
        assertThat(file.hunks()).hasSize(1);
        UnifiedDiff.Hunk hunk = file.hunks().get(0);
        assertThat(hunk.header()).isEqualTo("@@ -3,10 +3,11 @@");
        List<String> before = ToolDiffs.lines(APP_BEFORE);
        List<String> after = ToolDiffs.lines(APP_AFTER);
        for (Line l : hunk.lines()) {
            if (l.kind() != Kind.ADDED) {
                assertThat(before.get(l.oldLine() - 1)).isEqualTo(l.text());
            }
            if (l.kind() != Kind.REMOVED) {
                assertThat(after.get(l.newLine() - 1)).isEqualTo(l.text());
            }
        }
        assertThat(hunk.lines()).filteredOn(l -> l.kind() == Kind.ADDED).extracting(Line::newLine, Line::text)
                .containsExactly(tuple(6, "  const [name] = useState('you')"),
                        tuple(10, "      <h1 className=\"title\">Hello, blue world</h1>"));
        assertThat(hunk.lines()).filteredOn(l -> l.kind() == Kind.REMOVED).extracting(Line::oldLine, Line::newLine)
                .containsExactly(tuple(9, 0));
        // The text of the lines, prefixed again, is the hunk's body as the server wrote it.
        List<String> body = ToolDiffs.lines(app.unifiedDiff()).subList(3, ToolDiffs.lines(app.unifiedDiff()).size());
        assertThat(hunk.lines()).extracting(Line::prefixed).containsExactlyElementsOf(body);
    }

    @Test
    void readsTheServersAddedDeletedAndRenamedFiles() {
        Map<String, FileDiff> byPath = new LinkedHashMap<>();
        serverDiff().forEach(f -> byPath.put(f.path(), f));

        UnifiedDiff.File added = UnifiedDiff.parseFile("NOTES.md", byPath.get("NOTES.md").unifiedDiff());
        assertThat(added.oldPath()).isNull();
        assertThat(added.change()).isEqualTo(UnifiedDiff.Change.ADDED);
        assertThat(added.hunks().get(0).lines()).extracting(Line::kind, Line::oldLine, Line::newLine, Line::text)
                .containsExactly(tuple(Kind.ADDED, 0, 1, "# Notes"),
                        tuple(Kind.ADDED, 0, 2, ""),
                        tuple(Kind.ADDED, 0, 3, "hi"));

        UnifiedDiff.File deleted = UnifiedDiff.parseFile("old.md", byPath.get("old.md").unifiedDiff());
        assertThat(deleted.newPath()).isNull();
        assertThat(deleted.change()).isEqualTo(UnifiedDiff.Change.DELETED);
        assertThat(deleted.hunks().get(0).lines()).extracting(Line::oldLine, Line::text)
                .containsExactly(tuple(1, "gone"),
                        tuple(2, "for good"));

        FileDiff renamed = byPath.get("moved.css");
        assertThat(renamed.change()).isEqualTo("renamed");
        DiffFile moved = DiffFile.of(renamed);
        assertThat(moved.change()).isEqualTo(UnifiedDiff.Change.RENAMED);
        assertThat(moved.oldPath()).isEqualTo("same.css");
        assertThat(DiffRows.of(List.of(moved), false)).extracting(r -> r.getClass().getSimpleName())
                .containsExactly("FileHeader", "Note");
        assertThat(((DiffRow.Note) DiffRows.of(List.of(moved), false).get(1)).text())
                .isEqualTo("Renamed from same.css without changes");
    }

    @Test
    void readsSeveralFilesOfOneGitStyleTextWithNoNewlineMarkers() {
        String text = """
                diff --git a/src/a.ts b/src/a.ts
                index 83db48f..bf269f4 100644
                --- a/src/a.ts
                +++ b/src/a.ts
                @@ -1,3 +1,3 @@ export function a() {
                 const x = 1
                -const y = 2
                +const y = 3
                 export { x }
                \\ No newline at end of file
                diff --git a/b.css b/b.css
                new file mode 100644
                --- /dev/null
                +++ b/b.css
                @@ -0,0 +1 @@
                +a { color: red }
                \\ No newline at end of file
                diff --git a/c.md b/c.md
                deleted file mode 100644
                --- a/c.md
                +++ /dev/null
                @@ -1,2 +0,0 @@
                --- a heading rule
                -+++ not a header
                """;
        List<UnifiedDiff.File> files = UnifiedDiff.parse(text).files();

        assertThat(files).extracting(UnifiedDiff.File::path, UnifiedDiff.File::change).containsExactly(
                tuple("src/a.ts", UnifiedDiff.Change.MODIFIED),
                tuple("b.css", UnifiedDiff.Change.ADDED),
                tuple("c.md", UnifiedDiff.Change.DELETED));
        UnifiedDiff.Hunk a = files.get(0).hunks().get(0);
        assertThat(a.header()).isEqualTo("@@ -1,3 +1,3 @@ export function a() {");
        assertThat(a.lines()).extracting(Line::kind, Line::oldLine, Line::newLine, Line::noNewlineAtEnd)
                .containsExactly(tuple(Kind.CONTEXT, 1, 1, false),
                        tuple(Kind.REMOVED, 2, 0, false),
                        tuple(Kind.ADDED, 0, 2, false),
                        tuple(Kind.CONTEXT, 3, 3, true));
        assertThat(files.get(1).hunks().get(0).lines()).singleElement()
                .satisfies(l -> assertThat(l.noNewlineAtEnd()).isTrue())
                .satisfies(l -> assertThat(l.newLine()).isEqualTo(1));
        // Removed lines that look like file headers stay lines of the hunk.
        assertThat(files.get(2).hunks().get(0).lines()).extracting(Line::kind, Line::text).containsExactly(
                tuple(Kind.REMOVED, "-- a heading rule"),
                tuple(Kind.REMOVED, "+++ not a header"));
    }

    @Test
    void aBareHunkWithoutHeadersTakesThePathItIsGiven() {
        String text = "@@ -10,2 +10,3 @@\n a\n+b\n c\n";
        UnifiedDiff.File file = UnifiedDiff.parseFile("src/x.ts", text);

        assertThat(file.path()).isEqualTo("src/x.ts");
        assertThat(file.change()).isEqualTo(UnifiedDiff.Change.MODIFIED);
        assertThat(file.hunks().get(0).lines()).extracting(Line::oldLine, Line::newLine)
                .containsExactly(tuple(10, 10), tuple(0, 11),
                        tuple(11, 12));
        assertThat(UnifiedDiff.parse(text).files()).singleElement()
                .satisfies(f -> assertThat(f.path()).isEmpty());
    }

    @Test
    void aHunkShorterThanItsHeaderEndsAtTheNextHeaderAndBlankTextHasNoFiles() {
        String text = "--- a/x\n+++ b/x\n@@ -1,5 +1,5 @@\n-a\n+b\n@@ -20,1 +20,1 @@\n-c\n+d\n";
        List<UnifiedDiff.Hunk> hunks = UnifiedDiff.parse(text).files().get(0).hunks();

        assertThat(hunks).hasSize(2);
        assertThat(hunks.get(0).lines()).hasSize(2);
        assertThat(hunks.get(1).lines()).extracting(Line::oldLine, Line::newLine)
                .containsExactly(tuple(20, 0), tuple(0, 20));
        assertThat(UnifiedDiff.parse("").files()).isEmpty();
        assertThat(UnifiedDiff.parse(null).files()).isEmpty();
        assertThat(UnifiedDiff.parseFile("logo.png", "Binary files differ\n").binary()).isTrue();
    }

    @Test
    void readsTheBeginPatchFormatOfThePatchTool() {
        String patch = """
                *** Begin Patch
                *** Add File: NOTES.md
                +# Notes
                +
                +hi
                *** Update File: src/App.tsx
                *** Move to: src/Main.tsx
                @@ export default function App() {
                -      <h1>Hello</h1>
                +      <h1>Hi</h1>
                       <p>text</p>
                *** Delete File: old.css
                *** End Patch
                """;
        List<UnifiedDiff.File> files = UnifiedDiff.parse(patch).files();

        assertThat(files).extracting(UnifiedDiff.File::path, UnifiedDiff.File::change).containsExactly(
                tuple("NOTES.md", UnifiedDiff.Change.ADDED),
                tuple("src/Main.tsx", UnifiedDiff.Change.RENAMED),
                tuple("old.css", UnifiedDiff.Change.DELETED));
        assertThat(files.get(0).hunks().get(0).lines()).extracting(Line::newLine).containsExactly(1, 2, 3);
        UnifiedDiff.Hunk update = files.get(1).hunks().get(0);
        assertThat(update.header()).isEqualTo("@@ export default function App() {");
        assertThat(update.lines()).extracting(Line::kind, Line::oldLine, Line::newLine).containsExactly(
                tuple(Kind.REMOVED, 0, 0),
                tuple(Kind.ADDED, 0, 0),
                tuple(Kind.CONTEXT, 0, 0));
        assertThat(files.get(2).hunks()).isEmpty();
    }

    @Test
    void sideBySidePairsRemovedWithAddedLinesAndPadsTheShorterSide() {
        String text = "@@ -1,6 +1,5 @@\n a\n-b1\n-b2\n-b3\n+B1\n c\n+C1\n+C2\n-d\n";
        UnifiedDiff.Hunk hunk = UnifiedDiff.parse(text).files().get(0).hunks().get(0);

        List<UnifiedDiff.Row> rows = UnifiedDiff.sideBySide(hunk);

        assertThat(rows).extracting(r -> r.left() == null ? null : r.left().text(),
                r -> r.right() == null ? null : r.right().text()).containsExactly(
                tuple("a", "a"),
                tuple("b1", "B1"),
                tuple("b2", null),
                tuple("b3", null),
                tuple("c", "c"),
                tuple("d", "C1"),
                tuple(null, "C2"));
        assertThat(rows.get(5).left().oldLine()).isEqualTo(6);
        assertThat(rows.get(6).right().newLine()).isEqualTo(5);
        // Every line of the hunk appears exactly once per side it belongs to.
        assertThat(rows.stream().filter(r -> r.left() != null).count()).isEqualTo(6);
        assertThat(rows.stream().filter(r -> r.right() != null).count()).isEqualTo(5);
    }

    @Test
    void aWriteFileCallIsDiffedAgainstTheOldContentOrShownWhollyAdded() {
        UnifiedDiff.File known = ToolDiffs.writeFile("src/App.tsx", APP_BEFORE, APP_AFTER);
        assertThat(known.change()).isEqualTo(UnifiedDiff.Change.MODIFIED);
        assertThat(known.linesAdded()).isEqualTo(2);
        assertThat(known.linesRemoved()).isEqualTo(1);

        UnifiedDiff.File unknown = ToolDiffs.writeFile("src/App.tsx", null, APP_AFTER);
        assertThat(unknown.change()).isEqualTo(UnifiedDiff.Change.ADDED);
        assertThat(unknown.linesAdded()).isEqualTo(ToolDiffs.lines(APP_AFTER).size());
        assertThat(unknown.linesRemoved()).isZero();

        assertThat(ToolDiffs.unified("a.txt", "same\n", "same\n")).isEmpty();
        assertThat(ToolDiffs.writeFile("a.txt", "same\n", "same\n").hunks()).isEmpty();
    }

    @Test
    void toolCallInputsGiveTheirDiffs() throws Exception {
        var json = Json.mapper();
        var write = json.readTree("{\"args\":{\"file_path\":\"a.ts\",\"contents\":\"x\\ny\\n\"}}");
        assertThat(ToolDiffs.ofToolCall("coding_agent_write_file", write, "x\n").orElseThrow().files())
                .singleElement().satisfies(f -> {
                    assertThat(f.path()).isEqualTo("a.ts");
                    assertThat(f.linesAdded()).isEqualTo(1);
                });
        var patch = json.readTree("{\"diff\":\"--- a/b.ts\\n+++ b/b.ts\\n@@ -1 +1 @@\\n-a\\n+b\\n\"}");
        assertThat(ToolDiffs.ofToolCall("coding_agent_apply_patch", patch, null).orElseThrow().files())
                .singleElement().satisfies(f -> assertThat(f.path()).isEqualTo("b.ts"));
        assertThat(ToolDiffs.ofToolCall("coding_agent_read_file", patch, null)).isEmpty();
        assertThat(ToolDiffs.ofToolCall("coding_agent_apply_patch", json.readTree("{\"file\":\"x\"}"), null))
                .isEmpty();
    }

    @Test
    void spansAcrossLinesAreCutPerLine() {
        List<List<Span>> perLine = SpanLines.split(List.of("ab /* c", "d */ e", "f"),
                List.of(new Span(0, 2, "code-keyword"),
                        new Span(3, 12, "code-comment")));

        assertThat(perLine.get(0)).containsExactly(new Span(0, 2, "code-keyword"),
                new Span(3, 7, "code-comment"));
        assertThat(perLine.get(1)).containsExactly(new Span(0, 4, "code-comment"));
        assertThat(perLine.get(2)).isEmpty();
    }
}
