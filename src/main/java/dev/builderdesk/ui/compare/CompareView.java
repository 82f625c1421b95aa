package dev.builderdesk.ui.compare;

import dev.builderdesk.ui.timeline.TimelineActions;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * The Compare screen over the workspace: its bar ("Compare · prompt", blind, Export, Import, Close), then the setup
 * or the session — the attempts' columns side by side (each scrolls on its own; the row of columns scrolls
 * sideways when they do not fit), the metrics table and charts under them, and the verdict. Esc closes it (the
 * attempts go on on the server, and the rail lists the comparison to reopen it). Styles: {@code compare.css}.
 */
public final class CompareView extends VBox {
    /** A column narrower than this wraps its rows into unreadable slivers; the row of columns scrolls instead. */
    static final double MIN_COLUMN_WIDTH = 300;
    private final CompareViewModel model;
    private final LeaderboardViewModel leaderboardModel;
    private final TimelineActions actions;
    private final ToggleButton leaderboard = new ToggleButton("Leaderboard");
    private final StackPane body = new StackPane();
    private final Label heading = new Label();
    private final Label blindPill = new Label("Blind");
    private final MenuButton export = new MenuButton("Export");
    private final Button importButton = new Button("Import…");
    private final Button again = new Button("New comparison");
    private final Button close = new Button("Close");
    private final CompareSetupView setup;
    private final HBox columnRow = new HBox(8);
    private final ScrollPane columnScroll = new ScrollPane(columnRow);
    private final VBox session = new VBox();
    private final HBox appliedBar = new HBox(8);
    private final Label appliedText = new Label();
    private final Label message = new Label();
    private Runnable onClose = () -> { };

    public CompareView(CompareViewModel model, LeaderboardViewModel leaderboardModel, TimelineActions actions) {
        this.model = model;
        this.leaderboardModel = leaderboardModel;
        this.actions = actions;
        this.setup = new CompareSetupView(model);
        createLayout();
        bindToModel();
        wireActions();
    }

    public void setOnClose(Runnable action) {
        this.onClose = action;
    }

    /** Gives the keyboard to what the screen shows: the prompt in the setup, else the first column. */
    public void focusContent() {
        if (setup.isVisible()) {
            setup.focusPrompt();
        } else if (!columnRow.getChildren().isEmpty()) {
            columnRow.getChildren().get(0).requestFocus();
        }
    }

    private void createLayout() {
        setId("compare-view");
        getStyleClass().add("compare-view");
        heading.getStyleClass().add("compare-heading");
        heading.setMinWidth(0);
        HBox.setHgrow(heading, Priority.ALWAYS);
        heading.setMaxWidth(Double.MAX_VALUE);
        blindPill.getStyleClass().addAll("timeline-chip", "compare-blind-pill");
        blindPill.setMinWidth(Region.USE_PREF_SIZE);
        export.setId("compare-export");
        for (ExportFormat f : ExportFormat.values()) {
            MenuItem item = new MenuItem(f.title());
            item.setId("compare-export-" + f.name().toLowerCase(java.util.Locale.ROOT));
            item.setOnAction(e -> chooseExport(f));
            export.getItems().add(item);
        }
        importButton.setId("compare-import");
        importButton.setTooltip(new Tooltip("Show a comparison exported as JSON"));
        again.setId("compare-new");
        close.setId("compare-close");
        close.setTooltip(new Tooltip("Close (Esc): the attempts go on, and the rail lists the comparison"));
        leaderboard.setId("compare-leaderboard-toggle");
        leaderboard.setTooltip(new Tooltip("Your models ranked by your saved verdicts"));
        for (Region r : new Region[] {leaderboard, export, importButton, again, close}) {
            r.setMinWidth(Region.USE_PREF_SIZE);
        }
        Label title = new Label("Compare");
        title.getStyleClass().add("app-title");
        title.setMinWidth(Region.USE_PREF_SIZE);
        HBox bar = new HBox(10, title, heading, blindPill, leaderboard, export, importButton, again, close);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("top-bar");

        StackPane setupHost = new StackPane(setup);
        setupHost.setId("compare-setup-host");
        setupHost.getStyleClass().add("compare-setup-host");
        StackPane.setAlignment(setup, Pos.TOP_CENTER);
        setupHost.visibleProperty().bind(setup.visibleProperty());

        columnRow.setId("compare-columns");
        columnRow.getStyleClass().add("compare-columns");
        columnScroll.setFitToHeight(true);
        columnScroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.AS_NEEDED);
        columnScroll.setVbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        columnScroll.getStyleClass().add("compare-columns-scroll");
        // The columns share the width while they fit; below MIN_COLUMN_WIDTH each the row scrolls sideways.
        columnScroll.viewportBoundsProperty().subscribe(b -> fitColumns());
        MetricsTableView table = new MetricsTableView(model);
        MetricsChartsView charts = new MetricsChartsView(model);
        HBox.setHgrow(table, Priority.ALWAYS);
        // In a narrow window the charts give way (down to their minimum), the table's columns do not.
        table.setMinWidth(Region.USE_PREF_SIZE);
        HBox measures = new HBox(12, table, charts);
        measures.getStyleClass().add("compare-measures");
        SplitPane split = new SplitPane(columnScroll, measures);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.6);
        split.setId("compare-split");
        VBox.setVgrow(split, Priority.ALWAYS);
        appliedBar.getStyleClass().add("compare-applied");
        appliedBar.setAlignment(Pos.CENTER_LEFT);
        Button undo = new Button("Undo");
        undo.setId("compare-undo-apply");
        undo.setOnAction(e -> model.undoApply());
        appliedBar.getChildren().addAll(appliedText, undo);
        message.getStyleClass().add("compare-error");
        message.setWrapText(true);
        message.setId("compare-message");
        session.getChildren().addAll(split, appliedBar, message, new VerdictBar(model));
        session.getStyleClass().add("compare-session");
        body.getChildren().addAll(setupHost, session, new ApplyConfirmation(model));
        VBox.setVgrow(body, Priority.ALWAYS);
        getChildren().addAll(bar, body);
    }

    private void fitColumns() {
        int n = columnRow.getChildren().size();
        if (n == 0) {
            return;
        }
        double width = columnScroll.getViewportBounds().getWidth() - columnRow.snappedLeftInset()
                - columnRow.snappedRightInset();
        double each = Math.max(MIN_COLUMN_WIDTH, Math.floor((width - columnRow.getSpacing() * (n - 1)) / n));
        for (var node : columnRow.getChildren()) {
            ((Region) node).setPrefWidth(each);
            ((Region) node).setMinWidth(each);
        }
    }

    private void bindToModel() {
        heading.textProperty().bind(Bindings.createStringBinding(() -> {
            String p = model.promptProperty().get().strip().replaceAll("\\s+", " ");
            return model.groupProperty().get() == null && !model.importedProperty().get() ? ""
                    : "· " + (p.length() > 90 ? p.substring(0, 89) + "…" : p);
        }, model.promptProperty(), model.groupProperty(), model.importedProperty()));
        Tooltip full = new Tooltip();
        full.textProperty().bind(model.promptProperty());
        heading.setTooltip(full);
        blindPill.visibleProperty().bind(model.hiddenProperty());
        blindPill.managedProperty().bind(blindPill.visibleProperty());
        setup.visibleProperty().bind(model.groupProperty().isNull().and(model.importedProperty().not())
                .and(leaderboard.selectedProperty().not()));
        session.visibleProperty().bind(model.groupProperty().isNotNull().or(model.importedProperty())
                .and(leaderboard.selectedProperty().not()));
        // Built when asked for and dropped when left: it names models, and a blind session may be under it.
        leaderboard.selectedProperty().subscribe(on -> {
            body.getChildren().removeIf(n -> n instanceof LeaderboardView);
            if (on) {
                LeaderboardView view = new LeaderboardView(leaderboardModel);
                body.getChildren().add(view);
                leaderboardModel.load();
            }
        });
        export.disableProperty().bind(model.tableProperty().isNull());
        again.visibleProperty().bind(model.groupProperty().isNotNull().or(model.importedProperty()));
        model.columns().addListener((ListChangeListener<AttemptColumn>) c -> showColumns());
        model.appliedProperty().subscribe(a -> appliedText.setText(a == null ? ""
                : "Applied " + a.title() + "'s result to the draft."));
        appliedBar.visibleProperty().bind(model.appliedProperty().isNotNull());
        appliedBar.managedProperty().bind(appliedBar.visibleProperty());
        message.textProperty().bind(model.messageProperty());
        message.visibleProperty().bind(model.messageProperty().isNotEmpty().and(session.visibleProperty()));
        message.managedProperty().bind(message.visibleProperty());
    }

    private void showColumns() {
        List<AttemptColumnView> views = new ArrayList<>();
        for (AttemptColumn column : model.columns()) {
            views.add(new AttemptColumnView(column, model, actions));
        }
        columnRow.getChildren().setAll(views);
        fitColumns();
    }

    private void chooseExport(ExportFormat format) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export the comparison");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(format.title(), "*." + format.extension()));
        chooser.setInitialFileName("comparison." + format.extension());
        File file = chooser.showSaveDialog(getScene().getWindow());
        if (file != null) {
            model.export(format, file.toPath());
        }
    }

    private void chooseImport() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Import a comparison");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("JSON", "*.json"));
        File file = chooser.showOpenDialog(getScene().getWindow());
        if (file != null) {
            Path path = file.toPath();
            model.importFrom(path);
        }
    }

    private void wireActions() {
        close.setOnAction(e -> onClose.run());
        importButton.setOnAction(e -> chooseImport());
        again.setOnAction(e -> model.setUp(model.appId(), model.promptProperty().get(),
                model.available().stream().filter(c -> !c.isAuto()).toList(), null));
        addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE && !e.isConsumed()) {
                e.consume();
                onClose.run();
            }
        });
    }
}
