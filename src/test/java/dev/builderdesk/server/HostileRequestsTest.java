package dev.builderdesk.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.builderdesk.testkit.Api;
import dev.builderdesk.testkit.ScriptedLlm.Reply;
import dev.builderdesk.testkit.SseStream;
import dev.builderdesk.testkit.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A shared server is probed as an attacker would (issue 13): broken framing, bodies that lie about their length,
 * JSON with trailing data or invalid UTF-8, unusable characters in paths, stream headers out of range, and a burst
 * of connections. Each gets a coded 4xx or is served; none a 500, a reset or a silent acceptance.
 */
class HostileRequestsTest {
    @TempDir
    static Path dir;
    static TestServer server;
    static String app;
    static String run;
    static int lastSeq;

    @BeforeAll
    static void start() {
        server = TestServer.start(dir);
        server.llm().script("model-a", Reply.text("Done."));
        app = server.createApp("app", "vite-react").get("id").asText();
        run = server.createRun(app, Map.of("input", "x")).get("run_id").asText();
        server.awaitStatus(app, run, "completed");
        lastSeq = server.streamToEnd(app, run).size();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void jsonWithTrailingDataOrInvalidUtf8IsRefusedWith422() {
        Api.Resp trailing = server.owner().sendRaw("POST", "/admin/apps",
                "{\"name\": \"one\"} {\"name\": \"two\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(trailing.status()).isEqualTo(422);
        assertThat(trailing.detail().get(0).get("type").asText()).isEqualTo("json_invalid");

        Api.Resp twice = server.owner().sendRaw("POST", "/admin/apps",
                "{\"name\": \"one\", \"name\": \"two\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(twice.status()).as("a key given twice").isEqualTo(422);

        byte[] latin1 = "{\"name\": \"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
        Api.Resp invalid = server.owner().sendRaw("POST", "/admin/apps", latin1);
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.detail().get(0).get("msg").asText()).contains("UTF-8");
        assertThat(server.owner().get("/admin/apps").json().findValuesAsText("name"))
                .as("nothing was created").doesNotContain("one", "two", "caf\ufffd");
    }

    @Test
    void aNulOrALoneSurrogateInAStringIsA422NotA500() {
        // As JSON escapes: the characters themselves cannot be sent as UTF-8 (a lone surrogate has no encoding).
        for (String value : List.of("/tmp/a\\u0000b", "/tmp/\\ud800x")) {
            byte[] body = ("{\"name\": \"x\", \"workspace_path\": \"" + value + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            Api.Resp r = server.owner().sendRaw("POST", "/admin/apps", body);
            assertThat(r.status()).as(value).isEqualTo(422);
            assertThat(r.detail().get(0).get("loc").toString()).as(value).contains("workspace_path");
        }
        Api.Resp name = server.owner().sendRaw("POST", "/admin/apps",
                "{\"name\": \"bad \\ud800 name\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(name.status()).isEqualTo(422);
    }

    @Test
    void aNulInAQueryOrPathParameterIsA422NotA500() {
        for (String path : List.of(TestServer.runs(app) + "?compare_group_id=a%00b", "/providers/a%00b",
                "/admin/apps/" + app + "/coding-agent/compare-groups/a%00b")) {
            Api.Resp r = server.owner().get(path);
            // (Jetty refuses a NUL in the path itself, 400; a query value reaches us, 422.)
            assertThat(r.status()).as(path + " " + r.raw()).isIn(400, 422);
            assertThat(r.detail()).as(path).isNotNull();
        }
    }

    @Test
    void brokenChunkedFramingIsA400() throws IOException {
        assertAppCreationRefused("chunky", "Transfer-Encoding: chunked", "zz\r\n{\"name\":\"chunky\"}\r\n0\r\n\r\n",
                false);
    }

    @Test
    void aBodyShorterThanItsContentLengthIsA400() throws IOException {
        assertAppCreationRefused("short", "Content-Length: 400", "{\"name\":\"short\"}", true);
    }

    /** An app creation sent with a lying framing header is a JSON 4xx and creates nothing. */
    private static void assertAppCreationRefused(String name, String framing, String body, boolean halfClose)
            throws IOException {
        String response = raw("POST /admin/apps HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                + TestServer.ACME_OWNER + "\r\nContent-Type: application/json\r\n" + framing + "\r\n\r\n" + body,
                halfClose);
        assertThat(statusOf(response)).as(response).isBetween(400, 499);
        assertThat(response).contains("\"detail\"");
        assertThat(server.owner().get("/admin/apps").json().findValuesAsText("name")).doesNotContain(name);
    }

    @Test
    void lastEventIdIsParsedStrictly() {
        for (String header : List.of("9223372036854775807", "abc", "-1", "3.5", "2147483647")) {
            try (SseStream s = server.stream(app, run, "", Map.of("Last-Event-ID", header))) {
                assertThat(s.status()).as(header).isEqualTo(400);
            }
        }
        try (SseStream s = server.stream(app, run, "", Map.of("Last-Event-ID", "2"))) {
            assertThat(s.status()).isEqualTo(200);
            assertThat(s.nextEvent().seq()).isEqualTo(3);
        }
    }

    @Test
    void aSettledRunStreamedFromPastItsLastEventAnswers204SoAnEventSourceStopsReconnecting() {
        try (SseStream s = server.stream(app, run, "", Map.of("Last-Event-ID", Integer.toString(lastSeq)))) {
            assertThat(s.status()).isEqualTo(204);
        }
        try (SseStream s = server.stream(app, run, "?from_seq=" + (lastSeq + 10), Map.of())) {
            assertThat(s.status()).isEqualTo(204);
        }
        try (SseStream s = server.stream(app, run, "?from_seq=" + lastSeq, Map.of())) {
            assertThat(s.status()).as("the terminal event itself is still there").isEqualTo(200);
            assertThat(s.nextEvent().event()).isEqualTo("run.completed");
        }
    }

    @Test
    void aBurstOf200SimultaneousRunCreationsIsServedWithoutAReset() throws Exception {
        int burst = 200;
        String body = "{\"input\": \"burst\"}";
        String create = "POST " + TestServer.runs(app) + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                + TestServer.ACME_OWNER + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
                + "\r\nConnection: close\r\n\r\n" + body;
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < burst; i++) {
                answers.add(pool.submit(() -> {
                    go.await();
                    try {
                        return raw(create, false);
                    } catch (IOException e) {
                        return "failed: " + e;
                    }
                }));
            }
            go.countDown();
            List<String> failed = new ArrayList<>();
            for (Future<String> answer : answers) {
                String r = answer.get();
                if (statusOf(r) < 200 || statusOf(r) >= 300) {
                    failed.add(r.lines().findFirst().orElse(r));
                }
            }
            assertThat(failed).as("connections refused or reset").isEmpty();
        }
    }

    /**
     * Linux drops a connection whose SYN finds the accept queue full (the client retries a second later, or gives
     * up): too machine-dependent to provoke, so the queue itself is read from the listening socket ({@code ss}
     * gives a listener's backlog as its Send-Q).
     */
    @Test
    void theListeningSocketQueuesAThousandConnections() throws Exception {
        int port = URI.create(server.baseUrl()).getPort();
        Process ss = new ProcessBuilder("ss", "-ltnH", "sport = :" + port).redirectErrorStream(true).start();
        String out = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(ss.waitFor()).as(out).isZero();
        String[] columns = out.strip().split("\\s+");
        assertThat(columns).as(out).hasSizeGreaterThan(2);
        int somaxconn;
        // (Read as a stream: /proc files report a size of 0, which Files.readString trusts.)
        try (InputStream in = java.nio.file.Files.newInputStream(Path.of("/proc/sys/net/core/somaxconn"))) {
            somaxconn = Integer.parseInt(new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip());
        }
        assertThat(Integer.parseInt(columns[2])).as(out).isEqualTo(Math.min(RunServer.ACCEPT_QUEUE, somaxconn));
    }

    /** One request written byte for byte on its own connection; {@code halfClose} ends the sending side after it. */
    private static String raw(String request, boolean halfClose) throws IOException {
        URI base = URI.create(server.baseUrl());
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            if (halfClose) {
                socket.shutdownOutput();
            }
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            int n;
            try {
                while ((n = in.read(buffer)) != -1) {
                    answer.write(buffer, 0, n);
                    if (complete(answer.toString(StandardCharsets.UTF_8))) {
                        break;
                    }
                }
            } catch (java.net.SocketTimeoutException e) {
                return answer.size() == 0 ? "timed out" : answer.toString(StandardCharsets.UTF_8);
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    /** A response with a Content-Length whose body has fully arrived (the server may keep the connection open). */
    private static boolean complete(String answer) {
        int headersEnd = answer.indexOf("\r\n\r\n");
        if (headersEnd < 0) {
            return false;
        }
        var length = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(answer);
        return length.find() && answer.length() - headersEnd - 4 >= Integer.parseInt(length.group(1));
    }

    private static int statusOf(String response) {
        var status = java.util.regex.Pattern.compile("^HTTP/1\\.1 (\\d{3})").matcher(response);
        return status.find() ? Integer.parseInt(status.group(1)) : -1;
    }
}
