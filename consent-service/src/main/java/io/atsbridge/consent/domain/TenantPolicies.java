package io.atsbridge.consent.domain;

import io.atsbridge.platform.startup.MissingConfigurationException;
import io.micronaut.context.annotation.Context;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The per-tenant switches on the rule pack: which VERIFY rules a tenant has turned on, and its confidence
 * floor. Checked when the service starts: a tenant naming a rule the pack lacks, or one not marked VERIFY,
 * or a floor outside 0..1 stops start-up, since a typo would otherwise silently leave a rule off.
 */
@Context
public final class TenantPolicies {

    private final Map<String, Set<String>> verifyRules = new HashMap<>();
    private final Map<String, Double> floors = new HashMap<>();
    private final double defaultFloor;

    TenantPolicies(RulePack pack, ConsentSettings settings, List<TenantConsentSettings> tenants) {
        this.defaultFloor = checkFloor("atsbridge.consent.min-result-confidence",
                settings.minResultConfidence() == null ? 0.6 : settings.minResultConfidence());
        for (TenantConsentSettings tenant : tenants) {
            List<String> ids = tenant.verifyRules() == null ? List.of() : tenant.verifyRules();
            for (String id : ids) {
                Rule rule = pack.rule(id).orElseThrow(() -> new MissingConfigurationException(
                        "atsbridge.consent.tenants." + tenant.tenant() + ".verify-rules names rule " + id + ", which pack "
                                + pack.version() + " does not have; remove it or fix the id"));
                if (!rule.verify()) {
                    throw new MissingConfigurationException("atsbridge.consent.tenants." + tenant.tenant()
                            + ".verify-rules names rule " + id + ", which pack " + pack.version()
                            + " does not mark VERIFY (it is on for every tenant); remove it");
                }
            }
            verifyRules.put(tenant.tenant(), Set.copyOf(ids));
            if (tenant.minResultConfidence() != null) {
                floors.put(tenant.tenant(), checkFloor("atsbridge.consent.tenants." + tenant.tenant()
                        + ".min-result-confidence", tenant.minResultConfidence()));
            }
        }
    }

    private static double checkFloor(String key, double floor) {
        if (!(floor >= 0 && floor <= 1)) {
            throw new MissingConfigurationException(key + ": " + floor + " (expected: 0..1)");
        }
        return floor;
    }

    /** Whether the rule binds for the tenant: always, unless the pack marks it VERIFY and the tenant has not turned it on. */
    boolean binds(String tenantId, Rule rule) {
        return !rule.verify() || verifyRules.getOrDefault(tenantId, Set.of()).contains(rule.id());
    }

    /** The tenant's confidence floor. */
    double confidenceFloor(String tenantId) {
        return floors.getOrDefault(tenantId, defaultFloor);
    }
}
