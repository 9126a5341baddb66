package io.atsbridge.sandbox.http;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/**
 * One HTTP attempt at delivering a webhook event.
 *
 * @param eventId    the event's delivery id (Greenhouse-Event-ID or webhook-id), the same on every retry
 * @param attempt    1 for the first attempt of a delivery run, 2 for its first retry, ...
 * @param statusCode the receiver's HTTP status, or 0 when no response came (timeout, refused connection)
 * @param delivered  whether the vendor counts this attempt as a success (Greenhouse: exactly 200; Standard Webhooks: 2xx)
 * @param error      why no response came, when statusCode is 0
 * @param at         when the attempt finished
 * @param last       whether no further attempt follows (delivered, or attempts exhausted)
 */
public record WebhookAttempt(String eventId, int attempt, int statusCode, boolean delivered,
                             @Nullable String error, Instant at, boolean last) {
}
