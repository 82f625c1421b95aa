package dev.builderdesk.client;

/**
 * A followed run stream. It reconnects by itself with capped exponential backoff, resuming after the last event
 * seen, until the terminal event arrives, a permanent error happens, or {@link #close()} is called.
 */
public interface RunStream extends AutoCloseable {
    /** The seq of the last event delivered (0 before the first). */
    long lastSeq();

    /** True once the terminal event was delivered, or the stream gave up or was closed. */
    boolean isDone();

    /** Waits until the stream is done; false if the timeout passed first. */
    boolean await(java.time.Duration timeout) throws InterruptedException;

    /** Stops following: cancels the connection; no further callbacks. */
    @Override
    void close();
}
