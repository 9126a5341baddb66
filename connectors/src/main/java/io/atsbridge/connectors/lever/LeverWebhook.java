package io.atsbridge.connectors.lever;

import io.atsbridge.connectors.VendorJson;

import java.util.List;
import java.util.Set;

/**
 * What atsbridge reads of Lever webhook bodies ({@code {id?, event, triggeredAt, token, signature, data}}).
 * Lever's events carry ids only; {@link LeverConnector#stageEvent(byte[])} completes them from the API.
 */
public final class LeverWebhook {

    /**
     * Every event Lever sends webhooks for, each its own webhook with its own signature token (Lever's documentation,
     * "Webhooks"; help.lever.co "What is Lever's Webhooks Subscription API?": "A Webhook signature token for each
     * created Webhook"). {@code interviewDeleted} is marked Beta there.
     */
    public static final List<String> EVENTS = List.of("applicationCreated", "candidateHired", "candidateStageChange",
            "candidateArchiveChange", "candidateDeleted", "interviewCreated", "interviewUpdated", "interviewDeleted",
            "contactCreated", "contactUpdated");

    /** The events whose opportunity has just entered a stage: a stage change, or a new application in its first stage. */
    public static final Set<String> STAGE_EVENTS = Set.of("candidateStageChange", "applicationCreated");

    private LeverWebhook() {
    }

    /** The body's {@code event}, e.g. {@code candidateStageChange}; empty when it has none. */
    public static String event(byte[] body) {
        return VendorJson.text(VendorJson.read(body, "the Lever webhook body").path("event"));
    }
}
