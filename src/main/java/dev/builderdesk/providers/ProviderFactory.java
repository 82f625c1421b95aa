package dev.builderdesk.providers;

import dev.builderdesk.protocol.Provider;
import okhttp3.OkHttpClient;

/** Turns a provider endpoint into something that streams completions. */
public final class ProviderFactory {
    private final OkHttpClient http;
    private final long demoChunkDelayMillis;

    public ProviderFactory(OkHttpClient http, long demoChunkDelayMillis) {
        this.http = http;
        this.demoChunkDelayMillis = demoChunkDelayMillis;
    }

    public ChatProvider create(ProviderEndpoint endpoint) {
        if (Provider.DEMO.equals(endpoint.kind())) {
            return new DemoProvider(demoChunkDelayMillis);
        }
        return new OpenAiCompatibleProvider(http, endpoint.baseUrl(), endpoint.apiKey());
    }
}
