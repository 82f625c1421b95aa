package dev.builderdesk.client;

/**
 * Receives a run's events. Callbacks run on the stream's own thread (never the UI thread), one at a time, in
 * order; each event is delivered exactly once and exactly one terminal event ends the stream.
 */
public interface RunStreamListener {
    /** One event, in order. */
    void onEvent(RunEvent event);

    /** The connection dropped; the stream reconnects and resumes after the last event seen. */
    default void onReconnecting(int attempt, Throwable cause) {
    }

    /** The stream gave up (the run is gone, or the token was refused); no terminal event will follow. */
    default void onError(ClientException error) {
    }
}
