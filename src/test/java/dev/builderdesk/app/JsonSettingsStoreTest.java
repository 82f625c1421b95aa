package dev.builderdesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.builderdesk.ui.settings.DesktopSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The desktop settings file: what one launch saves, the next reads — the last app and thread included. */
class JsonSettingsStoreTest {
    @TempDir
    Path dir;

    @Test
    void theLastAppAndThreadSurviveARelaunchWithTheOtherSettings() {
        DesktopSettings saved = DesktopSettings.defaults().withTheme(DesktopSettings.Theme.DARK)
                .withPicker(List.of("m1"), List.of("m2")).withLastThread("app-1", "thread-1");
        new JsonSettingsStore(dir).save(saved);
        DesktopSettings read = new JsonSettingsStore(dir).load();
        assertThat(read).isEqualTo(saved);
        assertThat(read.withTheme(DesktopSettings.Theme.LIGHT).lastThreadId()).isEqualTo("thread-1");
        assertThat(read.withLastThread("app-1", null).lastThreadId()).as("a new thread").isNull();
    }

    @Test
    void aFileFromBeforeStepSixReadsWithNoLastThread() throws Exception {
        Files.writeString(dir.resolve("desktop-settings.json"), "{\"mode\":\"EMBEDDED\",\"theme\":\"DARK\"}");
        DesktopSettings read = new JsonSettingsStore(dir).load();
        assertThat(read.theme()).isEqualTo(DesktopSettings.Theme.DARK);
        assertThat(read.lastAppId()).isNull();
        assertThat(read.lastThreadId()).isNull();
    }
}
