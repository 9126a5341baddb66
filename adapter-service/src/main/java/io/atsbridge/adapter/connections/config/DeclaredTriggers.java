package io.atsbridge.adapter.connections.config;

import io.atsbridge.adapter.connections.domain.ScreenTriggers;
import io.atsbridge.adapter.connections.domain.ScreenTriggers.Kind;
import io.atsbridge.adapter.connections.domain.ScreenTriggers.Trigger;
import io.atsbridge.adapter.connections.domain.ScreenTriggersDirectory;
import io.atsbridge.platform.startup.MissingConfigurationException;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Nullable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks and holds what starts an AI screen on each connection ({@code triggers}, {@code job-triggers} next to
 * {@code trigger-stage}) while the service starts; a wrong setting stops the start with one line naming it.
 */
@Context
final class DeclaredTriggers {

    static final int MAX_ENTRIES = 200;
    static final int MAX_NAME = 200;
    private static final String NONE = "none";

    DeclaredTriggers(List<ConnectionProperties> properties, ScreenTriggersDirectory directory) {
        for (ConnectionProperties p : properties) {
            directory.declare(p.id(), check(p));
        }
    }

    /** The connection's triggers, checked; {@link ScreenTriggers#DEFAULT} where it sets none. */
    static ScreenTriggers check(ConnectionProperties p) {
        String prefix = "connection " + p.id() + ": atsbridge.connections." + p.id() + ".";
        List<String> connection = ConnectionProperties.listed(p.triggers());
        List<String> jobs = ConnectionProperties.listed(p.jobTriggers());
        if (connection.isEmpty() && jobs.isEmpty()) {
            return ScreenTriggers.DEFAULT;
        }
        if (p.triggerStage() == null || p.triggerStage().isBlank()) {
            throw new MissingConfigurationException(prefix + (connection.isEmpty() ? "job-triggers" : "triggers")
                    + " is set but no trigger-stage (expected: triggers only on an ATS connection that runs the loop; set "
                    + "trigger-stage, mapping-profile, ai-connection, on-behalf-of and interview-kit too)");
        }
        if (connection.size() > MAX_ENTRIES || jobs.size() > MAX_ENTRIES) {
            throw new MissingConfigurationException(prefix + "triggers or job-triggers has more than " + MAX_ENTRIES + " entries");
        }
        List<Trigger> forConnection = new ArrayList<>();
        for (String entry : connection) {
            String text = entry == null ? "" : entry.trim();
            if (text.equalsIgnoreCase(NONE)) {
                throw new MissingConfigurationException(prefix + "triggers has 'none' (expected: stage, stage:<name>, "
                        + "new-application or tag:<name>; to start screens by explicit request only, leave a job with "
                        + "<job id>:none in job-triggers)");
            }
            add(forConnection, trigger(prefix + "triggers", text), prefix + "triggers");
        }
        Map<String, List<String>> entriesByJob = new LinkedHashMap<>();
        for (String entry : jobs) {
            String text = entry == null ? "" : entry.trim();
            int colon = text.indexOf(':');
            String job = colon < 0 ? "" : text.substring(0, colon).trim();
            if (job.isEmpty() || job.length() > MAX_NAME || job.chars().anyMatch(Character::isISOControl)) {
                throw new MissingConfigurationException(prefix + "job-triggers has '" + shown(text) + "' (expected: "
                        + "<ATS job id>:<trigger>, e.g. 4012:new-application, 4012:stage:Phone Screen, 4012:tag:AI screen "
                        + "or 4012:none)");
            }
            entriesByJob.computeIfAbsent(job, id -> new ArrayList<>()).add(text.substring(colon + 1).trim());
        }
        Map<String, List<Trigger>> byJob = new LinkedHashMap<>();
        entriesByJob.forEach((job, entries) -> {
            String where = prefix + "job-triggers (job " + job + ")";
            if (entries.stream().anyMatch(NONE::equalsIgnoreCase)) {
                if (entries.size() > 1) {
                    throw new MissingConfigurationException(where + " has none and " + (entries.size() - 1)
                            + " other trigger(s) (expected: none alone, or triggers)");
                }
                byJob.put(job, List.of());
                return;
            }
            List<Trigger> triggers = new ArrayList<>();
            for (String what : entries) {
                add(triggers, trigger(where, what), where);
            }
            byJob.put(job, triggers);
        });
        return new ScreenTriggers(forConnection.isEmpty() ? ScreenTriggers.DEFAULT.connection() : forConnection, byJob);
    }

    private static void add(List<Trigger> triggers, Trigger trigger, String where) {
        if (triggers.contains(trigger)) {
            throw new MissingConfigurationException(where + " lists " + trigger + " twice");
        }
        triggers.add(trigger);
    }

    private static Trigger trigger(String where, String text) {
        int colon = text.indexOf(':');
        String kind = (colon < 0 ? text : text.substring(0, colon)).trim().toLowerCase(Locale.ROOT);
        @Nullable String name = colon < 0 ? null : text.substring(colon + 1).trim();
        Trigger trigger = switch (kind) {
            case "stage" -> name == null ? Trigger.TRIGGER_STAGE : new Trigger(Kind.STAGE, name);
            case "new-application" -> name == null ? new Trigger(Kind.NEW_APPLICATION, null) : null;
            case "tag" -> name == null ? null : new Trigger(Kind.TAG, name);
            default -> null;
        };
        if (trigger == null || name != null && (name.isEmpty() || name.length() > MAX_NAME
                || name.chars().anyMatch(Character::isISOControl))) {
            throw new MissingConfigurationException(where + " has '" + shown(text) + "' (expected: stage, stage:<stage name>, "
                    + "new-application or tag:<tag name>, names 1.." + MAX_NAME + " characters)");
        }
        return trigger;
    }

    private static String shown(String text) {
        String printable = text.replaceAll("\\p{Cntrl}", "?");
        return printable.length() > 80 ? printable.substring(0, 80) + "..." : printable;
    }
}
