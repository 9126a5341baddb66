package io.atsbridge.adapter.outbound.domain;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A subscriber as configuration declares it, already validated, its secret in plain text. It lives only
 * in memory at start-up; {@link #toString()} never prints the secret.
 *
 * @param url    the absolute http(s) URL events are POSTed to
 * @param secret the {@code whsec_<base64 key>} signing secret
 * @param events the event types it receives, at least one
 */
public record SubscriberDeclaration(String id, String tenantId, String url, String secret, Set<OutboundEventType> events,
                                    boolean enabled) {

    /** Subscriber ids: lower-case letters, digits and '-', 1..100 characters, starting with a letter or digit. */
    public static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,99}");

    public SubscriberDeclaration {
        events = Set.copyOf(events);
    }

    /** The event types as stored, in declaration order of {@link OutboundEventType}: "sync.succeeded,sync.failed". */
    public String eventList() {
        return String.join(",", List.of(OutboundEventType.values()).stream().filter(events::contains)
                .map(OutboundEventType::wireName).toList());
    }

    @Override
    public String toString() {
        return "SubscriberDeclaration[" + id + ", tenant " + tenantId + ", " + url + ", events " + eventList()
                + ", enabled " + enabled + ", secret set]";
    }
}
