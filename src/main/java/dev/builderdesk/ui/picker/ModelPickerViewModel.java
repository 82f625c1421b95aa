package dev.builderdesk.ui.picker;

import dev.builderdesk.protocol.Run;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The model picker's state: every choice (Auto + the active chat models), the search text, the rows shown
 * (sections Auto, Favourites, Recent, then one per provider; a flat ranked list while searching), the highlighted
 * row for keyboard navigation, and the current selection.
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
    private final Set<String> favourites = new LinkedHashSet<>();
    private final List<String> recent = new ArrayList<>();
    private final StringProperty query = new SimpleStringProperty("");
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ObjectProperty<ModelChoice> selected = new SimpleObjectProperty<>(ModelChoice.AUTO);
    private final ObjectProperty<ModelChoice> highlighted = new SimpleObjectProperty<>();
    private Runnable remembered = () -> { };
    private final ReadOnlyStringWrapper autoHint = new ReadOnlyStringWrapper("");
    private final BooleanBinding selectedUnavailable;
    private final ReadOnlyBooleanWrapper open = new ReadOnlyBooleanWrapper();

    public ModelPickerViewModel() {
        selectedUnavailable = Bindings.createBooleanBinding(() -> !selected.get().isAuto()
                && models.stream().noneMatch(m -> m.id().equals(selected.get().id())), selected, rows);
        query.addListener((obs, old, now) -> rebuild());
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

    public ObjectProperty<ModelChoice> highlightedProperty() {
        return highlighted;
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
        selected.set(choice);
        if (!choice.isAuto()) {
            recent.remove(choice.id());
            recent.add(0, choice.id());
            if (recent.size() > MAX_RECENT) {
                recent.remove(MAX_RECENT);
            }
        }
        query.set("");
        rebuild();
        open.set(false);
        remembered.run();
    }

    /** Moves the highlight by {@code delta} choices (arrow keys), skipping headers. */
    public void move(int delta) {
        List<ModelChoice> choices = rows.stream().filter(r -> r instanceof Row.Choice)
                .map(r -> ((Row.Choice) r).choice()).toList();
        if (choices.isEmpty()) {
            return;
        }
        int at = Math.max(0, choices.indexOf(highlighted.get()));
        highlighted.set(choices.get(Math.floorMod(at + delta, choices.size())));
    }

    /** Whether the picker is open. */
    public ReadOnlyBooleanProperty openProperty() {
        return open.getReadOnlyProperty();
    }

    /** Opens the picker (click or Ctrl+/): an empty search, the highlight on the current selection. */
    public void open() {
        query.set("");
        highlighted.set(selected.get());
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
        rows.setAll(next);
        List<ModelChoice> choices = next.stream().filter(r -> r instanceof Row.Choice)
                .map(r -> ((Row.Choice) r).choice()).toList();
        if (highlighted.get() == null || !choices.contains(highlighted.get())) {
            highlighted.set(choices.isEmpty() ? null : choices.get(0));
        }
    }

    private static void section(List<Row> rows, String title, List<ModelChoice> choices) {
        if (!choices.isEmpty()) {
            rows.add(new Row.Header(title));
            choices.forEach(c -> rows.add(new Row.Choice(c)));
        }
    }
}
