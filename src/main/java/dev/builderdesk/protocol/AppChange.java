package dev.builderdesk.protocol;

/**
 * Body of {@code PATCH /admin/apps/{id}} (ours): a new name (null: unchanged) and the verify command, which
 * {@code verifyGiven} says was sent (a null one removes it).
 */
public record AppChange(String name, VerifyCommand verify, boolean verifyGiven) {
}
