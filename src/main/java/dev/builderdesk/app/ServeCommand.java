package dev.builderdesk.app;

import dev.builderdesk.app.config.ConfigException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code builder-desk serve}: the run API without a window, until interrupted. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the Builder Desk run API server (no window).")
public final class ServeCommand implements Callable<Integer> {
    @Option(names = "--host", description = "Address to bind (default: 127.0.0.1, or server.host of the config)")
    String host;

    @Option(names = "--port", description = "Port to bind (default: 8787; 0 = any free port)")
    Integer port;

    @Option(names = "--data-dir", description = "Data folder (default: the platform's data folder)")
    Path dataDir;

    @Option(names = "--config", description = "YAML configuration file (default: zero-config)")
    Path config;

    @Override
    public Integer call() throws InterruptedException {
        ServerAssembly server;
        try {
            server = ServerAssembly.start(ServerAssembly.Options.of(
                    dataDir != null ? dataDir : AppDirs.defaultDataDir(), config, host, port));
        } catch (ConfigException e) {
            System.err.println("Configuration error: " + e.getMessage());
            return 2;
        } catch (DataFolderInUseException e) {
            System.err.println(e.getMessage());
            return DataFolderInUseException.EXIT_STATUS;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "builder-desk-shutdown"));
        System.out.println("Builder Desk run API " + AppDirs.version() + " listening on " + server.baseUrl());
        System.out.println("Data folder: " + server.dataDir());
        if (server.ownerTokenCreated()) {
            System.out.println("Owner token (shown only now; saved to " + server.ownerTokenFile().orElseThrow()
                    + "): " + server.ownerToken().orElseThrow());
        } else {
            server.ownerTokenFile().ifPresent(f -> System.out.println("Owner token: in " + f));
        }
        System.out.println("Press Ctrl+C to stop.");
        System.out.flush();
        stopped.await();
        return 0;
    }
}
