package dev.builderdesk.providers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import okhttp3.ConnectionSpec;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

class ProviderHttpTest {
    @Test
    void plainEndpointsGetAClientWithoutTlsAndOthersOneWithIt() {
        try (ProviderHttp http = new ProviderHttp(new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(7)))) {
            OkHttpClient local = http.forUrl("http://127.0.0.1:11434/v1");
            OkHttpClient cloud = http.forUrl("HTTPS://api.example.invalid/v1");

            assertThat(local.connectionSpecs()).containsExactly(ConnectionSpec.CLEARTEXT);
            assertThat(cloud.connectionSpecs()).contains(ConnectionSpec.MODERN_TLS);
            assertThat(cloud.x509TrustManager()).isNotNull();
            // One pool and one dispatcher, and the caller's settings on both.
            assertThat(cloud.connectionPool()).isSameAs(local.connectionPool());
            assertThat(cloud.dispatcher()).isSameAs(local.dispatcher());
            assertThat(cloud.readTimeoutMillis()).isEqualTo(7_000).isEqualTo(local.readTimeoutMillis());
            assertThat(http.forUrl("https://other.example.invalid")).isSameAs(cloud);
        }
    }
}
