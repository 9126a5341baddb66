package io.atsbridge.adapter.config;

import io.atsbridge.adapter.connections.config.ConnectionProperties;
import io.atsbridge.adapter.connections.config.DeclaredConnections;
import io.atsbridge.platform.startup.MissingConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeclarationsTest {

    @TempDir
    Path dir;

    @Test
    void theExampleFileDeclaresConnectionsSubscribersAndProfiles() {
        Declarations declarations = Declarations.resolve(Map.of(), Path.of("..", "atsbridge.example.yml"));
        assertThat(declarations.properties())
                .containsEntry("atsbridge.connections.gh-acme.tenant", "acme")
                .containsEntry("atsbridge.connections.gh-acme.jurisdictions", "US-NY-NYC")
                .containsEntry("atsbridge.connections.gh-acme.on-behalf-of", "1");
        assertThat(declarations.profiles()).extracting(p -> p.profile().getId()).contains("gh-acme-default");
        assertThat(declarations.profiles().get(0).tenant()).isEqualTo("acme");

        // The Lever example declares one signature token per event, and the declaration passes the start-up checks.
        ConnectionProperties.Builder lever = ConnectionProperties.builder("lever-acme");
        String prefix = "atsbridge.connections.lever-acme.";
        lever.tenant(declarations.properties().get(prefix + "tenant"));
        lever.vendor(declarations.properties().get(prefix + "vendor"));
        lever.kind(declarations.properties().get(prefix + "kind"));
        lever.baseUrl(declarations.properties().get(prefix + "base-url"));
        lever.credentials(declarations.properties().get(prefix + "credentials"));
        lever.webhookEventSecrets(List.of(declarations.properties().get(prefix + "webhook-event-secrets").split(",")));
        assertThat(DeclaredConnections.check(lever.build()).webhookEventSecrets())
                .containsOnlyKeys("candidateStageChange", "applicationCreated", "candidateArchiveChange", "candidateHired");
    }

    @Test
    void theFileNamedByAtsbridgeConfigIsReadWhenNoneIsGiven() throws IOException {
        Path file = write("connections:\n  gh-acme:\n    tenant: acme\n    webhook-secrets: [a-long-enough-secret-1, a-long-enough-secret-2]\n");
        Declarations declarations = Declarations.resolve(Map.of("ATSBRIDGE_CONFIG", file.toString()), null);
        assertThat(declarations.file()).isEqualTo(file);
        assertThat(declarations.properties())
                .containsEntry("atsbridge.connections.gh-acme.webhook-secrets", "a-long-enough-secret-1,a-long-enough-secret-2");
    }

    @Test
    void anUnknownKeyAtAnyDepthIsRefusedWithTheKeysAllowed() throws IOException {
        Path connection = write("connections:\n  gh-acme:\n    tenant: acme\n    trigger-stag: AI Interview\n");
        assertThatThrownBy(() -> Declarations.resolve(Map.of(), connection))
                .isInstanceOf(MissingConfigurationException.class)
                .hasMessageContaining("declaration file " + connection + " has an unknown key 'connections.gh-acme.trigger-stag'")
                .hasMessageContaining("trigger-stage");
        Path subscriber = write("subscribers:\n  hr:\n    tenant: acme\n    uri: https://x.example\n");
        assertThatThrownBy(() -> Declarations.resolve(Map.of(), subscriber))
                .hasMessageContaining("unknown key 'subscribers.hr.uri'").hasMessageContaining("url");
        Path tuning = write("adapter:\n  worker:\n    thread: 4\n");
        assertThatThrownBy(() -> Declarations.resolve(Map.of(), tuning))
                .hasMessageContaining("unknown key 'adapter.worker.thread'").hasMessageContaining("threads");
        Path group = write("adapter:\n  workers:\n    threads: 4\n");
        assertThatThrownBy(() -> Declarations.resolve(Map.of(), group))
                .hasMessageContaining("unknown key 'adapter.workers' (expected: backfill, http, outbound, worker)");
        Path top = write("connectoins:\n  gh: {}\n");
        assertThatThrownBy(() -> Declarations.resolve(Map.of(), top))
                .hasMessageContaining("unknown top-level key 'connectoins'");
    }

    @Test
    void theMasterKeyIsNeverTakenFromTheFile() throws IOException {
        Path file = write("adapter:\n  master-key: c2VjcmV0\n");
        assertThatThrownBy(() -> Declarations.resolve(Map.of(), file))
                .hasMessageContaining("'adapter.master-key'");
    }

    @Test
    void aProfileThatIsNotAMappingProfileIsRefused() throws IOException {
        Path file = write("mapping-profiles:\n  p1:\n    tenant: acme\n    no_such_field: 1\n");
        assertThatThrownBy(() -> Declarations.resolve(Map.of(), file))
                .hasMessageContaining("mapping-profiles.p1 is not a MappingProfile");
        Path noTenant = write("mapping-profiles:\n  p1:\n    connection_id: gh\n");
        assertThatThrownBy(() -> Declarations.resolve(Map.of(), noTenant))
                .hasMessageContaining("mapping-profiles.p1.tenant is missing");
    }

    @Test
    void leverSignatureTokensPerEventComeFromTheFileAndTheEnvironment() throws IOException {
        Path file = write("connections:\n  lever-acme:\n    tenant: acme\n    vendor: LEVER\n    webhook-event-secrets:\n"
                + "      - candidateStageChange:73311ged32110cc40e00c672c2e03e1a42fa28a4fabde089\n"
                + "      - candidateHired:0f9e8d7c6b5a49382716a5b4c3d2e1f00f9e8d7c6b5a4938\n");
        assertThat(Declarations.resolve(Map.of(), file).properties()).containsEntry(
                "atsbridge.connections.lever-acme.webhook-event-secrets",
                "candidateStageChange:73311ged32110cc40e00c672c2e03e1a42fa28a4fabde089,"
                        + "candidateHired:0f9e8d7c6b5a49382716a5b4c3d2e1f00f9e8d7c6b5a4938");

        Declarations environment = Declarations.resolve(Map.of(
                "ATSBRIDGE_CONNECTIONS_LEVER_ACME_WEBHOOK_EVENT_SECRETS", "candidateArchiveChange:a1b2c3d4e5f60718293a4b5c6d7e8f90"), file);
        assertThat(environment.properties()).containsEntry("atsbridge.connections.lever-acme.webhook-event-secrets",
                "candidateArchiveChange:a1b2c3d4e5f60718293a4b5c6d7e8f90");
        assertThat(environment.consumedVariables()).containsExactly("ATSBRIDGE_CONNECTIONS_LEVER_ACME_WEBHOOK_EVENT_SECRETS");
    }

    @Test
    void connectionIdsWithHyphensAreDeclaredFromTheEnvironment() {
        Declarations declarations = Declarations.resolve(Map.of(
                "ATSBRIDGE_CONNECTIONS_AI_ACME_TENANT", "acme",
                "ATSBRIDGE_CONNECTIONS_AI_ACME_ASHBY_PARTNER_API_KEY", "k1",
                "ATSBRIDGE_CONNECTIONS_AI_ACME_PARTNER_API_KEY", "k2",
                "ATSBRIDGE_CONNECTIONS_GH_ACME_EU_TRIGGER_STAGE", "AI Interview",
                "ATSBRIDGE_SUBSCRIBERS_ACME_HR_URL", "https://hooks.acme.example/x",
                "ATSBRIDGE_LOG_LEVEL", "DEBUG"), null);
        assertThat(declarations.properties()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "atsbridge.connections.ai-acme.tenant", "acme",
                "atsbridge.connections.ai-acme.ashby-partner-api-key", "k1",
                "atsbridge.connections.ai-acme.partner-api-key", "k2",
                "atsbridge.connections.gh-acme-eu.trigger-stage", "AI Interview",
                "atsbridge.subscribers.acme-hr.url", "https://hooks.acme.example/x"));
        assertThat(declarations.consumedVariables()).containsExactlyInAnyOrder(
                "ATSBRIDGE_CONNECTIONS_AI_ACME_TENANT", "ATSBRIDGE_CONNECTIONS_AI_ACME_ASHBY_PARTNER_API_KEY",
                "ATSBRIDGE_CONNECTIONS_AI_ACME_PARTNER_API_KEY", "ATSBRIDGE_CONNECTIONS_GH_ACME_EU_TRIGGER_STAGE",
                "ATSBRIDGE_SUBSCRIBERS_ACME_HR_URL");
    }

    @Test
    void theEnvironmentWinsOverTheFileSettingBySetting() throws IOException {
        Path file = write("connections:\n  gh-acme:\n    tenant: acme\n    credentials: from-file\n");
        Declarations declarations = Declarations.resolve(Map.of("ATSBRIDGE_CONNECTIONS_GH_ACME_CREDENTIALS", "from-env"), file);
        assertThat(declarations.properties())
                .containsEntry("atsbridge.connections.gh-acme.tenant", "acme")
                .containsEntry("atsbridge.connections.gh-acme.credentials", "from-env");
    }

    @Test
    void anEnvironmentVariableNamingNoSettingIsRefused() {
        assertThatThrownBy(() -> Declarations.resolve(Map.of("ATSBRIDGE_CONNECTIONS_GH_ACME_TRIGER_STAGE", "x"), null))
                .isInstanceOf(MissingConfigurationException.class)
                .hasMessageContaining("environment variable ATSBRIDGE_CONNECTIONS_GH_ACME_TRIGER_STAGE names no setting")
                .hasMessageContaining("TRIGGER_STAGE");
        assertThatThrownBy(() -> Declarations.resolve(Map.of("ATSBRIDGE_CONNECTIONS_TENANT", "acme"), null))
                .hasMessageContaining("names no setting");
    }

    @Test
    void everySettingOfTheConfigurationClassesIsAKnownKey() {
        assertThat(Declarations.CONNECTION_KEYS).contains("tenant", "vendor", "webhook-secrets", "trigger-stage",
                "ashby-partner-api-key", "partner-completion-hosts", "api-version", "token-url", "enabled");
        assertThat(Declarations.SUBSCRIBER_KEYS).containsExactlyInAnyOrder("tenant", "url", "secret", "events", "enabled");
        assertThat(Declarations.ADAPTER_KEYS.get("worker")).contains("threads", "poll-interval", "max-attempts", "backoff-max");
        // The tuning sections are records: their keys are the components.
        assertThat(Declarations.ADAPTER_KEYS.get("outbound")).contains("poll-interval", "disable-after-failures");
        assertThat(Declarations.ADAPTER_KEYS.get("http")).containsExactlyInAnyOrder("connect-timeout", "request-timeout",
                "rate-limit-retries", "rate-limit-max-wait", "max-queue-wait", "circuit-open-for", "replicas");
        assertThat(Declarations.ADAPTER_KEYS.get("backfill")).containsExactlyInAnyOrder("enabled", "page-size", "lease",
                "poll-interval", "incremental-overlap");
    }

    private Path write(String yaml) throws IOException {
        Path file = Files.createTempFile(dir, "declarations", ".yml");
        Files.writeString(file, yaml);
        return file;
    }
}
