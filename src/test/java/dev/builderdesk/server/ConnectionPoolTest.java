package dev.builderdesk.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.builderdesk.testkit.Api;
import dev.builderdesk.testkit.TestServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A write's own reads use its connection: on a pool of one connection, model creations and updates (which check
 * their providers) and provider updates (which look the provider up) all go through at once. Before, each took a
 * second pooled connection while holding the first, waited the pool's whole 30 s timeout and answered 500.
 */
class ConnectionPoolTest {
    @TempDir
    Path dir;
    TestServer server;

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void modelAndProviderWritesOnAPoolOfOneAllGoThrough() throws Exception {
        server = TestServer.start(dir, TestServer.Options.defaults().pool(1));
        Api owner = server.owner();
        assertThat(owner.post("/providers", Map.of("name", "Team", "base_url", server.llm().baseUrl())).status())
                .isEqualTo(200);
        String model = owner.post("/models", Map.of("name", "Team model", "providers",
                List.of(Map.of("provider", "team", "provider_model_id", "m0")))).json().get("id").asText();

        CountDownLatch go = new CountDownLatch(1);
        List<Future<Api.Resp>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 3; i++) {
                int n = i;
                answers.add(pool.submit(() -> {
                    go.await();
                    return owner.post("/models", Map.of("name", "Model " + n, "providers",
                            List.of(Map.of("provider", "team", "provider_model_id", "m" + (n + 1)))));
                }));
            }
            answers.add(pool.submit(() -> {
                go.await();
                return owner.put("/models/" + model, Map.of("providers",
                        List.of(Map.of("provider", "team", "provider_model_id", "m9"))));
            }));
            answers.add(pool.submit(() -> {
                go.await();
                return owner.put("/providers/team", Map.of("name", "Team endpoint"));
            }));
            go.countDown();
            for (Future<Api.Resp> answer : answers) {
                Api.Resp r = answer.get();
                assertThat(r.status()).as(r.raw()).isEqualTo(200);
            }
        }
        assertThat(owner.get("/models").json().get("models").findValuesAsText("name"))
                .contains("Model 0", "Model 1", "Model 2");
        assertThat(owner.get("/providers/team").json().get("name").asText()).isEqualTo("Team endpoint");
    }
}
