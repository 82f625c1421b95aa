package dev.builderdesk.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.builderdesk.protocol.VerifyCommand;
import dev.builderdesk.testkit.ServerTestBase;
import dev.builderdesk.testkit.TestServer;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The typed client sets, reads and removes an app's verify command against a real server. */
class VerifyCommandClientTest extends ServerTestBase {
    @BeforeEach
    void startServer() {
        start(TestServer.Options.defaults(), "vite-react");
    }

    @Test
    void theCommandIsSetReadRefusedWhenInvalidAndRemoved() {
        VerifyCommand build = new VerifyCommand(List.of("npm", "run", "build"), 90);
        assertThat(client().setVerifyCommand(app, build).verify()).isEqualTo(build);
        assertThat(client().getApp(app).verify()).isEqualTo(build);

        assertThatThrownBy(() -> client().setVerifyCommand(app, new VerifyCommand(List.of(" "), 90)))
                .isInstanceOfSatisfying(ClientException.class, e -> assertThat(e.status()).isEqualTo(422));
        assertThat(client().getApp(app).verify()).as("a refused command changes nothing").isEqualTo(build);

        assertThat(client().setVerifyCommand(app, null).verify()).isNull();
        assertThat(client().listApps()).filteredOn(a -> a.id().equals(app)).singleElement()
                .satisfies(a -> assertThat(a.verify()).isNull());
    }
}
