package dev.builderdesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.builderdesk.ui.shell.PaneLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.geometry.Rectangle2D;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The window comes back where it was, unless that place is on no screen any more. */
class WindowPlacementTest {
    private static final List<Rectangle2D> ONE_SCREEN = List.of(new Rectangle2D(0, 0, 1920, 1080));
    private static final PaneLayout PANES = new PaneLayout(260, 300, true, false, 0.5);

    @Test
    void aPlacementOnAScreenIsKeptAsItWas() {
        WindowPlacement saved = new WindowPlacement(100, 80, 1100, 760, false, PANES);
        assertThat(saved.onScreen(ONE_SCREEN, 800, 560)).isEqualTo(saved);
    }

    @Test
    void aPlacementOnAScreenThatIsGoneIsNotUsed() {
        // It was on a second monitor to the right, unplugged since.
        WindowPlacement saved = new WindowPlacement(2100, 80, 1100, 760, false, PANES);
        assertThat(saved.onScreen(ONE_SCREEN, 800, 560)).isNull();
    }

    @Test
    void aWindowLargerThanTheScreenIsShrunkToItAndPulledOntoIt() {
        WindowPlacement saved = new WindowPlacement(1500, -10, 2400, 1300, true, PANES);
        WindowPlacement placed = saved.onScreen(ONE_SCREEN, 800, 560);
        assertThat(placed).isNotNull();
        assertThat(placed.width()).isEqualTo(1920);
        assertThat(placed.height()).isEqualTo(1080);
        assertThat(placed.x()).isZero();
        assertThat(placed.y()).isZero();
        assertThat(placed.maximized()).isTrue();
    }

    @Test
    void aTooSmallOrBrokenPlacementIsNotUsed() {
        assertThat(new WindowPlacement(10, 10, 300, 200, false, PANES).onScreen(ONE_SCREEN, 800, 560)).isNull();
        assertThat(new WindowPlacement(Double.NaN, 10, 1000, 700, false, PANES).onScreen(ONE_SCREEN, 800, 560))
                .isNull();
    }

    @Test
    void itSurvivesTheFileAndAnUnreadableFileReadsAsNone(@TempDir Path dir) throws Exception {
        JsonFile<WindowPlacement> file = new JsonFile<>(dir.resolve("window.json"), WindowPlacement.class);
        assertThat(file.read()).isNull();
        WindowPlacement saved = new WindowPlacement(100, 80, 1100, 760, true, PANES);
        file.write(saved);
        assertThat(file.read()).isEqualTo(saved);
        Files.writeString(dir.resolve("window.json"), "{not json");
        assertThat(file.read()).isNull();
    }
}
