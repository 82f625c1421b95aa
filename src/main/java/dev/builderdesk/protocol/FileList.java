package dev.builderdesk.protocol;

import java.util.List;

/** Response of the files listing of one revision. */
public record FileList(String revisionId, List<FileEntry> files) {
}
