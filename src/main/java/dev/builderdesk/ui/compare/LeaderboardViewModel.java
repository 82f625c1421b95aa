package dev.builderdesk.ui.compare;

import dev.builderdesk.client.RunApiClient;
import dev.builderdesk.compare.Leaderboard;
import dev.builderdesk.protocol.App;
import dev.builderdesk.protocol.CompareGroup;
import dev.builderdesk.ui.fx.Failures;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The user's own leaderboard: every saved verdict of the server's apps (this data folder, on the embedded server),
 * per model — wins, losses, ties, ratings, durations, tokens, failure and verify rates, and a Bradley–Terry strength
 * once a model has enough verdicts ({@link Leaderboard}). The app filter narrows it to one app (null: all apps).
 */
public final class LeaderboardViewModel {
    /** How many comparisons of each app are read (newest first). */
    static final int PER_APP = 100;

    private final RunApiClient client;
    private final Executor ui;
    private final Executor io;
    private final Function<String, String> modelName;
    private final ObservableList<App> apps = FXCollections.observableArrayList();
    private final ObjectProperty<App> filter = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<Leaderboard> board = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private Map<String, List<CompareGroup>> groupsByApp = Map.of();

    public LeaderboardViewModel(RunApiClient client, Executor ui, Executor io, Function<String, String> modelName) {
        this.client = client;
        this.ui = ui;
        this.io = io;
        this.modelName = modelName;
        filter.subscribe(app -> rebuild());
    }

    /** The apps to filter by. */
    public ObservableList<App> apps() {
        return apps;
    }

    /** The app the board is narrowed to; null for every app. */
    public ObjectProperty<App> filterProperty() {
        return filter;
    }

    public ReadOnlyObjectProperty<Leaderboard> boardProperty() {
        return board.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Reads every app's comparisons again and rebuilds the board. */
    public CompletableFuture<Void> load() {
        return CompletableFuture.supplyAsync(() -> {
            Map<String, List<CompareGroup>> read = new LinkedHashMap<>();
            List<App> listed = client.listApps();
            for (App app : listed) {
                read.put(app.id(), client.compareGroups(app.id(), PER_APP));
            }
            return Map.entry(listed, read);
        }, io).handleAsync((loaded, failure) -> {
            if (failure != null) {
                message.set("The leaderboard could not be read: " + Failures.message(failure));
                return null;
            }
            message.set("");
            groupsByApp = loaded.getValue();
            App kept = filter.get();
            apps.setAll(loaded.getKey());
            filter.set(kept == null ? null : apps.stream().filter(a -> a.id().equals(kept.id())).findFirst()
                    .orElse(null));
            rebuild();
            return null;
        }, ui);
    }

    private void rebuild() {
        List<CompareGroup> groups = new ArrayList<>();
        App only = filter.get();
        groupsByApp.forEach((app, list) -> {
            if (only == null || only.id().equals(app)) {
                groups.addAll(list);
            }
        });
        board.set(Leaderboard.of(groups, modelName));
    }
}
