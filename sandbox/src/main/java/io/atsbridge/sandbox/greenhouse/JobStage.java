package io.atsbridge.sandbox.greenhouse;

/** One stage of a job's interview plan. */
public record JobStage(long id, String name) {
}
