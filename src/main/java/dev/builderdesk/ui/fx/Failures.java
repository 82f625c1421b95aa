package dev.builderdesk.ui.fx;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** What a failed future means to the user: the client's exception inside the completion wrapper, as text. */
public final class Failures {
    private Failures() {
    }

    /** The exception the work threw, without the {@link CompletionException} around it. */
    public static Throwable cause(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** The cause's message, or its type when it has none. */
    public static String message(Throwable failure) {
        Throwable t = cause(failure);
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
