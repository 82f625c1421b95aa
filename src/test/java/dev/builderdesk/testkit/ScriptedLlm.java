package dev.builderdesk.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.builderdesk.protocol.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * The only stand-in of the test suites: an OpenAI-compatible chat completions server on loopback that streams
 * scripted answers — text chunks, tool-call deltas split across chunks, usage, {@code [DONE]} — or fails the way
 * real providers fail. Replies are queued per model name ({@code provider_model_id}); with an empty queue it
 * answers a short text. Every request body is recorded.
 */
public final class ScriptedLlm implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, Deque<Reply>> scripts = new ConcurrentHashMap<>();
    private final Map<String, Function<JsonNode, Reply>> responders = new ConcurrentHashMap<>();
    private final List<JsonNode> requests = Collections.synchronizedList(new ArrayList<>());
    private volatile String listing = "{\"object\":\"list\",\"data\":[{\"id\":\"model-a\"},{\"id\":\"model-b\"}]}";
    private volatile String requiredKey;
    private final List<String> authorizations = Collections.synchronizedList(new ArrayList<>());

    private ScriptedLlm(HttpServer server) {
        this.server = server;
    }

    public static ScriptedLlm start() throws IOException {
        // Many small flushes per answer: without TCP_NODELAY, Nagle and delayed ACKs add ~40 ms stalls that no
        // real provider would show on loopback. Read once, when the JDK's server classes load.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        ScriptedLlm llm = new ScriptedLlm(server);
        server.createContext("/v1/chat/completions", llm::chat);
        server.createContext("/v1/models", llm::models);
        server.start();
        return llm;
    }

    /** Base URL to configure as the provider's {@code base_url}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** Queues replies for requests naming {@code model}. */
    public ScriptedLlm script(String model, Reply... replies) {
        scripts.computeIfAbsent(model, m -> new ConcurrentLinkedDeque<>()).addAll(List.of(replies));
        return this;
    }

    /**
     * Answers every request naming {@code model} with what {@code responder} makes of the request body, instead of a
     * queue: the reply depends on the conversation, so a step the server asks again (after a crash) gets the same
     * answer. The responder runs on the request's thread and may block it.
     */
    public ScriptedLlm respond(String model, Function<JsonNode, Reply> responder) {
        responders.put(model, responder);
        return this;
    }

    /**
     * What {@code GET /models} lists from now on: entries as given (an {@code id}, optionally OpenAI-style
     * metadata such as {@code type}); by default {@code model-a} and {@code model-b}.
     */
    public ScriptedLlm listing(List<Map<String, Object>> entries) {
        listing = Json.write(Map.of("object", "list", "data", entries));
        return this;
    }

    /** From now on every request must carry {@code Authorization: Bearer key}, else it is answered 401. */
    public ScriptedLlm requireKey(String key) {
        requiredKey = key;
        return this;
    }

    /** Every chat request received so far, oldest first. */
    public List<JsonNode> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** The {@code Authorization} header of every request (listings too), oldest first; "" where none was sent. */
    public List<String> authorizations() {
        synchronized (authorizations) {
            return List.copyOf(authorizations);
        }
    }

    public List<JsonNode> requestsFor(String model) {
        return requests().stream().filter(r -> r.path("model").asText().equals(model)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void models(HttpExchange ex) throws IOException {
        if (!keyAccepted(ex)) {
            return;
        }
        answer(ex, 200, listing);
    }

    /** Answers 401 as OpenAI does and returns false when a key is required and this request lacks it. */
    private boolean keyAccepted(HttpExchange ex) throws IOException {
        String sent = ex.getRequestHeaders().getFirst("Authorization");
        authorizations.add(sent == null ? "" : sent);
        String key = requiredKey;
        if (key == null || ("Bearer " + key).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
            return true;
        }
        answer(ex, 401, "{\"error\":{\"message\":\"Incorrect API key provided.\",\"type\":"
                + "\"invalid_request_error\",\"code\":\"invalid_api_key\"}}");
        return false;
    }

    private static void answer(HttpExchange ex, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    private void chat(HttpExchange ex) throws IOException {
        JsonNode request = Json.mapper().readTree(ex.getRequestBody());
        requests.add(request);
        if (!keyAccepted(ex)) {
            ex.close();
            return;
        }
        String model = request.path("model").asText();
        Function<JsonNode, Reply> responder = responders.get(model);
        Deque<Reply> queue = scripts.get(model);
        Reply reply = responder != null ? responder.apply(request) : queue == null ? null : queue.pollFirst();
        if (reply == null) {
            reply = Reply.text("ok");
        }
        try {
            reply.writeTo(ex);
        } catch (IOException e) {
            // The client went away (a cancel); nothing to do.
        } finally {
            ex.close();
        }
    }

    /** One scripted answer. */
    public static final class Reply {
        private final int status;
        private final String errorBody;
        private final List<ObjectNode> chunks;
        private final long delayMillis;
        private final boolean finish;
        private final String finishReason;
        private final boolean reset;
        private final long periodNanos;
        private final java.util.concurrent.Semaphore tap;

        private Reply(int status, String errorBody, List<ObjectNode> chunks, long delayMillis, boolean finish,
                String finishReason) {
            this(status, errorBody, chunks, delayMillis, finish, finishReason, false);
        }

        private Reply(int status, String errorBody, List<ObjectNode> chunks, long delayMillis, boolean finish,
                String finishReason, boolean reset) {
            this(status, errorBody, chunks, delayMillis, finish, finishReason, reset, 0);
        }

        private Reply(int status, String errorBody, List<ObjectNode> chunks, long delayMillis, boolean finish,
                String finishReason, boolean reset, long periodNanos) {
            this(status, errorBody, chunks, delayMillis, finish, finishReason, reset, periodNanos, null);
        }

        private Reply(int status, String errorBody, List<ObjectNode> chunks, long delayMillis, boolean finish,
                String finishReason, boolean reset, long periodNanos, java.util.concurrent.Semaphore tap) {
            this.tap = tap;
            this.status = status;
            this.errorBody = errorBody;
            this.chunks = chunks;
            this.delayMillis = delayMillis;
            this.finish = finish;
            this.finishReason = finishReason;
            this.reset = reset;
            this.periodNanos = periodNanos;
        }

        /**
         * Streams {@code pieces} exactly as given (one content chunk each, so a caller can split text anywhere),
         * chunk {@code i} at {@code i × periodNanos} after the first on a fixed schedule (a late chunk does not
         * delay the ones after it: the pace is a rate, like a model's tokens per second), then stops.
         */
        public static Reply pieces(List<String> pieces, long periodNanos) {
            return new Reply(200, null, pieces.stream().map(Reply::delta).toList(), 0, true, "stop", false,
                    periodNanos);
        }

        /**
         * Streams {@code pieces} exactly as given, each only once the test has released a permit on {@code tap}:
         * a test that must see the stream in a given state (the user scrolled up while it runs) paces it itself
         * instead of racing a clock. A piece not released within a minute ends the reply there.
         */
        public static Reply onTap(List<String> pieces, java.util.concurrent.Semaphore tap) {
            return new Reply(200, null, pieces.stream().map(Reply::delta).toList(), 0, true, "stop", false, 0,
                    tap);
        }

        /** Text, then the connection breaks (the body ends before its announced length). */
        public static Reply reset(String text) {
            return new Reply(200, null, textChunks(text), 0, false, null, true);
        }

        /** Streams {@code text} in word chunks, then {@code finish_reason: stop}. */
        public static Reply text(String text) {
            return new Reply(200, null, textChunks(text), 0, true, "stop");
        }

        /** Streams {@code words} words, one every {@code delayMillis}, then stops. */
        public static Reply slowText(int words, long delayMillis) {
            List<ObjectNode> chunks = new ArrayList<>();
            for (int i = 0; i < words; i++) {
                chunks.add(delta("word" + i + " "));
            }
            return new Reply(200, null, chunks, delayMillis, true, "stop");
        }

        /** Optional text, then one tool call whose arguments arrive split over several chunks. */
        public static Reply toolCall(String text, String name, String arguments) {
            List<ObjectNode> chunks = new ArrayList<>(text == null ? List.of() : textChunks(text));
            String id = "call_" + Math.abs((name + arguments).hashCode());
            ObjectNode first = Json.object();
            ObjectNode tc = first.putArray("choices").addObject().putObject("delta").putArray("tool_calls")
                    .addObject();
            tc.put("index", 0).put("id", id).put("type", "function");
            tc.putObject("function").put("name", name).put("arguments", "");
            chunks.add(first);
            int step = Math.max(1, arguments.length() / 3);
            for (int i = 0; i < arguments.length(); i += step) {
                ObjectNode part = Json.object();
                ObjectNode d = part.putArray("choices").addObject().putObject("delta").putArray("tool_calls")
                        .addObject();
                d.put("index", 0);
                d.putObject("function").put("arguments", arguments.substring(i, Math.min(arguments.length(),
                        i + step)));
                chunks.add(part);
            }
            return new Reply(200, null, chunks, 0, true, "tool_calls");
        }

        /** An HTTP error with a JSON body, as providers send them. */
        public static Reply status(int status, String message) {
            return new Reply(status, "{\"error\":{\"message\":\"" + message + "\",\"type\":\"error\"}}", List.of(), 0,
                    false, null);
        }

        /** Text, then the stream ends with neither a finish reason nor {@code [DONE]}. */
        public static Reply cutOff(String text) {
            return new Reply(200, null, textChunks(text), 0, false, null);
        }

        /**
         * The same reply, each chunk sent only once a permit of {@code tap} is taken: a reply held after as many
         * chunks as the test released (it waits up to a minute for each, then ends the reply there).
         */
        public Reply gated(java.util.concurrent.Semaphore gate) {
            return new Reply(status, errorBody, chunks, delayMillis, finish, finishReason, reset, periodNanos, gate);
        }

        /** How many chunks the reply streams before its finish (so a test can hold it before the end). */
        public int chunkCount() {
            return chunks.size();
        }

        /** The same reply with a pause before every chunk. */
        public Reply paced(long millis) {
            return new Reply(status, errorBody, chunks, millis, finish, finishReason);
        }

        void writeTo(HttpExchange ex) throws IOException {
            if (status != 200) {
                byte[] body = errorBody.getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().add("Content-Type", "application/json");
                ex.sendResponseHeaders(status, body.length);
                ex.getResponseBody().write(body);
                return;
            }
            ex.getResponseHeaders().add("Content-Type", "text/event-stream");
            // A reset announces a body far longer than what is sent, so the client sees the stream break.
            ex.sendResponseHeaders(200, reset ? 1_000_000 : 0);
            OutputStream out = ex.getResponseBody();
            long start = System.nanoTime();
            for (int i = 0; i < chunks.size(); i++) {
                if (delayMillis > 0) {
                    sleep(delayMillis);
                }
                if (periodNanos > 0) {
                    long wait = start + i * periodNanos - System.nanoTime();
                    if (wait > 0) {
                        java.util.concurrent.locks.LockSupport.parkNanos(wait);
                    }
                }
                if (tap != null && !acquire(tap)) {
                    break;
                }
                send(out, chunks.get(i));
            }
            if (finish) {
                ObjectNode last = Json.object();
                last.putArray("choices").addObject().put("finish_reason", finishReason).putObject("delta");
                send(out, last);
                ObjectNode usage = Json.object();
                usage.putArray("choices");
                usage.putObject("usage").put("prompt_tokens", 100).put("completion_tokens", chunks.size());
                send(out, usage);
                out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
            }
            out.flush();
        }

        private static void send(OutputStream out, ObjectNode chunk) throws IOException {
            out.write(("data: " + Json.write(chunk) + "\n\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        private static List<ObjectNode> textChunks(String text) {
            List<ObjectNode> chunks = new ArrayList<>();
            for (String word : text.split("(?<= )")) {
                chunks.add(delta(word));
            }
            return chunks;
        }

        private static ObjectNode delta(String text) {
            ObjectNode chunk = Json.object();
            chunk.putArray("choices").addObject().putObject("delta").put("content", text);
            return chunk;
        }

        private static boolean acquire(java.util.concurrent.Semaphore tap) {
            try {
                return tap.tryAcquire(1, java.util.concurrent.TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        private static void sleep(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
