package dev.builderdesk.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.builderdesk.protocol.Json;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The built-in scripted, offline "model". It does not understand prompts: it walks a fixed tour that exercises
 * what the app shows — streamed text, listing files, reading one, a tool call that fails validation and the
 * corrected call, a patch that adds a note — so the workflow can be tried
 * with no provider at all. Every answer says what it is.
 */
public final class DemoProvider implements ChatProvider {
    /** The model name the demo answers as. */
    public static final String MODEL = "demo-scripted";

    private static final Pattern WORD = Pattern.compile("\\S+\\s*|\\s+");
    private final long chunkDelayMillis;

    public DemoProvider(long chunkDelayMillis) {
        this.chunkDelayMillis = chunkDelayMillis;
    }

    @Override
    public ChatResult complete(ChatRequest request, ChatListener listener, Cancellation cancellation)
            throws CancelledException {
        List<ChatMessage> messages = request.messages();
        int lastUser = -1;
        for (int i = 0; i < messages.size(); i++) {
            if (messages.get(i).role().equals("user")) {
                lastUser = i;
            }
        }
        String prompt = lastUser < 0 ? "" : messages.get(lastUser).content();
        List<ChatMessage> since = messages.subList(lastUser + 1, messages.size());
        List<ChatMessage> results = since.stream().filter(m -> m.role().equals("tool")).toList();
        long inputTokens = messages.stream().mapToLong(m -> m.content() == null ? 0 : m.content().length() / 4).sum();

        return switch (results.size()) {
            case 0 -> step(listener, cancellation, inputTokens,
                    "This is the **demo model** (scripted, offline). I'll look around the project first.",
                    call(0, "coding_agent_list_files", Json.object()));
            case 1 -> {
                String file = pickFile(results.get(0).content());
                yield file == null
                        ? step(listener, cancellation, inputTokens, "The workspace is empty. Any notes?",
                                call(1, "coding_agent_list_files", Json.object().put("glob", "*.md")))
                        : step(listener, cancellation, inputTokens, "Reading `" + file + "`.",
                                call(1, "coding_agent_read_file", Json.object().put("path", file)));
            }
            case 2 -> step(listener, cancellation, inputTokens,
                    "Now I'll record your request in `" + notePath(results.get(0).content()) + "` with a patch.",
                    call(2, "coding_agent_apply_patch", Json.object().put("file",
                            notePath(results.get(0).content()))));
            case 3 -> step(listener, cancellation, inputTokens,
                    "That call failed: I forgot the `patch` field. The tool said exactly what was missing, so here"
                            + " is the call again with the patch.",
                    call(3, "coding_agent_apply_patch", Json.object().put("patch",
                            notePatch(notePath(results.get(0).content()), prompt))));
            default -> step(listener, cancellation, inputTokens,
                    "Done. I looked at the files, recovered from a failed tool call and added a note with a patch.\n\n"
                            + "I'm the scripted demo model, so I did not act on your request. Add a model provider"
                            + " in Settings (Ollama, LM Studio or any OpenAI-compatible endpoint) to get real work"
                            + " done.", null);
        };
    }

    private ChatResult step(ChatListener listener, Cancellation cancellation, long inputTokens, String text,
            ToolCall call) throws CancelledException {
        Matcher words = WORD.matcher(text);
        long outputTokens = 0;
        while (words.find()) {
            if (chunkDelayMillis > 0 && !cancellation.sleep(chunkDelayMillis)) {
                throw new CancelledException();
            }
            if (cancellation.isCancelled()) {
                throw new CancelledException();
            }
            listener.onText(words.group());
            outputTokens++;
        }
        return new ChatResult(text, call == null ? List.of() : List.of(call), call == null ? "stop" : "tool_calls",
                inputTokens, outputTokens);
    }

    private static ToolCall call(int step, String name, ObjectNode args) {
        return new ToolCall("demo_call_" + step, name, Json.write(args));
    }

    /** A patch that adds the note file with the request. */
    private static String notePatch(String path, String prompt) {
        StringBuilder p = new StringBuilder("*** Begin Patch\n*** Add File: " + path + "\n");
        p.append("+# Notes from the demo model\n+\n+Your request was:\n+\n");
        for (String line : prompt.split("\n", -1)) {
            p.append("+> ").append(line).append('\n');
        }
        p.append("+\n+The demo model is scripted and offline; connect a real model in Settings to act on it.\n");
        return p.append("*** End Patch\n").toString();
    }

    /** {@code NOTES.md}, or the first {@code NOTES-n.md} the listing does not have yet. */
    private static String notePath(String listingJson) {
        String listing = listingJson == null ? "" : listingJson;
        String path = "NOTES.md";
        for (int n = 2; listing.contains("\"" + path + "\""); n++) {
            path = "NOTES-" + n + ".md";
        }
        return path;
    }

    /** Prefers the app's main component, else the first file of the listing. */
    private static String pickFile(String listingJson) {
        try {
            JsonNode files = Json.mapper().readTree(listingJson).path("files");
            String first = null;
            for (JsonNode f : files) {
                String path = f.asText();
                if (path.equals("src/App.tsx")) {
                    return path;
                }
                if (first == null && !path.startsWith("NOTES")) {
                    first = path;
                }
            }
            return first;
        } catch (Exception e) {
            return null;
        }
    }
}
