package io.atsbridge.adapter.engine.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.atsbridge.connectors.MalformedPayloadException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Someone asked through the gRPC API ({@code StartScreen}) for an AI screen of one application: the inbox event
 * {@link ScreenRequests} puts in, which the engine handles like a stage change whose application it reads from the ATS.
 * No trigger needs to fire; a screen already done for the candidate and job is only repeated when {@code reScreen}.
 *
 * @param applicationId the ATS's application id
 * @param reScreen      whether to screen again although the candidate was screened for the job (on purpose, audited)
 * @param reason        why, as the caller gave it (required for a re-screen)
 * @param requestedBy   who asked: the caller, and the person it acts for where it says
 * @param requestId     the caller's idempotency key: asking again with it changes nothing
 */
public record ScreenRequest(String applicationId, boolean reScreen, String reason, String requestedBy, String requestId) {

    /** The vendor event type of the inbox events screen requests put into the inbox. */
    public static final String TYPE = "atsbridge.screen_request";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The inbox event body. */
    public byte[] body() {
        return JSON.createObjectNode()
                .put("application_id", applicationId)
                .put("re_screen", reScreen)
                .put("reason", reason)
                .put("requested_by", requestedBy)
                .put("request_id", requestId)
                .toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The request an inbox event of {@link #TYPE} carries. */
    public static ScreenRequest parse(byte[] body) {
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (IOException e) {
            throw new MalformedPayloadException("screen request body is not JSON: " + e.getMessage());
        }
        String applicationId = node.path("application_id").asText("");
        String requestId = node.path("request_id").asText("");
        if (applicationId.isEmpty() || requestId.isEmpty()) {
            throw new MalformedPayloadException("screen request body has no application_id or request_id");
        }
        return new ScreenRequest(applicationId, node.path("re_screen").asBoolean(false), node.path("reason").asText(""),
                node.path("requested_by").asText(""), requestId);
    }

    /**
     * The loop case key of a re-screen: a trigger of its own, so that it starts a new case (and a new interview at the
     * AI vendor, whose idempotency key derives from it) next to the cases that came before.
     */
    public String reScreenKey() {
        return "rescreen:" + requestId;
    }
}
