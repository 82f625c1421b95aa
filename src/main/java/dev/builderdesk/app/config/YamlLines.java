package dev.builderdesk.app.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * The line of every value of a YAML document by JSON pointer ({@code /models/0/providers/0/provider}), so that
 * checks done after parsing can still say where a mistake is.
 */
final class YamlLines {
    private final Map<String, Integer> lines = new HashMap<>();

    YamlLines(String yaml) throws IOException {
        try (JsonParser p = new YAMLFactory().createParser(yaml)) {
            Deque<Object> path = new ArrayDeque<>();
            Deque<Integer> index = new ArrayDeque<>();
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                switch (t) {
                    case FIELD_NAME -> {
                        if (!path.isEmpty() && !(path.peek() instanceof Integer) && path.peek() != Marker.OBJECT) {
                            path.pop();
                        }
                        path.push(p.currentName());
                        lines.put(pointer(path), p.currentLocation().getLineNr());
                    }
                    case START_OBJECT -> {
                        advanceIndex(path, index, p);
                        path.push(Marker.OBJECT);
                    }
                    case START_ARRAY -> {
                        advanceIndex(path, index, p);
                        index.push(-1);
                        path.push(-1);
                    }
                    case END_OBJECT -> {
                        while (!path.isEmpty() && path.pop() != Marker.OBJECT) {
                            // drop the last field name of the object
                        }
                    }
                    case END_ARRAY -> {
                        path.pop();
                        index.pop();
                    }
                    default -> advanceIndex(path, index, p);
                }
            }
        }
    }

    /** The 1-based line of a pointer, or of its nearest known parent, or 1. */
    int lineOf(String pointer) {
        String p = pointer;
        while (!p.isEmpty()) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
            p = p.substring(0, p.lastIndexOf('/'));
        }
        return 1;
    }

    private void advanceIndex(Deque<Object> path, Deque<Integer> index, JsonParser p) {
        if (!path.isEmpty() && path.peek() instanceof Integer) {
            int next = index.pop() + 1;
            index.push(next);
            path.pop();
            path.push(next);
            lines.put(pointer(path), p.currentLocation().getLineNr());
        }
    }

    private static String pointer(Deque<Object> path) {
        StringBuilder sb = new StringBuilder();
        var it = path.descendingIterator();
        while (it.hasNext()) {
            Object o = it.next();
            if (o != Marker.OBJECT) {
                sb.append('/').append(o);
            }
        }
        return sb.toString();
    }

    private enum Marker { OBJECT }
}
