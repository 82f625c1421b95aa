package dev.builderdesk.server.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.builderdesk.protocol.EventPayload;
import dev.builderdesk.store.EventRepository;
import dev.builderdesk.store.LeaseRepository.Lease;
import dev.builderdesk.store.Store;
import dev.builderdesk.testkit.ScriptedLlm.Reply;
import dev.builderdesk.testkit.ServerTestBase;
import dev.builderdesk.testkit.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * ADR 0017 on the server's real database (SQLite, and PostgreSQL in the {@code server-on-postgresql} run): two
 * instances' event logs over one database, one run, its lease taken from A by B. A's appends are refused at the
 * commit with their work, B's continue the log with no gap, and a reader on the instance that does not execute the
 * run sees the other's events.
 */
class RunLeaseFencingTest extends ServerTestBase {
    private static final long MINUTE = 60_000;

    @Test
    void anAppendUnderALeaseTakenOverIsRefusedWithItsWorkAndTheNewHolderContinuesTheLog() throws Exception {
        String run = finishedRun();
        try (Store store = Store.open(server.databaseUrl(), 2); EventLog a = new EventLog(store);
                EventLog b = new EventLog(store)) {
            long before = maxSeq(store, run);
            Lease leaseA = claim(store, run, "instance-a").orElseThrow();
            a.own(leaseA);
            assertThat(a.append(run, app, List.of(note("A holds the run")), null)).isEqualTo(before + 1);
            assertThat(claim(store, run, "instance-b")).as("a live lease is not taken").isEmpty();

            // A stops renewing (frozen): its lease runs out, and B's claim gets the next epoch.
            Lease leaseB = takeOver(store, run, "instance-a", "instance-b", b);
            assertThat(leaseB.epoch()).isGreaterThan(leaseA.epoch());

            AtomicBoolean zombieWorkRan = new AtomicBoolean();
            assertThatThrownBy(() -> a.append(run, app, List.of(note("A writes after the takeover")), c -> {
                zombieWorkRan.set(true);
                return null;
            })).isInstanceOf(LeaseLostException.class);
            assertThat(zombieWorkRan).as("the refused append's work").isFalse();
            assertThat(maxSeq(store, run)).isEqualTo(before + 1);
            List<Lease> stillHeldByA = store.db().write(c -> store.leases().renew(c, "instance-a", MINUTE,
                    List.of(run)));
            assertThat(stillHeldByA).as("A's heartbeat learns it lost the run").isEmpty();

            assertThat(b.append(run, app, List.of(note("B continues")), null)).as("no gap, no duplicate")
                    .isEqualTo(before + 2);
            assertThat(a.readDurable(run, before, 10)).extracting(r -> r.body().contains("B continues"))
                    .containsExactly(false, true);

            // A's heartbeat finds the lease gone: A's readers turn to the database, and its stopping worker's
            // appends still carry the lost lease, so they are refused, not let through unleased.
            a.lost(leaseA);
            assertThat(a.lastSeq(run)).as("A reads B's events").isEqualTo(before + 2);
            assertThatThrownBy(() -> a.append(run, app, List.of(note("A's worker, stopping")), null))
                    .isInstanceOf(LeaseLostException.class);
            assertThat(maxSeq(store, run)).isEqualTo(before + 2);
        }
    }

    @Test
    void anOldWorkersEndDoesNotDisownTheRunItsInstanceHoldsAgainAndNoSeqIsSkipped() throws Exception {
        String run = finishedRun();
        try (Store store = Store.open(server.databaseUrl(), 2); EventLog a = new EventLog(store);
                EventLog b = new EventLog(store)) {
            long before = maxSeq(store, run);
            Lease first = claim(store, run, "instance-a").orElseThrow();
            a.own(first);
            a.append(run, app, List.of(note("A, first lease")), null);
            // B takes the run, writes, and A takes it back (B died): A's seqs continue after B's.
            takeOver(store, run, "instance-a", "instance-b", b);
            b.append(run, app, List.of(note("B")), null);
            takeOver(store, run, "instance-b", "instance-a", a);
            // The worker of A's first lease ends now, late: the run stays A's under its new lease.
            a.disown(first);
            assertThat(a.append(run, app, List.of(note("A, second lease")), null)).isEqualTo(before + 3);
            assertThat(a.readDurable(run, before, 10)).extracting(EventRepository.EventRow::seq)
                    .containsExactly(before + 1, before + 2, before + 3);
            // Still fenced under its new lease: had the late end disowned the run, this would go through unchecked.
            takeOver(store, run, "instance-a", "instance-b", b);
            assertThatThrownBy(() -> a.append(run, app, List.of(note("A after B took it again")), null))
                    .isInstanceOf(LeaseLostException.class);
            assertThat(maxSeq(store, run)).isEqualTo(before + 3);
        }
    }

    @Test
    void aReaderOnTheInstanceThatDoesNotExecuteTheRunIsWokenByTheOthersCommits() throws Exception {
        String run = finishedRun();
        // On PostgreSQL the reader polls once a minute: only the executing instance's NOTIFY can wake it in time.
        // SQLite has no notifications; there the poll is all there is.
        Duration poll = server.onPostgres() ? Duration.ofMinutes(1) : EventLog.POLL;
        try (Store store = Store.open(server.databaseUrl(), 2); EventLog executing = new EventLog(store);
                EventLog elsewhere = new EventLog(store, poll)) {
            long before = maxSeq(store, run);
            assertThat(elsewhere.lastSeq(run)).isEqualTo(before);
            executing.own(claim(store, run, "instance-a").orElseThrow());
            CompletableFuture<Boolean> woken = CompletableFuture.supplyAsync(() -> {
                try {
                    return elsewhere.awaitAfter(run, before, 20_000);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(300);
            assertThat(woken).as("nothing new yet").isNotDone();
            executing.append(run, app, List.of(note("from the executing instance")), null);
            assertThat(woken.get(20, TimeUnit.SECONDS)).isTrue();
            assertThat(elsewhere.read(run, before, 10)).singleElement()
                    .satisfies(r -> assertThat(r.body()).contains("from the executing instance"));
            assertThat(elsewhere.lastSeq(run)).isEqualTo(before + 1);
        }
    }

    /** A run the server finished, its lease released: the two event logs' subject. */
    private String finishedRun() {
        start(TestServer.Options.defaults(), "vite-react");
        server.llm().script("model-a", Reply.text("Done."));
        String run = server.createRun(app, Map.of("input", "go")).get("run_id").asText();
        server.awaitStatus(app, run, "completed");
        return run;
    }

    /** {@code from} stops renewing (frozen, dead): its lease runs out, and {@code to} claims the run for its log. */
    private static Lease takeOver(Store store, String run, String from, String to, EventLog log) {
        store.db().write(c -> store.leases().renew(c, from, -1, List.of(run)));
        Lease lease = claim(store, run, to).orElseThrow();
        log.own(lease);
        return lease;
    }

    private static Optional<Lease> claim(Store store, String run, String owner) {
        return store.db().write(c -> {
            OptionalLong epoch = store.leases().claim(c, run, owner, MINUTE, false);
            return epoch.isPresent() ? Optional.of(new Lease(run, owner, epoch.getAsLong()))
                    : Optional.<Lease>empty();
        });
    }

    private static long maxSeq(Store store, String run) {
        return store.db().read(c -> store.events().maxSeq(c, run));
    }

    private static EventLog.Entry note(String text) {
        return new EventLog.Entry(new EventPayload.PlanUpdated(text));
    }
}
