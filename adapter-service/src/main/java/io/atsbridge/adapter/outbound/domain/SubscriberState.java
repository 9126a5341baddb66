package io.atsbridge.adapter.outbound.domain;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.List;

/**
 * A subscriber as operators see it: whether it receives events and, if not, why; how its deliveries go.
 *
 * @param events              the event types it receives, wire names
 * @param disabledCause       why it is disabled; null while enabled
 * @param disabledReason      the same for people, e.g. "endpoint answered 410 Gone"; null while enabled
 * @param consecutiveFailures failed delivery attempts in a row since the last delivery
 * @param failingSince        when the first of those failures happened; null when there are none
 */
public record SubscriberState(String id, String tenantId, String url, List<String> events, boolean enabled,
                              @Nullable DisabledCause disabledCause, @Nullable String disabledReason,
                              @Nullable Instant disabledTime, int consecutiveFailures, @Nullable Instant failingSince,
                              Instant createTime, Instant updateTime) {

    public SubscriberState {
        events = List.copyOf(events);
    }
}
