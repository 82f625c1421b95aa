package dev.builderdesk.providers;

/** Receives the answer's text as it streams, on the calling thread. */
@FunctionalInterface
public interface ChatListener {
    void onText(String delta);
}
