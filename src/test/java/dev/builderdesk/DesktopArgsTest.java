package dev.builderdesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DesktopArgsTest {
    @Test
    void readsTheDesktopOptionsInBothSpellings() {
        String[] given = {"--data-dir", "/tmp/d", "--theme=dark", "--smoke-test", "--smoke-runs=5", "--server",
            "http://127.0.0.1:1", "--token=t"};
        DesktopArgs args = DesktopArgs.parse(given).orElseThrow();
        assertThat(args).isEqualTo(new DesktopArgs("/tmp/d", "http://127.0.0.1:1", "t", "dark", true, 5));
        assertThat(DesktopArgs.parse(new String[0])).contains(new DesktopArgs(null, null, null, null, false, 1));
    }

    @Test
    void leavesEverythingElseToPicocli() {
        String[][] others = {{"serve"}, {"--help"}, {"--version"}, {"--data-dir"}, {"--thme", "x"},
            {"--smoke-runs", "many"}, {"--data-dir", "a", "--data-dir", "b"}, {"--smoke-test=yes"}, {"run", "x"}};
        for (String[] other : others) {
            assertThat(DesktopArgs.parse(other)).as(String.join(" ", other)).isEmpty();
        }
    }

    @Test
    void knowsEveryOptionMainDeclaresForTheWindow() {
        Set<String> declared = new CommandLine(new Main()).getCommandSpec().options().stream()
                .flatMap(o -> Set.of(o.names()).stream())
                .filter(n -> !Set.of("-h", "--help", "-V", "--version").contains(n))
                .collect(Collectors.toSet());
        Set<String> known = new java.util.HashSet<>(DesktopArgs.VALUED);
        known.add(DesktopArgs.SMOKE_TEST);
        assertThat(known).isEqualTo(declared);
    }
}
