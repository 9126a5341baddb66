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

    private static ConnectionProperties ai() {
        ConnectionProperties p = new ConnectionProperties("ai-acme");
        p.setTenant("acme");
        p.setKind("AI_VENDOR");
        p.setTests(List.of("backend-engineer-v1:Backend engineer AI interview"));
        return p;
    }

    private static ConnectionProperties ashby() {
        ConnectionProperties p = ai();
        p.setAshbyPartnerApiKey(KEY);
        p.setAshbyApiKey(API_KEY);
        return p;
    }

    @Test
    void noAshbyKeyNoAshbyPartnerApi() {
        ConnectionProperties p = ai();
        p.setTests(List.of());
        assertThat(DeclaredAshbyPartners.check(p)).isNull();
    }

    @Test
    void keysTestsAndTheDefaultBaseUrlAreDeclaredWithoutPrintingAKey() {
        AssessmentPartners.Declaration d = DeclaredAshbyPartners.check(ashby());
        assertThat(d.tests()).containsExactly(new AssessmentPartners.Test("backend-engineer-v1",
                "Backend engineer AI interview"));
        assertThat(d.partnerKey()).isEqualTo(KEY);
        assertThat(d.callbackKey()).isEqualTo(API_KEY);
        assertThat(d.baseUrl()).isEqualTo("https://api.ashbyhq.com");
        assertThat(d.tenantId()).isEqualTo("acme");
        assertThat(d.protocol()).isEqualTo(Vendor.ASHBY);
        assertThat(d.toString()).doesNotContain(KEY).doesNotContain(API_KEY);
        assertThat(ashby().toString()).doesNotContain(KEY).doesNotContain(API_KEY).contains("Ashby partner API key set");
    }

    @Test
    void testsOfferedToAshbyOnlyNeedNoGreenhouseKey() {
        assertThat(DeclaredPartners.check(ashby())).isNull();
        ConnectionProperties neither = ai();
        assertThatThrownBy(() -> DeclaredPartners.check(neither)).hasMessageContaining("ashby-partner-api-key");
    }

    @Test
    void aConfiguredBaseUrlLosesItsTrailingSlashAndMustBeHttps() {
        ConnectionProperties p = ashby();
        p.setAshbyBaseUrl("https://api.ashbyhq.com/");
        assertThat(DeclaredAshbyPartners.check(p).baseUrl()).isEqualTo("https://api.ashbyhq.com");
        p.setAshbyBaseUrl("http://127.0.0.1:8089/ashby");
        assertThat(DeclaredAshbyPartners.check(p).baseUrl()).isEqualTo("http://127.0.0.1:8089/ashby");
        p.setAshbyBaseUrl("http://api.ashbyhq.com");
        assertThatThrownBy(() -> DeclaredAshbyPartners.check(p)).isInstanceOf(MissingConfigurationException.class)
                .hasMessageContaining("ashby-base-url");
        p.setAshbyBaseUrl("https://user:secret-token@api.ashbyhq.com");
        assertThatThrownBy(() -> DeclaredAshbyPartners.check(p)).hasMessageContaining("ashby-base-url")
                .hasMessageNotContaining("secret-token");
    }

    @Test
    void wrongSettingsStopTheStartWithoutEchoingAKey() {
        ConnectionProperties ats = ashby();
        ats.setKind("ATS");
        assertThatThrownBy(() -> DeclaredAshbyPartners.check(ats)).isInstanceOf(MissingConfigurationException.class)
                .hasMessageContaining("AI_VENDOR");

        ConnectionProperties noApiKey = ashby();
        noApiKey.setAshbyApiKey(" ");
        assertThatThrownBy(() -> DeclaredAshbyPartners.check(noApiKey)).hasMessageContaining("ashby-api-key is missing");

        ConnectionProperties shortKey = ashby();
        shortKey.setAshbyPartnerApiKey("short key");
        assertThatThrownBy(() -> DeclaredAshbyPartners.check(shortKey)).hasMessageNotContaining("short key")
                .hasMessageContaining("ashby-partner-api-key");

        ConnectionProperties colon = ashby();
        colon.setAshbyApiKey("key:with-colon");
        assertThatThrownBy(() -> DeclaredAshbyPartners.check(colon)).hasMessageNotContaining("key:with-colon");

        ConnectionProperties noTests = ashby();
        noTests.setTests(List.of());
        assertThatThrownBy(() -> DeclaredAshbyPartners.check(noTests)).hasMessageContaining("no tests");

        ConnectionProperties strayApiKey = ai();
        strayApiKey.setAshbyApiKey(API_KEY);
        assertThatThrownBy(() -> DeclaredAshbyPartners.check(strayApiKey)).hasMessageContaining("without ashby-partner-api-key")
                .hasMessageNotContaining(API_KEY);
    }
}
