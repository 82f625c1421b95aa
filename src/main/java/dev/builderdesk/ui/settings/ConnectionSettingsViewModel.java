package dev.builderdesk.ui.settings;

import dev.builderdesk.client.Errors;
import dev.builderdesk.client.RunApiClient;
import dev.builderdesk.client.ServerConnection;
import dev.builderdesk.protocol.Model;
import dev.builderdesk.ui.fx.Failures;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Settings → Connection: embedded or remote (base URL, token, optional workspace id sent as {@code X-Tenant-ID}),
 * "Test connection" and Apply. What is wrong is said under the field it concerns; the result line sums it up.
 */
public final class ConnectionSettingsViewModel {
    /** Where the connection test stands. */
    public enum State { IDLE, TESTING, OK, FAILED }

    private final RunApiClient client;
    private final Executor ui;
    private final Executor io;
    private final DesktopEnvironment env;
    private final SavedSettings saved;
    private final ObjectProperty<DesktopSettings.Mode> mode = new SimpleObjectProperty<>(DesktopSettings.Mode.EMBEDDED);
    private final StringProperty remoteUrl = new SimpleStringProperty("");
    private final StringProperty remoteToken = new SimpleStringProperty("");
    private final StringProperty remoteTenant = new SimpleStringProperty("");
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.IDLE);
    private final ReadOnlyStringWrapper result = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper urlError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper tokenError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper tenantError = new ReadOnlyStringWrapper("");

    ConnectionSettingsViewModel(RunApiClient client, Executor ui, Executor io, DesktopEnvironment env,
            SavedSettings saved) {
        this.client = client;
        this.ui = ui;
        this.io = io;
        this.env = env;
        this.saved = saved;
        for (StringProperty field : new StringProperty[] {remoteUrl, remoteToken, remoteTenant}) {
            field.addListener((obs, old, now) -> clearErrors());
        }
        mode.addListener((obs, old, now) -> clearErrors());
    }

    void restore(DesktopSettings s) {
        mode.set(s.mode());
        remoteUrl.set(s.remoteUrl());
        remoteToken.set(s.remoteToken());
        remoteTenant.set(s.remoteTenant());
        state.set(State.IDLE);
        result.set("");
    }

    public ObjectProperty<DesktopSettings.Mode> modeProperty() {
        return mode;
    }

    public StringProperty remoteUrlProperty() {
        return remoteUrl;
    }

    public StringProperty remoteTokenProperty() {
        return remoteToken;
    }

    public StringProperty remoteTenantProperty() {
        return remoteTenant;
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** The summary under the buttons. */
    public ReadOnlyStringProperty resultProperty() {
        return result.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty urlErrorProperty() {
        return urlError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty tokenErrorProperty() {
        return tokenError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty tenantErrorProperty() {
        return tenantError.getReadOnlyProperty();
    }

    /**
     * Test connection: asks the server named by the fields (or the embedded one) for its health and its chat
     * models with the token, so a wrong address and a rejected token read differently.
     */
    public CompletableFuture<Void> test() {
        boolean embedded = mode.get() == DesktopSettings.Mode.EMBEDDED;
        if (!embedded && !fieldsValid()) {
            return CompletableFuture.completedFuture(null);
        }
        result.set("Testing…");
        state.set(State.TESTING);
        return CompletableFuture.supplyAsync(() -> {
            RunApiClient target = embedded ? client : env.connector().apply(remoteConnection());
            String version = target.health().version();
            int count = target.listModels(Model.CHAT, true, 0, 500).models().size();
            return "Connected to " + target.connection().baseUrl() + " (version " + version + "): " + count
                    + " active chat model" + (count == 1 ? "" : "s") + ".";
        }, io).handleAsync((text, failure) -> {
            if (failure == null) {
                state.set(State.OK);
                result.set(text);
            } else {
                state.set(State.FAILED);
                result.set("Could not connect. " + explain(failure));
            }
            return null;
        }, ui);
    }

    /** Apply: saves the connection and asks the app to reconnect the window to it. */
    public void apply() {
        if (mode.get() == DesktopSettings.Mode.REMOTE && !fieldsValid()) {
            return;
        }
        saved.update(s -> s.withConnection(mode.get(), remoteUrl.get().strip(), remoteToken.get().strip(),
                remoteTenant.get().strip())).thenAcceptAsync(next -> env.reconnect().accept(next), ui);
    }

    /** Puts what is wrong with a failed test under its field, and returns the sentence for the result line. */
    private String explain(Throwable failure) {
        Throwable t = Failures.cause(failure);
        boolean embedded = mode.get() == DesktopSettings.Mode.EMBEDDED;
        switch (t) {
            case Errors.ServerUnreachableException e when !embedded ->
                    urlError.set("Nothing answers at this address. Check it and that the server is running.");
            case Errors.NotFoundException e when !embedded ->
                    urlError.set("This address answers, but it is not a run server.");
            case Errors.UnauthorizedException e when !embedded -> tokenError.set("The server does not accept this"
                    + " token.");
            case Errors.ForbiddenException e when !embedded && String.valueOf(e.getMessage()).contains("tenant") ->
                    tenantError.set("This token does not belong to that workspace id.");
            case Errors.BadRequestException e when !embedded && String.valueOf(e.getMessage()).contains("Tenant") ->
                    tenantError.set("A workspace id looks like 0b6f0000-0000-4000-8000-000000000001.");
            default -> {
                return UserMessages.of(t);
            }
        }
        return "See the field marked above.";
    }

    private boolean fieldsValid() {
        clearErrors();
        if (!remoteUrl.get().strip().matches("(?i)https?://[^\\s/]+\\S*")) {
            urlError.set("Enter an address starting with http:// or https://, e.g. http://team-server:8787");
        }
        if (remoteToken.get().isBlank()) {
            tokenError.set("Enter the token the server gave you.");
        }
        boolean ok = urlError.get().isEmpty() && tokenError.get().isEmpty();
        if (!ok) {
            state.set(State.FAILED);
            result.set("");
        }
        return ok;
    }

    private void clearErrors() {
        urlError.set("");
        tokenError.set("");
        tenantError.set("");
    }

    private ServerConnection remoteConnection() {
        ServerConnection c = ServerConnection.of(remoteUrl.get().strip(), remoteToken.get().strip());
        return remoteTenant.get().isBlank() ? c : c.withTenant(remoteTenant.get().strip());
    }
}
