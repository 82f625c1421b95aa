package dev.builderdesk.ui.files;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Turns a revision's file paths into indented tree rows, folders first, each file with its change mark. Pure. */
public final class FileTree {
    /** One row: a folder or a file, its depth, and for files the change of the last run (A, M, D or empty). */
    public record Row(String path, String name, int depth, boolean folder, String change) {
    }

    private FileTree() {
    }

    /** Rows for {@code paths}; {@code changes} maps a path to its mark; deleted files are listed with "D". */
    public static List<Row> rows(List<String> paths, Map<String, String> changes) {
        Node root = new Node();
        for (String p : paths) {
            root.add(p);
        }
        changes.forEach((path, mark) -> {
            if (mark.equals("D")) {
                root.add(path);
            }
        });
        List<Row> rows = new ArrayList<>();
        root.emit("", 0, changes, rows);
        return rows;
    }

    private static final class Node {
        private final Map<String, Node> folders = new TreeMap<>();
        private final Map<String, Boolean> files = new TreeMap<>();

        void add(String path) {
            int slash = path.indexOf('/');
            if (slash < 0) {
                files.put(path, true);
            } else {
                folders.computeIfAbsent(path.substring(0, slash), k -> new Node()).add(path.substring(slash + 1));
            }
        }

        void emit(String prefix, int depth, Map<String, String> changes, List<Row> out) {
            folders.forEach((name, node) -> {
                out.add(new Row(prefix + name + "/", name + "/", depth, true, ""));
                node.emit(prefix + name + "/", depth + 1, changes, out);
            });
            files.keySet().forEach(name -> out.add(new Row(prefix + name, name, depth, false,
                    changes.getOrDefault(prefix + name, ""))));
        }
    }
}
