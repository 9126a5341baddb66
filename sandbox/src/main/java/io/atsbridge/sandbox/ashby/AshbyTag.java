package io.atsbridge.sandbox.ashby;

/** A candidate tag as {@code candidateTag.list} returns it. */
public record AshbyTag(String id, String title, boolean isArchived) {
}
