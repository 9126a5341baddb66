package io.atsbridge.adapter.connections.domain;

import io.micronaut.core.annotation.Nullable;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What starts an AI screen on an ATS connection that runs the loop, for the connection and, overriding it, for single
 * jobs (by the ATS's job id). An explicit request through the gRPC API ({@code StartScreen}) needs no trigger: an
 * operator may always ask. Whatever fires, a candidate is screened for a job once; only a re-screen asked for on
 * purpose screens them again.
 *
 * @param connection the connection's triggers (default: entering the trigger stage)
 * @param byJob      per ATS job id, the triggers that replace the connection's for that job (an empty list: only
 *                   explicit requests)
 */
public record ScreenTriggers(List<Trigger> connection, Map<String, List<Trigger>> byJob) {

    /** Entering the connection's trigger stage, as the loop has always started. */
    public static final ScreenTriggers DEFAULT = new ScreenTriggers(List.of(Trigger.TRIGGER_STAGE), Map.of());

    public ScreenTriggers {
        connection = List.copyOf(connection);
        byJob = Map.copyOf(byJob);
    }

    /** What starts a screen. */
    public enum Kind {
        /** The application enters a stage: the connection's trigger stage, or the stage the trigger names. */
        STAGE,
        /** A new application of the job arrives (the ATS's application-created webhook). */
        NEW_APPLICATION,
        /** The candidate carries a tag (as the ATS reports it with an event of the application). */
        TAG
    }

    /**
     * One trigger.
     *
     * @param name the stage name ({@link Kind#STAGE}; null for the connection's trigger stage) or the tag
     *             ({@link Kind#TAG}), compared trimmed and ignoring case; null for {@link Kind#NEW_APPLICATION}
     */
    public record Trigger(Kind kind, @Nullable String name) {

        /** Entering the connection's {@code trigger-stage}. */
        public static final Trigger TRIGGER_STAGE = new Trigger(Kind.STAGE, null);

        /** How configuration writes it: {@code stage}, {@code stage:<name>}, {@code new-application}, {@code tag:<name>}. */
        @Override
        public String toString() {
            return switch (kind) {
                case STAGE -> name == null ? "stage" : "stage:" + name;
                case NEW_APPLICATION -> "new-application";
                case TAG -> "tag:" + name;
            };
        }
    }

    /** The triggers of a job: its own where it has an override, else the connection's. */
    public List<Trigger> of(@Nullable String jobId) {
        return jobId == null ? connection : byJob.getOrDefault(jobId, connection);
    }

    /**
     * The trigger an application event fires, if any, checked in the order configuration lists them.
     *
     * @param triggerStage   the connection's trigger stage
     * @param newApplication whether the event is the ATS's application-created webhook
     * @param stageName      the stage the application is in now
     * @param tags           the candidate's tags as the ATS reports them (empty when it reports none)
     */
    public Optional<Trigger> fired(@Nullable String jobId, String triggerStage, boolean newApplication, String stageName,
                                   List<String> tags) {
        for (Trigger trigger : of(jobId)) {
            boolean fires = switch (trigger.kind()) {
                case STAGE -> same(trigger.name() == null ? triggerStage : trigger.name(), stageName);
                // A prospect's application has no job to be screened for.
                case NEW_APPLICATION -> newApplication && jobId != null;
                case TAG -> tags.stream().anyMatch(tag -> same(trigger.name(), tag));
            };
            if (fires) {
                return Optional.of(trigger);
            }
        }
        return Optional.empty();
    }

    /** Whether any job (or the connection) starts screens on a tag: only then are the candidate's tags worth reading. */
    public boolean usesTags() {
        return connection.stream().anyMatch(t -> t.kind() == Kind.TAG)
                || byJob.values().stream().flatMap(List::stream).anyMatch(t -> t.kind() == Kind.TAG);
    }

    /** Names as recruiters rename them freely: trimmed, ignoring case. */
    private static boolean same(@Nullable String configured, String actual) {
        return configured != null && configured.trim().toLowerCase(Locale.ROOT).equals(actual.trim().toLowerCase(Locale.ROOT));
    }
}
