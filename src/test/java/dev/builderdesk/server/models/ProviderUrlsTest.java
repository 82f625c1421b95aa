package dev.builderdesk.server.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The allow-list compares parsed addresses: the tricks that fool a string prefix are all outside it. */
class ProviderUrlsTest {
    private final ProviderUrls list = new ProviderUrls(List.of("https://api.example.com/v1",
            "http://ollama.internal:11434/"));

    @Test
    void addressesUnderAListedOneAreAllowed() {
        assertThat(list.allows("https://api.example.com/v1")).isTrue();
        assertThat(list.allows("https://API.example.com:443/v1/")).isTrue();
        assertThat(list.allows("https://api.example.com/v1/models")).isTrue();
        assertThat(list.allows("http://ollama.internal:11434/v1")).isTrue();
        assertThat(ProviderUrls.any().allows("http://10.0.0.1:8080/v1")).isTrue();
    }

    @Test
    void theTricksOfAStringPrefixAreOutside() {
        for (String outside : List.of("https://api.example.com/v1/../admin", "https://api.example.com/v1/%2e%2e/admin",
                "https://api.example.com/v1/%2E%2E/admin", "https://api.example.com/v1/./x/../../admin",
                "https://api.example.com@evil.test/v1", "https://user:pw@api.example.com/v1",
                "https://api.example.com.evil.test/v1", "https://api.example.com/v10", "http://api.example.com/v1",
                "https://api.example.com:8443/v1", "https://api.example.com/v1%2f..%2fadmin",
                "http://ollama.internal:1143/", "ftp://api.example.com/v1", "not a url")) {
            assertThat(list.allows(outside)).as(outside).isFalse();
        }
    }

    @Test
    void aPrefixThatIsNotAPlainAddressIsRefused() {
        assertThatThrownBy(() -> new ProviderUrls(List.of("api.example.com/v1")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
