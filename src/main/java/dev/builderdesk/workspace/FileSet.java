package dev.builderdesk.workspace;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
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

    private FileSet(SortedMap<String, byte[]> contents) {
        this.contents = Collections.unmodifiableSortedMap(contents);
        SortedMap<String, String> h = new TreeMap<>();
        StringBuilder tree = new StringBuilder();
        contents.forEach((path, bytes) -> {
            String sha = Hashing.sha256(bytes);
            h.put(path, sha);
            tree.append(path).append('\0').append(sha).append('\n');
        });
        this.hashes = Collections.unmodifiableSortedMap(h);
        this.treeHash = Hashing.sha256(tree.toString().getBytes(StandardCharsets.UTF_8));
    }

    public static FileSet of(Map<String, byte[]> files) {
        return new FileSet(new TreeMap<>(files));
    }

    public static FileSet empty() {
        return new FileSet(new TreeMap<>());
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
