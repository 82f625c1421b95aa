package dev.builderdesk.workspace;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Patch;
import dev.builderdesk.protocol.FileDiff;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Per-file differences between two file sets, with unified diffs for text files. */
public final class RevisionDiffs {
    private RevisionDiffs() {
    }

    public static List<FileDiff> diff(FileSet from, FileSet to) {
        List<String> added = new ArrayList<>();
        List<FileDiff> result = new ArrayList<>();
        for (String path : to.contents().keySet()) {
            String oldSha = from.hashes().get(path);
            if (oldSha == null) {
                added.add(path);
            } else if (!oldSha.equals(to.hashes().get(path))) {
                result.add(fileDiff(path, "modified", from.contents().get(path), to.contents().get(path)));
            }
        }
        Map<String, String> deletedByHash = new HashMap<>();
        List<String> deleted = new ArrayList<>();
        for (String path : from.contents().keySet()) {
            if (!to.contents().containsKey(path)) {
                deleted.add(path);
                deletedByHash.putIfAbsent(from.hashes().get(path), path);
            }
        }
        for (String path : added) {
            String renamedFrom = deletedByHash.remove(to.hashes().get(path));
            if (renamedFrom != null) {
                deleted.remove(renamedFrom);
                result.add(new FileDiff(path, "renamed", renamedFrom, "", 0, 0));
            } else {
                result.add(fileDiff(path, "added", new byte[0], to.contents().get(path)));
            }
        }
        for (String path : deleted) {
            result.add(fileDiff(path, "deleted", from.contents().get(path), new byte[0]));
        }
        result.sort((a, b) -> a.path().compareTo(b.path()));
        return result;
    }

    /** One file's change from {@code before} (null: the file is new) to {@code after}, as the route shows it. */
    public static FileDiff ofFile(String path, byte[] before, byte[] after) {
        return fileDiff(path, before == null ? "added" : "modified", before == null ? new byte[0] : before, after);
    }

    private static FileDiff fileDiff(String path, String change, byte[] before, byte[] after) {
        Optional<String> oldText = text(before);
        Optional<String> newText = text(after);
        if (oldText.isEmpty() || newText.isEmpty()) {
            return new FileDiff(path, change, null, "Binary files differ\n", 0, 0);
        }
        List<String> oldLines = lines(oldText.get());
        List<String> newLines = lines(newText.get());
        Patch<String> patch = DiffUtils.diff(oldLines, newLines);
        int plus = 0;
        int minus = 0;
        for (AbstractDelta<String> delta : patch.getDeltas()) {
            plus += delta.getTarget().size();
            minus += delta.getSource().size();
        }
        String fromName = "added".equals(change) ? "/dev/null" : "a/" + path;
        String toName = "deleted".equals(change) ? "/dev/null" : "b/" + path;
        List<String> unified = UnifiedDiffUtils.generateUnifiedDiff(fromName, toName, oldLines, patch, 3);
        return new FileDiff(path, change, null, unified.isEmpty() ? "" : String.join("\n", unified) + "\n", plus,
                minus);
    }

    private static List<String> lines(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        String[] parts = text.split("\n", -1);
        int count = text.endsWith("\n") ? parts.length - 1 : parts.length;
        return Arrays.asList(parts).subList(0, count);
    }

    /** The bytes as UTF-8 text, or empty when they are not valid UTF-8 (a binary file). */
    public static Optional<String> text(byte[] bytes) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
