package io.atsbridge.adapter.engine.config;

import io.atsbridge.adapter.connections.config.ConnectionProperties;
import io.atsbridge.adapter.engine.domain.AssessmentPartners;
import io.atsbridge.platform.startup.MissingConfigurationException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeclaredPartnersTest {

    private static final String KEY = "partner-key-0123456789";

    private static ConnectionProperties ai() {
        ConnectionProperties p = new ConnectionProperties("ai-acme");
        p.setTenant("acme");
        p.setKind("AI_VENDOR");
        return p;
    }

    @Test
    void noKeyNoPartnerApi() {
        assertThat(DeclaredPartners.check(ai())).isNull();
    }

    @Test
    void keyAndTestsAreDeclaredWithoutPrintingTheKey() {
        ConnectionProperties p = ai();
        p.setPartnerApiKey(KEY);
        p.setTests(List.of("backend-engineer-v1:Backend engineer AI interview", "sre-v2"));
        AssessmentPartners.Declaration d = DeclaredPartners.check(p);
        assertThat(d.tests()).containsExactly(new AssessmentPartners.Test("backend-engineer-v1", "Backend engineer AI interview"),
                new AssessmentPartners.Test("sre-v2", "sre-v2"));
        assertThat(d.partnerKey()).isEqualTo(KEY);
        assertThat(d.toString()).doesNotContain(KEY);
        assertThat(p.toString()).doesNotContain(KEY);
    }

    @Test
    void wrongSettingsStopTheStartWithoutEchoingTheKey() {
        ConnectionProperties ats = ai();
        ats.setKind("ATS");
        ats.setPartnerApiKey(KEY);
        ats.setTests(List.of("kit"));
        assertThatThrownBy(() -> DeclaredPartners.check(ats)).isInstanceOf(MissingConfigurationException.class)
                .hasMessageContaining("AI_VENDOR");

        ConnectionProperties noTests = ai();
        noTests.setPartnerApiKey(KEY);
        assertThatThrownBy(() -> DeclaredPartners.check(noTests)).hasMessageContaining("no tests");

        ConnectionProperties shortKey = ai();
        shortKey.setPartnerApiKey("short key");
        shortKey.setTests(List.of("kit"));
        assertThatThrownBy(() -> DeclaredPartners.check(shortKey)).hasMessageNotContaining("short key");

        ConnectionProperties twice = ai();
        twice.setPartnerApiKey(KEY);
        twice.setTests(List.of("kit:A", "kit:B"));
        assertThatThrownBy(() -> DeclaredPartners.check(twice)).hasMessageContaining("twice");

        ConnectionProperties testsOnly = ai();
        testsOnly.setTests(List.of("kit"));
        assertThatThrownBy(() -> DeclaredPartners.check(testsOnly)).hasMessageContaining("partner-api-key");
    }
}
