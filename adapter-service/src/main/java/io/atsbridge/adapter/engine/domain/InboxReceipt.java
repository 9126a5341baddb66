package io.atsbridge.adapter.engine.domain;

/**
 * What the inbox did with one event.
 *
 * @param inboxEventId the stored event's id: the new one, or the earlier one for a duplicate
 * @param duplicate    true when the delivery was already stored and nothing changed
 */
public record InboxReceipt(String connectionId, String deliveryKey, String inboxEventId, boolean duplicate) {
}
