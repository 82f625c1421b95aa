package dev.builderdesk.providers;

/** Streams one chat completion. Implementations are thread-safe; one call per run at a time. */
public interface ChatProvider {
    ChatResult complete(ChatRequest request, ChatListener listener, Cancellation cancellation)
            throws ProviderException, CancelledException;
}
