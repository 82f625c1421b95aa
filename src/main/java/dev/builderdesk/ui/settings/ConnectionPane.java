package dev.builderdesk.ui.settings;

import javafx.css.PseudoClass;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** Settings → Connection: embedded or remote server, its address, token and workspace id; Test and Apply. */
final class ConnectionPane extends VBox {
    private static final PseudoClass OK = PseudoClass.getPseudoClass("ok");
    private static final PseudoClass TESTING = PseudoClass.getPseudoClass("testing");
    private final ConnectionSettingsViewModel model;
    private final RadioButton embedded = new RadioButton("Embedded server (this computer)");
    private final RadioButton remote = new RadioButton("Remote server");
    private final TextField url = new TextField();
    private final PasswordField token = new PasswordField();
    private final TextField tenant = new TextField();
    private final Button test = new Button("Test connection");
    private final Button apply = new Button("Apply and reconnect");
    private final Label result = new Label();

    ConnectionPane(ConnectionSettingsViewModel model) {
        this.model = model;
        createLayout();
        bindToModel();
        wireActions();
    }

    private void createLayout() {
        setSpacing(12);
        ToggleGroup group = new ToggleGroup();
        embedded.setToggleGroup(group);
        remote.setToggleGroup(group);
        embedded.setId("settings-mode-embedded");
        remote.setId("settings-mode-remote");
        GridPane form = SettingsForms.form();
        SettingsForms.row(form, 0, "Base URL", url, "settings-remote-url", "http://team-server:8787",
                model.urlErrorProperty());
        SettingsForms.row(form, 1, "Token", token, "settings-remote-token", "Bearer token",
                model.tokenErrorProperty());
        SettingsForms.row(form, 2, "Workspace id", tenant, "settings-remote-tenant", "optional",
                model.tenantErrorProperty(), SettingsForms.help("Only needed when the server serves several"
                        + " workspaces."));
        test.setId("settings-test-connection");
        apply.setId("settings-apply-connection");
        apply.getStyleClass().add("accent");
        result.setId("settings-connection-result");
        result.setWrapText(true);
        result.getStyleClass().add("settings-result");
        Label explain = SettingsForms.help("The embedded server runs inside this app with its own data folder. A"
                + " remote server speaks the same run API: a team's shared server or the original platform.");
        getChildren().addAll(SettingsForms.section("Run server"), explain, embedded, remote, form,
                new HBox(8, test, apply), result);
    }

    private void bindToModel() {
        model.modeProperty().subscribe(m -> (m == DesktopSettings.Mode.REMOTE ? remote : embedded).setSelected(true));
        remote.selectedProperty().subscribe(r -> model.modeProperty().set(r ? DesktopSettings.Mode.REMOTE
                : DesktopSettings.Mode.EMBEDDED));
        for (TextField field : new TextField[] {url, token, tenant}) {
            field.disableProperty().bind(remote.selectedProperty().not());
        }
        url.textProperty().bindBidirectional(model.remoteUrlProperty());
        token.textProperty().bindBidirectional(model.remoteTokenProperty());
        tenant.textProperty().bindBidirectional(model.remoteTenantProperty());
        result.textProperty().bind(model.resultProperty());
        model.stateProperty().subscribe(s -> {
            result.pseudoClassStateChanged(OK, s == ConnectionSettingsViewModel.State.OK);
            result.pseudoClassStateChanged(TESTING, s == ConnectionSettingsViewModel.State.TESTING);
        });
        test.disableProperty().bind(model.stateProperty().isEqualTo(ConnectionSettingsViewModel.State.TESTING));
    }

    private void wireActions() {
        test.setOnAction(e -> model.test());
        apply.setOnAction(e -> model.apply());
        url.setOnAction(e -> model.test());
        token.setOnAction(e -> model.test());
        tenant.setOnAction(e -> model.test());
    }
}
