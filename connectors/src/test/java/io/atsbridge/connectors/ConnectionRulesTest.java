package io.atsbridge.connectors;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConnectionRulesTest {

    @Test
    void aVendorWithoutRulesOfItsOwnSpeaksV1WithOneSecretAndANumericUser() {
        ConnectionRules rules = Vendors.find("SMARTRECRUITERS").orElseThrow().connectionRules();

        assertThat(rules).isEqualTo(ConnectionRules.standard("SMARTRECRUITERS"));
        assertThat(rules.apiVersions().defaultVersion()).isEqualTo("v1");
        assertThat(rules.apiVersions().expected()).isEqualTo("v1 (the only version atsbridge speaks for SMARTRECRUITERS)");
        assertThat(rules.apiVersions().oauthClient("v1")).isEmpty();
        assertThat(rules.perEventSecrets()).isEmpty();
        assertThat(rules.actingUser().id().matcher("4080").matches()).isTrue();
    }

    @Test
    void eachVendorGivesItsOwnRulesWithItsModule() {
        ConnectionRules greenhouse = Vendors.find("GREENHOUSE").orElseThrow().connectionRules();
        assertThat(greenhouse.apiVersions().versions()).containsExactly("v3", "v1");
        assertThat(greenhouse.apiVersions().oauthClient("v3").orElseThrow().defaultTokenUrl())
                .isEqualTo("https://auth.greenhouse.io/token");
        assertThat(greenhouse.apiVersions().oauthClient("v1")).isEmpty();

        ConnectionRules lever = Vendors.find("LEVER").orElseThrow().connectionRules();
        assertThat(lever.perEventSecrets().orElseThrow().example())
                .isEqualTo("[candidateStageChange:<token>, candidateHired:<token>]");
        assertThat(lever.actingUser().id().matcher("8d49b010-cc6a-4f40-ace5-e86061c677ed").matches()).isTrue();

        assertThat(Vendors.find("ASHBY").orElseThrow().connectionRules().actingUser().named()).isFalse();
    }

    @Test
    void anOAuthClientForAVersionTheVendorDoesNotSpeakIsRefused() {
        assertThatThrownBy(() -> ConnectionRules.ApiVersions.only("v1", "ACME")
                .withOAuthClient("v2", new ConnectionRules.OAuthClient("https://acme.example/token", "an OAuth client")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("version: v2 (expected: one of [v1])");
    }
}
