package io.atsbridge.sandbox.lever;

/**
 * An archive reason. Lever accounts always have a hired reason; the others say why a candidate was not hired.
 *
 * @param hired whether archiving with this reason means the candidate was hired ({@code type: "hired"})
 */
public record LeverArchiveReason(String id, String text, boolean hired) {
}
