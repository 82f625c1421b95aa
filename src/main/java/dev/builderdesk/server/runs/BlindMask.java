package dev.builderdesk.server.runs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.builderdesk.protocol.ChatTurn;
import dev.builderdesk.protocol.Json;
import dev.builderdesk.protocol.Model;
import dev.builderdesk.protocol.ModelBinding;
import dev.builderdesk.protocol.Run;
import dev.builderdesk.protocol.RunMetrics;
import dev.builderdesk.protocol.VerifyResult;
import dev.builderdesk.store.CompareGroupRepository.GroupRow;
import dev.builderdesk.store.ProviderRepository.ProviderRow;
import dev.builderdesk.store.RunRow;
import dev.builderdesk.store.Store;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What blind mode hides of one comparison attempt until its verdict is saved: every string that names the
 * attempt's model (its id, name and slug, the provider's name for it, their distinctive words, and the name and host
 * of the provider that serves it), replaced by the attempt's label wherever
 * the server shows the run — run objects, thread turns, stream events, error and warning texts, even the model's own
 * words ("As GPT-4o, I…"). Fields that exist only to name the model are emptied.
 */
public final class BlindMask {
    /** Names shorter than this are not searched for in free text: "o1" would blank half the words of an answer. */
    private static final int MIN_SCRUBBED = 3;
    /** Words that many models' names share: alone, they name no model. */
    private static final Set<String> SHARED_WORDS = Set.of("mini", "nano", "micro", "small", "medium", "large",
            "base", "chat", "instruct", "coder", "code", "builder", "preview", "turbo", "flash", "latest", "model",
            "fast", "lite", "plus", "ultra", "high", "thinking", "reasoning", "vision", "online", "free", "beta",
            "alpha", "experimental", "open", "auto", "demo", "local", "provider", "models", "scripted", "http",
            "https", "compatible");
    private static final Set<String> MODEL_FIELDS = Set.of("requested_model_id", "resolved_model_id",
            "resolved_model_name", "model_name", "model_id");

    private final String label;
    private final Pattern names;
    private final List<String> kept;

    /** A mask hiding {@code secrets} behind {@code label} (package-private: tests; the server uses {@link #of}). */
    BlindMask(String label, Set<String> secrets) {
        this(label, secrets, Set.of());
    }

    /**
     * A mask hiding {@code secrets} wherever they occur and {@code words} where they stand as words ("meta" of
     * "meta-llama", but not in "metadata").
     */
    BlindMask(String label, Set<String> secrets, Set<String> words) {
        this.label = label;
        List<String> kept = Stream.concat(secrets.stream(), words.stream())
                .filter(s -> s != null && s.length() >= MIN_SCRUBBED).distinct().toList();
        this.kept = kept;
        List<String> alternatives = new ArrayList<>();
        // Longest first: a whole name is replaced before a word of it.
        secrets.stream().filter(s -> s != null && s.length() >= MIN_SCRUBBED)
                .sorted(Comparator.comparingInt(String::length).reversed())
                .forEach(n -> alternatives.add(Pattern.quote(n)));
        words.stream().filter(w -> w.length() >= MIN_SCRUBBED)
                .sorted(Comparator.comparingInt(String::length).reversed())
                .forEach(w -> alternatives.add("(?<![\\p{L}\\p{N}])" + Pattern.quote(w) + "(?![\\p{L}\\p{N}])"));
        this.names = alternatives.isEmpty() ? null
                : Pattern.compile(String.join("|", alternatives), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    /** The mask of {@code run}, if it is an attempt of a blind comparison with no verdict yet. */
    public static Optional<BlindMask> of(Connection c, Store store, RunRow run) throws SQLException {
        if (run.compareGroupId() == null) {
            return Optional.empty();
        }
        Optional<GroupRow> group = store.compareGroups().find(c, run.appId(), run.compareGroupId());
        if (group.isEmpty() || !group.get().hidesModels()) {
            return Optional.empty();
        }
        Set<String> secrets = new LinkedHashSet<>();
        Set<String> words = new LinkedHashSet<>();
        secrets.add(run.requestedModelId());
        secrets.add(run.resolvedModelId());
        secrets.add(run.resolvedModelName());
        if (run.resolvedModelId() != null) {
            Optional<Model> model = store.models().find(c, run.resolvedModelId());
            if (model.isPresent()) {
                addNames(c, store, secrets, words, model.get());
            }
        }
        String letter = group.get().labels().get(run.id());
        addWords(words, run.resolvedModelName());
        return Optional.of(new BlindMask(letter == null ? "Model ?" : "Model " + letter, secrets, words));
    }

    private static void addNames(Connection c, Store store, Set<String> secrets, Set<String> words, Model m)
            throws SQLException {
        secrets.add(m.id());
        secrets.add(m.name());
        secrets.add(m.slug());
        addWords(words, m.name());
        addWords(words, m.slug());
        if (m.providers() != null) {
            for (ModelBinding b : m.providers()) {
                secrets.add(b.providerModelId());
                addWords(words, b.providerModelId());
                // The provider tells the vendor ("Anthropic", "api.mistral.ai") as well as the model would.
                Optional<ProviderRow> provider = store.providers().find(c, m.tenantId(), b.provider());
                if (provider.isPresent()) {
                    // Its whole name only: its words ("Team", "Private") are ordinary ones.
                    secrets.add(provider.get().name());
                    secrets.add(hostOf(provider.get().baseUrl()));
                }
            }
        }
    }

    /**
     * The distinctive words of a name — "Quokka" of "Quokka Coder", "claude" of "claude-sonnet-4-5" — that name the
     * model on their own ("Quokka here!"): 4 letters or more, not a number, and not one of the words many models'
     * names share (mini, instruct, coder, preview…), which would blank ordinary words of an answer.
     */
    static void addWords(Set<String> words, String name) {
        if (name == null) {
            return;
        }
        for (String word : name.split("[\\s/_:.@-]+")) {
            String lower = word.toLowerCase(Locale.ROOT);
            if (word.length() >= 4 && !lower.matches("[0-9]+[a-z]?") && !SHARED_WORDS.contains(lower)) {
                words.add(word);
            }
        }
    }

    /** The host of a provider's address, unless it is this machine or a bare IP address (which names no vendor). */
    private static String hostOf(String baseUrl) {
        try {
            String host = URI.create(baseUrl).getHost();
            // An IPv4 address, or an IPv6 one (bracketed, or bare with its colons).
            boolean address = host != null && host.matches("[0-9.]+|\\[.*]|[0-9a-fA-F]*:[0-9a-fA-F:]*");
            if (host == null || host.equals("localhost") || address) {
                return null;
            }
            return host;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The label that stands for the model, e.g. "Model B". */
    public String label() {
        return label;
    }

    /** {@code text} with every name of the model replaced by the label. */
    public String scrub(String text) {
        if (text == null || names == null) {
            return text;
        }
        return names.matcher(text).replaceAll(Matcher.quoteReplacement(label));
    }

    /**
     * Where {@code text} can be cut so that no name of the model is split between the part before and the part
     * after: before any trailing characters that could begin a name ("…as Quok"), and never inside a whole name.
     * An answer streamed in pieces is cut there, so that each piece can be scrubbed on its own.
     */
    public int safeCut(String text) {
        int hold = 0;
        // Compared in place, ignoring case: a lower-cased copy can differ in length ("İ") and shift the cut.
        for (String name : kept) {
            for (int k = Math.min(name.length() - 1, text.length()); k > hold; k--) {
                if (text.regionMatches(true, text.length() - k, name, 0, k)) {
                    hold = k;
                    break;
                }
            }
        }
        int cut = text.length() - hold;
        if (names != null) {
            Matcher m = names.matcher(text);
            while (m.find()) {
                if (m.start() < cut && cut < m.end()) {
                    cut = m.start();
                }
            }
        }
        return cut;
    }

    public Run apply(Run r) {
        return new Run(r.runId(), r.status(), r.executionEngine(), r.surface(), r.publishedAppId(),
                r.baseRevisionId(), r.resultRevisionId(), r.checkpointRevisionId(), null, null, scrub(r.error()),
                r.createdAt(), r.startedAt(), r.completedAt(), r.chatSessionId(), r.compareGroupId(), r.autoApply(),
                null, r.warnings() == null ? null : r.warnings().stream().map(this::scrub).toList(), r.usage(),
                scrub(r.metrics()), r.input(), r.errorCode(), r.clientMessageId(), r.pauseReason());
    }

    /** The verify command's output may quote what the attempt wrote, a model's name included. */
    private RunMetrics scrub(RunMetrics m) {
        if (m == null || m.verify() == null || m.verify().outputTail() == null) {
            return m;
        }
        VerifyResult v = m.verify();
        return m.withVerify(v.withOutputTail(scrub(v.outputTail())));
    }

    public ChatTurn apply(ChatTurn t) {
        return new ChatTurn(t.id(), t.runId(), t.role(), scrub(t.content()), null, null, t.createdAt());
    }

    /** A stored event envelope as blind mode shows it: model fields emptied, every text scrubbed. */
    public String applyToEvent(String envelope) {
        try {
            JsonNode tree = Json.mapper().readTree(envelope);
            return Json.mapper().writeValueAsString(mask(tree));
        } catch (java.io.IOException e) {
            // Every stored envelope was written by us as JSON; one that is not is dropped rather than shown.
            return "{}";
        }
    }

    private JsonNode mask(JsonNode node) {
        if (node.isTextual()) {
            return TextNode.valueOf(scrub(node.asText()));
        }
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                field.setValue(MODEL_FIELDS.contains(field.getKey())
                        ? object.nullNode() : mask(field.getValue()));
            }
            return object;
        }
        if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, mask(array.get(i)));
            }
        }
        return node;
    }
}
