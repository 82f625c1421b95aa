package dev.builderdesk.server.compare;

import dev.builderdesk.protocol.App;
import dev.builderdesk.protocol.CompareGroup;
import dev.builderdesk.protocol.CreateComparisonRequest;
import dev.builderdesk.protocol.Verdict;
import dev.builderdesk.server.ApiError;
import dev.builderdesk.server.apps.AppService;
import dev.builderdesk.server.auth.Principal;
import dev.builderdesk.server.auth.Scopes;
import dev.builderdesk.server.runs.RunViews;
import dev.builderdesk.store.CompareGroupRepository.GroupRow;
import dev.builderdesk.store.RunRow;
import dev.builderdesk.store.Store;
import dev.builderdesk.protocol.Run;
import dev.builderdesk.protocol.Timestamps;
import dev.builderdesk.server.runs.BlindMask;
import dev.builderdesk.server.runs.RunService;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.random.RandomGenerator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Comparisons: the runs created with one {@code compare_group_id}, and the user's verdict on them. A comparison
 * created here in one request has lettered attempts created in a shuffled order and, when blind, hides its models
 * everywhere until the verdict is saved ({@link BlindMask}).
 */
public final class CompareService {
    /** A comparison has at least two attempts and at most six (the window's columns). */
    public static final int MIN_ATTEMPTS = 2;
    public static final int MAX_ATTEMPTS = 6;
    private static final String LETTERS = "ABCDEF";

    private final Store store;
    private final AppService apps;
    private final RunService runs;
    private final RandomGenerator shuffle;

    public CompareService(Store store, AppService apps, RunService runs) {
        this(store, apps, runs, new SecureRandom());
    }

    CompareService(Store store, AppService apps, RunService runs, RandomGenerator shuffle) {
        this.store = store;
        this.apps = apps;
        this.runs = runs;
        this.shuffle = shuffle;
    }

    /**
     * {@code POST .../compare-groups} {@code {input, attempts:[{model_id?, engine?}] (2–6), blind?,
     * base_revision_id?}}: every attempt is checked before any run exists; the letters are dealt in a shuffled
     * order and the runs created in another, so neither the letter nor the creation order tells the model.
     */
    public CompareGroup create(Principal who, String appId, CreateComparisonRequest request) {
        who.require(Scopes.APPS_WRITE);
        String input = request.input();
        String base = request.baseRevisionId();
        if (input == null || input.isBlank()) {
            throw ApiError.badRequest("input is required");
        }
        App app = apps.require(who, appId);
        List<RunService.Attempt> attempts = request.attempts().stream()
                .map(a -> new RunService.Attempt(UUID.randomUUID().toString(), a.modelId(), a.engine())).toList();

        List<Integer> letters = shuffled(attempts.size());
        Map<String, String> labels = new LinkedHashMap<>();
        for (int i = 0; i < attempts.size(); i++) {
            labels.put(attempts.get(i).runId(), String.valueOf(LETTERS.charAt(letters.get(i))));
        }
        List<RunService.Attempt> creationOrder = new ArrayList<>(attempts);
        Collections.shuffle(creationOrder, Random.from(shuffle));
        String groupId = UUID.randomUUID().toString();
        GroupRow group = new GroupRow(groupId, input.strip(), Timestamps.now(), null, request.blind(), labels);
        runs.createAttempts(app, input, base, groupId, creationOrder, c -> {
            store.compareGroups().insert(c, app.id(), group);
            return null;
        });
        return get(who, appId, groupId);
    }

    private List<Integer> shuffled(int n) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        Collections.shuffle(order, Random.from(shuffle));
        return order;
    }

    public List<CompareGroup> list(Principal who, String appId, int limit) {
        who.require(Scopes.APPS_READ);
        App app = apps.require(who, appId);
        return store.db().read(c -> {
            List<GroupRow> rows = store.compareGroups().list(c, app.id(), limit);
            List<CompareGroup> groups = new java.util.ArrayList<>();
            for (GroupRow g : rows) {
                groups.add(view(c, g, store.runs().inCompareGroup(c, app.id(), g.id())));
            }
            return groups;
        });
    }

    public CompareGroup get(Principal who, String appId, String groupId) {
        who.require(Scopes.APPS_READ);
        App app = apps.require(who, appId);
        return store.db().read(c -> {
            GroupRow g = store.compareGroups().find(c, app.id(), groupId)
                    .orElseThrow(() -> ApiError.notFound("Compare group not found"));
            return view(c, g, store.runs().inCompareGroup(c, app.id(), g.id()));
        });
    }

    public CompareGroup setVerdict(Principal who, String appId, String groupId, Verdict requested) {
        who.require(Scopes.APPS_WRITE);
        String winner = requested.winnerRunId();
        String outcome = requested.outcome();
        if (Verdict.WINNER.equals(outcome) && winner == null) {
            throw ApiError.badRequest("An outcome of 'winner' needs winner_run_id");
        }
        if (!Verdict.WINNER.equals(outcome) && winner != null) {
            throw ApiError.badRequest("A " + outcome + " has no winner_run_id");
        }
        App app = apps.require(who, appId);
        return store.db().write(c -> {
            GroupRow g = store.compareGroups().find(c, app.id(), groupId)
                    .orElseThrow(() -> ApiError.notFound("Compare group not found"));
            if (g.blind() && g.verdict() != null) {
                // Saving it revealed the models: a second verdict would be judged with the names in view.
                throw ApiError.conflict("The verdict of a blind comparison is final once saved");
            }
            List<RunRow> runs = store.runs().inCompareGroup(c, app.id(), g.id());
            Set<String> runIds = runs.stream().map(RunRow::id).collect(Collectors.toSet());
            if (winner != null && !runIds.contains(winner)) {
                throw ApiError.badRequest("winner_run_id is not a run of this comparison");
            }
            for (String rated : requested.ratings().keySet()) {
                if (!runIds.contains(rated)) {
                    throw ApiError.badRequest("ratings name a run that is not part of this comparison: " + rated);
                }
            }
            Verdict verdict = new Verdict(winner, requested.ratings(), requested.notes(),
                    g.blind() || requested.blind(), outcome);
            store.compareGroups().setVerdict(c, app.id(), g.id(), verdict);
            return view(c, g.withVerdict(verdict), runs);
        });
    }

    /** The group as a client sees it: attempts in letter order, masked while blind mode hides the models. */
    private CompareGroup view(Connection c, GroupRow g, List<RunRow> rows) throws SQLException {
        List<RunRow> ordered = new ArrayList<>(rows);
        if (!g.labels().isEmpty()) {
            ordered.sort(Comparator.comparing((RunRow r) -> g.labels().getOrDefault(r.id(), "~")));
        }
        List<Run> shown = new ArrayList<>();
        for (RunRow r : ordered) {
            Run run = RunViews.toRun(r);
            Optional<BlindMask> mask = g.hidesModels() ? BlindMask.of(c, store, r) : Optional.empty();
            shown.add(mask.map(m -> m.apply(run)).orElse(run));
        }
        return new CompareGroup(g.id(), g.input(), g.createdAt(), shown, g.verdict(), g.blind(), g.labels());
    }
}
