package io.atsbridge.adapter.engine.sync;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The deterministic ids that make every step of the loop safe to repeat. */
public final class LoopIds {

    private LoopIds() {
    }

    /**
     * The AI vendor's Idempotency-Key for a case: hex SHA-256 of ATS connection, application and
     * trigger stage. Separated by '/', which none of them contains, so that ("12", "34") and
     * ("123", "4") cannot give the same key.
     */
    static String idempotencyKey(String atsConnectionId, String applicationExternalId, String triggerStageId) {
        return sha256Hex(atsConnectionId + "/" + applicationExternalId + "/" + triggerStageId);
    }

    /**
     * An audit record id: hex SHA-256 of trace, action and inbox event id. Trace and event ids are
     * fixed-length UUIDs, so the plain concatenation is unambiguous.
     */
    static String recordId(String traceId, String action, String eventId) {
        return sha256Hex(traceId + action + eventId);
    }

    public static String sha256Hex(String text) {
        return HexFormat.of().formatHex(sha256(text.getBytes(StandardCharsets.UTF_8)));
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
