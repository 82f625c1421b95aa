package dev.builderdesk.store;

/**
 * The database and its repositories, handed around as one piece. Callers write
 * {@code store.db().write(c -> store.runs().update(c, row))} so a unit of work can span repositories.
 */
public record Store(
        Database db,
        TenantRepository tenants,
        ProviderRepository providers,
        ModelRepository models,
        AppRepository apps,
        RevisionRepository revisions,
        RunRepository runs,
        EventRepository events,
        RunStateRepository runStates,
        CheckpointRepository checkpoints,
        ChatSessionRepository chatSessions,
        CompareGroupRepository compareGroups,
        LeaseRepository leases) implements AutoCloseable {

    /** Opens the database at a JDBC URL, migrates it and wires the repositories. */
    public static Store open(String jdbcUrl) {
        return open(jdbcUrl, Database.DEFAULT_POOL_SIZE);
    }

    public static Store open(String jdbcUrl, int poolSize) {
        return new Store(Database.open(jdbcUrl, poolSize), new TenantRepository(), new ProviderRepository(),
                new ModelRepository(), new AppRepository(), new RevisionRepository(), new RunRepository(),
                new EventRepository(), new RunStateRepository(), new CheckpointRepository(),
                new ChatSessionRepository(), new CompareGroupRepository(), new LeaseRepository());
    }

    @Override
    public void close() {
        db.close();
    }
}
