package io.atsbridge.connectors.aivendor;

import com.fasterxml.jackson.databind.JsonNode;
import io.atsbridge.connectors.MalformedPayloadException;
import io.atsbridge.connectors.VendorJson;

import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An AI vendor's event saying an interview ended without a result (Standard Webhooks envelope
 * {@code {"type", "timestamp", "data": {"interview_id", "reason"}}}): the candidate declined it, the invitation
 * expired at the vendor, the interview was abandoned or failed technically, or the vendor cancelled it. These are
 * atsbridge's own AI vendor contract (docs/ai-vendor-api.md), beside {@code interview.completed}.
 *
 * @param interviewId the vendor's interview id
 * @param kind        how it ended
 * @param reason      the vendor's reason code (lower-case letters, digits, '_', '.', '-', at most 64), empty when it
 *                    gave none or gave free text, which could hold personal data and is not kept
 */
public record InterviewEnding(String interviewId, Kind kind, String reason) {

    private static final Pattern CODE = Pattern.compile("[a-z0-9_.-]{1,64}");

    /** How an interview ended, by the event type that says so. */
    public enum Kind {
        DECLINED("interview.declined"),
        EXPIRED("interview.expired"),
        FAILED("interview.failed"),
        CANCELLED("interview.cancelled");

        private final String type;

        Kind(String type) {
            this.type = type;
        }

        /** The event type, e.g. {@code interview.declined}. */
        public String type() {
            return type;
        }

        /** The kind an event type names; empty for any other type. */
        public static Optional<Kind> of(String type) {
            return Arrays.stream(values()).filter(k -> k.type.equals(type)).findFirst();
        }
    }

    /**
     * The ending an event body reports.
     *
     * @throws MalformedPayloadException when the body is not one of the four ending events or names no interview
     */
    public static InterviewEnding parse(byte[] body) {
        JsonNode root = VendorJson.read(body, "the AI vendor event body");
        String type = VendorJson.text(root.path("type"));
        Kind kind = Kind.of(type).orElseThrow(() -> new MalformedPayloadException("the AI vendor event has type '" + type
                + "' (expected one of interview.declined, interview.expired, interview.failed, interview.cancelled)"));
        JsonNode data = root.path("data");
        String interviewId = VendorJson.id(data.path("interview_id"));
        if (interviewId.isEmpty()) {
            interviewId = VendorJson.id(data.path("id"));
        }
        if (interviewId.isEmpty()) {
            throw new MalformedPayloadException("the " + type + " event has no data.interview_id");
        }
        String reason = VendorJson.text(data.path("reason"));
        return new InterviewEnding(interviewId, kind, CODE.matcher(reason).matches() ? reason : "");
    }
}
