package dev.builderdesk.protocol;

import java.util.List;

/** Response of {@code GET /models}: one page of models and the number of rows matching the same filters. */
public record ModelList(List<Model> models, int total) {
}
