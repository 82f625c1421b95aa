package dev.builderdesk.ui.settings;

import dev.builderdesk.client.RunApiClient;
import dev.builderdesk.protocol.Model;
import dev.builderdesk.protocol.Provider;
import dev.builderdesk.ui.fx.Failures;
import dev.builderdesk.ui.picker.AutoResolution;
import dev.builderdesk.ui.picker.ModelChoice;
import dev.builderdesk.ui.picker.ModelPickerViewModel;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.SetChangeListener;

/**
 * Settings → Models, the chat models: each with its switch (offered in the picker or not), "Make default" and the
 * favourite star (the picker's own stars, live). When discovery brings the first real chat model while Auto runs
 * the demo model, that model becomes the default; the page says so and offers Undo.
 */
public final class ModelsViewModel {
    /**
     * A chat model as the page lists it; {@code usedByAuto} marks the one Auto resolves to now (a default of the
     * server's config may be set aside by the workspace's own); {@code editable} is false for models of the config.
     */
    public record ModelRow(String id, String name, String provider, boolean active, boolean isDefault,
            boolean usedByAuto, boolean favourite, boolean editable) {
        ModelRow withFavourite(boolean on) {
            return new ModelRow(id, name, provider, active, isDefault, usedByAuto, on, editable);
        }
    }

    /** A change the user can take back, and the line that says it was. */
    private record Undo(Supplier<String> work) {
    }

    private final RunApiClient client;
    private final Executor ui;
    private final Executor io;
    private final ModelPickerViewModel picker;
    private final Supplier<CompletableFuture<Void>> changed;
    private final ObservableList<ModelRow> rows = FXCollections.observableArrayList();
    private final ObservableList<ModelRow> shown = FXCollections.unmodifiableObservableList(rows);
    private final ReadOnlyObjectWrapper<Note> note = new ReadOnlyObjectWrapper<>(Note.NONE);
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper();
    private Undo undo;

    ModelsViewModel(RunApiClient client, Executor ui, Executor io, ModelPickerViewModel picker,
            Supplier<CompletableFuture<Void>> changed) {
        this.client = client;
        this.ui = ui;
        this.io = io;
        this.picker = picker;
        this.changed = changed;
        picker.favourites().addListener((SetChangeListener<String>) c -> rows.replaceAll(r ->
                r.favourite() == picker.isFavourite(r.id()) ? r : r.withFavourite(!r.favourite())));
    }

    void show(Catalogue c) {
        String auto = AutoResolution.resolve(c.models()).map(Model::id).orElse(null);
        rows.setAll(c.models().stream().map(m -> new ModelRow(m.id(), m.name(), ModelChoice.of(m).provider(),
                m.isActive(), m.isDefault(), m.id().equals(auto), picker.isFavourite(m.id()), m.tenantId() != null))
                .toList());
    }

    public ObservableList<ModelRow> rows() {
        return shown;
    }

    /** The outcome of the last change of a model. */
    public ReadOnlyObjectProperty<Note> noteProperty() {
        return note.getReadOnlyProperty();
    }

    /** Whether the last change (Auto moving to a new model) can be taken back. */
    public ReadOnlyBooleanProperty canUndoProperty() {
        return canUndo.getReadOnlyProperty();
    }

    public CompletableFuture<Void> setActive(ModelRow row, boolean active) {
        return act(() -> {
            client.updateModel(row.id(), Map.of("is_active", active));
            return row.name() + (active ? " is offered in the picker." : " is no longer offered in the picker.");
        });
    }

    public CompletableFuture<Void> makeDefault(ModelRow row) {
        return act(() -> {
            client.updateModel(row.id(), Map.of("is_default", true));
            return row.name() + " is now the default for Auto.";
        });
    }

    /** Stars or unstars the model in the picker; the row follows the picker's stars. */
    public void toggleFavourite(ModelRow row) {
        picker.toggleFavourite(row.id());
    }

    /** Takes back the last change that offered Undo. */
    public CompletableFuture<Void> undo() {
        Undo u = undo;
        if (u == null) {
            return CompletableFuture.completedFuture(null);
        }
        return act(u.work());
    }

    /**
     * After a discovery: if Auto resolves to a demo model without the models just added, the first of them that is
     * switched on becomes the default (it would otherwise never run unless picked by hand). Undo gives Auto back
     * to what it used before.
     */
    CompletableFuture<Void> takeOverAuto(List<Model> added) {
        List<Model> candidates = added.stream().filter(m -> m.isActive() && Model.CHAT.equals(m.capabilityType()))
                .toList();
        if (candidates.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        Set<String> addedIds = added.stream().map(Model::id).collect(Collectors.toSet());
        record Takeover(String text, Undo undo) {
        }
        return CompletableFuture.supplyAsync(() -> {
            Set<String> demo = client.listProviders().stream().filter(p -> Provider.DEMO.equals(p.kind()))
                    .map(Provider::id).collect(Collectors.toSet());
            List<Model> before = client.listModels(Model.CHAT, true, 0, 1000).models().stream()
                    .filter(m -> !addedIds.contains(m.id())).toList();
            Optional<Model> auto = AutoResolution.resolve(before);
            if (auto.isEmpty() || !servedOnlyBy(auto.get(), demo)) {
                return null;
            }
            Model next = candidates.get(0);
            Model previous = auto.get();
            client.updateModel(next.id(), Map.of("is_default", true));
            Undo back = previous.isDefault() && previous.tenantId() != null ? new Undo(() -> {
                client.updateModel(previous.id(), Map.of("is_default", true));
                return previous.name() + " is the default for Auto again.";
            }) : new Undo(() -> {
                client.updateModel(next.id(), Map.of("is_default", false));
                return "Auto uses " + previous.name() + " again.";
            });
            return new Takeover(next.name() + " is now the default for Auto.", back);
        }, io).handleAsync((takeover, failure) -> {
            if (failure != null) {
                note.set(Note.error(UserMessages.of(Failures.cause(failure))));
            } else if (takeover != null) {
                note.set(Note.success(takeover.text()));
                undo = takeover.undo();
                canUndo.set(true);
            }
            return null;
        }, ui);
    }

    private static boolean servedOnlyBy(Model m, Set<String> providers) {
        return !m.providers().isEmpty() && m.providers().stream().allMatch(b -> providers.contains(b.provider()));
    }

    /** Runs a change on io, says how it went, and reloads the page and the picker. */
    private CompletableFuture<Void> act(Supplier<String> work) {
        undo = null;
        canUndo.set(false);
        return CompletableFuture.supplyAsync(work, io).handleAsync((text, failure) -> {
            note.set(failure == null ? Note.success(text) : Note.error(UserMessages.of(Failures.cause(failure))));
            return failure == null;
        }, ui).thenCompose(ok -> ok ? changed.get() : CompletableFuture.completedFuture(null));
    }
}
