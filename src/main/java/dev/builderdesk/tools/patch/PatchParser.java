package dev.builderdesk.tools.patch;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the two patch formats models produce: unified diffs ({@code ---}/{@code +++}/{@code @@ -a,b +c,d @@}) and
 * the {@code *** Begin Patch} format ({@code *** Add File:}, {@code *** Update File:} with optional
 * {@code *** Move to:}, {@code *** Delete File:}).
 */
public final class PatchParser {
    private static final Pattern HUNK = Pattern.compile("^@@ -(\\d+)(?:,(\\d+))? \\+(\\d+)(?:,(\\d+))? @@(.*)$");

    private PatchParser() {
    }

    /**
     * Parses a patch; {@code strip} leading path components are removed from unified-diff paths, or, when
     * {@code strip} is negative (not given), only a leading {@code a/} or {@code b/}.
     */
    public static List<FilePatch> parse(String patch, int strip) throws PatchParseException {
        String text = patch.replace("\r\n", "\n");
        if (text.strip().isEmpty()) {
            throw new PatchParseException("The patch is empty");
        }
        if (text.contains("GIT binary patch") || text.matches("(?s).*^Binary files .* differ$.*")) {
            throw new PatchParseException("PATCH_BINARY_NOT_SUPPORTED", "Binary patches are not supported");
        }
        List<String> lines = List.of(text.split("\n", -1));
        return text.stripLeading().startsWith("*** Begin Patch") ? parseEnvelope(lines) : parseUnified(lines, strip);
    }

    private static List<FilePatch> parseUnified(List<String> lines, int strip) throws PatchParseException {
        List<FilePatch> files = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i);
            if (!line.startsWith("--- ")) {
                i++;
                continue;
            }
            if (i + 1 >= lines.size() || !lines.get(i + 1).startsWith("+++ ")) {
                throw new PatchParseException("Line " + (i + 1) + ": '---' must be followed by '+++'");
            }
            String from = path(line.substring(4), strip);
            String to = path(lines.get(i + 1).substring(4), strip);
            i += 2;
            List<FilePatch.Hunk> hunks = new ArrayList<>();
            while (i < lines.size() && lines.get(i).startsWith("@@")) {
                Matcher m = HUNK.matcher(lines.get(i));
                if (!m.matches()) {
                    throw new PatchParseException("Line " + (i + 1) + ": malformed hunk header: " + lines.get(i));
                }
                int oldCount = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
                int newCount = m.group(4) == null ? 1 : Integer.parseInt(m.group(4));
                i++;
                List<FilePatch.Line> body = new ArrayList<>();
                int seenOld = 0;
                int seenNew = 0;
                while (i < lines.size() && (seenOld < oldCount || seenNew < newCount)) {
                    String l = lines.get(i);
                    if (l.startsWith("\\")) {
                        i++;
                        continue;
                    }
                    char kind = l.isEmpty() ? ' ' : l.charAt(0);
                    if (kind != ' ' && kind != '-' && kind != '+') {
                        throw new PatchParseException("Line " + (i + 1) + ": unexpected hunk line: " + l);
                    }
                    body.add(new FilePatch.Line(kind, l.isEmpty() ? "" : l.substring(1)));
                    seenOld += kind == '+' ? 0 : 1;
                    seenNew += kind == '-' ? 0 : 1;
                    i++;
                }
                if (seenOld != oldCount || seenNew != newCount) {
                    throw new PatchParseException("Hunk at line " + m.start() + " of " + (to == null ? from : to)
                            + " is shorter than its header says");
                }
                while (i < lines.size() && lines.get(i).startsWith("\\")) {
                    i++;
                }
                hunks.add(new FilePatch.Hunk(Integer.parseInt(m.group(1)), m.group(5).strip(), body));
            }
            if (from == null && to == null) {
                throw new PatchParseException("A file patch needs a path");
            }
            if (from == null) {
                files.add(new FilePatch(FilePatch.Op.ADD, to, null, hunks));
            } else if (to == null) {
                files.add(new FilePatch(FilePatch.Op.DELETE, from, null, hunks));
            } else {
                files.add(new FilePatch(FilePatch.Op.UPDATE, from, from.equals(to) ? null : to, hunks));
            }
        }
        if (files.isEmpty()) {
            throw new PatchParseException("No file headers ('--- a/path' and '+++ b/path') found");
        }
        return files;
    }

    private static List<FilePatch> parseEnvelope(List<String> lines) throws PatchParseException {
        List<FilePatch> files = new ArrayList<>();
        int i = 0;
        while (i < lines.size() && !lines.get(i).strip().equals("*** Begin Patch")) {
            i++;
        }
        i++;
        boolean ended = false;
        while (i < lines.size()) {
            String line = lines.get(i);
            if (line.strip().equals("*** End Patch")) {
                ended = true;
                break;
            }
            if (line.startsWith("*** Add File: ")) {
                String path = line.substring(14).strip();
                i++;
                List<FilePatch.Line> body = new ArrayList<>();
                while (i < lines.size() && lines.get(i).startsWith("+")) {
                    body.add(new FilePatch.Line('+', lines.get(i).substring(1)));
                    i++;
                }
                files.add(new FilePatch(FilePatch.Op.ADD, path, null, List.of(new FilePatch.Hunk(null, "", body))));
            } else if (line.startsWith("*** Delete File: ")) {
                files.add(new FilePatch(FilePatch.Op.DELETE, line.substring(17).strip(), null, List.of()));
                i++;
            } else if (line.startsWith("*** Update File: ")) {
                String path = line.substring(17).strip();
                i++;
                String moveTo = null;
                if (i < lines.size() && lines.get(i).startsWith("*** Move to: ")) {
                    moveTo = lines.get(i).substring(13).strip();
                    i++;
                }
                List<FilePatch.Hunk> hunks = new ArrayList<>();
                while (i < lines.size() && !lines.get(i).startsWith("***")) {
                    String anchor = "";
                    if (lines.get(i).startsWith("@@")) {
                        anchor = lines.get(i).substring(2).strip();
                        i++;
                    }
                    List<FilePatch.Line> body = new ArrayList<>();
                    while (i < lines.size() && !lines.get(i).startsWith("@@") && !lines.get(i).startsWith("***")) {
                        String l = lines.get(i);
                        char kind = l.isEmpty() ? ' ' : l.charAt(0);
                        if (kind != ' ' && kind != '-' && kind != '+') {
                            throw new PatchParseException("Line " + (i + 1) + ": unexpected hunk line: " + l);
                        }
                        body.add(new FilePatch.Line(kind, l.isEmpty() ? "" : l.substring(1)));
                        i++;
                    }
                    while (!body.isEmpty() && body.get(body.size() - 1).kind() == ' '
                            && body.get(body.size() - 1).text().isEmpty() && i < lines.size()
                            && lines.get(i).startsWith("***")) {
                        body.remove(body.size() - 1);
                    }
                    if (!body.isEmpty()) {
                        hunks.add(new FilePatch.Hunk(null, anchor, body));
                    }
                }
                if (hunks.isEmpty() && moveTo == null) {
                    throw new PatchParseException("'*** Update File: " + path + "' has no changes");
                }
                files.add(new FilePatch(FilePatch.Op.UPDATE, path, moveTo, hunks));
            } else if (line.isBlank()) {
                i++;
            } else {
                throw new PatchParseException("Line " + (i + 1) + ": expected '*** Add File:', '*** Update File:',"
                        + " '*** Delete File:' or '*** End Patch', got: " + line);
            }
        }
        if (!ended) {
            throw new PatchParseException("Missing '*** End Patch'");
        }
        if (files.isEmpty()) {
            throw new PatchParseException("The patch changes no file");
        }
        return files;
    }

    /** A unified-diff path without its timestamp and {@code strip} leading components; null for /dev/null. */
    private static String path(String raw, int strip) throws PatchParseException {
        String p = raw.split("\t", 2)[0].strip();
        if (p.equals("/dev/null")) {
            return null;
        }
        if (p.startsWith("\"") && p.endsWith("\"") && p.length() > 1) {
            p = p.substring(1, p.length() - 1);
        }
        String[] parts = p.split("/", -1);
        if (strip < 0) {
            return (p.startsWith("a/") || p.startsWith("b/")) ? p.substring(2) : p;
        }
        if (strip >= parts.length) {
            throw new PatchParseException("Cannot strip " + strip + " component(s) from path " + p);
        }
        return String.join("/", java.util.Arrays.copyOfRange(parts, strip, parts.length));
    }
}
