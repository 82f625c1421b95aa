package dev.builderdesk.ui.settings;

import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.RadioButton;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The Settings page: Connection, Models, Appearance and Folders tabs under a title bar with Done. */
public final class SettingsView extends VBox {
    private final SettingsViewModel model;
    private final Runnable close;
    private final TabPane tabs = new TabPane();
    private final RadioButton embedded = new RadioButton("Embedded server (this computer)");
    private final RadioButton remote = new RadioButton("Remote server");
    private final TextField url = new TextField();
    private final PasswordField token = new PasswordField();
    private final TextField tenant = new TextField();
    private final Button test = new Button("Test connection");
    private final Button apply = new Button("Apply and reconnect");
    private final Label result = new Label();
    private final RadioButton system = new RadioButton("System");
    private final RadioButton light = new RadioButton("Light");
    private final RadioButton dark = new RadioButton("Dark");
    private final Button done = new Button("Done");

    public SettingsView(SettingsViewModel model, Runnable close) {
        this.model = model;
        this.close = close;
        createLayout();
        bindToModel();
        wireActions();
    }

    /** Shows a tab: {@code connection}, {@code models}, {@code appearance} or {@code folders}. */
    public void show(String page) {
        tabs.getTabs().stream().filter(t -> t.getId().equals("settings-tab-" + page)).findFirst()
                .ifPresent(t -> tabs.getSelectionModel().select(t));
        tabs.requestFocus();
    }

    private void createLayout() {
        setId("settings");
        getStyleClass().add("settings");
        Label title = new Label("Settings");
        title.getStyleClass().add("settings-title");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        done.setId("settings-close");
        done.getStyleClass().add("accent");
        HBox header = new HBox(12, title, spacer, done);
        header.getStyleClass().add("settings-header");
        tabs.setId("settings-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getTabs().addAll(tab("connection", "Connection", connectionPage()),
                tab("models", "Models", new ModelsSettingsPane(model)),
                tab("appearance", "Appearance", appearancePage()), tab("folders", "Folders", foldersPage()));
        VBox.setVgrow(tabs, Priority.ALWAYS);
        getChildren().addAll(header, tabs);
    }

    private static Tab tab(String id, String text, Region content) {
        content.getStyleClass().add("settings-page");
        Tab tab = new Tab(text, content);
        tab.setId("settings-tab-" + id);
        return tab;
    }

    private Region connectionPage() {
        ToggleGroup group = new ToggleGroup();
        embedded.setToggleGroup(group);
        remote.setToggleGroup(group);
        embedded.setId("settings-mode-embedded");
        remote.setId("settings-mode-remote");
        GridPane form = SettingsForms.form();
        SettingsForms.row(form, 0, "Base URL", SettingsForms.field(url, "settings-remote-url",
                "http://team-server:8787"));
        SettingsForms.row(form, 1, "Token", SettingsForms.field(token, "settings-remote-token", "Bearer token"));
        SettingsForms.row(form, 2, "Tenant id", SettingsForms.field(tenant, "settings-remote-tenant", "optional"));
        test.setId("settings-test-connection");
        apply.setId("settings-apply-connection");
        apply.getStyleClass().add("accent");
        result.setId("settings-connection-result");
        result.setWrapText(true);
        result.getStyleClass().add("settings-result");
        Label explain = SettingsForms.help("The embedded server runs inside this app with its own data folder. A"
                + " remote server speaks the same run API: a team's shared server or the original platform.");
        return new VBox(12, SettingsForms.section("Run server"), explain, embedded, remote, form,
                new HBox(8, test, apply), result);
    }

    private Region appearancePage() {
        ToggleGroup group = new ToggleGroup();
        for (RadioButton b : new RadioButton[] {system, light, dark}) {
            b.setToggleGroup(group);
        }
        system.setId("settings-theme-system");
        light.setId("settings-theme-light");
        dark.setId("settings-theme-dark");
        return new VBox(12, SettingsForms.section("Theme"), SettingsForms.help("System follows the desktop's"
                + " dark preference where it can be read (GTK_THEME); otherwise light."), system, light, dark);
    }

    private Region foldersPage() {
        GridPane form = SettingsForms.form();
        SettingsForms.row(form, 0, "Data folder", SettingsForms.copyable("settings-data-dir", model.dataDir()));
        SettingsForms.row(form, 1, "Logs folder", SettingsForms.copyable("settings-logs-dir", model.logsDir()));
        return new VBox(12, SettingsForms.section("Folders"), SettingsForms.help("The embedded server keeps its"
                + " database, app revisions and sandboxes in the data folder."), form);
    }

    private void bindToModel() {
        model.modeProperty().subscribe(m -> (m == DesktopSettings.Mode.REMOTE ? remote : embedded).setSelected(true));
        remote.selectedProperty().subscribe(r -> model.modeProperty().set(r ? DesktopSettings.Mode.REMOTE
                : DesktopSettings.Mode.EMBEDDED));
        for (var field : new TextField[] {url, token, tenant}) {
            field.disableProperty().bind(remote.selectedProperty().not());
        }
        url.textProperty().bindBidirectional(model.remoteUrlProperty());
        token.textProperty().bindBidirectional(model.remoteTokenProperty());
        tenant.textProperty().bindBidirectional(model.remoteTenantProperty());
        result.textProperty().bind(model.connectionResultProperty());
        model.connectionOkProperty().subscribe(ok -> result.pseudoClassStateChanged(
                javafx.css.PseudoClass.getPseudoClass("ok"), ok));
        model.themeProperty().subscribe(t -> themeButton(t).setSelected(true));
    }

    private RadioButton themeButton(DesktopSettings.Theme theme) {
        return switch (theme) {
            case SYSTEM -> system;
            case LIGHT -> light;
            case DARK -> dark;
        };
    }

    private void wireActions() {
        done.setOnAction(e -> close.run());

        test.setOnAction(e -> model.testConnection());
        apply.setOnAction(e -> model.applyConnection());
        system.setOnAction(e -> model.themeProperty().set(DesktopSettings.Theme.SYSTEM));
        light.setOnAction(e -> model.themeProperty().set(DesktopSettings.Theme.LIGHT));
        dark.setOnAction(e -> model.themeProperty().set(DesktopSettings.Theme.DARK));
        tabs.getSelectionModel().selectedItemProperty().subscribe(t -> {
            if (t != null && t.getId().equals("settings-tab-models")) {
                model.reloadModels();
            }
        });
    }
}
