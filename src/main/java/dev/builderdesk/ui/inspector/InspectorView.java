package dev.builderdesk.ui.inspector;

import dev.builderdesk.protocol.RunStatus;
import java.util.Locale;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The run inspector pane on the right: a header with the status badge, the action bar (always the same four
 * buttons in the same places), then the run's details as a two-column grid that scrolls.
 *
 * <p>CSS: {@code inspector}, {@code inspector-status} with the pseudo-classes {@code :queued}, {@code :running},
 * {@code :paused}, {@code :completed}, {@code :failed}, {@code :cancelled} and {@code :unknown}; see
 * {@code inspector.css} (installed on the window by {@code ui.fx.Stylesheets}).
 */
public final class InspectorView extends VBox {
    private static final PseudoClass UNKNOWN = PseudoClass.getPseudoClass("unknown");

    private final InspectorViewModel model;
    private final Label status = new Label();
    private final InspectorActions actions;
    private final InspectorGrid grid = new InspectorGrid();
    private final Label placeholder = new Label();
    private final Label message = new Label();

    public InspectorView(InspectorViewModel model) {
        this.model = model;
        this.actions = new InspectorActions(model);
        createLayout();
        bindToModel();
    }

    private void createLayout() {
        setId("inspector");
        getStyleClass().add("inspector");
        setMinWidth(260);
        setPrefWidth(280);
        Label title = new Label("RUN");
        title.getStyleClass().add("rail-title");
        title.setMinWidth(Region.USE_PREF_SIZE);
        status.setId("inspector-status");
        status.getStyleClass().add("inspector-status");
        status.setMinWidth(Region.USE_PREF_SIZE);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(8, title, spacer, status);
        header.getStyleClass().add("inspector-header");
        placeholder.setId("inspector-placeholder");
        placeholder.getStyleClass().add("inspector-placeholder");
        placeholder.setWrapText(true);
        message.setId("inspector-message");
        message.getStyleClass().add("inspector-message");
        message.setWrapText(true);
        message.setMinHeight(Region.USE_PREF_SIZE);
        ScrollPane scroll = new ScrollPane(grid);
        scroll.setId("inspector-scroll");
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add("inspector-scroll");
        VBox.setVgrow(scroll, Priority.ALWAYS);
        getChildren().addAll(header, actions, message, placeholder, scroll);
    }

    private void bindToModel() {
        status.textProperty().bind(model.statusTextProperty());
        status.visibleProperty().bind(model.runProperty().isNotNull());
        model.statusProperty().subscribe(this::badge);
        model.statusKnownProperty().subscribe(known -> badge(model.statusProperty().get()));
        placeholder.textProperty().bind(model.placeholderProperty());
        placeholder.visibleProperty().bind(model.placeholderProperty().isNotEmpty());
        placeholder.managedProperty().bind(placeholder.visibleProperty());
        message.textProperty().bind(model.messageProperty());
        message.visibleProperty().bind(model.messageProperty().isNotEmpty());
        message.managedProperty().bind(message.visibleProperty());
        model.fields().subscribe(() -> grid.show(model.fields()));
    }

    private void badge(RunStatus shown) {
        boolean known = model.statusKnownProperty().get();
        for (RunStatus s : RunStatus.values()) {
            status.pseudoClassStateChanged(pseudo(s), known && s == shown);
        }
        status.pseudoClassStateChanged(UNKNOWN, !known);
    }

    private static PseudoClass pseudo(RunStatus s) {
        return PseudoClass.getPseudoClass(s.name().toLowerCase(Locale.ROOT));
    }
}
