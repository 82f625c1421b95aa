package dev.builderdesk.protocol;

/** One file of a revision listing. */
public record FileEntry(String path, long size, String sha256) {
}
