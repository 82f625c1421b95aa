package dev.builderdesk.engine;

/** How an engine's execution of a run ended. */
public sealed interface EngineOutcome {
    /** The model finished; {@code finalText} is its last answer (may be blank). */
    record Completed(String finalText) implements EngineOutcome {
    }

    /** The step budget ran out with work pending; the state allows a resume. */
    record BudgetReached(int steps) implements EngineOutcome {
    }

    /** The run's cancellation fired (a cancel or a shutdown); the caller knows which. */
    record Stopped() implements EngineOutcome {
    }

    /** A failure with one of the contract's {@code run.failed} codes. */
    record Failed(String code, String message) implements EngineOutcome {
    }
}
