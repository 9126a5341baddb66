package io.atsbridge.adapter.connections.domain;

import io.micronaut.core.annotation.Nullable;

import java.util.Locale;
import java.util.Map;

/**
 * What happens on the ATS after an AI result is written, for an ATS connection and, overriding it, for single jobs
 * (by the ATS's job id). The default is nothing: people decide. A step only ever moves an application forward in its
 * job's plan, never to a rejection; where consent-service asks for human review or the result's confidence is low,
 * the step becomes a task for a person instead (a note and a tag), and nothing moves.
 *
 * @param connection the connection's step ({@link NextStep#NONE} by default)
 * @param byJob      per ATS job id, the step that replaces the connection's for that job
 */
public record NextSteps(NextStep connection, Map<String, NextStep> byJob) {

    /** Nothing after a result: the recruiter decides what comes next. */
    public static final NextSteps DEFAULT = new NextSteps(NextStep.NONE, Map.of());

    public NextSteps {
        byJob = Map.copyOf(byJob);
    }

    /** What a step does. */
    public enum Kind {
        /** Nothing. */
        NONE,
        /** Adds a tag to the candidate. */
        TAG,
        /** Moves the application to a later stage of its job. */
        STAGE
    }

    /**
     * One next step.
     *
     * @param name            the tag ({@link Kind#TAG}) or the stage name ({@link Kind#STAGE}), compared trimmed and
     *                        ignoring case; null for {@link Kind#NONE}
     * @param minScorePercent the step is taken only when the result's score, as a percentage of its scale (0..100),
     *                        is at least this; null: whatever the score (a tag only; a stage move always names one)
     */
    public record NextStep(Kind kind, @Nullable String name, @Nullable Integer minScorePercent) {

        /** Nothing after a result. */
        public static final NextStep NONE = new NextStep(Kind.NONE, null, null);

        /** Whether a result with this score (as a percentage of its scale) clears the step's threshold. */
        public boolean clears(double scorePercent) {
            return minScorePercent == null || scorePercent >= minScorePercent;
        }

        /** How configuration writes it: {@code none}, {@code tag:<name>[@<percent>]}, {@code stage:<name>@<percent>}. */
        @Override
        public String toString() {
            String threshold = minScorePercent == null ? "" : "@" + minScorePercent;
            return switch (kind) {
                case NONE -> "none";
                case TAG -> "tag:" + name + threshold;
                case STAGE -> "stage:" + name + threshold;
            };
        }

        /** Whether the step names this stage (stage names as recruiters rename them: trimmed, ignoring case). */
        public boolean names(String stageName) {
            return name != null && name.trim().toLowerCase(Locale.ROOT).equals(stageName.trim().toLowerCase(Locale.ROOT));
        }
    }

    /** The step of a job: its own where it has an override, else the connection's. */
    public NextStep of(@Nullable String jobId) {
        return jobId == null ? connection : byJob.getOrDefault(jobId, connection);
    }
}
