package dev.builderdesk.ui.diff;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.VBox;

/**
 * A screen the host shows over its content and hides again: {@link DiffView} and {@link FileViewer}. Both close the
 * same way (their Close button and Esc call {@link #onCloseProperty()}, which the host sets) and both give the keyboard
 * to their lines as soon as they are shown, so that plumbing lives here once. Each screen still builds its own layout
 * in its constructor and calls {@link #wireClose} from its {@code wireActions()}.
 */
abstract class ClosableScreen extends VBox {
    private final ObjectProperty<Runnable> onClose = new SimpleObjectProperty<>();

    /** Called by Close and Esc; the host hides the screen. */
    public final ObjectProperty<Runnable> onCloseProperty() {
        return onClose;
    }

    public final void setOnClose(Runnable action) {
        onClose.set(action);
    }

    /**
     * Makes {@code close} and Esc (anywhere in the screen, before its controls see the key) call
     * {@link #onCloseProperty()}, and focuses {@code focusOnShow} whenever the screen is put in a scene.
     */
    protected final void wireClose(Button close, Node focusOnShow) {
        close.setOnAction(e -> close());
        addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                e.consume();
                close();
            }
        });
        sceneProperty().subscribe(scene -> {
            if (scene != null) {
                focusOnShow.requestFocus();
            }
        });
    }

    private void close() {
        if (onClose.get() != null) {
            onClose.get().run();
        }
    }
}
