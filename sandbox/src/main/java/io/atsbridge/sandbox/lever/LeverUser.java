package io.atsbridge.sandbox.lever;

/** A Lever user: someone writes can be performed as ({@code perform_as}), who writes notes and moves candidates. */
public record LeverUser(String id, String name, String email) {
}
