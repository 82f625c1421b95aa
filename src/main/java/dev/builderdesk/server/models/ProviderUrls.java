package dev.builderdesk.server.models;

import dev.builderdesk.store.ProviderRepository.ProviderRow;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The operator's allow-list of provider addresses ({@code server.provider_url_prefixes}); empty allows any. An
 * address is allowed when it has the scheme, host and port of a listed one and its path starts with the listed
 * path, segment by segment. Compared parsed, never as strings: {@code http://allowed@evil/},
 * {@code https://allowed.evil/}, {@code …/v1/../admin} and {@code …/v1/%2e%2e/admin} are all outside
 * {@code https://allowed/v1}. The HTTP client must not follow redirects then (the server's client does not).
 */
public final class ProviderUrls {
    private final List<Parsed> allowed;

    public ProviderUrls(List<String> prefixes) {
        List<Parsed> parsed = new ArrayList<>();
        for (String prefix : prefixes) {
            parsed.add(parse(prefix).orElseThrow(() -> new IllegalArgumentException(
                    "Not an http(s) address: " + prefix)));
        }
        this.allowed = List.copyOf(parsed);
    }

    public static ProviderUrls any() {
        return new ProviderUrls(List.of());
    }

    public boolean restricted() {
        return !allowed.isEmpty();
    }

    public boolean allows(String url) {
        if (allowed.isEmpty()) {
            return true;
        }
        Optional<Parsed> candidate = parse(url);
        return candidate.isPresent() && allowed.stream().anyMatch(a -> a.admits(candidate.get()));
    }

    /**
     * Whether the server may contact this provider: the operator's own (from the config) always; a tenant's only at
     * an allowed address, one saved before the list was set included.
     */
    public boolean reaches(ProviderRow p) {
        return p.fromConfig() || p.baseUrl() == null || allows(p.baseUrl());
    }

    private record Parsed(String scheme, String host, int port, List<String> segments) {
        boolean admits(Parsed other) {
            return scheme.equals(other.scheme) && host.equals(other.host) && port == other.port
                    && other.segments.size() >= segments.size()
                    && other.segments.subList(0, segments.size()).equals(segments);
        }
    }

    /** The parts to compare; empty for anything but a plain http(s) address without user info or dot segments. */
    private static Optional<Parsed> parse(String url) {
        try {
            URI uri = new URI(url.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
                    || uri.getRawUserInfo() != null) {
                return Optional.empty();
            }
            int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
            List<String> segments = new ArrayList<>();
            String path = uri.getRawPath() == null ? "" : uri.getRawPath();
            for (String segment : path.split("/")) {
                String decoded = java.net.URLDecoder.decode(segment.replace("+", "%2B"),
                        java.nio.charset.StandardCharsets.UTF_8);
                if (decoded.equals(".") || decoded.equals("..") || decoded.contains("/") || decoded.contains("\\")) {
                    return Optional.empty();
                }
                if (!segment.isEmpty()) {
                    segments.add(decoded);
                }
            }
            return Optional.of(new Parsed(scheme, uri.getHost().toLowerCase(Locale.ROOT), port, segments));
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
