package io.atsbridge.consent.domain;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * consent-service's settings, {@code atsbridge.consent.*}; every key and its default is in
 * {@code application-consent.yml}, and the same default stands here for a context built without it.
 *
 * @param rulePack            the jurisdiction rule pack, a {@code classpath:} or {@code file:} CSV whose file name is
 *                            its version ({@code CONSENT_RULE_PACK}); checked by {@link RulePackLoader} at start-up
 * @param minResultConfidence the confidence (0..1) below which an AI result needs a person's review
 *                            ({@code CONSENT_MIN_RESULT_CONFIDENCE}); a tenant may set its own
 */
@ConfigurationProperties("atsbridge.consent")
public record ConsentSettings(
        @Nullable @Bindable(defaultValue = "classpath:rules/jurisdiction-rules-2026-12.csv") String rulePack,
        @Nullable @Bindable(defaultValue = "0.6") Double minResultConfidence) {
}
