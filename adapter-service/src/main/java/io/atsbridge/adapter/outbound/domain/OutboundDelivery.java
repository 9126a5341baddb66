package io.atsbridge.adapter.outbound.domain;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/**
 * One event's delivery to one subscriber, without its payload (which may hold personal data).
 *
 * @param webhookId       the Standard Webhooks {@code webhook-id}, the same on every attempt
 * @param eventId         the published event's id
 * @param attempts        attempts made so far
 * @param nextAttemptTime when the next attempt is due (meaningful while PENDING)
 * @param lastStatusCode  the HTTP status of the last attempt; null when it got no answer or none was made
 * @param lastError       why the last attempt failed; null when it did not
 * @param deliverTime     when the subscriber answered 2xx; null until then
 */
public record OutboundDelivery(String webhookId, String eventId, String subscriberId, String type, DeliveryStatus status,
                               int attempts, Instant nextAttemptTime, @Nullable Integer lastStatusCode,
                               @Nullable String lastError, Instant createTime, @Nullable Instant deliverTime) {
}
