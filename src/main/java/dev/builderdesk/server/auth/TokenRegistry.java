package dev.builderdesk.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tokens the server accepts. Only SHA-256 digests are kept, so a token never sits in memory longer than a
 * request and lookups do not compare secrets character by character.
 */
public final class TokenRegistry {
    private final Map<String, Principal> byDigest = new ConcurrentHashMap<>();

    public void add(String token, Principal principal) {
        byDigest.put(digest(token), principal);
    }

    public Optional<Principal> find(String token) {
        return Optional.ofNullable(byDigest.get(digest(token)));
    }

    private static String digest(String token) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
