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

    private static ConnectionProperties valid(String id) {
        ConnectionProperties p = new ConnectionProperties(id);
        p.setTenant("acme");
        p.setVendor("greenhouse");
        p.setKind("ats");
        p.setBaseUrl("https://harvest.greenhouse.io");
        p.setWebhookSecrets(List.of(SECRET, OTHER_SECRET));
        p.setCredentials("api-key-0123456789");
        p.setApiVersion("v1");
        return p;
    }

    private static String failure(Consumer<ConnectionProperties> change) {
        ConnectionProperties p = valid("gh-acme");
        change.accept(p);
        try {
            DeclaredConnections.check(p);
        } catch (MissingConfigurationException e) {
            assertThat(e.getMessage()).doesNotContain(SECRET, OTHER_SECRET, "api-key-0123456789").doesNotContain("\n");
            return e.getMessage();
        }
        throw new AssertionError("expected the declaration to be refused");
    }

    @Test
    void validDeclarationIsNormalised() {
        ConnectionDeclaration d = DeclaredConnections.check(valid("gh-acme"));

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
        ConnectionProperties p = valid("gh-acme");
        p.setApiVersion(null);
        p.setCredentials("client-0123:secret-4567");
        ConnectionDeclaration v3 = DeclaredConnections.check(p);
        assertThat(v3.apiVersion()).isEqualTo("v3");
        assertThat(v3.tokenUrl()).isEqualTo("https://auth.greenhouse.io/token");
        p.setTokenUrl("http://127.0.0.1:9180/greenhouse/auth/token");
        assertThat(DeclaredConnections.check(p).tokenUrl()).isEqualTo("http://127.0.0.1:9180/greenhouse/auth/token");

        assertThat(DeclaredConnections.check(valid("gh-acme")).apiVersion()).isEqualTo("v1");
        assertThat(DeclaredConnections.check(valid("gh-acme")).tokenUrl()).isNull();
        // A v1 API key given to a v3 connection is refused, saying how to fix it (without echoing the key).
        assertThat(failure(c -> c.setApiVersion(null))).contains("client_id:client_secret", "api-version: v1");
        assertThat(failure(c -> c.setApiVersion("v2"))).contains("api-version", "'v2'", "v3");
        assertThat(failure(c -> {
            c.setVendor("lever");
            c.setWebhookSecrets(List.of());
            c.setWebhookEventSecrets(List.of("candidateStageChange:" + LEVER_DOC_TOKEN));
            c.setApiVersion("v3");
        })).contains("api-version", "v1");
    }

    // ---------------------------------------------------------------- Lever: one signature token per webhook

    private static ConnectionProperties lever(String... eventSecrets) {
        ConnectionProperties p = valid("lever-acme");
        p.setVendor("LEVER");
        p.setApiVersion(null);
        p.setBaseUrl("https://api.lever.co/v1");
        p.setWebhookSecrets(List.of());
        p.setWebhookEventSecrets(List.of(eventSecrets));
        return p;
    }

    private static String leverFailure(ConnectionProperties p) {
        try {
            DeclaredConnections.check(p);
        } catch (MissingConfigurationException e) {
            assertThat(e.getMessage()).doesNotContain(LEVER_DOC_TOKEN, LEVER_HIRED_TOKEN, LEVER_ROTATED_TOKEN, "\n");
            return e.getMessage();
        }
        throw new AssertionError("expected the declaration to be refused");
    }

    @Test
    void leverTakesOneSignatureTokenPerEventSeveralDuringRotation() {
        ConnectionDeclaration d = DeclaredConnections.check(lever(" candidateStageChange:" + LEVER_DOC_TOKEN,
                "candidateHired: " + LEVER_HIRED_TOKEN, "candidateStageChange:" + LEVER_ROTATED_TOKEN));

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
        ConnectionProperties shared = lever("candidateStageChange:" + LEVER_DOC_TOKEN);
        shared.setWebhookSecrets(List.of(LEVER_DOC_TOKEN));
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
        assertThat(failure(c -> c.setWebhookEventSecrets(List.of("candidateStageChange:" + LEVER_DOC_TOKEN))))
                .contains("webhook-event-secrets is set on a connection of vendor GREENHOUSE", "webhook-secrets");
    }

    @Test
    void secretsNeverAppearInToString() {
        ConnectionProperties p = valid("gh-acme");
        assertThat(p.toString()).doesNotContain(SECRET, OTHER_SECRET, "api-key-0123456789").contains("2 webhook secret(s)");
        assertThat(DeclaredConnections.check(p).toString())
                .doesNotContain(SECRET, OTHER_SECRET, "api-key-0123456789").contains("gh-acme");
    }

    @Test
    void blankCredentialsMeanNone() {
        ConnectionProperties p = valid("gh-acme");
        p.setCredentials("  ");
        assertThat(DeclaredConnections.check(p).credentials()).isNull();
    }

    @Test
    void eachBadSettingIsNamedWithItsConnection() {
        assertThat(failure(p -> p.setTenant(null)))
                .isEqualTo("connection gh-acme has no tenant: set atsbridge.connections.gh-acme.tenant (the tenant id, e.g. acme)");
        assertThat(failure(p -> p.setTenant("Acme Corp"))).contains("gh-acme", "atsbridge.connections.gh-acme.tenant");
        assertThat(failure(p -> p.setVendor("taleo"))).contains("atsbridge.connections.gh-acme.vendor", "'taleo'", "GREENHOUSE");
        assertThat(failure(p -> p.setVendor(null))).contains("has no vendor");
        assertThat(failure(p -> p.setKind("crm"))).contains("atsbridge.connections.gh-acme.kind", "ATS or AI_VENDOR");
        assertThat(failure(p -> p.setBaseUrl("harvest.greenhouse.io"))).contains("atsbridge.connections.gh-acme.base-url");
        assertThat(failure(p -> p.setBaseUrl("https://"))).contains("atsbridge.connections.gh-acme.base-url");
        assertThat(failure(p -> p.setBaseUrl("https://user:pw@harvest.greenhouse.io")))
                .contains("base-url", "user info").doesNotContain("pw@");
        assertThat(failure(p -> p.setDisplayName("x".repeat(201)))).contains("display-name");
        assertThat(failure(p -> p.setWebhookSecrets(List.of())))
                .isEqualTo("connection gh-acme has no webhook secret: set atsbridge.connections.gh-acme.webhook-secrets "
                        + "(one or more, at least 16 characters each)");
        assertThat(failure(p -> p.setWebhookSecrets(List.of(SECRET, "short-secret"))))
                .contains("webhook-secrets", "entry 1 is 12 characters long");
        assertThat(failure(p -> p.setWebhookSecrets(List.of(SECRET, SECRET))))
                .contains("webhook-secrets", "entry 1 repeats an earlier entry");
        assertThat(failure(p -> p.setCredentials("k".repeat(10_001)))).contains("credentials");
    }

    @Test
    void malformedIdIsRefused() {
        assertThatThrownBy(() -> DeclaredConnections.check(valid("GH_ACME")))
                .isInstanceOf(MissingConfigurationException.class)
                .hasMessageContaining("'GH_ACME' has an invalid id");
        assertThatThrownBy(() -> DeclaredConnections.check(valid("-gh")))
                .isInstanceOf(MissingConfigurationException.class);
    }

    // ---------------------------------------------------------------- sync settings

    private static ConnectionProperties looping(String id) {
        ConnectionProperties p = valid(id);
        p.setTriggerStage(" AI Interview ");
        p.setMappingProfile("gh-acme-default");
        p.setAiConnection("ai-acme");
        p.setOnBehalfOf("4080");
        p.setInterviewKit("kit-7");
        p.setJurisdictions(List.of("us-il", "US-NY-NYC", "US-IL"));
        p.setJurisdictionField("candidate_jurisdiction");
        return p;
    }

    private static ConnectionProperties aiVendor(String id, String tenant) {
        ConnectionProperties p = new ConnectionProperties(id);
        p.setTenant(tenant);
        p.setVendor("STANDARD_WEBHOOKS");
        p.setKind("AI_VENDOR");
        p.setBaseUrl("https://interviews.example.com");
        p.setWebhookSecrets(List.of(SECRET));
        p.setCredentials("ai-key-0123456789");
        return p;
    }

    @Test
    void leverAndAshbyConnectionsRunTheLoopWithTheirOwnAttribution() {
        ConnectionProperties lever = looping("lever-acme");
        lever.setVendor("LEVER");
        lever.setWebhookSecrets(List.of());
        lever.setWebhookEventSecrets(List.of("candidateStageChange:" + LEVER_DOC_TOKEN));
        lever.setApiVersion(null);
        lever.setOnBehalfOf("8d49b010-cc6a-4f40-ace5-e86061c677ed");
        assertThat(DeclaredConnections.check(lever).sync().onBehalfOf()).isEqualTo("8d49b010-cc6a-4f40-ace5-e86061c677ed");
        lever.setOnBehalfOf("not a user id!");
        assertThatThrownBy(() -> DeclaredConnections.check(lever)).hasMessageContaining("Lever user id (perform_as)");

        ConnectionProperties ashby = looping("ashby-acme");
        ashby.setVendor("ASHBY");
        ashby.setApiVersion(null);
        ashby.setOnBehalfOf(null);
        ConnectionDeclaration d = DeclaredConnections.check(ashby);
        assertThat(d.sync().onBehalfOf()).isEmpty();
        assertThat(d.apiVersion()).isEqualTo("v1");
        // Ashby's custom fields are known by their id, a UUID.
        ashby.setJurisdictionField("3c6bd1d0-4d5e-4b8a-9f4e-2a1f0c7e9b11");
        assertThat(DeclaredConnections.check(ashby).sync().jurisdictionField()).isEqualTo("3c6bd1d0-4d5e-4b8a-9f4e-2a1f0c7e9b11");
    }

    private static String syncFailure(Consumer<ConnectionProperties> change) {
        ConnectionProperties p = looping("gh-acme");
        change.accept(p);
        try {
            DeclaredConnections.check(p);
        } catch (MissingConfigurationException e) {
            assertThat(e.getMessage()).doesNotContain("api-key-0123456789").doesNotContain("\n");
            return e.getMessage();
        }
        throw new AssertionError("expected the declaration to be refused");
    }

    @Test
    void syncSettingsAreCheckedAndNormalised() {
        ConnectionDeclaration d = DeclaredConnections.check(looping("gh-acme"));

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
        assertThat(DeclaredConnections.check(valid("gh-acme")).sync()).isNull();
    }

    @Test
    void eachMissingOrBadSyncSettingIsNamed() {
        assertThat(syncFailure(p -> p.setMappingProfile(null))).isEqualTo("connection gh-acme has no mapping-profile: set "
                + "atsbridge.connections.gh-acme.mapping-profile (the mapping profile id results are written back with, "
                + "e.g. gh-acme-default)");
        assertThat(syncFailure(p -> p.setMappingProfile("Acme Default"))).contains("mapping-profile", "'Acme Default'");
        assertThat(syncFailure(p -> p.setAiConnection(" "))).contains("has no ai-connection");
        assertThat(syncFailure(p -> p.setOnBehalfOf(null))).contains("has no on-behalf-of");
        assertThat(syncFailure(p -> p.setOnBehalfOf("alice@example.com"))).contains("on-behalf-of", "numeric");
        assertThat(syncFailure(p -> p.setInterviewKit(null))).contains("has no interview-kit");
        assertThat(syncFailure(p -> p.setJurisdictions(List.of("Illinois")))).contains("jurisdictions", "'Illinois'");
        assertThat(syncFailure(p -> p.setCredentials(null))).contains("runs the loop but has no credentials");
        assertThat(syncFailure(p -> p.setJurisdictionField("candidate jurisdiction"))).contains("jurisdiction-field");
        assertThat(syncFailure(p -> p.setVendor("WORKABLE"))).contains("trigger-stage", "WORKABLE", "GREENHOUSE", "LEVER", "ASHBY");
        assertThat(syncFailure(p -> {
            p.setVendor("ASHBY");
            p.setApiVersion(null);
        })).contains("on-behalf-of", "owner of the API key");
        assertThat(syncFailure(p -> {
            p.setTriggerStage(null);
        })).isEqualTo("connection gh-acme sets mapping-profile but no trigger-stage: set "
                + "atsbridge.connections.gh-acme.trigger-stage (the ATS stage that starts an AI interview) or remove the sync settings");
    }

    @Test
    void aiVendorConnectionsNeedCredentialsAndNoSyncSettings() {
        ConnectionProperties ai = aiVendor("ai-acme", "acme");
        ai.setCredentials(null);
        assertThatThrownBy(() -> DeclaredConnections.check(ai)).isInstanceOf(MissingConfigurationException.class)
                .hasMessage("connection ai-acme has no credentials: set atsbridge.connections.ai-acme.credentials "
                        + "(the AI vendor's API key; interviews are created with it)");
        ConnectionProperties looping = aiVendor("ai-acme", "acme");
        looping.setTriggerStage("AI Interview");
        assertThatThrownBy(() -> DeclaredConnections.check(looping)).isInstanceOf(MissingConfigurationException.class)
                .hasMessageContaining("trigger-stage is set on a connection of kind AI_VENDOR");
    }

    @Test
    void aiConnectionMustBeADeclaredAiVendorOfTheSameTenant() {
        ConnectionDeclaration ats = DeclaredConnections.check(looping("gh-acme"));
        DeclaredConnections.checkLinks(List.of(ats, DeclaredConnections.check(aiVendor("ai-acme", "acme"))));

        assertThatThrownBy(() -> DeclaredConnections.checkLinks(List.of(ats)))
                .isInstanceOf(MissingConfigurationException.class)
                .hasMessage("connection gh-acme: atsbridge.connections.gh-acme.ai-connection is 'ai-acme', which is not "
                        + "declared (expected: the id of an AI_VENDOR connection of tenant acme)");
        assertThatThrownBy(() -> DeclaredConnections.checkLinks(List.of(ats, DeclaredConnections.check(aiVendor("ai-acme", "other")))))
                .isInstanceOf(MissingConfigurationException.class)
                .hasMessageContaining("a connection of kind AI_VENDOR in tenant other (expected: an AI_VENDOR connection of tenant acme)");
        ConnectionProperties notAi = valid("ai-acme");
        assertThatThrownBy(() -> DeclaredConnections.checkLinks(List.of(ats, DeclaredConnections.check(notAi))))
                .isInstanceOf(MissingConfigurationException.class)
                .hasMessageContaining("a connection of kind ATS in tenant acme");
    }
}
