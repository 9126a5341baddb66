package io.atsbridge.consent.domain;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.annotation.Nullable;

import java.util.List;

/**
 * One tenant's consent settings, {@code atsbridge.consent.tenants.<tenant>.*}.
 *
 * @param tenant              the tenant id (the key under {@code tenants})
 * @param verifyRules         the ids of rules the pack marks VERIFY that this tenant has checked and turned on
 * @param minResultConfidence this tenant's confidence floor (0..1), or null for the service's
 */
@EachProperty("atsbridge.consent.tenants")
public record TenantConsentSettings(
        @Parameter String tenant,
        @Nullable List<String> verifyRules,
        @Nullable Double minResultConfidence) {
}
