package io.atsbridge.sandbox.aivendor;

/**
 * One competency the AI interviewer assessed.
 *
 * @param score 1 (no evidence) .. 5 (strong evidence)
 */
public record Competency(String name, int score, String rationale) {
}
