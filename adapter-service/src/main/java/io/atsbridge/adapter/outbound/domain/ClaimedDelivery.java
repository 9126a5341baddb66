package io.atsbridge.adapter.outbound.domain;

/**
 * A delivery a relay holds (leased) while it sends one attempt. (webhookId, attempt) identifies the
 * claim: the outcome is stored only while the row is still this claim's.
 *
 * @param attempt      the attempt being made, 1-based
 * @param payload      the JSON body, exactly as signed; may hold personal data, never logged
 * @param sealedSecret the subscriber's signing secret as stored (encrypted)
 * @param enabled      whether the subscriber was enabled when the delivery was claimed
 */
public record ClaimedDelivery(String webhookId, String eventId, String tenantId, String subscriberId, String type,
                              String payload, int attempt, String url, byte[] sealedSecret, boolean enabled) {

    @Override
    public String toString() {
        return "ClaimedDelivery[" + webhookId + ", event " + eventId + ", subscriber " + subscriberId + ", attempt "
                + attempt + "]";
    }
}
