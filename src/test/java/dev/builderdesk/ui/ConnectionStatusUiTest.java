package dev.builderdesk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.builderdesk.ui.shell.ConnectionStatus;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The top bar's status item tells the truth: with the server stopped it goes from connected to reconnecting
 * (with "Retry now"), and once the same server is back it says connected again without the user doing anything.
 */
class ConnectionStatusUiTest extends UiTestBase {
    private final List<ConnectionStatus.State> seen = new CopyOnWriteArrayList<>();

    @Start
    void start(Stage stage) {
        open(stage);
        model.connection().probeEvery(Duration.ofMillis(250), Duration.ofMillis(200));
        model.connection().stateProperty().subscribe(state -> seen.add(state));
    }

    @Test
    void connectedThenReconnectingWhileTheServerIsStoppedThenConnectedWhenItIsBack(FxRobot robot)
            throws Exception {
        awaitConnected();
        assertThat(model.connection().stateProperty().get()).isEqualTo(ConnectionStatus.State.CONNECTED);
        assertThat(robot.lookup("#connection-retry").queryAs(Button.class).isVisible()).isFalse();

        server.stop();
        try {
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> model.connection().stateProperty().get()
                    == ConnectionStatus.State.RECONNECTING);
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(robot.lookup("#connection-status-text").queryLabeled().getText())
                    .startsWith("Reconnecting… (attempt ");
            assertThat(robot.lookup("#connection-retry").queryAs(Button.class).isVisible()).isTrue();
        } finally {
            server.startAgain();
        }
        // Nobody clicks "Retry now": the probe finds the server back by itself (its pauses grow, hence the wait).
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> model.connection().stateProperty().get()
                == ConnectionStatus.State.CONNECTED);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#connection-status-text").queryLabeled().getText()).startsWith("Connected");
        assertThat(robot.lookup("#connection-retry").queryAs(Button.class).isVisible()).isFalse();
        assertThat(seen).containsSubsequence(ConnectionStatus.State.CONNECTED, ConnectionStatus.State.RECONNECTING,
                ConnectionStatus.State.CONNECTED);
    }
}
