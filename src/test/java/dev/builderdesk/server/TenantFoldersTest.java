package dev.builderdesk.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.builderdesk.testkit.Api;
import dev.builderdesk.testkit.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a shared server a tenant opens folders as apps only under the workspace roots its operator gave it (acme: the
 * temporary folder; beta: none), never another app's folder, one inside it or one around it, and never through a
 * link that leads out of its roots. Each refusal is a coded 400 naming {@code workspace_path} and creates nothing.
 */
class TenantFoldersTest {
    @TempDir
    Path dir;
    @TempDir
    Path work;
    TestServer server;
    Api acme;
    Api beta;

    @BeforeEach
    void start() throws IOException {
        server = TestServer.start(dir);
        acme = server.owner();
        beta = server.api(TestServer.BETA_OWNER);
        Files.createDirectories(work.resolve("acme-site/src"));
        Files.writeString(work.resolve("acme-site/src/App.tsx"), "export const secret = 'acme';\n");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static Api.Resp open(Api who, String name, Path folder) {
        return who.post("/admin/apps", Map.of("name", name, "workspace_path", folder.toString()));
    }

    private static void assertRefused(Api.Resp r, String why) {
        assertThat(r.status()).as(why + ": " + r.raw()).isEqualTo(400);
        assertThat(r.detail().get("code").asText()).as(why).isEqualTo("APP_FOLDER_NOT_ALLOWED");
        assertThat(r.detail().get("field").asText()).as(why).isEqualTo("workspace_path");
        assertThat(r.raw()).as(why + ": no server path in the answer").doesNotContain(TestServer.WORKSPACE_ROOT);
    }

    @Test
    void aTenantWithoutWorkspaceRootsOpensNoFolder() {
        assertRefused(open(beta, "mine", work.resolve("acme-site")), "beta has no roots");
        assertThat(beta.get("/admin/apps").json()).as("nothing was made").isEmpty();
        assertThat(beta.post("/admin/apps", Map.of("name", "templated")).status())
                .as("an app without a folder is still fine").isEqualTo(200);
    }

    @Test
    void aFolderOutsideTheTenantsRootsIsRefusedAndSoIsALinkLeadingOut() throws IOException {
        Path outside = Path.of("/usr/share");
        assertThat(outside.startsWith(TestServer.WORKSPACE_ROOT)).isFalse();
        assertRefused(open(acme, "system", outside), "outside the roots");
        Path link = Files.createSymbolicLink(work.resolve("shortcut"), outside);
        assertRefused(open(acme, "through a link", link), "a link inside the root to a folder outside it");
        assertThat(acme.get("/admin/apps").json().findValuesAsText("name")).doesNotContain("system",
                "through a link");
    }

    @Test
    void eightRequestsForOneFolderAtOnceMakeOneApp() throws Exception {
        java.util.List<java.util.concurrent.Future<Api.Resp>> answers = new java.util.ArrayList<>();
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 8; i++) {
                int n = i;
                answers.add(pool.submit(() -> {
                    go.await();
                    return open(acme, "race " + n, work.resolve("acme-site"));
                }));
            }
            go.countDown();
            int made = 0;
            for (var answer : answers) {
                Api.Resp r = answer.get();
                if (r.status() == 200) {
                    made++;
                } else {
                    assertRefused(r, "a second app on the folder");
                }
            }
            assertThat(made).isEqualTo(1);
        }
        assertThat(acme.get("/admin/apps").json()).hasSize(1);
    }

    /** A verify command is a program of the tenant's choice run as the server's user: refused unless allowed. */
    @Test
    void aSharedServerRunsNoTenantCommandUnlessItsOperatorAllowsIt() throws IOException {
        server.close();
        server = TestServer.start(Files.createDirectories(dir.resolve("strict")),
                TestServer.Options.defaults().noVerifyCommands());
        acme = server.owner();
        String app = acme.post("/admin/apps", Map.of("name", "site")).json().get("id").asText();
        Api.Resp refused = acme.send("PATCH", "/admin/apps/" + app, Map.of("verify",
                Map.of("argv", java.util.List.of("/bin/sh", "-c", "id > /tmp/owned"))));
        assertThat(refused.status()).as(refused.raw()).isEqualTo(403);
        assertThat(refused.detail().get("code").asText()).isEqualTo("VERIFY_NOT_ALLOWED");
        assertThat(acme.get("/admin/apps/" + app).json().get("verify").isNull()).as("nothing stored").isTrue();
        assertThat(acme.send("PATCH", "/admin/apps/" + app, java.util.Collections.singletonMap("verify", null))
                .status()).as("removing one is always fine").isEqualTo(200);
    }

    @Test
    void anotherAppsFolderOneInsideItAndOneAroundItAreRefused() {
        Api.Resp first = open(acme, "site", work.resolve("acme-site"));
        assertThat(first.status()).as(first.raw()).isEqualTo(200);
        assertRefused(open(acme, "again", work.resolve("acme-site")), "the same folder");
        assertRefused(open(acme, "inside", work.resolve("acme-site/src")), "a folder inside it");
        assertRefused(open(acme, "around", work), "a folder holding it");
        assertThat(acme.get("/admin/apps").json()).hasSize(1);
    }
}
