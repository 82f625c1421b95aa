package dev.builderdesk.protocol;

/** Body of {@code POST /admin/apps}: a template ({@code vite-react} or {@code empty}) or an existing folder. */
public record CreateAppRequest(String name, String template, String workspacePath) {
}
