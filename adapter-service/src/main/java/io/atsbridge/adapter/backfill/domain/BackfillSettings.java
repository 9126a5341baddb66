package io.atsbridge.adapter.backfill.domain;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * How backfills run, {@code atsbridge.adapter.backfill.*}; every key and its default is in
 * {@code application-adapter.yml}, and the same defaults stand here for a context built without it.
 *
 * @param enabled            whether the backfill thread starts with the service
 * @param pageSize           applications read per page from the ATS, 1..500 (checked by {@link BackfillRunner})
 * @param lease              a backfill whose runner died is taken up again after this
 * @param pollInterval       the wait when no backfill is due
 * @param incrementalOverlap incremental passes look this much further back than the previous start, for clock skew
 *                           and in-flight writes
 */
@ConfigurationProperties("atsbridge.adapter.backfill")
public record BackfillSettings(
        @Bindable(defaultValue = "true") boolean enabled,
        @Bindable(defaultValue = "100") int pageSize,
        @Bindable(defaultValue = "2m") Duration lease,
        @Bindable(defaultValue = "1s") Duration pollInterval,
        @Bindable(defaultValue = "1m") Duration incrementalOverlap) {
}
