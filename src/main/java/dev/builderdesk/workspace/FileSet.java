package dev.builderdesk.workspace;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An immutable set of files (relative path with {@code /} separators → bytes) with their SHA-256 hashes. Two file
 * sets with the same {@link #treeHash()} have the same paths and contents.
 */
public final class FileSet {
    private static final List<String> ENTRY_CANDIDATES = List.of("src/main.tsx", "src/main.ts", "src/main.jsx",
            "src/main.js", "src/index.tsx", "src/index.ts", "src/index.jsx", "src/index.js", "index.html");

    private final SortedMap<String, byte[]> contents;
    private final SortedMap<String, String> hashes;
    private final String treeHash;

    private FileSet(SortedMap<String, byte[]> contents, Map<String, String> knownHashes) {
        this.contents = Collections.unmodifiableSortedMap(contents);
        SortedMap<String, String> h = new TreeMap<>();
        StringBuilder tree = new StringBuilder();
        contents.forEach((path, bytes) -> {
            String sha = knownHashes == null ? Hashing.sha256(bytes) : knownHashes.get(path);
            h.put(path, sha);
            tree.append(path).append('\0').append(sha).append('\n');
        });
        this.hashes = Collections.unmodifiableSortedMap(h);
        this.treeHash = Hashing.sha256(tree.toString().getBytes(StandardCharsets.UTF_8));
    }

    public static FileSet of(Map<String, byte[]> files) {
        return new FileSet(new TreeMap<>(files), null);
    }

    /**
     * Files whose SHA-256 hashes are already known (read from the content-addressed store that computed them), so
     * they are not hashed again.
     *
     * @throws IllegalArgumentException when a file has no hash or a hash no file
     */
    public static FileSet ofHashed(Map<String, byte[]> files, Map<String, String> sha256) {
        if (!files.keySet().equals(sha256.keySet())) {
            throw new IllegalArgumentException("Every file needs its hash, and only those");
        }
        return new FileSet(new TreeMap<>(files), sha256);
    }

    /**
     * Files of which many are byte for byte those of {@code like}: those take its hashes, only the others are
     * hashed (comparing bytes is much cheaper than SHA-256).
     */
    public static FileSet ofLike(Map<String, byte[]> files, FileSet like) {
        Map<String, String> hashes = new HashMap<>();
        files.forEach((path, bytes) -> {
            byte[] known = like.contents.get(path);
            hashes.put(path, known != null && Arrays.equals(known, bytes) ? like.hashes.get(path)
                    : Hashing.sha256(bytes));
        });
        return new FileSet(new TreeMap<>(files), hashes);
    }

    public static FileSet empty() {
        return new FileSet(new TreeMap<>(), null);
    }

    public SortedMap<String, byte[]> contents() {
        return contents;
    }

    public SortedMap<String, String> hashes() {
        return hashes;
    }

    public String treeHash() {
        return treeHash;
    }

    public int size() {
        return contents.size();
    }

    public Optional<byte[]> get(String path) {
        return Optional.ofNullable(contents.get(path));
    }

    /** The file an app starts from: the usual Vite/React entry points, else {@code index.html}, else the first. */
    public String entryFile() {
        for (String candidate : ENTRY_CANDIDATES) {
            if (contents.containsKey(candidate)) {
                return candidate;
            }
        }
        return contents.isEmpty() ? null : contents.firstKey();
    }
}
