package dev.builderdesk.app.config;

/** A mistake in the configuration file; the message names the file and line. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
