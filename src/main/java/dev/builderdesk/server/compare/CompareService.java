package dev.builderdesk.server.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.builderdesk.protocol.App;
import dev.builderdesk.protocol.CompareGroup;
import dev.builderdesk.protocol.Verdict;
import dev.builderdesk.server.ApiError;
import dev.builderdesk.server.apps.AppService;
import dev.builderdesk.server.auth.Principal;
import dev.builderdesk.server.auth.Scopes;
import dev.builderdesk.server.http.JsonBody;
import dev.builderdesk.server.runs.RunViews;
import dev.builderdesk.store.CompareGroupRepository.GroupRow;
import dev.builderdesk.store.RunRow;
import dev.builderdesk.store.Store;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Comparisons: the runs created with one {@code compare_group_id}, and the user's verdict on them. */
public final class CompareService {
    private final Store store;
    private final AppService apps;

    public CompareService(Store store, AppService apps) {
        this.store = store;
        this.apps = apps;
    }

    public List<CompareGroup> list(Principal who, String appId, int limit) {
        who.require(Scopes.APPS_READ);
        App app = apps.require(who, appId);
        return store.db().read(c -> {
            List<GroupRow> rows = store.compareGroups().list(c, app.id(), limit);
            List<CompareGroup> groups = new java.util.ArrayList<>();
            for (GroupRow g : rows) {
                groups.add(view(g, store.runs().inCompareGroup(c, app.id(), g.id())));
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
            return view(g, store.runs().inCompareGroup(c, app.id(), g.id()));
        });
    }

    public CompareGroup setVerdict(Principal who, String appId, String groupId, JsonBody body) {
        who.require(Scopes.APPS_WRITE);
        String winner = body.optionalUuid("winner_run_id");
        ObjectNode ratingsNode = body.optionalObject("ratings");
        String notes = body.optionalString("notes");
        Boolean blind = body.optionalBool("blind");
        Map<String, Integer> ratings = new LinkedHashMap<>();
        if (ratingsNode != null) {
            ratingsNode.fields().forEachRemaining(e -> {
                JsonNode v = e.getValue();
                if (!v.isIntegralNumber() || v.asInt() < 1 || v.asInt() > 5) {
                    body.issue(List.of("body", "ratings", e.getKey()), "Rating must be an integer from 1 to 5",
                            "int_range");
                } else {
                    ratings.put(e.getKey(), v.asInt());
                }
            });
        }
        body.finish();
        App app = apps.require(who, appId);
        return store.db().write(c -> {
            GroupRow g = store.compareGroups().find(c, app.id(), groupId)
                    .orElseThrow(() -> ApiError.notFound("Compare group not found"));
            List<RunRow> runs = store.runs().inCompareGroup(c, app.id(), g.id());
            Set<String> runIds = runs.stream().map(RunRow::id).collect(Collectors.toSet());
            if (winner != null && !runIds.contains(winner)) {
                throw ApiError.badRequest("winner_run_id is not a run of this comparison");
            }
            for (String rated : ratings.keySet()) {
                if (!runIds.contains(rated)) {
                    throw ApiError.badRequest("ratings name a run that is not part of this comparison: " + rated);
                }
            }
            Verdict verdict = new Verdict(winner, ratings, notes == null ? "" : notes, Boolean.TRUE.equals(blind));
            store.compareGroups().setVerdict(c, app.id(), g.id(), verdict);
            return view(new GroupRow(g.id(), g.input(), g.createdAt(), verdict), runs);
        });
    }

    private static CompareGroup view(GroupRow g, List<RunRow> runs) {
        return new CompareGroup(g.id(), g.input(), g.createdAt(), runs.stream().map(RunViews::toRun).toList(),
                g.verdict());
    }
}
