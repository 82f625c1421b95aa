package dev.builderdesk.ui.shell;

import dev.builderdesk.protocol.Run;
import dev.builderdesk.ui.compare.CompareView;
import dev.builderdesk.ui.compare.ComparisonsView;
import dev.builderdesk.ui.composer.ComposerView;
import dev.builderdesk.ui.diff.DiffView;
import dev.builderdesk.ui.diff.FileViewer;
import dev.builderdesk.ui.files.FilesView;
import dev.builderdesk.ui.fx.Stylesheets;
import dev.builderdesk.ui.inspector.InspectorView;
import dev.builderdesk.ui.picker.ModelPickerOverlay;
import dev.builderdesk.ui.settings.SettingsPage;
import dev.builderdesk.ui.settings.SettingsView;
import dev.builderdesk.ui.settings.Themes;
import dev.builderdesk.ui.threads.ThreadsView;
import dev.builderdesk.ui.timeline.FindBar;
import dev.builderdesk.ui.timeline.TimelineActions;
import dev.builderdesk.ui.timeline.TimelineItem;
import dev.builderdesk.ui.timeline.TimelineView;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The main window: the top bar (rail toggle, title, app · thread, the connection's status item, shortcuts, run
 * details toggle, Settings), then rail | thread | inspector in a split whose side panes can be resized and collapsed
 * (the inspector collapses by itself in a narrow window). The thread is the find bar, the timeline and the composer;
 * sheets (Settings, a diff, a file, a question) open over the workspace. The composer has the keyboard whenever
 * nothing else asked for it: at launch, after Send, and after any sheet or popover closes.
 */
public final class MainView extends BorderPane {
    /** Below this width the inspector gets out of the timeline's way by itself (the toggle brings it back). */
    static final double INSPECTOR_COLLAPSE_WIDTH = 1150;
    private final MainViewModel model;
    private final Label workspaceTitle = new Label();
    private final ToggleButton showRail = new ToggleButton("☰");
    private final ToggleButton showInspector = new ToggleButton("Run details");
    private final Button openShortcuts = new Button("?");
    private final Button openSettings = new Button("Settings");
    private final StackPane body = new StackPane();
    private final InlinePrompt prompt = new InlinePrompt();
    private final StackPane shortcuts = new StackPane();
    private final ErrorSheet error = new ErrorSheet();
    private ComposerView composer;
    /** Where Settings shows; its view is built the first time it opens (a start-up builds no hidden forms). */
    private final StackPane settingsHost = new StackPane();
    private SettingsView settings;
    private FindBar findBar;
    private WorkspaceSplit split;
    private SplitPane railSplit;
    private boolean narrow;
    private boolean inspectorAutoHidden;
    private Runnable quit = () -> { };

    public MainView(MainViewModel model) {
        this.model = model;
        createLayout();
        bindToModel();
        wireActions();
    }

    /** Gives the keyboard to the prompt (Ctrl+L, and whenever a sheet or popover closes). */
    public void focusComposer() {
        // Not under a sheet: the keyboard stays with what is open over the workspace.
        if (!sheetOpen()) {
            composer.focusInput();
        }
    }

    /** Whether anything is open over the workspace (Settings, a sheet, a question, the picker). */
    private boolean sheetOpen() {
        return body.getChildren().stream().anyMatch(n -> n != split && n.isVisible());
    }

    /** A key of the workspace: it acts only while nothing is open over the workspace. */
    private Runnable inWorkspace(Runnable action) {
        return () -> {
            if (!sheetOpen()) {
                action.run();
            }
        };
    }

    /** Types {@code text} at the end of the prompt, as if the user had typed it there (keys typed at start-up). */
    public void typeIntoComposer(String text) {
        composer.typeIntoInput(text);
    }

    /** What Ctrl+Q does (the application closes its window the way the window manager would). */
    public void setOnQuit(Runnable action) {
        this.quit = action;
    }

    /**
     * Shows a failure nobody caught (the application's handler calls this, having logged it to {@code logFile}):
     * plain words, and the thread and stack trace to copy for a report.
     */
    public void showUncaught(Thread thread, Throwable failure, String logFile) {
        java.io.StringWriter stack = new java.io.StringWriter();
        failure.printStackTrace(new java.io.PrintWriter(stack));
        error.show("Something went wrong inside Builder Desk. Your work is safe; the details are also in " + logFile
                + ".", "On thread " + thread.getName() + ":\n" + stack);
    }

    /** The panes as the user left them (saved with the window's placement). */
    public PaneLayout paneLayout() {
        double[] rail = railSplit.getDividerPositions();
        return new PaneLayout(split.railWidth(), split.inspectorWidth(), showRail.isSelected(),
                inspectorAutoHidden || showInspector.isSelected(), rail.length > 0 ? rail[0] : Double.NaN);
    }

    /** Puts the panes back as they were saved. */
    public void restorePaneLayout(PaneLayout layout) {
        split.setWidths(layout.railWidth(), layout.inspectorWidth());
        showRail.setSelected(layout.railShown());
        showInspector.setSelected(layout.inspectorShown());
        if (narrow && layout.inspectorShown()) {
            inspectorAutoHidden = true;
            showInspector.setSelected(false);
        }
        setRailDividers(layout.filesShare());
    }

    private void createLayout() {
        getStyleClass().add("main-view");
        Stylesheets.install(this);
        setTop(topBar());
        InspectorView inspector = new InspectorView(model.inspector());
        split = new WorkspaceSplit(rail(), centre(), inspector);
        ShortcutsSheet sheet = new ShortcutsSheet(() -> shortcuts.setVisible(false));
        shortcuts.getChildren().add(sheet);
        shortcuts.getStyleClass().add("modal-scrim");
        shortcuts.setVisible(false);
        shortcuts.visibleProperty().subscribe(shown -> {
            if (shown) {
                sheet.closeButton().requestFocus();
            }
        });
        shortcuts.setOnMouseClicked(e -> {
            if (e.getTarget() == shortcuts) {
                shortcuts.setVisible(false);
            }
        });
        // Settings lie over the Compare screen: its setup links to the app's verify command.
        body.getChildren().addAll(split, compareSheet(), settingsHost,
                sheet(this::diffView, model.changesProperty().isNotNull()),
                sheet(this::fileView, model.fileOpenProperty()), new RevertConfirmation(model.revert()),
                picker(), prompt, shortcuts, error);
        setCenter(body);
    }

    private HBox topBar() {
        showRail.setId("toggle-rail");
        showRail.getStyleClass().addAll("pane-toggle", "flat");
        showRail.setSelected(true);
        showRail.setTooltip(new Tooltip("Show or hide the rail (Ctrl+B)"));
        Label title = new Label("Builder Desk");
        title.getStyleClass().add("app-title");
        title.setMinWidth(Region.USE_PREF_SIZE);
        // "app · thread": the one item of the bar that gives way in a short window (ellipsized, whole in its tooltip).
        workspaceTitle.setId("workspace-title");
        workspaceTitle.getStyleClass().add("workspace-title");
        workspaceTitle.setMinWidth(0);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        StatusItem status = new StatusItem(model.connection());
        openShortcuts.setId("open-shortcuts");
        openShortcuts.getStyleClass().add("flat");
        openShortcuts.setTooltip(new Tooltip("Keyboard shortcuts (F1)"));
        showInspector.setId("toggle-inspector");
        showInspector.getStyleClass().add("inspector-toggle");
        showInspector.setSelected(true);
        showInspector.setTooltip(new Tooltip("Show or hide the run details (Ctrl+I)"));
        openSettings.setId("open-settings");
        openSettings.setTooltip(new Tooltip("Settings (Ctrl+,)"));
        for (Region r : new Region[] {showRail, openShortcuts, showInspector, openSettings}) {
            r.setMinWidth(Region.USE_PREF_SIZE);
            // Clicking the bar's buttons must not take the keyboard from the prompt.
            r.setFocusTraversable(false);
        }
        status.setMinWidth(Region.USE_PREF_SIZE);
        HBox top = new HBox(10, showRail, title, workspaceTitle, spacer, status, openShortcuts, showInspector,
                openSettings);
        top.getStyleClass().add("top-bar");
        return top;
    }

    /** The files take {@code filesShare} of the rail, the threads and comparisons the rest. */
    private void setRailDividers(double filesShare) {
        railSplit.setDividerPositions(filesShare);
    }

    private VBox rail() {
        ThreadsView threadsBox = new ThreadsView(model.threadList());
        threadsBox.setOnNewThread(this::focusComposer);
        threadsBox.setMinHeight(140);
        threadsBox.getStyleClass().add("rail-threads");
        FilesView files = new FilesView(model.files());
        files.setMinHeight(120);
        ComparisonsView comparisons = new ComparisonsView(model.comparisons());
        // The threads and the comparisons take turns in the rail's lower pane (two tabs), so the files keep
        // their share of the height; the divider between the files and the lists is the user's.
        Tab threadsTab = new Tab("Threads", threadsBox);
        Tab comparisonsTab = new Tab("Comparisons", comparisons);
        comparisonsTab.setId("rail-comparisons-tab");
        TabPane lists = new TabPane(threadsTab, comparisonsTab);
        lists.setId("rail-lists");
        lists.getStyleClass().add("rail-lists");
        lists.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        lists.setMinHeight(140);
        // A comparison opened from elsewhere (Compare…) is listed where the user can see it.
        model.compareOpenProperty().subscribe(open -> {
            if (open) {
                lists.getSelectionModel().select(comparisonsTab);
            }
        });
        railSplit = new SplitPane(files, lists);
        railSplit.setId("rail-split");
        railSplit.getStyleClass().add("rail-split");
        railSplit.setOrientation(Orientation.VERTICAL);
        VBox.setVgrow(railSplit, Priority.ALWAYS);
        setRailDividers(PaneLayout.DEFAULT.filesShare());
        VBox rail = new VBox(8, new AppsView(model, prompt), railSplit);
        rail.getStyleClass().add("left-rail");
        rail.setPrefWidth(PaneLayout.DEFAULT.railWidth());
        rail.setMinWidth(180);
        return rail;
    }

    private VBox centre() {
        composer = new ComposerView(model.composer(), model.picker());
        composer.setOnCompare(model::openCompare);
        findBar = new FindBar(model.timeline().find());
        TimelineView timeline = new TimelineView(model.timeline(), timelineActions());
        FirstRunView welcome = new FirstRunView(model);
        timeline.hideEmptyHintWhile(welcome.visibleProperty());
        StackPane thread = new StackPane(timeline, welcome);
        VBox centre = new VBox(findBar, thread, composer);
        VBox.setVgrow(thread, Priority.ALWAYS);
        centre.getStyleClass().add("centre");
        return centre;
    }

    private ModelPickerOverlay picker() {
        ModelPickerOverlay picker = new ModelPickerOverlay(model.picker(), composer.picker());
        // However the picker closes, the keyboard goes back to the prompt.
        picker.returnFocusTo(composer.lookup("#composer-input"));
        return picker;
    }

    /**
     * The Compare screen, built the first time it opens; it fills the window (the columns need the width) and
     * gives the keyboard to its prompt or first column whenever it shows.
     */
    private StackPane compareSheet() {
        StackPane sheet = new StackPane();
        sheet.getStyleClass().add("compare-sheet");
        sheet.visibleProperty().bind(model.compareOpenProperty());
        sheet.visibleProperty().subscribe(shown -> {
            if (shown) {
                if (sheet.getChildren().isEmpty()) {
                    CompareView view = new CompareView(model.compare(), model.leaderboard(), timelineActions());
                    view.setOnClose(model::closeCompare);
                    sheet.getChildren().add(view);
                    sheet.applyCss();
                    sheet.layout();
                }
                ((CompareView) sheet.getChildren().get(0)).focusContent();
            }
        });
        return sheet;
    }

    private DiffView diffView() {
        DiffView changes = new DiffView(model.diff());
        changes.setOnClose(model::closeChanges);
        return changes;
    }

    private FileViewer fileView() {
        FileViewer file = new FileViewer(model.fileViewer());
        file.setOnClose(model::closeFile);
        return file;
    }

    /**
     * A screen over the workspace (the diff view, the file viewer), shown while {@code open} holds. Its content is
     * built the first time it opens: a start-up styles no screen nobody has asked for.
     */
    private static StackPane sheet(java.util.function.Supplier<Region> content,
            javafx.beans.value.ObservableBooleanValue open) {
        StackPane sheet = new StackPane();
        sheet.getStyleClass().add("modal-scrim");
        sheet.visibleProperty().bind(open);
        sheet.visibleProperty().subscribe(shown -> {
            if (shown) {
                if (sheet.getChildren().isEmpty()) {
                    sheet.getChildren().add(content.get());
                    // Styled and laid out at once, so the focus below lands on a node that is in the scene.
                    sheet.applyCss();
                    sheet.layout();
                }
                sheet.getChildren().get(0).requestFocus();
            }
        });
        return sheet;
    }

    /** What timeline rows ask of the window. */
    private TimelineActions timelineActions() {
        return new TimelineActions() {
            @Override
            public void openChanges(Run run) {
                model.openChanges(run);
            }

            @Override
            public void undoRevert(TimelineItem.RevertMarker marker) {
                model.timeline().undoRevert(marker);
            }

            @Override
            public void openLink(String url) {
                model.openLink(url);
            }
        };
    }

    private void bindToModel() {
        split.railShownProperty().bind(showRail.selectedProperty());
        split.inspectorShownProperty().bind(showInspector.selectedProperty());
        settingsHost.visibleProperty().bind(model.settingsPageProperty().isNotNull());
        settingsHost.setPickOnBounds(false);
        model.settingsPageProperty().subscribe(page -> {
            if (page != null) {
                if (settings == null) {
                    settings = new SettingsView(model.settings(), model::closeSettings);
                    settings.visibleProperty().bind(settingsHost.visibleProperty());
                    settingsHost.getChildren().add(settings);
                    // Styled and laid out now, as if it had been there from the start: the tab it selects and the
                    // field a page focuses are in the scene at once.
                    settingsHost.applyCss();
                    settingsHost.layout();
                }
                settings.show(page);
            }
        });
        model.settings().appearance().themeProperty().subscribe(Themes::apply);
        workspaceTitle.textProperty().bind(model.workspaceTitleProperty());
        Tooltip fullTitle = new Tooltip();
        fullTitle.textProperty().bind(model.workspaceTitleProperty());
        workspaceTitle.setTooltip(fullTitle);
        // Whatever closes — a sheet, Settings, a question — hands the keyboard back to the prompt.
        for (javafx.scene.Node over : body.getChildren()) {
            if (over != split) {
                over.visibleProperty().addListener((obs, was, shown) -> {
                    if (!shown) {
                        focusComposer();
                    }
                });
            }
        }
        prompt.setOnClosed(this::focusComposer);
        findBar.setOnClosed(this::focusComposer);
        // A window narrower than the timeline needs puts the inspector away, and brings it back when it widens.
        widthProperty().subscribe(w -> {
            boolean nowNarrow = w.doubleValue() > 0 && w.doubleValue() < INSPECTOR_COLLAPSE_WIDTH;
            if (nowNarrow && !narrow) {
                inspectorAutoHidden = showInspector.isSelected();
                showInspector.setSelected(false);
            } else if (!nowNarrow && narrow && inspectorAutoHidden) {
                inspectorAutoHidden = false;
                showInspector.setSelected(true);
            }
            narrow = nowNarrow;
        });
        showInspector.selectedProperty().addListener((obs, old, on) -> {
            if (on) {
                inspectorAutoHidden = false;
            }
        });
    }

    private void wireActions() {
        openShortcuts.setOnAction(e -> shortcuts.setVisible(true));
        openSettings.setOnAction(e -> model.openSettings(SettingsPage.CONNECTION));
        // Esc closes what is open over the workspace, from wherever the focus is (the composer and the picker use
        // Esc first when it is theirs).
        addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() != KeyCode.ESCAPE) {
                return;
            }
            if (shortcuts.isVisible()) {
                e.consume();
                shortcuts.setVisible(false);
            } else if (model.settingsPageProperty().get() != null) {
                e.consume();
                model.closeSettings();
            }
        });
        sceneProperty().subscribe(scene -> {
            if (scene != null) {
                installShortcuts(scene);
                // At launch the prompt has the keyboard: the first focusable node would be a top-bar button.
                javafx.application.Platform.runLater(this::focusComposer);
            }
        });
    }

    /** The window's keys (the shortcuts sheet lists them all). */
    private void installShortcuts(javafx.scene.Scene scene) {
        var keys = scene.getAccelerators();
        keys.put(shortcut(KeyCode.SLASH), inWorkspace(() -> model.picker().open()));
        keys.put(new KeyCodeCombination(KeyCode.SLASH, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN),
                inWorkspace(() -> model.picker().cycleFavourite()));
        keys.put(shortcut(KeyCode.L), this::focusComposer);
        keys.put(new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN),
                inWorkspace(model::openCompare));
        keys.put(shortcut(KeyCode.N), inWorkspace(() -> {
            model.newThread();
            focusComposer();
        }));
        keys.put(shortcut(KeyCode.F), inWorkspace(findBar::open));
        keys.put(shortcut(KeyCode.COMMA), () -> model.openSettings(SettingsPage.CONNECTION));
        keys.put(shortcut(KeyCode.B), inWorkspace(() -> showRail.setSelected(!showRail.isSelected())));
        keys.put(shortcut(KeyCode.I), inWorkspace(() -> showInspector.setSelected(!showInspector.isSelected())));
        keys.put(shortcut(KeyCode.Q), () -> quit.run());
        keys.put(new KeyCodeCombination(KeyCode.F1), () -> shortcuts.setVisible(true));
    }

    private static KeyCodeCombination shortcut(KeyCode key) {
        return new KeyCodeCombination(key, KeyCombination.SHORTCUT_DOWN);
    }
}
