package dev.builderdesk;

import dev.builderdesk.app.AppDirs;
import dev.builderdesk.app.DesktopApp;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The desktop launch's options ({@code builder-desk [--data-dir D] [--server URL --token T] [--theme T]
 * [--smoke-test [--smoke-runs N]]}) and the launch itself. A desktop launch reads them here, without picocli: picocli
 * builds its model of every command by reflection over classes too old for the AOT cache, a quarter of a second
 * before the window could start. Anything else (a command, {@code --help}, a typo) goes to picocli, which {@link Main}
 * declares the same options to, for its help and its errors.
 */
record DesktopArgs(String dataDir, String server, String token, String theme, boolean smokeTest, int smokeRuns) {
    /** The options that take a value; {@code --smoke-test} is the one flag. */
    static final Set<String> VALUED = Set.of("--data-dir", "--server", "--token", "--theme", "--smoke-runs");
    static final String SMOKE_TEST = "--smoke-test";

    /** The options, or empty when {@code args} hold anything this reader does not know, or a malformed value. */
    static Optional<DesktopArgs> parse(String[] args) {
        Map<String, String> values = new HashMap<>();
        boolean smoke = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            int equals = arg.indexOf('=');
            String name = equals > 0 ? arg.substring(0, equals) : arg;
            if (name.equals(SMOKE_TEST) && equals < 0) {
                smoke = true;
            } else if (VALUED.contains(name) && !values.containsKey(name)) {
                if (equals > 0) {
                    values.put(name, arg.substring(equals + 1));
                } else if (i + 1 < args.length) {
                    values.put(name, args[++i]);
                } else {
                    return Optional.empty();
                }
            } else {
                return Optional.empty();
            }
        }
        int runs = 1;
        if (values.containsKey("--smoke-runs")) {
            try {
                runs = Integer.parseInt(values.get("--smoke-runs"));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.of(new DesktopArgs(values.get("--data-dir"), values.get("--server"), values.get("--token"),
                values.get("--theme"), smoke, runs));
    }

    /** Opens the window (or runs the smoke test); the process status once it closes. */
    int launch() {
        List<String> named = new ArrayList<>();
        addNamed(named, "data-dir", dataDir);
        addNamed(named, "server", server);
        addNamed(named, "token", token);
        addNamed(named, "theme", theme);
        String[] args = named.toArray(String[]::new);
        if (smokeTest && dataDir == null && server == null) {
            return DesktopApp.smokeTestOnScratchFolder(Math.max(1, smokeRuns), args);
        }
        return DesktopApp.launch(dataDir != null ? Path.of(dataDir) : AppDirs.defaultDataDir(), server != null,
                smokeTest ? Math.max(1, smokeRuns) : 0, args);
    }

    private static void addNamed(List<String> args, String name, String value) {
        if (value != null) {
            args.add("--" + name + "=" + value);
        }
    }
}
