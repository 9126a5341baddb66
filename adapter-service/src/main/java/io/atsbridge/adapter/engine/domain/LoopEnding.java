package io.atsbridge.adapter.engine.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atsbridge.adapter.connections.domain.Connection;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A loop case that ended without a written result, to be told to the recruiter on the ATS record: a short,
 * attributed note saying what happened and what to do (and a tag where the ATS has tags). Never a rejection: the
 * candidate stays where the recruiter put them. It travels as an inbox event of the ATS connection, stored in the
 * transaction that ends the case, so the note is written at least once, with the engine's retries and dead letters,
 * in order with the application's other events.
 *
 * @param caseId                the loop case
 * @param applicationExternalId the ATS application the note goes on
 * @param ending                how the case ended
 */
public record LoopEnding(String caseId, String applicationExternalId, Ending ending) {

    /** The vendor event type of the inbox event; its delivery key starts with {@link #KEY_PREFIX}. */
    public static final String TYPE = "atsbridge.loop.ended";
    /** How the delivery key starts; the case, the ending and when it ended follow. No vendor's delivery ids look so. */
    public static final String KEY_PREFIX = "atsbridge:loop-ended:";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** How a case can end without a written result, each with what the recruiter reads and the tag it gets. */
    public enum Ending {
        /** Consent or a notice the candidate's places require is not on record: no interview was created. */
        CONSENT_REQUIRED("AI interview not started: the consent or notice that the candidate's location requires is not "
                + "on record. Record it and move the candidate to the stage again, or use the alternative process.",
                "AI interview: consent needed"),
        /** No place is known for the candidate, so no law can be applied: no interview was created. */
        LOCATION_UNKNOWN("AI interview not started: the candidate's location is not known, so atsbridge cannot tell which "
                + "rules apply. Fill in the candidate's location and move them to the stage again, or use the alternative "
                + "process.", "AI interview: location needed"),
        /** Consent no longer allowed writing the interview's result: nothing of it was written. */
        RESULT_WITHHELD("AI interview result not written: the candidate's consent no longer allows it. Use the "
                + "alternative process; nothing was decided about the candidate.", "AI interview: result withheld"),
        /** The candidate declined the AI interview. */
        DECLINED("Candidate declined the AI interview. Use the alternative process; declining decides nothing about the "
                + "candidate.", "AI interview: declined"),
        /** No interview was completed within the time an invitation stands. */
        EXPIRED("No AI interview was completed in the time the invitation stood. Follow up with the candidate or use the "
                + "alternative process; a result that still comes in is written.", "AI interview: expired"),
        /** The interview was abandoned or failed at the AI vendor. */
        ABANDONED("The AI interview was not finished (abandoned, or a technical failure at the AI vendor). Invite the "
                + "candidate again or use the alternative process; nothing was decided about the candidate.",
                "AI interview: not finished"),
        /** The AI vendor cancelled the interview. */
        CANCELLED("The AI interview was cancelled by the AI vendor. Use the alternative process; nothing was decided "
                + "about the candidate.", "AI interview: cancelled"),
        /** atsbridge could not start the interview or write its result; an operator has the detail. */
        FAILED("AI interview could not be completed by atsbridge; an operator has been told the cause. Nothing was decided "
                + "about the candidate: use the alternative process or move them to the stage again later.",
                "AI interview: not completed");

        private final String guidance;
        private final String tag;

        Ending(String guidance, String tag) {
            this.guidance = guidance;
            this.tag = tag;
        }

        /** What the recruiter reads: what happened and what to do. */
        public String guidance() {
            return guidance;
        }

        /** The tag put on the candidate where the ATS has tags. */
        public String tag() {
            return tag;
        }
    }

    /** The state a case is in while this ending holds. */
    public static LoopCaseStatus state(Ending ending) {
        return switch (ending) {
            case CONSENT_REQUIRED, LOCATION_UNKNOWN, RESULT_WITHHELD -> LoopCaseStatus.CONSENT_BLOCKED;
            case FAILED -> LoopCaseStatus.FAILED;
            case DECLINED -> LoopCaseStatus.DECLINED;
            case EXPIRED -> LoopCaseStatus.EXPIRED;
            case ABANDONED -> LoopCaseStatus.ABANDONED;
            case CANCELLED -> LoopCaseStatus.CANCELLED;
        };
    }

    /** The inbox event that carries this ending for the case's ATS connection. */
    public InboxEvent event(Connection ats, Instant now) {
        ObjectNode body = JSON.createObjectNode().put("case_id", caseId).put("application_id", applicationExternalId)
                .put("ending", ending.name());
        String key = KEY_PREFIX + caseId + ":" + ending.name().toLowerCase(Locale.ROOT) + ":"
                + ChronoUnit.MICROS.between(Instant.EPOCH, now);
        return new InboxEvent(ats.tenantId(), ats.id(), ats.vendor(), EventType.OTHER, TYPE,
                List.of(new EventRef(ats.id(), ats.vendor().name(), "APPLICATION", applicationExternalId)), now, key,
                body.toString().getBytes(StandardCharsets.UTF_8), "application/json", now);
    }

    /** Whether the inbox event is one atsbridge stored for an ending (by its type and delivery key). */
    public static boolean isEnding(String vendorEventType, String deliveryKey) {
        return TYPE.equals(vendorEventType) && deliveryKey.startsWith(KEY_PREFIX);
    }

    /** The ending an inbox event carries; empty when its body is not one. */
    public static Optional<LoopEnding> parse(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null) {
                return Optional.empty();
            }
            String caseId = node.path("case_id").asText("");
            String application = node.path("application_id").asText("");
            String ending = node.path("ending").asText("");
            if (caseId.isEmpty() || application.isEmpty()) {
                return Optional.empty();
            }
            return java.util.Arrays.stream(Ending.values()).filter(e -> e.name().equals(ending)).findFirst()
                    .map(e -> new LoopEnding(caseId, application, e));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
