package dev.builderdesk.server.events;

/**
 * An append refused at its commit because the run's lease moved on: another instance took the run over (ADR 0017).
 * Nothing of it was stored; the worker that made it must stop without writing anything more.
 */
public final class LeaseLostException extends RuntimeException {
    public LeaseLostException(String runId) {
        super("Run " + runId + " is executed by another instance now; its lease was taken over");
    }
}
