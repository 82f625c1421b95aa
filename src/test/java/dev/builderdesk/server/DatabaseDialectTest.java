package dev.builderdesk.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.builderdesk.testkit.Postgres;
import dev.builderdesk.testkit.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server suites run twice in {@code mvn verify}: on SQLite and on a real PostgreSQL. This checks that each run
 * is on the database it claims — a PostgreSQL run that silently fell back to SQLite would prove nothing — and
 * that what the API wrote is in that database's tables.
 */
class DatabaseDialectTest {
    @TempDir
    Path dir;

    @Test
    void theServerStoresItsDataInTheSelectedDatabase() throws Exception {
        try (TestServer server = TestServer.start(dir)) {
            String app = server.createApp("dialect", "vite-react").get("id").asText();
            assertThat(server.onPostgres()).isEqualTo(Postgres.selected());
            try (Connection c = server.database(); Statement st = c.createStatement()) {
                String product = c.getMetaData().getDatabaseProductName();
                assertThat(product).isEqualTo(Postgres.selected() ? "PostgreSQL" : "SQLite");
                try (ResultSet rs = st.executeQuery("SELECT name FROM apps WHERE id = '" + app + "'")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("dialect");
                }
            }
            assertThat(Files.exists(server.databaseFile())).as("the SQLite file").isEqualTo(!Postgres.selected());
            assertThat(server.owner().get("/admin/apps").json().findValuesAsText("name")).contains("dialect");
        }
    }
}
