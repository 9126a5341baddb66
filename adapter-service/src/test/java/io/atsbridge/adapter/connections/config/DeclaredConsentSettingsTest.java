package io.atsbridge.adapter.connections.config;

import io.atsbridge.adapter.connections.domain.ConsentSettings;
import io.atsbridge.platform.startup.MissingConfigurationException;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What connections declare for consent decisions, and what a wrong declaration says. */
class DeclaredConsentSettingsTest {

    private static ConnectionProperties.Builder ai() {
        return ConnectionProperties.builder("ai-acme").tenant("acme").kind("AI_VENDOR");
    }

    @Test
    void anAiVendorDeclaresItsCategoriesAndBiasAudit() {
        ConsentSettings settings = DeclaredConsentSettings.check(ai()
                .dataCategories(List.of("voice_recording", " biometric.voiceprint", "voice_recording"))
                .biasAuditDate("2026-03-02").biasAuditSummaryUrl("https://vendor.example/audit").build());

        assertThat(settings.dataCategories()).containsExactly("voice_recording", "biometric.voiceprint");
        assertThat(settings.biasAuditDate()).isEqualTo(LocalDate.of(2026, 3, 2));
        assertThat(settings.biasAuditSummaryUrl()).isEqualTo("https://vendor.example/audit");
    }

    @Test
    void nothingDeclaredIsVideoAndVoiceWithoutAudit() {
        assertThat(DeclaredConsentSettings.check(ai().build())).isEqualTo(ConsentSettings.DEFAULTS);
        assertThat(ConsentSettings.DEFAULTS.dataCategories()).containsExactly("video", "voice_recording");
    }

    @Test
    void anAtsDeclaresItsRequisitionPlaces() {
        assertThat(DeclaredConsentSettings.check(ConnectionProperties.builder("gh-acme").kind("ATS")
                .requisitionJurisdictions(List.of("us-il", "US-NY-NYC")).build()).requisitionJurisdictions())
                .containsExactly("US-IL", "US-NY-NYC");
    }

    @Test
    void wrongDeclarationsStopTheStartNamingTheSetting() {
        assertThatThrownBy(() -> DeclaredConsentSettings.check(ai().dataCategories(List.of("voiceprint")).build()))
                .isInstanceOf(MissingConfigurationException.class)
                .hasMessageContaining("atsbridge.connections.ai-acme.data-categories has 'voiceprint'")
                .hasMessageContaining("biometric.voiceprint");
        assertThatThrownBy(() -> DeclaredConsentSettings.check(ai().biasAuditDate("03/02/2026").build()))
                .hasMessageContaining("bias-audit-date is '03/02/2026' (expected: the audit's date as YYYY-MM-DD)");
        assertThatThrownBy(() -> DeclaredConsentSettings.check(ai().biasAuditSummaryUrl("ftp://vendor.example/a").build()))
                .hasMessageContaining("bias-audit-summary-url is 'ftp://vendor.example/a'");
        assertThatThrownBy(() -> DeclaredConsentSettings.check(ConnectionProperties.builder("gh-acme").kind("ATS")
                .dataCategories(List.of("video")).build()))
                .hasMessageContaining("on AI_VENDOR connections only");
        assertThatThrownBy(() -> DeclaredConsentSettings.check(ai().requisitionJurisdictions(List.of("US-IL")).build()))
                .hasMessageContaining("requisition-jurisdictions is set on a connection of kind AI_VENDOR");
        assertThatThrownBy(() -> DeclaredConsentSettings.check(ConnectionProperties.builder("gh-acme").kind("ATS")
                .requisitionJurisdictions(List.of("Illinois")).build()))
                .hasMessageContaining("requisition-jurisdictions has 'ILLINOIS'");
    }
}
