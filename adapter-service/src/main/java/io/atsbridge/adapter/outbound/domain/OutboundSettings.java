package io.atsbridge.adapter.outbound.domain;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * How the outbound relay runs, {@code atsbridge.adapter.outbound.*}; every key and its default is in
 * {@code application-adapter.yml}, and the same defaults stand here for a context built without it.
 *
 * @param enabled              whether the background relay starts with the service; {@link OutboundRelay#runOnce()}
 *                             works either way
 * @param pollInterval         the wait when nothing is due
 * @param batch                deliveries per claim, sent concurrently
 * @param requestTimeout       per delivery: no 2xx answer in time is a failed attempt
 * @param connectTimeout       for opening the connection (at most the request time-out)
 * @param disableAfterFailures a subscriber whose deliveries failed this many times in a row ...
 * @param disableAfter         ... the first of them longer ago than this, is disabled
 */
@ConfigurationProperties("atsbridge.adapter.outbound")
public record OutboundSettings(
        @Bindable(defaultValue = "true") boolean enabled,
        @Bindable(defaultValue = "1s") Duration pollInterval,
        @Bindable(defaultValue = "20") int batch,
        @Bindable(defaultValue = "10s") Duration requestTimeout,
        @Bindable(defaultValue = "5s") Duration connectTimeout,
        @Bindable(defaultValue = "50") int disableAfterFailures,
        @Bindable(defaultValue = "5d") Duration disableAfter) {
}
