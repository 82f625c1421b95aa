package dev.builderdesk.ui.picker;

import dev.builderdesk.protocol.Run;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;

/**
 * The model picker's state: every choice (Auto + the active chat models), the search text, the rows shown
 * (sections Auto, Favourites, Recent, then one per provider; a flat ranked list while searching), the highlighted
 * row for keyboard navigation (a row, since a model may be listed in several sections), the current selection, and
 * what an empty search result says ("No models match 'x'", with a way to Settings when the shell wired one).
 */
public final class ModelPickerViewModel {
    /** A row: a section header or a choice. */
    public sealed interface Row {
        /** A section title. */
        record Header(String title) implements Row {
        }

        /** A model (or Auto). */
        record Choice(ModelChoice choice) implements Row {
        }
    }

    private static final int MAX_RECENT = 5;
    private final List<ModelChoice> models = new ArrayList<>();
    private final ObservableSet<String> favourites = FXCollections.observableSet(new LinkedHashSet<>());
    private final ObservableSet<String> favouritesView = FXCollections.unmodifiableObservableSet(favourites);
    private final List<String> recent = new ArrayList<>();
    private final StringProperty query = new SimpleStringProperty("");
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ObjectProperty<ModelChoice> selected = new SimpleObjectProperty<>(ModelChoice.AUTO);
    private final ReadOnlyIntegerWrapper highlightedIndex = new ReadOnlyIntegerWrapper(-1);
    private final ReadOnlyObjectWrapper<ModelChoice> highlighted = new ReadOnlyObjectWrapper<>();
    private Runnable remembered = () -> { };
    private Runnable settingsAction;
    private final ReadOnlyBooleanWrapper settingsAvailable = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper autoHint = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper emptyMessage = new ReadOnlyStringWrapper("");
    private final BooleanBinding selectedUnavailable;
    private final ReadOnlyBooleanWrapper open = new ReadOnlyBooleanWrapper();

    public ModelPickerViewModel() {
        selectedUnavailable = Bindings.createBooleanBinding(() -> !selected.get().isAuto()
                && models.stream().noneMatch(m -> m.id().equals(selected.get().id())), selected, rows);
        query.addListener((obs, old, now) -> rebuild());
        // The rows show which choice is current (✓), so they follow the selection, whoever sets it.
        selected.addListener((obs, old, now) -> rebuild());
        rebuild();
    }

    public StringProperty queryProperty() {
        return query;
    }

    public ObservableList<Row> rows() {
        return rows;
    }

    public ObjectProperty<ModelChoice> selectedProperty() {
        return selected;
    }

    /** The choice of the highlighted row (Enter chooses it); null when no row is shown. */
    public ReadOnlyObjectProperty<ModelChoice> highlightedProperty() {
        return highlighted.getReadOnlyProperty();
    }

    /** The index in {@link #rows()} of the highlighted row (never a header); -1 when no row is shown. */
    public ReadOnlyIntegerProperty highlightedIndexProperty() {
        return highlightedIndex.getReadOnlyProperty();
    }

    /** What the list says when the search matches nothing ("No models match 'x'"); empty otherwise. */
    public ReadOnlyStringProperty emptyMessageProperty() {
        return emptyMessage.getReadOnlyProperty();
    }

    /**
     * What the empty result's "Settings" action does: the shell opens Settings at its models page. Until this is
     * called the action is not offered ({@link #settingsAvailableProperty()}).
     */
    public void onOpenSettings(Runnable action) {
        this.settingsAction = action;
        settingsAvailable.set(action != null);
    }

    /** Whether a way to Settings is wired (the empty result offers it only then). */
    public ReadOnlyBooleanProperty settingsAvailableProperty() {
        return settingsAvailable.getReadOnlyProperty();
    }

    /** The empty result's action: closes the picker and opens Settings (see {@link #onOpenSettings}). */
    public void openSettings() {
        close();
        if (settingsAction != null) {
            settingsAction.run();
        }
    }

    /** What the Auto row says it will use ("uses Model A (default)"), empty when nothing is known. */
    public ReadOnlyStringProperty autoHintProperty() {
        return autoHint.getReadOnlyProperty();
    }

    /** Names the model Auto resolves to now (null: none is active). */
    public void setAutoTarget(String modelName) {
        autoHint.set(modelName == null ? "no active chat model" : "uses " + modelName);
    }

    /** Replaces the models (Auto is always first). A selection that is no longer listed stays as it was. */
    public void setModels(List<ModelChoice> active) {
        models.clear();
        models.addAll(active);
        rebuild();
    }

    /** The active chat models, without Auto (a comparison picks its attempts from them). */
    public List<ModelChoice> models() {
        return List.copyOf(models);
    }

    public void toggleFavourite(ModelChoice choice) {
        if (!choice.isAuto()) {
            toggleFavourite(choice.id());
        }
    }

    /** Stars or unstars a model by id (the picker's ☆, or Settings). */
    public void toggleFavourite(String id) {
        if (!favourites.remove(id)) {
            favourites.add(id);
        }
        rebuild();
        remembered.run();
    }

    /** The starred model ids, live (Settings shows the same stars). */
    public ObservableSet<String> favourites() {
        return favouritesView;
    }

    public boolean isFavourite(String id) {
        return favourites.contains(id);
    }

    public List<String> favouriteIds() {
        return List.copyOf(favourites);
    }

    public List<String> recentIds() {
        return List.copyOf(recent);
    }

    /** Puts back the favourites and recents saved at the last launch. */
    public void restore(List<String> favouriteIds, List<String> recentIds) {
        favourites.clear();
        favourites.addAll(favouriteIds);
        recent.clear();
        recent.addAll(recentIds.subList(0, Math.min(MAX_RECENT, recentIds.size())));
        rebuild();
    }

    /** Told whenever favourites or recents change (so they are saved). */
    public void onFavouritesOrRecentChanged(Runnable action) {
        this.remembered = action;
    }

    /** The listed choice with this id; Auto for null; an unavailable placeholder for an id no longer listed. */
    public ModelChoice choiceFor(String id) {
        return choiceFor(id, null);
    }

    /**
     * The choice a run asked for: Auto when it asked for none, the listed model, or — when that model is no longer
     * active — a placeholder keeping the id (and the name the run knew), so a reopened thread or a retry never
     * silently switches to another model: sending says MODEL_UNAVAILABLE and the user chooses.
     */
    public ModelChoice choiceAskedBy(Run run) {
        return choiceFor(run.requestedModelId(), run.requestedModelId() != null
                && run.requestedModelId().equals(run.resolvedModelId()) ? run.resolvedModelName() : null);
    }

    private ModelChoice choiceFor(String id, String knownName) {
        if (id == null) {
            return ModelChoice.AUTO;
        }
        return models.stream().filter(m -> id.equals(m.id())).findFirst()
                .orElse(new ModelChoice(id, (knownName == null ? "Model" : knownName) + " (unavailable)", "", "",
                        null, true));
    }

    /** Whether the selection is a model that is no longer offered (the button is dimmed); follows reloads. */
    public BooleanBinding selectedUnavailableProperty() {
        return selectedUnavailable;
    }

    /** Chooses a model: it becomes the selection and the most recent. */
    public void choose(ModelChoice choice) {
        if (!choice.isAuto()) {
            recent.remove(choice.id());
            recent.add(0, choice.id());
            if (recent.size() > MAX_RECENT) {
                recent.remove(MAX_RECENT);
            }
        }
        query.set("");
        if (choice.equals(selected.get())) {
            rebuild();
        } else {
            selected.set(choice);
        }
        open.set(false);
        remembered.run();
    }

    /** Moves the highlight by {@code delta} rows (arrow keys), skipping headers, wrapping at either end. */
    public void move(int delta) {
        if (rows.stream().noneMatch(r -> r instanceof Row.Choice)) {
            return;
        }
        int at = highlightedIndex.get();
        int step = delta < 0 ? -1 : 1;
        for (int k = 0; k < Math.abs(delta); k++) {
            do {
                at = Math.floorMod(at + step, rows.size());
            } while (!(rows.get(at) instanceof Row.Choice));
        }
        highlight(at);
    }

    /** Whether the picker is open. */
    public ReadOnlyBooleanProperty openProperty() {
        return open.getReadOnlyProperty();
    }

    /** Opens the picker (click or Ctrl+/): an empty search, the highlight on the current selection. */
    public void open() {
        query.set("");
        highlight(firstIndexOf(selected.get()));
        open.set(true);
    }

    public void close() {
        open.set(false);
    }

    /** Enter: chooses the highlighted choice. */
    public void chooseHighlighted() {
        if (highlighted.get() != null) {
            choose(highlighted.get());
        }
    }

    /** Cycles the selection through the favourites (Ctrl+Shift+/). */
    public void cycleFavourite() {
        List<ModelChoice> favs = models.stream().filter(m -> favourites.contains(m.id())).toList();
        if (favs.isEmpty()) {
            return;
        }
        int at = favs.indexOf(selected.get());
        choose(favs.get((at + 1) % favs.size()));
    }

    private void rebuild() {
        List<Row> next = new ArrayList<>();
        String q = query.get();
        if (q != null && !q.isBlank()) {
            List<ModelChoice> all = new ArrayList<>();
            all.add(ModelChoice.AUTO);
            all.addAll(models);
            ModelMatcher.filter(all, q).forEach(c -> next.add(new Row.Choice(c)));
        } else {
            next.add(new Row.Header("Auto"));
            next.add(new Row.Choice(ModelChoice.AUTO));
            section(next, "Favourites", models.stream().filter(m -> favourites.contains(m.id())).toList());
            List<ModelChoice> recents = new ArrayList<>();
            for (String id : recent) {
                models.stream().filter(m -> m.id().equals(id)).findFirst().ifPresent(recents::add);
            }
            section(next, "Recent", recents);
            Map<String, List<ModelChoice>> byProvider = new LinkedHashMap<>();
            for (ModelChoice m : models) {
                byProvider.computeIfAbsent(m.provider().isBlank() ? "Models" : m.provider(), p -> new ArrayList<>())
                        .add(m);
            }
            byProvider.forEach((provider, list) -> section(next, provider, list));
        }
        ModelChoice before = highlighted.get();
        int beforeIndex = highlightedIndex.get();
        rows.setAll(next);
        boolean searching = q != null && !q.isBlank();
        emptyMessage.set(searching && next.isEmpty() ? "No models match '" + q.strip() + "'" : "");
        if (searching) {
            // While typing, Enter takes the best match.
            highlight(firstIndexOf(null));
        } else if (before != null && beforeIndex >= 0 && beforeIndex < next.size()
                && next.get(beforeIndex) instanceof Row.Choice c && c.choice().equals(before)) {
            highlight(beforeIndex);
        } else {
            highlight(firstIndexOf(before));
        }
    }

    /** The first row showing {@code choice}; else the first choice row (also for null); -1 when there is none. */
    private int firstIndexOf(ModelChoice choice) {
        int first = -1;
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i) instanceof Row.Choice c) {
                if (c.choice().equals(choice)) {
                    return i;
                }
                if (first < 0) {
                    first = i;
                }
            }
        }
        return first;
    }

    private void highlight(int index) {
        highlighted.set(index < 0 ? null : ((Row.Choice) rows.get(index)).choice());
        highlightedIndex.set(index);
    }

    private static void section(List<Row> rows, String title, List<ModelChoice> choices) {
        if (!choices.isEmpty()) {
            rows.add(new Row.Header(title));
            choices.forEach(c -> rows.add(new Row.Choice(c)));
        }
    }
}
