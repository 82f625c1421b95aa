package dev.builderdesk.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.builderdesk.client.ServerConnection;
import okhttp3.ConnectionSpec;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

class HttpRuntimeTest {
    @Test
    void aPlainHttpServerGetsAClientWithoutTlsAndAnHttpsOneAClientWithIt() {
        try (HttpRuntime runtime = new HttpRuntime()) {
            OkHttpClient embedded = runtime.http(ServerConnection.of("http://127.0.0.1:8787", "t"));
            OkHttpClient team = runtime.http(ServerConnection.of("https://runs.example.invalid", "t"));

            assertThat(embedded.connectionSpecs()).containsExactly(ConnectionSpec.CLEARTEXT);
            assertThat(team.connectionSpecs()).contains(ConnectionSpec.MODERN_TLS);
            assertThat(team.x509TrustManager()).isNotNull();
            assertThat(team.connectionPool()).isSameAs(embedded.connectionPool());
            assertThat(team.dispatcher()).isSameAs(embedded.dispatcher());
        }
    }
}
