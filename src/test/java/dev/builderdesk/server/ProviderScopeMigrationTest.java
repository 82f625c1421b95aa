package dev.builderdesk.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.builderdesk.store.ProviderRepository.ProviderRow;
import dev.builderdesk.store.Sql;
import dev.builderdesk.store.Store;
import dev.builderdesk.testkit.Postgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteDataSource;

/**
 * The upgrade that scopes provider ids per tenant (V11) on a database holding providers from before it, on the
 * dialect of the run (SQLite, or PostgreSQL in the {@code server-on-postgresql} run): nothing is lost, and each
 * provider is found by its tenant (or by everyone, for a global one).
 */
class ProviderScopeMigrationTest {
    private static final String ACME = "0b6f0000-0000-4000-8000-000000000001";

    @Test
    void providersStoredBeforeTheUpgradeKeepTheirOwnerAndAreFoundByIt(@TempDir Path dir) {
        String url = Postgres.selected() ? Postgres.shared().newDatabase() : "jdbc:sqlite:" + dir.resolve("old.db");
        DataSource source;
        if (url.startsWith("jdbc:postgresql:")) {
            PGSimpleDataSource pg = new PGSimpleDataSource();
            pg.setURL(url);
            source = pg;
        } else {
            SQLiteDataSource sqlite = new SQLiteDataSource();
            sqlite.setUrl(url);
            source = sqlite;
        }
        Flyway.configure().dataSource(source).locations("classpath:db/migration/"
                + (Postgres.selected() ? "postgresql" : "sqlite")).target("10").load().migrate();
        try (Connection c = source.getConnection()) {
            Sql.update(c, "INSERT INTO tenants (id, name, created_at) VALUES (?, 'acme', 0)", ACME);
            Sql.update(c, "INSERT INTO providers (id, tenant_id, name, kind, base_url, enabled, from_config,"
                    + " created_at, updated_at) VALUES ('openai', NULL, 'OpenAI', 'openai-compatible',"
                    + " 'https://api.example/v1', TRUE, TRUE, 0, 0)");
            Sql.update(c, "INSERT INTO providers (id, tenant_id, name, kind, base_url, api_key, enabled, from_config,"
                    + " created_at, updated_at) VALUES ('team', ?, 'Team', 'openai-compatible',"
                    + " 'http://team.internal/v1', 'sk-team', TRUE, FALSE, 0, 0)", ACME);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }

        try (Store store = Store.open(url, 2)) {
            assertThat(find(store, ACME, "team")).get()
                    .extracting(ProviderRow::tenantId, ProviderRow::apiKey, ProviderRow::baseUrl)
                    .containsExactly(ACME, "sk-team", "http://team.internal/v1");
            assertThat(find(store, null, "team")).as("not global").isEmpty();
            assertThat(find(store, ACME, "openai")).get().extracting(ProviderRow::tenantId, ProviderRow::fromConfig)
                    .containsExactly(null, true);
            List<ProviderRow> visible = store.db().read(c -> store.providers().listVisible(c, ACME));
            assertThat(visible).hasSize(2);
        }
    }

    private static Optional<ProviderRow> find(Store store, String tenant, String id) {
        return store.db().read(c -> store.providers().find(c, tenant, id));
    }
}
