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

/**
 * The only stand-in of the test suites: an OpenAI-compatible chat completions server on loopback that streams
 * scripted answers — text chunks, tool-call deltas split across chunks, usage, {@code [DONE]} — or fails the way
 * real providers fail. Replies are queued per model name ({@code provider_model_id}); with an empty queue it
 * answers a short text. Every request body is recorded.
 */
public final class ScriptedLlm implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, Deque<Reply>> scripts = new ConcurrentHashMap<>();
    private final List<JsonNode> requests = Collections.synchronizedList(new ArrayList<>());

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

    /** Every chat request received so far, oldest first. */
    public List<JsonNode> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
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
        byte[] body = "{\"object\":\"list\",\"data\":[{\"id\":\"model-a\"},{\"id\":\"model-b\"}]}"
                .getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(200, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    private void chat(HttpExchange ex) throws IOException {
        JsonNode request = Json.mapper().readTree(ex.getRequestBody());
        requests.add(request);
        String model = request.path("model").asText();
        Deque<Reply> queue = scripts.get(model);
        Reply reply = queue == null ? null : queue.pollFirst();
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

        private Reply(int status, String errorBody, List<ObjectNode> chunks, long delayMillis, boolean finish,
                String finishReason) {
            this(status, errorBody, chunks, delayMillis, finish, finishReason, false);
        }

        private Reply(int status, String errorBody, List<ObjectNode> chunks, long delayMillis, boolean finish,
                String finishReason, boolean reset) {
            this.status = status;
            this.errorBody = errorBody;
            this.chunks = chunks;
            this.delayMillis = delayMillis;
            this.finish = finish;
            this.finishReason = finishReason;
            this.reset = reset;
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
            for (ObjectNode chunk : chunks) {
                if (delayMillis > 0) {
                    sleep(delayMillis);
                }
                send(out, chunk);
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

        private static void sleep(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
