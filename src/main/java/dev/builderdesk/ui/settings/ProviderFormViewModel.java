package dev.builderdesk.ui.settings;

import dev.builderdesk.client.ClientException;
import dev.builderdesk.protocol.Provider;
import dev.builderdesk.protocol.ProviderRequest;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The provider form of Settings → Models, for adding an OpenAI-compatible endpoint or editing one: name, base URL
 * and API key. The key is write-only: the form says whether one is set, never shows it; typing replaces it and
 * "Remove the key" clears it. Errors stand under the field they concern. {@link ProvidersViewModel} saves it.
 */
public final class ProviderFormViewModel {
    /** Whether the form is shown, and for what. */
    public enum Mode { CLOSED, ADD, EDIT }

    /** The form's fields, for errors and focus. */
    public enum Field { NAME, URL, KEY }

    private final ReadOnlyObjectWrapper<Mode> mode = new ReadOnlyObjectWrapper<>(Mode.CLOSED);
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("");
    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty url = new SimpleStringProperty("");
    private final StringProperty key = new SimpleStringProperty("");
    private final BooleanProperty removeKey = new SimpleBooleanProperty();
    private final ReadOnlyBooleanWrapper keySet = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper nameError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper urlError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper keyError = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper saving = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<Field> focus = new ReadOnlyObjectWrapper<>();
    private Provider editing;

    ProviderFormViewModel() {
        name.addListener((obs, old, now) -> nameError.set(""));
        url.addListener((obs, old, now) -> urlError.set(""));
        key.addListener((obs, old, now) -> {
            keyError.set("");
            if (!now.isEmpty()) {
                removeKey.set(false);
            }
        });
    }

    /** Opens the empty form for a new endpoint, the name field focused. */
    public void openAdd() {
        editing = null;
        fill("", "", false);
        title.set("Add an OpenAI-compatible endpoint");
        mode.set(Mode.ADD);
        requestFocus(Field.NAME);
    }

    /** Opens the form on a provider's name and URL; the key field stays empty (write-only). */
    public void openEdit(Provider p) {
        editing = p;
        fill(p.name(), p.baseUrl() == null ? "" : p.baseUrl(), p.hasApiKey());
        title.set("Edit " + p.name());
        mode.set(Mode.EDIT);
        requestFocus(Field.NAME);
    }

    public void close() {
        editing = null;
        mode.set(Mode.CLOSED);
        fill("", "", false);
    }

    private void fill(String n, String u, boolean hasKey) {
        name.set(n);
        url.set(u);
        key.set("");
        removeKey.set(false);
        keySet.set(hasKey);
        clearErrors();
    }

    public ReadOnlyObjectProperty<Mode> modeProperty() {
        return mode.getReadOnlyProperty();
    }

    /** "Add an OpenAI-compatible endpoint" or "Edit <name>". */
    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** The provider being edited, or null. */
    public Provider editing() {
        return editing;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty urlProperty() {
        return url;
    }

    /** A new API key; empty keeps the saved one. */
    public StringProperty keyProperty() {
        return key;
    }

    /** Whether Save removes the saved key. */
    public BooleanProperty removeKeyProperty() {
        return removeKey;
    }

    /** Whether the provider has a key saved ("set" / "not set"). */
    public ReadOnlyBooleanProperty keySetProperty() {
        return keySet.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty nameErrorProperty() {
        return nameError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty urlErrorProperty() {
        return urlError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty keyErrorProperty() {
        return keyError.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty savingProperty() {
        return saving.getReadOnlyProperty();
    }

    void setSaving(boolean on) {
        saving.set(on);
    }

    /** The field the form wants the keyboard on; the view moves the focus and calls {@link #focusDone()}. */
    public ReadOnlyObjectProperty<Field> focusProperty() {
        return focus.getReadOnlyProperty();
    }

    public void focusDone() {
        focus.set(null);
    }

    void requestFocus(Field field) {
        focus.set(null);
        focus.set(field);
    }

    /** Checks the fields before anything is sent; errors go under their fields, the first wrong one gets focus. */
    boolean validate() {
        clearErrors();
        if (name.get().isBlank()) {
            nameError.set("Give the provider a name.");
        }
        String problem = urlProblem(url.get());
        if (problem != null) {
            urlError.set(problem);
        }
        Field first = !nameError.get().isEmpty() ? Field.NAME : !urlError.get().isEmpty() ? Field.URL : null;
        if (first != null) {
            requestFocus(first);
        }
        return first == null;
    }

    /** What is wrong with a base URL, or null. */
    static String urlProblem(String text) {
        String u = text.strip();
        if (u.isEmpty()) {
            return "Enter the endpoint's base URL, e.g. http://127.0.0.1:11434/v1";
        }
        try {
            URI uri = new URI(u);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return null;
            }
        } catch (URISyntaxException e) {
            // falls through to the message
        }
        return "The base URL must be an http:// or https:// address, e.g. http://127.0.0.1:11434/v1";
    }

    /** The request Save sends: everything for a new provider; only what changed for an edited one. */
    ProviderRequest request() {
        String n = name.get().strip();
        String u = url.get().strip();
        String k = key.get().strip();
        if (editing == null) {
            return new ProviderRequest(n, Provider.OPENAI_COMPATIBLE, u, k.isEmpty() ? null : k, null, true);
        }
        String newKey = !k.isEmpty() ? k : removeKey.get() ? "" : null;
        return new ProviderRequest(n.equals(editing.name()) ? null : n, null,
                u.equals(editing.baseUrl()) ? null : u, newKey, null, null);
    }

    /** Puts a refusal of the server under the field it names; false when it names none. */
    boolean showServerError(ClientException e) {
        Field f = fieldOf(e.field());
        if (f == null) {
            return false;
        }
        showError(f, e.getMessage());
        return true;
    }

    /** Shows {@code message} under {@code field} and moves the focus there. */
    void showError(Field field, String message) {
        switch (field) {
            case NAME -> nameError.set(message);
            case URL -> urlError.set(message);
            case KEY -> keyError.set(message);
        }
        requestFocus(field);
    }

    /** The form field of a request field ({@code name}, {@code id}, {@code base_url}, {@code api_key}). */
    static Field fieldOf(String requestField) {
        if (requestField == null) {
            return null;
        }
        return switch (requestField) {
            case "name", "id" -> Field.NAME;
            case "base_url" -> Field.URL;
            case "api_key", "api_key_env" -> Field.KEY;
            default -> null;
        };
    }

    /** After a save the form edits what the server now has (a new provider keeps its form if its models failed). */
    void editSaved(Provider p) {
        editing = p;
        keySet.set(p.hasApiKey());
        title.set("Edit " + p.name());
        mode.set(Mode.EDIT);
        key.set("");
        removeKey.set(false);
    }

    private void clearErrors() {
        nameError.set("");
        urlError.set("");
        keyError.set("");
    }
}
