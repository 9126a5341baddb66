package io.atsbridge.adapter.connections.config;

import io.atsbridge.adapter.connections.domain.NextSteps;
import io.atsbridge.adapter.connections.domain.NextSteps.Kind;
import io.atsbridge.adapter.connections.domain.NextSteps.NextStep;
import io.atsbridge.adapter.connections.domain.NextStepsDirectory;
import io.atsbridge.adapter.connections.domain.ScreenTriggers;
import io.atsbridge.adapter.connections.domain.ScreenTriggers.Trigger;
import io.atsbridge.platform.startup.MissingConfigurationException;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Nullable;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks and holds what happens after a result on each connection ({@code next-step}, {@code job-next-steps}) while
 * the service starts; a wrong setting stops the start with one line naming it. What can be known without asking the
 * ATS is refused here: a stage move without a threshold, to a stage whose name says rejection, or to a stage that
 * starts a screen (the trigger stage and the stages triggers name — not later than the screen, and moving there would
 * screen the candidate again). Whether the stage is later in the job's plan is checked against the ATS when the step
 * is taken.
 */
@Context
final class DeclaredNextSteps {

    static final int MAX_ENTRIES = 200;
    static final int MAX_NAME = 200;
    private static final String EXPECTED = "none, tag:<tag name>, tag:<tag name>@<min score percent> or "
            + "stage:<stage name>@<min score percent>, names 1.." + MAX_NAME + " characters, percent 0..100";

    DeclaredNextSteps(List<ConnectionProperties> properties, NextStepsDirectory directory) {
        for (ConnectionProperties p : properties) {
            directory.declare(p.id(), check(p));
        }
    }

    /** The connection's next steps, checked; {@link NextSteps#DEFAULT} where it sets none. */
    static NextSteps check(ConnectionProperties p) {
        String prefix = "connection " + p.id() + ": atsbridge.connections." + p.id() + ".";
        List<String> jobs = ConnectionProperties.listed(p.jobNextSteps());
        if ((p.nextStep() == null || p.nextStep().isBlank()) && jobs.isEmpty()) {
            return NextSteps.DEFAULT;
        }
        String triggerStage = p.triggerStage();
        if (triggerStage == null || triggerStage.isBlank()) {
            throw new MissingConfigurationException(prefix + (jobs.isEmpty() ? "next-step" : "job-next-steps")
                    + " is set but no trigger-stage (expected: next steps only on an ATS connection that runs the loop)");
        }
        if (jobs.size() > MAX_ENTRIES) {
            throw new MissingConfigurationException(prefix + "job-next-steps has more than " + MAX_ENTRIES + " entries");
        }
        ScreenTriggers triggers = DeclaredTriggers.check(p);
        NextStep connection = p.nextStep() == null || p.nextStep().isBlank() ? NextStep.NONE
                : step(prefix + "next-step", p.nextStep().trim(), triggerStage, triggers.connection());
        Map<String, NextStep> byJob = new LinkedHashMap<>();
        for (String entry : jobs) {
            String text = entry == null ? "" : entry.trim();
            int colon = text.indexOf(':');
            String job = colon < 0 ? "" : text.substring(0, colon).trim();
            if (job.isEmpty() || job.length() > MAX_NAME || job.chars().anyMatch(Character::isISOControl)) {
                throw new MissingConfigurationException(prefix + "job-next-steps has '" + shown(text) + "' (expected: "
                        + "<ATS job id>:<next step>, e.g. 4012:stage:Onsite@70, 4012:tag:AI screened or 4012:none)");
            }
            String where = prefix + "job-next-steps (job " + job + ")";
            if (byJob.containsKey(job)) {
                throw new MissingConfigurationException(where + " is set twice (expected: one next step per job)");
            }
            byJob.put(job, step(where, text.substring(colon + 1).trim(), triggerStage, triggers.of(job)));
        }
        return new NextSteps(connection, byJob);
    }

    private static NextStep step(String where, String text, String triggerStage, List<Trigger> triggers) {
        if (text.equalsIgnoreCase("none")) {
            return NextStep.NONE;
        }
        int colon = text.indexOf(':');
        String kind = (colon < 0 ? text : text.substring(0, colon)).trim().toLowerCase(Locale.ROOT);
        String rest = colon < 0 ? "" : text.substring(colon + 1);
        int at = rest.lastIndexOf('@');
        String name = (at < 0 ? rest : rest.substring(0, at)).trim();
        @Nullable Integer threshold = at < 0 ? null : percent(rest.substring(at + 1).trim());
        boolean badThreshold = at >= 0 && threshold == null;
        if (!(kind.equals("tag") || kind.equals("stage")) || badThreshold || name.isEmpty() || name.length() > MAX_NAME
                || name.chars().anyMatch(Character::isISOControl)) {
            throw new MissingConfigurationException(where + " has '" + shown(text) + "' (expected: " + EXPECTED + ")");
        }
        if (kind.equals("tag")) {
            return new NextStep(Kind.TAG, name, threshold);
        }
        if (threshold == null) {
            throw new MissingConfigurationException(where + " has '" + shown(text) + "' without a threshold (expected: "
                    + "stage:" + name + "@<min score percent>: a stage move needs a score to clear)");
        }
        NextStep step = new NextStep(Kind.STAGE, name, threshold);
        if (name.toLowerCase(Locale.ROOT).contains("reject")) {
            throw new MissingConfigurationException(where + " moves to '" + name + "', a rejection (expected: a later "
                    + "stage of the job's plan; atsbridge never rejects a candidate)");
        }
        if (step.names(triggerStage) || triggers.stream().anyMatch(t -> t.kind() == ScreenTriggers.Kind.STAGE
                && t.name() != null && step.names(t.name()))) {
            throw new MissingConfigurationException(where + " moves to '" + name + "', a stage that starts an AI screen "
                    + "(expected: a stage later than the screen, e.g. the next interview round)");
        }
        return step;
    }

    @Nullable
    private static Integer percent(String text) {
        if (text.isEmpty() || text.length() > 3 || !text.chars().allMatch(Character::isDigit)) {
            return null;
        }
        int value = Integer.parseInt(text);
        return value <= 100 ? value : null;
    }

    private static String shown(String text) {
        String printable = text.replaceAll("\\p{Cntrl}", "?");
        return printable.length() > 80 ? printable.substring(0, 80) + "..." : printable;
    }
}
