package dev.builderdesk.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.builderdesk.client.internal.ClientRuntime;
import dev.builderdesk.client.internal.RunApiClients;
import dev.builderdesk.protocol.Json;
import dev.builderdesk.testkit.ChaosProxy;
import dev.builderdesk.testkit.SseStream;
import dev.builderdesk.testkit.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against the real embedded server, through a proxy that cuts connections at random: every run's received events
 * equal the server's log — no loss, no duplicate, same order — and each run reports exactly one terminal event.
 */
class ClientResumeTest {
    @Test
    void aHundredRunsSurviveAThousandCutsWithExactlyTheServersEvents(@TempDir Path dir) throws Exception {
        try (TestServer server = TestServer.start(dir);
                ChaosProxy proxy = new ChaosProxy(Integer.parseInt(server.baseUrl().replaceAll(".*:", "")), 2100,
                        4500, 20261121L);
                ClientRuntime runtime = new ClientRuntime()) {
            String app = server.createApp("app", "vite-react").get("id").asText();
            RunApiClient client = RunApiClients.connect(runtime, ServerConnection.of("http://127.0.0.1:"
                    + proxy.port(), TestServer.ACME_OWNER).withReconnectDelay(Duration.ofMillis(2)));
            ExecutorService pool = Executors.newFixedThreadPool(10);
            AtomicInteger reconnects = new AtomicInteger();
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                int n = i;
                results.add(pool.submit(() -> {
                    String run = server.createRun(app, Map.of("input", "run " + n, "model_id", TestServer.MODEL_DEMO,
                            "auto_apply", false)).get("run_id").asText();
                    List<RunEvent> got = Collections.synchronizedList(new ArrayList<>());
                    try (RunStream s = client.stream(app, run, 1, new RunStreamListener() {
                        @Override
                        public void onEvent(RunEvent event) {
                            got.add(event);
                        }

                        @Override
                        public void onReconnecting(int attempt, Throwable cause) {
                            reconnects.incrementAndGet();
                        }
                    })) {
                        assertThat(s.await(Duration.ofSeconds(60))).as("run " + n + " finished").isTrue();
                    }
                    List<String> received = got.stream().map(e -> e.seq() + " " + e.envelope().event() + " "
                            + Json.write(e.envelope().payload())).toList();
                    List<String> log = server.streamToEnd(app, run).stream().map(SseStream.Frame::data)
                            .map(d -> d.get("seq").asLong() + " " + d.get("event").asText() + " "
                                    + Json.write(d.get("payload"))).toList();
                    assertThat(received).as("run " + n).containsExactlyElementsOf(log);
                    assertThat(got.stream().filter(RunEvent::isTerminal)).as("run " + n).hasSize(1);
                    assertThat(got.get(got.size() - 1).type())
                            .isEqualTo(dev.builderdesk.protocol.EventType.RUN_COMPLETED);
                    return run;
                }));
            }
            for (Future<String> f : results) {
                f.get();
            }
            pool.shutdown();
            System.out.println("cuts=" + proxy.cuts() + " reconnects=" + reconnects.get());
            assertThat(proxy.cuts()).as("connections cut").isGreaterThanOrEqualTo(1000);
            assertThat(reconnects.get()).isGreaterThanOrEqualTo(1000);
        }
    }
}
