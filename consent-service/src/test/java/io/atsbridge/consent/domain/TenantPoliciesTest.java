package io.atsbridge.consent.domain;

import io.atsbridge.platform.startup.MissingConfigurationException;
import io.micronaut.core.io.ResourceResolver;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TenantPoliciesTest {

    private static final RulePack PACK =
            RulePackLoader.load("classpath:rules/jurisdiction-rules-2026-12.csv", new ResourceResolver());
    private static final ConsentSettings SETTINGS = new ConsentSettings("classpath:x.csv", 0.6);

    @Test
    void verifyRulesBindOnlyForTenantsThatTurnThemOn() {
        TenantPolicies policies = new TenantPolicies(PACK, SETTINGS,
                List.of(new TenantConsentSettings("acme", List.of("CO-02"), 0.8)));

        assertThat(policies.binds("acme", PACK.rule("CO-02").orElseThrow())).isTrue();
        assertThat(policies.binds("other", PACK.rule("CO-02").orElseThrow())).isFalse();
        assertThat(policies.binds("acme", PACK.rule("CA-02").orElseThrow())).as("not listed").isFalse();
        assertThat(policies.binds("other", PACK.rule("IL-06").orElseThrow())).as("not a VERIFY rule").isTrue();
        assertThat(policies.confidenceFloor("acme")).isEqualTo(0.8);
        assertThat(policies.confidenceFloor("other")).isEqualTo(0.6);
    }

    @Test
    void aTypoOrANonVerifyRuleOrABadFloorStopsStartUp() {
        assertThatThrownBy(() -> new TenantPolicies(PACK, SETTINGS,
                List.of(new TenantConsentSettings("acme", List.of("CO-2"), null))))
                .isInstanceOf(MissingConfigurationException.class)
                .hasMessageContaining("atsbridge.consent.tenants.acme.verify-rules names rule CO-2, which pack "
                        + "jurisdiction-rules-2026-12 does not have");
        assertThatThrownBy(() -> new TenantPolicies(PACK, SETTINGS,
                List.of(new TenantConsentSettings("acme", List.of("IL-06"), null))))
                .isInstanceOf(MissingConfigurationException.class)
                .hasMessageContaining("does not mark VERIFY");
        assertThatThrownBy(() -> new TenantPolicies(PACK, SETTINGS,
                List.of(new TenantConsentSettings("acme", null, 1.5))))
                .isInstanceOf(MissingConfigurationException.class)
                .hasMessageContaining("atsbridge.consent.tenants.acme.min-result-confidence: 1.5 (expected: 0..1)");
        assertThatThrownBy(() -> new TenantPolicies(PACK, new ConsentSettings("x", -0.1), List.of()))
                .isInstanceOf(MissingConfigurationException.class)
                .hasMessageContaining("atsbridge.consent.min-result-confidence");
    }
}
