package io.atsbridge.sandbox.ashby;

/** An Ashby user: the author of notes, the owner of the API key. */
public record AshbyUser(String id, String firstName, String lastName, String email) {
}
