package dev.builderdesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.builderdesk.store.Database;
import dev.builderdesk.store.StoreCopy;
import dev.builderdesk.testkit.Postgres;
import dev.builderdesk.testkit.ScriptedLlm.Reply;
import dev.builderdesk.testkit.SseStream;
import dev.builderdesk.testkit.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code builder-desk migrate} moves a populated data folder's database to a real PostgreSQL and back to a new
 * SQLite file with every table's rows and checksum intact; the server then serves the round-tripped copy exactly as
 * it served the original. A target with data, or a source that does not exist, copies nothing.
 */
class MigrateCommandTest {
    @TempDir
    Path dir;

    private static int migrate(String from, String to) {
        return new CommandLine(new MigrateCommand()).execute("--from", from, "--to", to);
    }

    @Test
    void aPopulatedDatabaseRoundTripsThroughPostgresqlWithIdenticalCountsAndChecksums() throws Exception {
        // The source is a desktop's SQLite data folder (the server suites' PostgreSQL run would give it PostgreSQL).
        org.junit.jupiter.api.Assumptions.assumeFalse(Postgres.selected());
        TestServer server = TestServer.start(Files.createDirectories(dir.resolve("server")));
        String app = server.createApp("site", "vite-react").get("id").asText();
        server.llm().script("model-a", Reply.toolCall("Adding a counter.", "coding_agent_write_file",
                "{\"path\":\"src/Counter.tsx\",\"content\":\"export const Counter = () => null;\\n\"}"),
                Reply.text("Done: a counter."));
        String run = server.createRun(app, Map.of("input", "add a counter")).get("run_id").asText();
        server.awaitStatus(app, run, "completed");
        server.llm().script("model-a", Reply.status(401, "Incorrect API key provided"));
        String failed = server.createRun(app, Map.of("input", "again", "compare_group_id", "g")).get("run_id")
                .asText();
        server.awaitStatus(app, failed, "failed");
        List<String> events = server.streamToEnd(app, run).stream().map(SseStream.Frame::text).toList();
        String apps = server.owner().get("/admin/apps").raw();
        String runs = server.owner().get(TestServer.runs(app)).raw();
        server.stop();

        String original = "jdbc:sqlite:" + server.databaseFile();
        String postgres = Postgres.shared().newDatabase();
        Path back = dir.resolve("back/builder-desk.db");
        assertThat(migrate(original, postgres)).isZero();
        assertThat(migrate(postgres, "jdbc:sqlite:" + back)).isZero();
        try (Database a = Database.open(original); Database b = Database.open("jdbc:sqlite:" + back);
                Database pg = Database.open(postgres)) {
            StoreCopy.Report there = StoreCopy.check(a, pg);
            StoreCopy.Report andBack = StoreCopy.check(a, b);
            assertThat(there.matches()).as(there.toString()).isTrue();
            assertThat(andBack.matches()).as(andBack.toString()).isTrue();
            assertThat(there.tables()).filteredOn(t -> List.of("runs", "run_events", "blobs", "checkpoints",
                    "compare_groups").contains(t.table())).allMatch(t -> t.sourceRows() > 0, "holds rows");
            // The checksum sees one changed value.
            b.write(c -> c.createStatement().executeUpdate("UPDATE runs SET input = 'changed' WHERE id = '"
                    + failed + "'"));
            assertThat(StoreCopy.check(a, b).tables()).filteredOn(t -> !t.matches())
                    .extracting(StoreCopy.TableCheck::table).containsExactly("runs");
            b.write(c -> c.createStatement().executeUpdate("UPDATE runs SET input = 'again' WHERE id = '"
                    + failed + "'"));
        }

        assertThat(migrate(original, postgres)).as("a target with data is refused").isEqualTo(2);
        // Every table of the schema is copied: a new table must join StoreCopy.TABLES.
        try (Database a = Database.open(original)) {
            List<String> tables = a.read(c -> {
                List<String> names = new java.util.ArrayList<>();
                try (var rs = c.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
                    while (rs.next()) {
                        names.add(rs.getString("TABLE_NAME").toLowerCase(java.util.Locale.ROOT));
                    }
                }
                return names;
            });
            assertThat(tables).filteredOn(t -> !t.startsWith("flyway_") && !t.startsWith("sqlite_"))
                    .containsExactlyInAnyOrderElementsOf(StoreCopy.tables());
        }
        assertThat(migrate("jdbc:sqlite:" + dir.resolve("nowhere.db"), "jdbc:sqlite:" + dir.resolve("x.db")))
                .as("a source that does not exist").isEqualTo(2);
        assertThat(dir.resolve("nowhere.db")).doesNotExist();

        // The server on the copy that went through PostgreSQL answers exactly as on the original.
        for (Path f : Database.files(server.databaseFile())) {
            Files.deleteIfExists(f);
        }
        Files.copy(back, server.databaseFile());
        server.startAgain();
        try {
            assertThat(server.streamToEnd(app, run).stream().map(SseStream.Frame::text).toList())
                    .containsExactlyElementsOf(events);
            assertThat(server.owner().get("/admin/apps").raw()).isEqualTo(apps);
            assertThat(server.owner().get(TestServer.runs(app)).raw()).isEqualTo(runs);
        } finally {
            server.close();
        }
    }
}
