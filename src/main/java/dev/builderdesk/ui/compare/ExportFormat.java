package dev.builderdesk.ui.compare;

import dev.builderdesk.compare.CompareExport;
import dev.builderdesk.compare.CompareTable;
import java.util.function.Function;

/** The formats a comparison exports to from the window (docs/compare.md): what the menu says, the file's ending. */
public enum ExportFormat {
    MARKDOWN("Markdown", "md", CompareExport::markdown),
    JSON("JSON", "json", CompareExport::json),
    CSV("CSV", "csv", CompareExport::csv);

    private final String title;
    private final String extension;
    private final Function<CompareTable, String> writer;

    ExportFormat(String title, String extension, Function<CompareTable, String> writer) {
        this.title = title;
        this.extension = extension;
        this.writer = writer;
    }

    public String title() {
        return title;
    }

    public String extension() {
        return extension;
    }

    /** The table in this format. */
    public String write(CompareTable table) {
        return writer.apply(table);
    }
}
