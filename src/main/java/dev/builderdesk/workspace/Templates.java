package dev.builderdesk.workspace;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The app templates shipped in the jar: {@code vite-react} (a minimal Vite + React + TypeScript app) and
 * {@code empty}. A template's files are listed in {@code templates/NAME.index} because a jar cannot list folders.
 */
public final class Templates {
    public static final String VITE_REACT = "vite-react";
    public static final String EMPTY = "empty";
    public static final Set<String> NAMES = Set.of(VITE_REACT, EMPTY);

    private static final String BASE = "/dev/builderdesk/workspace/templates/";

    private Templates() {
    }

    /** The files of a template, or empty if there is no template of that name. */
    public static Optional<FileSet> load(String name) {
        if (EMPTY.equals(name)) {
            return Optional.of(FileSet.empty());
        }
        if (!NAMES.contains(name)) {
            return Optional.empty();
        }
        try {
            Map<String, byte[]> files = new HashMap<>();
            for (String path : read(BASE + name + ".index").split("\n")) {
                if (!path.isBlank()) {
                    files.put(path.strip(), readBytes(BASE + name + "/" + path.strip()));
                }
            }
            return Optional.of(FileSet.of(files));
        } catch (IOException e) {
            throw new UncheckedIOException("Template " + name + " is incomplete in this build", e);
        }
    }

    private static String read(String resource) throws IOException {
        return new String(readBytes(resource), StandardCharsets.UTF_8);
    }

    private static byte[] readBytes(String resource) throws IOException {
        try (InputStream in = Templates.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("Missing resource " + resource);
            }
            return in.readAllBytes();
        }
    }
}
