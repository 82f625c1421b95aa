package dev.builderdesk.ui.shell;

import javafx.css.PseudoClass;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;

/**
 * The top bar's one status item: a dot and the connection's words (green connected, amber reconnecting, red
 * offline), the details in a tooltip, and "Retry now" while the server is not answering.
 */
final class StatusItem extends HBox {
    private static final PseudoClass CONNECTED = PseudoClass.getPseudoClass("connected");
    private static final PseudoClass RECONNECTING = PseudoClass.getPseudoClass("reconnecting");
    private static final PseudoClass OFFLINE = PseudoClass.getPseudoClass("offline");
    private final Label text = new Label();
    private final Button retry = new Button("Retry now");

    StatusItem(ConnectionStatus status) {
        setId("connection-status");
        getStyleClass().add("status-item");
        setSpacing(8);
        setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        Region dot = new Region();
        dot.getStyleClass().add("status-dot");
        text.setId("connection-status-text");
        text.getStyleClass().add("status-text");
        text.setMinWidth(Region.USE_PREF_SIZE);
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(status.detailProperty());
        text.setTooltip(tip);
        retry.setId("connection-retry");
        retry.getStyleClass().addAll("flat", "small", "status-retry");
        retry.setMinWidth(Region.USE_PREF_SIZE);
        retry.setFocusTraversable(false);
        retry.setOnAction(e -> status.retryNow());
        getChildren().addAll(dot, text, retry);
        text.textProperty().bind(status.textProperty());
        status.stateProperty().subscribe(state -> {
            pseudoClassStateChanged(CONNECTED, state == ConnectionStatus.State.CONNECTED);
            pseudoClassStateChanged(RECONNECTING, state == ConnectionStatus.State.RECONNECTING);
            pseudoClassStateChanged(OFFLINE, state == ConnectionStatus.State.OFFLINE);
            boolean down = state == ConnectionStatus.State.RECONNECTING || state == ConnectionStatus.State.OFFLINE;
            retry.setVisible(down);
            retry.setManaged(down);
        });
    }
}
