package dev.builderdesk.app;

/**
 * Whether this launch runs with the AOT cache the package's training run made. The launcher names the cache twice:
 * {@code -XX:AOTCache=…} for the JVM and {@code -Dbuilderdesk.aot.cache=…} for us. The packaged runtime has no
 * default CDS archive, so a JVM that reports sharing has mapped that cache; one that does not started without it
 * (the file is missing, was made for other jars or another runtime, or could not be mapped) and works all the same,
 * only slower to start.
 */
final class AotCache {
    static final String PROPERTY = "builderdesk.aot.cache";

    private AotCache() {
    }

    /** The cache the launcher asked for; null when the launch named none (a developer's run). */
    static String asked() {
        return System.getProperty(PROPERTY);
    }

    static boolean mapped() {
        return asked() != null && System.getProperty("java.vm.info", "").contains("sharing");
    }

    /** Logs, once per launch, a launch that asked for the cache and runs without it. */
    static void logIfMissed() {
        if (asked() != null && !mapped()) {
            System.getLogger(AotCache.class.getName()).log(System.Logger.Level.WARNING, "Started without the AOT"
                    + " cache " + asked() + " (missing, made for other files, or not mappable): start-up is slower");
        }
    }
}
