package io.atsbridge.adapter.connections.config;

import io.atsbridge.adapter.connections.domain.ConnectionDeclaration;
import io.atsbridge.adapter.connections.domain.ConnectionKind;
import io.atsbridge.adapter.connections.domain.Vendor;
import io.atsbridge.platform.startup.MissingConfigurationException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeclaredConnectionsTest {

    private static final String SECRET = "secret-0123456789abcdef";
    private static final String OTHER_SECRET = "other-0123456789abcdef";
    /**
     * configuration.signatureToken of Lever's "Create a webhook" response example (hire.lever.co/developer/documentation,
     * copied in platform-kit's vendor-fixtures/lever_api_create_webhook_response.json): 48 characters.
     */
    private static final String LEVER_DOC_TOKEN = "73311ged32110cc40e00c672c2e03e1a42fa28a4fabde089";
    private static final String LEVER_HIRED_TOKEN = "0f9e8d7c6b5a49382716a5b4c3d2e1f00f9e8d7c6b5a4938";
    private static final String LEVER_ROTATED_TOKEN = "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718";

    private static ConnectionProperties.Builder valid(String id) {
        ConnectionProperties.Builder p = ConnectionProperties.builder(id);
        p.tenant("acme");
        p.vendor("greenhouse");
        p.kind("ats");
        p.baseUrl("https://harvest.greenhouse.io");
        p.webhookSecrets(List.of(SECRET, OTHER_SECRET));
        p.credentials("api-key-0123456789");
        p.apiVersion("v1");
        return p;
    }

    private static String failure(Consumer<ConnectionProperties.Builder> change) {
        ConnectionProperties.Builder p = valid("gh-acme");
        change.accept(p);
        try {
            DeclaredConnections.check(p.build());
        } catch (MissingConfigurationException e) {
            assertThat(e.getMessage()).doesNotContain(SECRET, OTHER_SECRET, "api-key-0123456789").doesNotContain("\n");
            return e.getMessage();
        }
        throw new AssertionError("expected the declaration to be refused");
    }

    @Test
    void validDeclarationIsNormalised() {
        ConnectionDeclaration d = DeclaredConnections.check(valid("gh-acme").build());

        assertThat(d.id()).isEqualTo("gh-acme");
        assertThat(d.vendor()).isEqualTo(Vendor.GREENHOUSE);
        assertThat(d.kind()).isEqualTo(ConnectionKind.ATS);
        assertThat(d.displayName()).isEqualTo("gh-acme");
        assertThat(d.enabled()).isTrue();
        assertThat(d.webhookSecrets()).containsExactly(SECRET, OTHER_SECRET);
        assertThat(d.credentials()).isEqualTo("api-key-0123456789");
    }

    @Test
    void greenhouseSpeaksHarvestV3UnlessToldV1() {
        ConnectionProperties.Builder p = valid("gh-acme");
        p.apiVersion(null);
        p.credentials("client-0123:secret-4567");
        ConnectionDeclaration v3 = DeclaredConnections.check(p.build());
        assertThat(v3.apiVersion()).isEqualTo("v3");
        assertThat(v3.tokenUrl()).isEqualTo("https://auth.greenhouse.io/token");
        p.tokenUrl("http://127.0.0.1:9180/greenhouse/auth/token");
        assertThat(DeclaredConnections.check(p.build()).tokenUrl()).isEqualTo("http://127.0.0.1:9180/greenhouse/auth/token");

        assertThat(DeclaredConnections.check(valid("gh-acme").build()).apiVersion()).isEqualTo("v1");
        assertThat(DeclaredConnections.check(valid("gh-acme").build()).tokenUrl()).isNull();
        // A v1 API key given to a v3 connection is refused, saying how to fix it (without echoing the key).
        assertThat(failure(c -> c.apiVersion(null))).contains("client_id:client_secret", "api-version: v1");
        assertThat(failure(c -> c.apiVersion("v2"))).contains("api-version", "'v2'", "v3");
        assertThat(failure(c -> {
            c.vendor("lever");
            c.webhookSecrets(List.of());
            c.webhookEventSecrets(List.of("candidateStageChange:" + LEVER_DOC_TOKEN));
            c.apiVersion("v3");
        })).contains("api-version", "v1");
    }

    // ---------------------------------------------------------------- Lever: one signature token per webhook

    private static ConnectionProperties.Builder lever(String... eventSecrets) {
        ConnectionProperties.Builder p = valid("lever-acme");
        p.vendor("LEVER");
        p.apiVersion(null);
        p.baseUrl("https://api.lever.co/v1");
        p.webhookSecrets(List.of());
        p.webhookEventSecrets(List.of(eventSecrets));
        return p;
    }

    private static String leverFailure(ConnectionProperties.Builder p) {
        try {
            DeclaredConnections.check(p.build());
        } catch (MissingConfigurationException e) {
            assertThat(e.getMessage()).doesNotContain(LEVER_DOC_TOKEN, LEVER_HIRED_TOKEN, LEVER_ROTATED_TOKEN, "\n");
            return e.getMessage();
        }
        throw new AssertionError("expected the declaration to be refused");
    }

    @Test
    void leverTakesOneSignatureTokenPerEventSeveralDuringRotation() {
        ConnectionDeclaration d = DeclaredConnections.check(lever(" candidateStageChange:" + LEVER_DOC_TOKEN,
                "candidateHired: " + LEVER_HIRED_TOKEN, "candidateStageChange:" + LEVER_ROTATED_TOKEN).build());

        assertThat(d.webhookSecrets()).isEmpty();
        assertThat(d.webhookEventSecrets()).containsOnlyKeys("candidateStageChange", "candidateHired");
        assertThat(d.webhookEventSecrets().get("candidateStageChange")).containsExactly(LEVER_DOC_TOKEN, LEVER_ROTATED_TOKEN);
        assertThat(d.webhookEventSecrets().get("candidateHired")).containsExactly(LEVER_HIRED_TOKEN);
        assertThat(d.secretCount()).isEqualTo(3);
        assertThat(d.toString()).doesNotContain(LEVER_DOC_TOKEN, LEVER_HIRED_TOKEN).contains("candidateStageChange");
    }

    @Test
    void malformedLeverSignatureTokensStopStartUpWithTheSettingAndWhatToDo() {
        // One token for every event would leave all but one event refused as forged.
        ConnectionProperties.Builder shared = lever("candidateStageChange:" + LEVER_DOC_TOKEN);
        shared.webhookSecrets(List.of(LEVER_DOC_TOKEN));
        assertThat(leverFailure(shared)).contains("atsbridge.connections.lever-acme.webhook-secrets", "set on a Lever connection",
                "webhook-event-secrets", "candidateStageChange:<token>");
        assertThat(leverFailure(lever())).contains("lever-acme has no webhook signature token",
                "atsbridge.connections.lever-acme.webhook-event-secrets", "<event>:<token>");
        assertThat(leverFailure(lever(LEVER_DOC_TOKEN))).contains("webhook-event-secrets is entry 0 has no ':'",
                "candidateStageChange", "applicationCreated");
        assertThat(leverFailure(lever("candidatestagechange:" + LEVER_DOC_TOKEN))).contains("entry 0 names no Lever event",
                "candidateStageChange");
        assertThat(leverFailure(lever("candidateHired:" + LEVER_HIRED_TOKEN, "candidateStageChange:short")))
                .contains("entry 1 (candidateStageChange) has a token 5 characters long", "16..1000");
        assertThat(leverFailure(lever("candidateStageChange:" + LEVER_DOC_TOKEN, "candidateHired:" + LEVER_DOC_TOKEN)))
                .contains("entry 1 (candidateHired) repeats the token of an earlier entry (candidateStageChange)");
        // Only Lever signs per event; Greenhouse's secret verifies every event.
        assertThat(failure(c -> c.webhookEventSecrets(List.of("candidateStageChange:" + LEVER_DOC_TOKEN))))
                .contains("webhook-event-secrets is set on a connection of vendor GREENHOUSE", "webhook-secrets");
    }

    @Test
    void secretsNeverAppearInToString() {
        ConnectionProperties.Builder p = valid("gh-acme");
        assertThat(p.build().toString()).doesNotContain(SECRET, OTHER_SECRET, "api-key-0123456789").contains("2 webhook secret(s)");
        assertThat(DeclaredConnections.check(p.build()).toString())
                .doesNotContain(SECRET, OTHER_SECRET, "api-key-0123456789").contains("gh-acme");
    }

    @Test
    void blankCredentialsMeanNone() {
        ConnectionProperties.Builder p = valid("gh-acme");
        p.credentials("  ");
        assertThat(DeclaredConnections.check(p.build()).credentials()).isNull();
    }

    @Test
    void eachBadSettingIsNamedWithItsConnection() {
        assertThat(failure(p -> p.tenant(null)))
                .isEqualTo("connection gh-acme has no tenant: set atsbridge.connections.gh-acme.tenant (the tenant id, e.g. acme)");
        assertThat(failure(p -> p.tenant("Acme Corp"))).contains("gh-acme", "atsbridge.connections.gh-acme.tenant");
        assertThat(failure(p -> p.vendor("taleo"))).contains("atsbridge.connections.gh-acme.vendor", "'taleo'", "GREENHOUSE");
        assertThat(failure(p -> p.vendor(null))).contains("has no vendor");
        assertThat(failure(p -> p.kind("crm"))).contains("atsbridge.connections.gh-acme.kind", "ATS or AI_VENDOR");
        assertThat(failure(p -> p.baseUrl("harvest.greenhouse.io"))).contains("atsbridge.connections.gh-acme.base-url");
        assertThat(failure(p -> p.baseUrl("https://"))).contains("atsbridge.connections.gh-acme.base-url");
        assertThat(failure(p -> p.baseUrl("https://user:pw@harvest.greenhouse.io")))
                .contains("base-url", "user info").doesNotContain("pw@");
        assertThat(failure(p -> p.displayName("x".repeat(201)))).contains("display-name");
        assertThat(failure(p -> p.webhookSecrets(List.of())))
                .isEqualTo("connection gh-acme has no webhook secret: set atsbridge.connections.gh-acme.webhook-secrets "
                        + "(one or more, at least 16 characters each)");
        assertThat(failure(p -> p.webhookSecrets(List.of(SECRET, "short-secret"))))
                .contains("webhook-secrets", "entry 1 is 12 characters long");
        assertThat(failure(p -> p.webhookSecrets(List.of(SECRET, SECRET))))
                .contains("webhook-secrets", "entry 1 repeats an earlier entry");
        assertThat(failure(p -> p.credentials("k".repeat(10_001)))).contains("credentials");
    }

    @Test
    void malformedIdIsRefused() {
        assertThatThrownBy(() -> DeclaredConnections.check(valid("GH_ACME").build()))
                .isInstanceOf(MissingConfigurationException.class)
                .hasMessageContaining("'GH_ACME' has an invalid id");
        assertThatThrownBy(() -> DeclaredConnections.check(valid("-gh").build()))
                .isInstanceOf(MissingConfigurationException.class);
    }

    // ---------------------------------------------------------------- sync settings

    private static ConnectionProperties.Builder looping(String id) {
        ConnectionProperties.Builder p = valid(id);
        p.triggerStage(" AI Interview ");
        p.mappingProfile("gh-acme-default");
        p.aiConnection("ai-acme");
        p.onBehalfOf("4080");
        p.interviewKit("kit-7");
        p.jurisdictions(List.of("us-il", "US-NY-NYC", "US-IL"));
        p.jurisdictionField("candidate_jurisdiction");
        return p;
    }

    private static ConnectionProperties.Builder aiVendor(String id, String tenant) {
        ConnectionProperties.Builder p = ConnectionProperties.builder(id);
        p.tenant(tenant);
        p.vendor("STANDARD_WEBHOOKS");
        p.kind("AI_VENDOR");
        p.baseUrl("https://interviews.example.com");
        p.webhookSecrets(List.of(SECRET));
        p.credentials("ai-key-0123456789");
        return p;
    }

    @Test
    void leverAndAshbyConnectionsRunTheLoopWithTheirOwnAttribution() {
        ConnectionProperties.Builder lever = looping("lever-acme");
        lever.vendor("LEVER");
        lever.webhookSecrets(List.of());
        lever.webhookEventSecrets(List.of("candidateStageChange:" + LEVER_DOC_TOKEN));
        lever.apiVersion(null);
        lever.onBehalfOf("8d49b010-cc6a-4f40-ace5-e86061c677ed");
        assertThat(DeclaredConnections.check(lever.build()).sync().onBehalfOf()).isEqualTo("8d49b010-cc6a-4f40-ace5-e86061c677ed");
        lever.onBehalfOf("not a user id!");
        assertThatThrownBy(() -> DeclaredConnections.check(lever.build())).hasMessageContaining("Lever user id (perform_as)");

        ConnectionProperties.Builder ashby = looping("ashby-acme");
        ashby.vendor("ASHBY");
        ashby.apiVersion(null);
        ashby.onBehalfOf(null);
        ConnectionDeclaration d = DeclaredConnections.check(ashby.build());
        assertThat(d.sync().onBehalfOf()).isEmpty();
        assertThat(d.apiVersion()).isEqualTo("v1");
        // Ashby's custom fields are known by their id, a UUID.
        ashby.jurisdictionField("3c6bd1d0-4d5e-4b8a-9f4e-2a1f0c7e9b11");
        assertThat(DeclaredConnections.check(ashby.build()).sync().jurisdictionField()).isEqualTo("3c6bd1d0-4d5e-4b8a-9f4e-2a1f0c7e9b11");
    }

    private static String syncFailure(Consumer<ConnectionProperties.Builder> change) {
        ConnectionProperties.Builder p = looping("gh-acme");
        change.accept(p);
        try {
            DeclaredConnections.check(p.build());
        } catch (MissingConfigurationException e) {
            assertThat(e.getMessage()).doesNotContain("api-key-0123456789").doesNotContain("\n");
            return e.getMessage();
        }
        throw new AssertionError("expected the declaration to be refused");
    }

    @Test
    void syncSettingsAreCheckedAndNormalised() {
        ConnectionDeclaration d = DeclaredConnections.check(looping("gh-acme").build());

        assertThat(d.sync()).isNotNull();
        assertThat(d.sync().triggerStage()).isEqualTo("AI Interview");
        assertThat(d.sync().mappingProfileId()).isEqualTo("gh-acme-default");
        assertThat(d.sync().aiConnectionId()).isEqualTo("ai-acme");
        assertThat(d.sync().onBehalfOf()).isEqualTo("4080");
        assertThat(d.sync().interviewKitId()).isEqualTo("kit-7");
        assertThat(d.sync().defaultJurisdictions()).containsExactly("US-IL", "US-NY-NYC");
        assertThat(d.sync().jurisdictionField()).isEqualTo("candidate_jurisdiction");
        assertThat(d.sync().isTriggerStage("ai interview")).isTrue();
        assertThat(d.sync().isTriggerStage("Phone Screen")).isFalse();
        assertThat(DeclaredConnections.check(valid("gh-acme").build()).sync()).isNull();
    }

    @Test
    void eachMissingOrBadSyncSettingIsNamed() {
        assertThat(syncFailure(p -> p.mappingProfile(null))).isEqualTo("connection gh-acme has no mapping-profile: set "
                + "atsbridge.connections.gh-acme.mapping-profile (the mapping profile id results are written back with, "
                + "e.g. gh-acme-default)");
        assertThat(syncFailure(p -> p.mappingProfile("Acme Default"))).contains("mapping-profile", "'Acme Default'");
        assertThat(syncFailure(p -> p.aiConnection(" "))).contains("has no ai-connection");
        assertThat(syncFailure(p -> p.onBehalfOf(null))).contains("has no on-behalf-of");
        assertThat(syncFailure(p -> p.onBehalfOf("alice@example.com"))).contains("on-behalf-of", "numeric");
        assertThat(syncFailure(p -> p.interviewKit(null))).contains("has no interview-kit");
        assertThat(syncFailure(p -> p.jurisdictions(List.of("Illinois")))).contains("jurisdictions", "'Illinois'");
        assertThat(syncFailure(p -> p.credentials(null))).contains("runs the loop but has no credentials");
        assertThat(syncFailure(p -> p.jurisdictionField("candidate jurisdiction"))).contains("jurisdiction-field");
        assertThat(syncFailure(p -> p.vendor("WORKABLE"))).contains("trigger-stage", "WORKABLE", "GREENHOUSE", "LEVER", "ASHBY");
        assertThat(syncFailure(p -> {
            p.vendor("ASHBY");
            p.apiVersion(null);
        })).contains("on-behalf-of", "owner of the API key");
        assertThat(syncFailure(p -> {
            p.triggerStage(null);
        })).isEqualTo("connection gh-acme sets mapping-profile but no trigger-stage: set "
                + "atsbridge.connections.gh-acme.trigger-stage (the ATS stage that starts an AI interview) or remove the sync settings");
    }

    @Test
    void aiVendorConnectionsNeedCredentialsAndNoSyncSettings() {
        ConnectionProperties.Builder ai = aiVendor("ai-acme", "acme");
        ai.credentials(null);
        assertThatThrownBy(() -> DeclaredConnections.check(ai.build())).isInstanceOf(MissingConfigurationException.class)
                .hasMessage("connection ai-acme has no credentials: set atsbridge.connections.ai-acme.credentials "
                        + "(the AI vendor's API key; interviews are created with it)");
        ConnectionProperties.Builder looping = aiVendor("ai-acme", "acme");
        looping.triggerStage("AI Interview");
        assertThatThrownBy(() -> DeclaredConnections.check(looping.build())).isInstanceOf(MissingConfigurationException.class)
                .hasMessageContaining("trigger-stage is set on a connection of kind AI_VENDOR");
    }

    @Test
    void aiConnectionMustBeADeclaredAiVendorOfTheSameTenant() {
        ConnectionDeclaration ats = DeclaredConnections.check(looping("gh-acme").build());
        DeclaredConnections.checkLinks(List.of(ats, DeclaredConnections.check(aiVendor("ai-acme", "acme").build())));

        assertThatThrownBy(() -> DeclaredConnections.checkLinks(List.of(ats)))
                .isInstanceOf(MissingConfigurationException.class)
                .hasMessage("connection gh-acme: atsbridge.connections.gh-acme.ai-connection is 'ai-acme', which is not "
                        + "declared (expected: the id of an AI_VENDOR connection of tenant acme)");
        assertThatThrownBy(() -> DeclaredConnections.checkLinks(List.of(ats, DeclaredConnections.check(aiVendor("ai-acme", "other").build()))))
                .isInstanceOf(MissingConfigurationException.class)
                .hasMessageContaining("a connection of kind AI_VENDOR in tenant other (expected: an AI_VENDOR connection of tenant acme)");
        ConnectionProperties.Builder notAi = valid("ai-acme");
        assertThatThrownBy(() -> DeclaredConnections.checkLinks(List.of(ats, DeclaredConnections.check(notAi.build()))))
                .isInstanceOf(MissingConfigurationException.class)
                .hasMessageContaining("a connection of kind ATS in tenant acme");
    }
}
