package dev.builderdesk.engine;

/** Executes runs: the native agent loop, or an external agent such as OpenCode. */
public interface Engine {
    /** Runs until the model finishes, the budget is reached, the run is cancelled or something fails. */
    EngineOutcome run(EngineRun run);
}
