package dev.builderdesk.protocol;

import java.time.Instant;

/** A thread of prompts on one app. The title is the first prompt, whitespace-collapsed, at most 80 characters. */
public record ChatSession(String id, String title, Instant createdAt, Instant updatedAt, Instant lastMessageAt) {
}
