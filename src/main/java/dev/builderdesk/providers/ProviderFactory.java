package dev.builderdesk.providers;

import dev.builderdesk.protocol.Provider;

/** Turns a provider endpoint into something that streams completions. */
public final class ProviderFactory {
    private final ProviderHttp http;
    private final long demoChunkDelayMillis;

    public ProviderFactory(ProviderHttp http, long demoChunkDelayMillis) {
        this.http = http;
        this.demoChunkDelayMillis = demoChunkDelayMillis;
    }

    public ChatProvider create(ProviderEndpoint endpoint) {
        if (Provider.DEMO.equals(endpoint.kind())) {
            return new DemoProvider(demoChunkDelayMillis);
        }
        return new OpenAiCompatibleProvider(http.forUrl(endpoint.baseUrl()), endpoint.baseUrl(), endpoint.apiKey());
    }
}
