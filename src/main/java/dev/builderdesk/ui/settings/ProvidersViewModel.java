package dev.builderdesk.ui.settings;

import dev.builderdesk.client.ClientException;
import dev.builderdesk.client.Errors;
import dev.builderdesk.client.RunApiClient;
import dev.builderdesk.protocol.ErrorCodes;
import dev.builderdesk.protocol.Model;
import dev.builderdesk.protocol.Provider;
import dev.builderdesk.protocol.ProviderCheck;
import dev.builderdesk.protocol.ProviderModels;
import dev.builderdesk.protocol.ProviderRequest;
import dev.builderdesk.ui.fx.Failures;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Settings → Models, the providers: each with its state (untested, testing, reachable, key rejected, ...), the
 * add/edit form, Test, Discover models, and Remove with an inline confirmation that the server may refuse (its
 * model is the default, or a run uses it). Discovery adds the provider's new chat models through the server
 * (ADR 0012) and hands them on, so Auto can move off the demo model.
 */
public final class ProvidersViewModel {
    /** A provider's state as the page shows it. */
    public record Status(State state, String message) {
        /** Where a provider stands after the last test or action. */
        public enum State { UNTESTED, TESTING, OK, KEY_REJECTED, UNREACHABLE, FAILED }

        public static final Status UNTESTED = new Status(State.UNTESTED, "");
    }

    /** A provider row: the provider, how many chat models it serves, and its state. */
    public record Item(Provider provider, int modelCount, Status status) {
        /** Whether the user may edit and remove it (an endpoint added through the API, not the config's). */
        public boolean editable() {
            return !provider.readOnly() && Provider.OPENAI_COMPATIBLE.equals(provider.kind());
        }

        /** Whether Test and Discover make sense (an HTTP endpoint, not the built-in demo). */
        public boolean reachable() {
            return Provider.OPENAI_COMPATIBLE.equals(provider.kind());
        }
    }

    /** The inline confirmation of a removal, and what came of it. */
    public record Removal(String providerId, Phase phase, String message) {
        /** Asked, under way, or refused by the server. */
        public enum Phase { ASKING, REMOVING, REFUSED }
    }

    private final RunApiClient client;
    private final Executor ui;
    private final Executor io;
    private final ObservableList<Item> items = FXCollections.observableArrayList();
    private final ObservableList<Item> shown = FXCollections.unmodifiableObservableList(items);
    private final ProviderFormViewModel form = new ProviderFormViewModel();
    private final ReadOnlyObjectWrapper<Note> note = new ReadOnlyObjectWrapper<>(Note.NONE);
    private final ReadOnlyObjectWrapper<Removal> removal = new ReadOnlyObjectWrapper<>();
    private final Map<String, Status> statuses = new HashMap<>();
    private final Supplier<CompletableFuture<Void>> reload;
    private Catalogue catalogue = Catalogue.EMPTY;
    private Function<List<Model>, CompletableFuture<Void>> modelsAdded = added -> CompletableFuture
            .completedFuture(null);

    ProvidersViewModel(RunApiClient client, Executor ui, Executor io, Supplier<CompletableFuture<Void>> reload) {
        this.client = client;
        this.ui = ui;
        this.io = io;
        this.reload = reload;
    }

    /** Told with the models a discovery added, before the page reloads (Auto may move to the first of them). */
    void onModelsAdded(Function<List<Model>, CompletableFuture<Void>> action) {
        this.modelsAdded = action;
    }

    void show(Catalogue c) {
        catalogue = c;
        items.setAll(c.providers().stream().map(p -> new Item(p, c.servedBy(p.id()).size(),
                statuses.getOrDefault(p.id(), Status.UNTESTED))).toList());
        Removal r = removal.get();
        if (r != null && items.stream().noneMatch(i -> i.provider().id().equals(r.providerId()))) {
            removal.set(null);
        }
    }

    void failedToLoad(String message) {
        note.set(Note.error(message));
    }

    public ObservableList<Item> items() {
        return shown;
    }

    public ProviderFormViewModel form() {
        return form;
    }

    /** The outcome of the last add, save, discovery or removal. */
    public ReadOnlyObjectProperty<Note> noteProperty() {
        return note.getReadOnlyProperty();
    }

    /** The removal being confirmed (or refused), or null. */
    public ReadOnlyObjectProperty<Removal> removalProperty() {
        return removal.getReadOnlyProperty();
    }

    public void startAdd() {
        removal.set(null);
        note.set(Note.NONE);
        form.openAdd();
    }

    public void edit(Item item) {
        removal.set(null);
        note.set(Note.NONE);
        form.openEdit(item.provider());
    }

    public void cancelEdit() {
        form.close();
    }

    /** Save: adds the endpoint and its chat models, or saves the edit and tests the provider again. */
    public CompletableFuture<Void> save() {
        if (form.modeProperty().get() == ProviderFormViewModel.Mode.CLOSED || form.savingProperty().get()
                || !form.validate()) {
            return CompletableFuture.completedFuture(null);
        }
        form.setSaving(true);
        return (form.editing() == null ? add(form.request()) : update(form.editing(), form.request()))
                .whenComplete((v, e) -> form.setSaving(false));
    }

    private CompletableFuture<Void> add(ProviderRequest request) {
        note.set(Note.progress("Adding " + request.name() + " and asking it for its models…"));
        record Added(Provider provider, ProviderModels found, ClientException failure) {
        }
        return CompletableFuture.supplyAsync(() -> {
            Provider p = client.createProvider(request);
            try {
                return new Added(p, client.discoverModels(p.id(), true), null);
            } catch (ClientException e) {
                return new Added(p, null, e);
            }
        }, io).handleAsync((added, failure) -> {
            if (failure != null) {
                refused(failure);
                return CompletableFuture.<Void>completedFuture(null);
            }
            Provider p = added.provider();
            if (added.failure() != null) {
                form.editSaved(p);
                setStatus(p.id(), statusOf(added.failure()));
                form.showServerError(added.failure());
                note.set(Note.error(p.name() + " was added, but its models could not be listed."));
                return reload.get();
            }
            form.close();
            note.set(Note.success(summary(p.name(), added.found())));
            return modelsAdded.apply(added.found().added()).thenCompose(v -> reload.get());
        }, ui).thenCompose(f -> f);
    }

    private CompletableFuture<Void> update(Provider p, ProviderRequest request) {
        note.set(Note.progress("Saving " + p.name() + " and testing it…"));
        record Saved(Provider provider, ProviderCheck check) {
        }
        return CompletableFuture.supplyAsync(() -> {
            Provider updated = client.updateProvider(p.id(), request);
            return new Saved(updated, client.testProvider(updated.id()));
        }, io).handleAsync((saved, failure) -> {
            if (failure != null) {
                refused(failure);
                return CompletableFuture.<Void>completedFuture(null);
            }
            Status status = statusOf(saved.check());
            setStatus(p.id(), status);
            switch (status.state()) {
                case OK -> {
                    form.close();
                    if (catalogue.servedBy(p.id()).isEmpty()) {
                        // Its models could not be listed when it was added: now they can.
                        return discoverInto(saved.provider(), "Saved " + saved.provider().name() + ". ");
                    }
                    note.set(Note.success("Saved " + saved.provider().name() + ". " + status.message()));
                }
                case KEY_REJECTED -> keepEditing(saved.provider(), ProviderFormViewModel.Field.KEY, status);
                default -> keepEditing(saved.provider(), ProviderFormViewModel.Field.URL, status);
            }
            return reload.get();
        }, ui).thenCompose(f -> f);
    }

    private void keepEditing(Provider saved, ProviderFormViewModel.Field field, Status status) {
        form.editSaved(saved);
        form.showError(field, status.message());
        note.set(Note.error("Saved " + saved.name() + ", but the test failed."));
    }

    /** A refused save: under the field the server names, else as the page's note. */
    private void refused(Throwable failure) {
        Throwable cause = Failures.cause(failure);
        if (cause instanceof ClientException e && form.showServerError(e)) {
            note.set(Note.NONE);
        } else {
            note.set(Note.error(UserMessages.of(cause)));
        }
    }

    /** Test: asks the provider's model listing, through the server. */
    public CompletableFuture<Void> test(Item item) {
        String id = item.provider().id();
        note.set(Note.NONE);
        setStatus(id, new Status(Status.State.TESTING, "Testing…"));
        return CompletableFuture.supplyAsync(() -> client.testProvider(id), io).handleAsync((check, failure) -> {
            setStatus(id, failure == null ? statusOf(check) : statusOf(Failures.cause(failure)));
            return null;
        }, ui);
    }

    /** Discover models: adds the provider's chat models that are not listed yet. */
    public CompletableFuture<Void> discover(Item item) {
        return discoverInto(item.provider(), "");
    }

    private CompletableFuture<Void> discoverInto(Provider p, String prefix) {
        note.set(Note.progress(prefix + "Asking " + p.name() + " for its models…"));
        return CompletableFuture.supplyAsync(() -> client.discoverModels(p.id(), true), io)
                .handleAsync((found, failure) -> {
                    if (failure != null) {
                        Status status = statusOf(Failures.cause(failure));
                        setStatus(p.id(), status);
                        note.set(Note.error(status.message()));
                        return CompletableFuture.<Void>completedFuture(null);
                    }
                    note.set(Note.success(prefix + summary(p.name(), found)));
                    return modelsAdded.apply(found.added()).thenCompose(v -> reload.get());
                }, ui).thenCompose(f -> f);
    }

    public void askRemove(Item item) {
        Provider p = item.provider();
        note.set(Note.NONE);
        removal.set(new Removal(p.id(), Removal.Phase.ASKING, "Remove " + p.name() + models(item.modelCount())
                + "? Runs already made keep their answers."));
    }

    public void cancelRemove() {
        removal.set(null);
    }

    /** Removes the provider asked about; a refusal stays in the confirmation with the server's reason. */
    public CompletableFuture<Void> confirmRemove() {
        Removal r = removal.get();
        Optional<Item> item = items.stream().filter(i -> r != null && i.provider().id().equals(r.providerId()))
                .findFirst();
        if (r == null || r.phase() == Removal.Phase.REMOVING || item.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        Provider p = item.get().provider();
        removal.set(new Removal(p.id(), Removal.Phase.REMOVING, "Removing " + p.name() + "…"));
        return CompletableFuture.supplyAsync(() -> client.deleteProvider(p.id()), io).handleAsync((gone, failure) -> {
            if (failure != null) {
                Throwable cause = Failures.cause(failure);
                removal.set(new Removal(p.id(), Removal.Phase.REFUSED, cause instanceof Errors.ProviderInUseException
                        ? cause.getMessage() : UserMessages.of(cause)));
                // The page may be behind the server (the default changed elsewhere): show what it has now.
                return reload.get();
            }
            removal.set(null);
            statuses.remove(p.id());
            if (form.editing() != null && form.editing().id().equals(p.id())) {
                form.close();
            }
            note.set(Note.success("Removed " + p.name() + models(item.get().modelCount()) + "."));
            return reload.get();
        }, ui).thenCompose(f -> f);
    }

    /**
     * Opens the edit form of the provider serving {@code modelId} with the key field focused — where a run whose
     * key was rejected sends the user.
     */
    CompletableFuture<Void> editProviderOf(String modelId) {
        return reload.get().thenRunAsync(() -> {
            Optional<Provider> found = modelId == null ? Optional.empty() : catalogue.providerOf(modelId);
            if (found.isEmpty()) {
                note.set(Note.error("The model that failed is no longer listed. Edit its provider below."));
                return;
            }
            Provider p = found.get();
            Item item = items.stream().filter(i -> i.provider().id().equals(p.id())).findFirst().orElseThrow();
            if (!item.editable()) {
                note.set(Note.error(p.name() + " comes from the server's configuration file; change its API key"
                        + " there."));
                return;
            }
            edit(item);
            form.showError(ProviderFormViewModel.Field.KEY, "The provider rejected this key. Enter the right one"
                    + " and save.");
        }, ui);
    }

    private void setStatus(String providerId, Status status) {
        statuses.put(providerId, status);
        items.replaceAll(i -> i.provider().id().equals(providerId) ? new Item(i.provider(), i.modelCount(), status)
                : i);
    }

    static Status statusOf(ProviderCheck check) {
        Status.State state = switch (check.outcome()) {
            case OK -> Status.State.OK;
            case KEY_REJECTED -> Status.State.KEY_REJECTED;
            case UNREACHABLE -> Status.State.UNREACHABLE;
            case ERROR -> Status.State.FAILED;
        };
        return new Status(state, check.message());
    }

    static Status statusOf(Throwable failure) {
        String code = failure instanceof ClientException e ? e.code() : null;
        Status.State state = ErrorCodes.PROVIDER_AUTH_FAILED.equals(code) ? Status.State.KEY_REJECTED
                : ErrorCodes.PROVIDER_UNREACHABLE.equals(code) ? Status.State.UNREACHABLE : Status.State.FAILED;
        return new Status(state, UserMessages.of(failure));
    }

    /** "Added 4 chat models from Team; 3 are switched on. Left out 7 models that are not chat models." */
    static String summary(String provider, ProviderModels found) {
        int added = found.added().size();
        long on = found.added().stream().filter(Model::isActive).count();
        int others = found.offered().size() - found.chatModels().size();
        String state = on == added ? (added == 1 ? "it is switched on." : "all are switched on.")
                : on == 0 ? "switch them on below." : on + (on == 1 ? " is" : " are") + " switched on.";
        String text = added == 0 ? "No new chat models at " + provider + "."
                : "Added " + plural(added, "chat model") + " from " + provider + "; " + state;
        if (others > 0) {
            text += " Left out " + (others == 1 ? "1 model that is not a chat model." : others
                    + " models that are not chat models.");
        }
        return text;
    }

    private static String models(int count) {
        return count == 0 ? "" : count == 1 ? " and its model" : " and its " + count + " models";
    }

    private static String plural(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
