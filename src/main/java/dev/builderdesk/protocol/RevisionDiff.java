package dev.builderdesk.protocol;

import java.util.List;

/** Response of the diff route: every changed file between revision {@code from} and revision {@code to}. */
public record RevisionDiff(String from, String to, List<FileDiff> files) {
}
