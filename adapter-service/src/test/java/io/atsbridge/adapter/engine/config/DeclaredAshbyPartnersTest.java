package io.atsbridge.adapter.engine.config;

import io.atsbridge.adapter.connections.config.ConnectionProperties;
import io.atsbridge.adapter.connections.domain.Vendor;
import io.atsbridge.adapter.engine.domain.AssessmentPartners;
import io.atsbridge.platform.startup.MissingConfigurationException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeclaredAshbyPartnersTest {

    private static final String KEY = "ashby-partner-key-0123456789";
    private static final String API_KEY = "customer-ashby-api-key";

    private static ConnectionProperties.Builder ai() {
        ConnectionProperties.Builder p = ConnectionProperties.builder("ai-acme");
        p.tenant("acme");
        p.kind("AI_VENDOR");
        p.tests(List.of("backend-engineer-v1:Backend engineer AI interview"));
        return p;
    }

    private static ConnectionProperties.Builder ashby() {
        ConnectionProperties.Builder p = ai();
        p.ashbyPartnerApiKey(KEY);
        p.ashbyApiKey(API_KEY);
        return p;
    }

    @Test
    void noAshbyKeyNoAshbyPartnerApi() {
        ConnectionProperties.Builder p = ai();
        p.tests(List.of());
        assertThat(DeclaredAshbyPartners.check(p.build())).isNull();
    }

    @Test
    void keysTestsAndTheDefaultBaseUrlAreDeclaredWithoutPrintingAKey() {
        AssessmentPartners.Declaration d = DeclaredAshbyPartners.check(ashby().build());
        assertThat(d.tests()).containsExactly(new AssessmentPartners.Test("backend-engineer-v1",
                "Backend engineer AI interview"));
        assertThat(d.partnerKey()).isEqualTo(KEY);
        assertThat(d.callbackKey()).isEqualTo(API_KEY);
        assertThat(d.baseUrl()).isEqualTo("https://api.ashbyhq.com");
        assertThat(d.tenantId()).isEqualTo("acme");
        assertThat(d.protocol()).isEqualTo(Vendor.ASHBY);
        assertThat(d.toString()).doesNotContain(KEY).doesNotContain(API_KEY);
        assertThat(ashby().build().toString()).doesNotContain(KEY).doesNotContain(API_KEY).contains("Ashby partner API key set");
    }

    @Test
    void testsOfferedToAshbyOnlyNeedNoGreenhouseKey() {
        assertThat(DeclaredPartners.check(ashby().build())).isNull();
        ConnectionProperties.Builder neither = ai();
        assertThatThrownBy(() -> DeclaredPartners.check(neither.build())).hasMessageContaining("ashby-partner-api-key");
    }

    @Test
    void aConfiguredBaseUrlLosesItsTrailingSlashAndMustBeHttps() {
        ConnectionProperties.Builder p = ashby();
        p.ashbyBaseUrl("https://api.ashbyhq.com/");
        assertThat(DeclaredAshbyPartners.check(p.build()).baseUrl()).isEqualTo("https://api.ashbyhq.com");
        p.ashbyBaseUrl("http://127.0.0.1:8089/ashby");
        assertThat(DeclaredAshbyPartners.check(p.build()).baseUrl()).isEqualTo("http://127.0.0.1:8089/ashby");
        p.ashbyBaseUrl("http://api.ashbyhq.com");
        assertThatThrownBy(() -> DeclaredAshbyPartners.check(p.build())).isInstanceOf(MissingConfigurationException.class)
                .hasMessageContaining("ashby-base-url");
        p.ashbyBaseUrl("https://user:secret-token@api.ashbyhq.com");
        assertThatThrownBy(() -> DeclaredAshbyPartners.check(p.build())).hasMessageContaining("ashby-base-url")
                .hasMessageNotContaining("secret-token");
    }

    @Test
    void wrongSettingsStopTheStartWithoutEchoingAKey() {
        ConnectionProperties.Builder ats = ashby();
        ats.kind("ATS");
        assertThatThrownBy(() -> DeclaredAshbyPartners.check(ats.build())).isInstanceOf(MissingConfigurationException.class)
                .hasMessageContaining("AI_VENDOR");

        ConnectionProperties.Builder noApiKey = ashby();
        noApiKey.ashbyApiKey(" ");
        assertThatThrownBy(() -> DeclaredAshbyPartners.check(noApiKey.build())).hasMessageContaining("ashby-api-key is missing");

        ConnectionProperties.Builder shortKey = ashby();
        shortKey.ashbyPartnerApiKey("short key");
        assertThatThrownBy(() -> DeclaredAshbyPartners.check(shortKey.build())).hasMessageNotContaining("short key")
                .hasMessageContaining("ashby-partner-api-key");

        ConnectionProperties.Builder colon = ashby();
        colon.ashbyApiKey("key:with-colon");
        assertThatThrownBy(() -> DeclaredAshbyPartners.check(colon.build())).hasMessageNotContaining("key:with-colon");

        ConnectionProperties.Builder noTests = ashby();
        noTests.tests(List.of());
        assertThatThrownBy(() -> DeclaredAshbyPartners.check(noTests.build())).hasMessageContaining("no tests");

        ConnectionProperties.Builder strayApiKey = ai();
        strayApiKey.ashbyApiKey(API_KEY);
        assertThatThrownBy(() -> DeclaredAshbyPartners.check(strayApiKey.build())).hasMessageContaining("without ashby-partner-api-key")
                .hasMessageNotContaining(API_KEY);
    }
}
