package io.atsbridge.sandbox.lever;

/** A pipeline stage; Lever's stages belong to the account, not to a posting. */
public record LeverStage(String id, String text) {
}
