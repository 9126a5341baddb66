package io.atsbridge.adapter.outbound.config;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.util.List;
import java.util.Objects;

/**
 * One subscriber to outbound events as configuration declares it, {@code atsbridge.subscribers.<id>.*}; immutable.
 * Checked by {@link DeclaredSubscribers} at start-up. {@link #toString()} never prints the secret. The default of
 * {@code enabled} stands on the component, as a value under {@code atsbridge.subscribers} in
 * {@code application-adapter.yml} would declare a subscriber; its commented example shows it.
 *
 * @param id the key below {@code atsbridge.subscribers}, e.g. {@code hook-a}
 * @param tenant the tenant whose events the subscriber receives
 * @param url the absolute http(s) URL events are POSTed to
 * @param secret the Standard Webhooks signing secret, {@code whsec_} and base64 of 24..64 random bytes
 * @param events the event types it receives, e.g. sync.succeeded; null (not set) means all of them
 * @param enabled whether events are delivered to it (default true)
 */
@EachProperty("atsbridge.subscribers")
public record SubscriberProperties(
        @Parameter String id,
        @Nullable String tenant,
        @Nullable String url,
        @Nullable String secret,
        @Nullable List<String> events,
        @Bindable(defaultValue = "true") boolean enabled) {

    public SubscriberProperties {
        Objects.requireNonNull(id, "id");
        events = events == null ? null : List.copyOf(events);
    }

    @Override
    public String toString() {
        // Never print the secret.
        return "SubscriberProperties[" + id + ", tenant " + tenant + ", " + url + ", events "
                + (events == null ? "all" : events) + ", secret " + (secret == null ? "none" : "set") + "]";
    }
}
