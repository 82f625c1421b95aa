package dev.builderdesk.server.runs;

import dev.builderdesk.engine.Engine;
import dev.builderdesk.providers.ProviderFactory;
import dev.builderdesk.server.ServerSettings;
import dev.builderdesk.server.apps.AppService;
import dev.builderdesk.server.events.EventLog;
import dev.builderdesk.server.models.ModelService;
import dev.builderdesk.store.Store;
import dev.builderdesk.workspace.Drafts;
import dev.builderdesk.workspace.Revisions;
import dev.builderdesk.workspace.Sandboxes;
import java.util.Map;

/** The run service and the supervisor that executes its runs, wired to each other. */
public record RunServices(RunService runs, RunSupervisor supervisor) {
    public static RunServices create(Store store, EventLog log, AppService apps, ModelService models,
            ProviderFactory providers, Map<String, Engine> engines, Revisions revisions, Drafts drafts,
            Sandboxes sandboxes, EngineAvailability availability, ServerSettings settings, RunLeases leases) {
        RunSupervisor supervisor = new RunSupervisor(store, log, leases);
        supervisor.attach(new RunWorker(store, log, models, providers, engines, revisions, drafts, sandboxes,
                settings));
        RunService runs = new RunService(store, log, apps, models, drafts, revisions, sandboxes, supervisor,
                availability, settings);
        return new RunServices(runs, supervisor);
    }
}
