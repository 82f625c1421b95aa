package dev.builderdesk.ui.compare;

import dev.builderdesk.client.RunApiClient;
import dev.builderdesk.compare.CompareTable;
import dev.builderdesk.protocol.CompareGroup;
import dev.builderdesk.protocol.Verdict;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The rail's comparisons of the shown app, newest first: each row's prompt, models (the letters while blind) and
 * winner; a click reopens one.
 */
public final class ComparisonsViewModel {
    /** How many comparisons the rail lists. */
    static final int LIMIT = 50;

    /** One row: the comparison, and what the row says under its prompt. */
    public record Entry(CompareGroup group, String prompt, String summary) {
    }

    private final RunApiClient client;
    private final Executor ui;
    private final Executor io;
    private final Function<String, String> modelName;
    private final ObservableList<Entry> entries = FXCollections.observableArrayList();
    private Consumer<CompareGroup> open = g -> { };
    private String appId;
    private int generation;

    public ComparisonsViewModel(RunApiClient client, Executor ui, Executor io, Function<String, String> modelName) {
        this.client = client;
        this.ui = ui;
        this.io = io;
        this.modelName = modelName;
    }

    public ObservableList<Entry> entries() {
        return entries;
    }

    /** Told when the user picks a comparison to reopen. */
    public void onOpen(Consumer<CompareGroup> action) {
        this.open = action;
    }

    public void open(Entry entry) {
        open.accept(entry.group());
    }

    /** Lists the comparisons of {@code app} (none for null). */
    public CompletableFuture<Void> showApp(String app) {
        appId = app;
        return refresh();
    }

    public CompletableFuture<Void> refresh() {
        String app = appId;
        int at = ++generation;
        if (app == null) {
            entries.clear();
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.supplyAsync(() -> client.compareGroups(app, LIMIT), io)
                .handleAsync((groups, failure) -> {
                    if (at == generation && failure == null) {
                        entries.setAll(groups.stream().map(this::entry).toList());
                    }
                    return null;
                }, ui);
    }

    private Entry entry(CompareGroup g) {
        CompareTable table = CompareTable.of(g, modelName);
        List<String> titles = table.columns().stream().map(CompareTable.Column::title).toList();
        String models = g.blind() && g.verdict() == null ? titles.size() + " attempts · blind, no verdict yet"
                : String.join(", ", titles);
        return new Entry(g, oneLine(g.input()), models + winner(g, table));
    }

    private static String winner(CompareGroup g, CompareTable table) {
        Verdict v = g.verdict();
        if (v == null) {
            return "";
        }
        if (v.isTie()) {
            return " · tie";
        }
        if (v.allBad()) {
            return " · all bad";
        }
        return table.columns().stream().filter(c -> c.runId().equals(v.winnerRunId())).findFirst()
                .map(c -> " · winner " + c.title()).orElse("");
    }

    private static String oneLine(String text) {
        String line = text == null ? "" : text.strip().replaceAll("\\s+", " ");
        return line.length() > 80 ? line.substring(0, 79) + "…" : line;
    }
}
