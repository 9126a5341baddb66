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

    private static ConnectionProperties.Builder ai() {
        ConnectionProperties.Builder p = ConnectionProperties.builder("ai-acme");
        p.tenant("acme");
        p.kind("AI_VENDOR");
        return p;
    }

    @Test
    void noKeyNoPartnerApi() {
        assertThat(DeclaredPartners.check(ai().build())).isNull();
    }

    @Test
    void keyAndTestsAreDeclaredWithoutPrintingTheKey() {
        ConnectionProperties.Builder p = ai();
        p.partnerApiKey(KEY);
        p.tests(List.of("backend-engineer-v1:Backend engineer AI interview", "sre-v2"));
        AssessmentPartners.Declaration d = DeclaredPartners.check(p.build());
        assertThat(d.tests()).containsExactly(new AssessmentPartners.Test("backend-engineer-v1", "Backend engineer AI interview"),
                new AssessmentPartners.Test("sre-v2", "sre-v2"));
        assertThat(d.partnerKey()).isEqualTo(KEY);
        assertThat(d.toString()).doesNotContain(KEY);
        assertThat(p.build().toString()).doesNotContain(KEY);
    }

    @Test
    void wrongSettingsStopTheStartWithoutEchoingTheKey() {
        ConnectionProperties.Builder ats = ai();
        ats.kind("ATS");
        ats.partnerApiKey(KEY);
        ats.tests(List.of("kit"));
        assertThatThrownBy(() -> DeclaredPartners.check(ats.build())).isInstanceOf(MissingConfigurationException.class)
                .hasMessageContaining("AI_VENDOR");

        ConnectionProperties.Builder noTests = ai();
        noTests.partnerApiKey(KEY);
        assertThatThrownBy(() -> DeclaredPartners.check(noTests.build())).hasMessageContaining("no tests");

        ConnectionProperties.Builder shortKey = ai();
        shortKey.partnerApiKey("short key");
        shortKey.tests(List.of("kit"));
        assertThatThrownBy(() -> DeclaredPartners.check(shortKey.build())).hasMessageNotContaining("short key");

        ConnectionProperties.Builder twice = ai();
        twice.partnerApiKey(KEY);
        twice.tests(List.of("kit:A", "kit:B"));
        assertThatThrownBy(() -> DeclaredPartners.check(twice.build())).hasMessageContaining("twice");

        ConnectionProperties.Builder testsOnly = ai();
        testsOnly.tests(List.of("kit"));
        assertThatThrownBy(() -> DeclaredPartners.check(testsOnly.build())).hasMessageContaining("partner-api-key");
    }
}
