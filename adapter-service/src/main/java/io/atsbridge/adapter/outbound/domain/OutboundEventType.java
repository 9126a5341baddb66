package io.atsbridge.adapter.outbound.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The events subscribers can receive, by their wire name (the payload's {@code type}). */
public enum OutboundEventType {

    /** AI results were written back to the ATS record. */
    SYNC_SUCCEEDED("sync.succeeded"),
    /** A write-back would have overwritten a person's edit: it waits in the conflict review queue. */
    SYNC_CONFLICT("sync.conflict"),
    /** An event could not be processed, for good (it is a dead letter). */
    SYNC_FAILED("sync.failed"),
    /** The consent service did not allow the next step: the candidate's consent or a notice is needed. */
    CONSENT_REQUIRED("consent.required");

    private final String wireName;

    OutboundEventType(String wireName) {
        this.wireName = wireName;
    }

    /** The name in payloads and configuration, e.g. {@code sync.succeeded}. */
    public String wireName() {
        return wireName;
    }

    /** The type of a wire name, compared exactly. */
    public static Optional<OutboundEventType> parse(String wireName) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(wireName)).findFirst();
    }

    /** Every wire name, for error messages: "sync.succeeded, sync.conflict, ...". */
    public static String names() {
        return String.join(", ", wireNames());
    }

    /** Every wire name, in declaration order. */
    public static List<String> wireNames() {
        return Arrays.stream(values()).map(OutboundEventType::wireName).toList();
    }
}
