package dev.builderdesk.server.runs;

import dev.builderdesk.store.LeaseRepository.Lease;
import dev.builderdesk.store.LeaseRepository.Unowned;
import dev.builderdesk.store.Store;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * This instance's side of run leases (ADR 0017): who it is (a UUID per start), how long a lease lasts, and the
 * claims, renewals and releases it makes. Holding a lease is what allows an instance to execute a run.
 *
 * @param exclusive the database is this process's alone (SQLite), so at start it takes every lease left behind
 *                  rather than waiting for them to expire
 */
public record RunLeases(Store store, String instance, Duration lease, boolean exclusive) {
    /** The default lease: renewed every 2 s, taken over at most 6 s after its holder's last renewal. */
    public static final Duration DEFAULT = Duration.ofSeconds(6);

    public static RunLeases create(Store store, Duration lease, boolean exclusive) {
        return new RunLeases(store, UUID.randomUUID().toString(), lease, exclusive);
    }

    /** Claims the run's lease inside the caller's transaction; empty when another live instance holds it. */
    Optional<Lease> claim(Connection c, String runId, boolean force) throws SQLException {
        OptionalLong epoch = store.leases().claim(c, runId, instance, lease.toMillis(), force);
        return epoch.isPresent() ? Optional.of(new Lease(runId, instance, epoch.getAsLong())) : Optional.empty();
    }

    Optional<Lease> claim(String runId, boolean force) {
        return store.db().write(c -> claim(c, runId, force));
    }

    /** Claims a run to take it over, if it is still queued or running when claimed. */
    Optional<Lease> claimUnsettled(String runId, boolean force) {
        return store.db().write(c -> {
            Optional<Lease> claimed = claim(c, runId, force);
            if (claimed.isPresent() && !store.leases().unsettled(c, runId)) {
                store.leases().release(c, claimed.get());
                return Optional.<Lease>empty();
            }
            return claimed;
        });
    }

    /** Renews the given leases; returns those this instance still holds. */
    List<Lease> renew(Collection<Lease> held) {
        List<String> ids = held.stream().map(Lease::runId).toList();
        return store.db().write(c -> store.leases().renew(c, instance, lease.toMillis(), ids));
    }

    void release(Lease held) {
        store.db().write(c -> {
            store.leases().release(c, held);
            return null;
        });
    }

    /** Queued and running runs that nobody executes (no lease, or an expired one); with {@code evenLive}, all. */
    List<Unowned> unowned(boolean evenLive) {
        return store.db().read(c -> store.leases().unowned(c, evenLive));
    }

    /** Runs this instance executes that a cancel was asked for elsewhere. */
    List<String> cancelRequested() {
        return store.db().read(c -> store.leases().cancelRequested(c, instance));
    }

    void requestCancel(String runId) {
        store.db().write(c -> {
            store.leases().requestCancel(c, runId);
            return null;
        });
    }

    /** How often the leases are renewed: three times per lease, so two missed renewals are survived. */
    Duration renewEvery() {
        return lease.dividedBy(3);
    }

    /** How often runs left without an executor are looked for. */
    Duration sweepEvery() {
        return lease.dividedBy(6);
    }
}
