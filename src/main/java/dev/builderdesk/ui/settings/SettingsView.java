package dev.builderdesk.ui.settings;

import java.util.EnumMap;
import java.util.Map;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The Settings page: one tab per {@link SettingsPage} under a title bar with Done. */
public final class SettingsView extends VBox {
    private final SettingsViewModel model;
    private final Runnable close;
    private final TabPane tabs = new TabPane();
    private final Map<SettingsPage, Tab> tabByPage = new EnumMap<>(SettingsPage.class);
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

    /** Shows a page; the Models page loads the server's providers and models again, the App page the app. */
    public void show(SettingsPage page) {
        Tab tab = tabByPage.get(page);
        if (tabs.getSelectionModel().getSelectedItem() == tab) {
            if (page == SettingsPage.MODELS) {
                model.reload();
            } else if (page == SettingsPage.APP) {
                model.app().reload();
            }
        } else {
            tabs.getSelectionModel().select(tab);
        }
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
        for (SettingsPage page : SettingsPage.values()) {
            Region content = switch (page) {
                case CONNECTION -> new ConnectionPane(model.connection());
                case MODELS -> new ModelsSettingsPane(model);
                case APP -> new AppSettingsPane(model.app());
                case APPEARANCE -> appearancePage();
                case FOLDERS -> foldersPage();
            };
            Tab tab = new Tab(page.title(), content);
            tab.setId(page.tabId());
            if (page != SettingsPage.MODELS) {
                content.getStyleClass().add("settings-page");
            }
            tabByPage.put(page, tab);
            tabs.getTabs().add(tab);
        }
        VBox.setVgrow(tabs, Priority.ALWAYS);
        getChildren().addAll(header, tabs);
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
        FoldersSettingsViewModel folders = model.folders();
        GridPane form = SettingsForms.form();
        SettingsForms.row(form, 0, "Data folder", SettingsForms.copyable("settings-data-dir", folders.dataDir()));
        SettingsForms.row(form, 1, "Logs folder", SettingsForms.copyable("settings-logs-dir", folders.logsDir()));
        return new VBox(12, SettingsForms.section("Folders"), SettingsForms.help("The embedded server keeps its"
                + " database, app revisions and sandboxes in the data folder."), form);
    }

    private void bindToModel() {
        model.appearance().themeProperty().subscribe(t -> themeButton(t).setSelected(true));
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
        system.setOnAction(e -> model.appearance().themeProperty().set(DesktopSettings.Theme.SYSTEM));
        light.setOnAction(e -> model.appearance().themeProperty().set(DesktopSettings.Theme.LIGHT));
        dark.setOnAction(e -> model.appearance().themeProperty().set(DesktopSettings.Theme.DARK));
        tabs.getSelectionModel().selectedItemProperty().subscribe(t -> {
            if (t == tabByPage.get(SettingsPage.MODELS)) {
                model.reload();
            } else if (t == tabByPage.get(SettingsPage.APP)) {
                model.app().reload();
            }
        });
    }
}
