package io.atsbridge.adapter;

import io.atsbridge.adapter.domain.Connection;
import io.atsbridge.adapter.domain.ConnectionDirectory;
import io.atsbridge.platform.startup.MissingConfigurationException;
import io.atsbridge.platform.testing.TestCalls;
import io.atsbridge.platform.testing.TestDatabase;
import io.atsbridge.platform.testing.TestPorts;
import io.atsbridge.proto.adapter.v1.AdapterServiceGrpc;
import io.atsbridge.proto.adapter.v1.GetConnectionRequest;
import io.atsbridge.proto.adapter.v1.ListConnectionsRequest;
import io.atsbridge.proto.adapter.v1.ListConnectionsResponse;
import io.atsbridge.proto.adapter.v1.SyncSettings;
import io.grpc.ManagedChannel;
import io.micronaut.context.ApplicationContext;
import io.micronaut.grpc.server.GrpcEmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Start-up of the real application context: fail-fast configuration errors, and connections
 * declared again with the same, changed or re-keyed configuration on the same database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdapterStartupTest {

    private static final String SECRET_A = "secret-a-0123456789abcdef";
    private static final String SECRET_B = "secret-b-0123456789abcdef";
    private static final String SECRET_D = "secret-d-0123456789abcdef";
    private static final String API_KEY = "api-key-0123456789abcdef";

    private final TestDatabase database = TestDatabase.create("adapter_start");

    @AfterAll
    void close() {
        database.close();
    }

    private Map<String, Object> base() {
        Map<String, Object> properties = new HashMap<>(database.micronautProperties());
        properties.putAll(TestCalls.authProperties());
        properties.put("grpc.server.port", TestPorts.freeText());
        return properties;
    }

    private static String randomKey(int bytes) {
        byte[] key = new byte[bytes];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static void connection(Map<String, Object> properties, String id, String tenant, String secrets) {
        properties.put("atsbridge.connections." + id + ".tenant", tenant);
        properties.put("atsbridge.connections." + id + ".vendor", "GREENHOUSE");
        properties.put("atsbridge.connections." + id + ".kind", "ATS");
        properties.put("atsbridge.connections." + id + ".base-url", "https://harvest.greenhouse.io");
        properties.put("atsbridge.connections." + id + ".webhook-secrets", secrets);
    }

    private static ApplicationContext start(Map<String, Object> properties) {
        return ApplicationContext.builder().environments(AdapterApplication.ENVIRONMENT).properties(properties).start();
    }

    /** The one line start-up failed with. */
    private static String startupFailure(Map<String, Object> properties) {
        ApplicationContext context = ApplicationContext.builder()
                .environments(AdapterApplication.ENVIRONMENT).properties(properties).build();
        Throwable failure;
        try {
            failure = catchThrowable(context::start);
        } finally {
            // A context that failed half-way still holds what it created (the connection pool).
            Throwable unused = catchThrowable(context::close);
        }
        assertThat(failure).as("start-up should fail").isNotNull();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof MissingConfigurationException missing) {
                return missing.getMessage();
            }
        }
        throw new AssertionError("start-up failed without a MissingConfigurationException", failure);
    }

    @Test
    void missingMasterKeyStopsStartUpWithOneLine() {
        assertThat(startupFailure(base())).isEqualTo("no master key for connection secrets: set "
                + "ATSBRIDGE_ADAPTER_MASTER_KEY to base64 of 32 random bytes, e.g. `openssl rand -base64 32`");
    }

    @Test
    void masterKeyOfTheWrongLengthStopsStartUp() {
        Map<String, Object> properties = base();
        String shortKey = randomKey(16);
        properties.put("atsbridge.adapter.master-key", shortKey);
        assertThat(startupFailure(properties))
                .contains("16 bytes long", "ATSBRIDGE_ADAPTER_MASTER_KEY", "32 random bytes")
                .doesNotContain(shortKey);

        properties.put("atsbridge.adapter.master-key", "not base64 at all!");
        assertThat(startupFailure(properties)).contains("not valid base64", "ATSBRIDGE_ADAPTER_MASTER_KEY");
    }

    @Test
    void invalidConnectionStopsStartUpNamingConnectionAndSetting() {
        Map<String, Object> properties = base();
        properties.put("atsbridge.adapter.master-key", randomKey(32));
        connection(properties, "gh-bad", "acme", SECRET_A);
        properties.put("atsbridge.connections.gh-bad.base-url", "ftp://harvest.greenhouse.io");
        assertThat(startupFailure(properties)).startsWith("connection gh-bad: atsbridge.connections.gh-bad.base-url is "
                + "'ftp://harvest.greenhouse.io' (expected: an absolute http(s) URL");

        properties.put("atsbridge.connections.gh-bad.base-url", "https://harvest.greenhouse.io");
        properties.put("atsbridge.connections.gh-bad.webhook-secrets", "too-short");
        assertThat(startupFailure(properties))
                .contains("gh-bad", "webhook-secrets", "9 characters long")
                .doesNotContain("too-short");
    }

    @Test
    void redeclaringConnectionsIsIdempotentAndAppliesChanges() throws SQLException {
        String key = randomKey(32);
        Map<String, Object> first = base();
        first.put("atsbridge.adapter.master-key", key);
        connection(first, "gh-acme", "acme", SECRET_A + "," + SECRET_B);
        first.put("atsbridge.connections.gh-acme.display-name", "One");
        first.put("atsbridge.connections.gh-acme.credentials", API_KEY);
        first.put("atsbridge.connections.gh-acme.api-version", "v1");
        connection(first, "lever-acme", "acme", SECRET_D);

        Connection created;
        Set<String> secretIdsBefore;
        try (ApplicationContext context = start(first)) {
            created = context.getBean(ConnectionDirectory.class).find("acme", "gh-acme").orElseThrow();
            secretIdsBefore = secretIds("gh-acme");
        }
        assertThat(created.displayName()).isEqualTo("One");
        assertThat(created.webhookSecretCount()).isEqualTo(2);
        assertThat(created.hasCredentials()).isTrue();

        // The same configuration again: nothing changes, not even the times or the secret rows.
        try (ApplicationContext context = start(first)) {
            Connection again = context.getBean(ConnectionDirectory.class).find("acme", "gh-acme").orElseThrow();
            assertThat(again).isEqualTo(created);
            assertThat(secretIds("gh-acme")).isEqualTo(secretIdsBefore);
        }

        // Rotation: A retired, B kept, D added; credentials removed; lever-acme no longer declared.
        Map<String, Object> changed = base();
        changed.put("atsbridge.adapter.master-key", key);
        connection(changed, "gh-acme", "acme", SECRET_B + "," + SECRET_D);
        changed.put("atsbridge.connections.gh-acme.display-name", "Two");
        Set<String> keptIds;
        try (ApplicationContext context = start(changed)) {
            ConnectionDirectory directory = context.getBean(ConnectionDirectory.class);
            Connection updated = directory.find("acme", "gh-acme").orElseThrow();
            assertThat(updated.displayName()).isEqualTo("Two");
            assertThat(updated.webhookSecretCount()).isEqualTo(2);
            assertThat(updated.hasCredentials()).isFalse();
            assertThat(updated.createTime()).isEqualTo(created.createTime());
            assertThat(updated.updateTime()).isAfter(created.updateTime());
            assertThat(directory.webhookSecrets("acme", "gh-acme"))
                    .extracting(secret -> new String(secret, StandardCharsets.UTF_8))
                    .containsExactlyInAnyOrder(SECRET_B, SECRET_D);
            keptIds = secretIds("gh-acme");
            assertThat(keptIds).hasSize(2);
            Set<String> unchanged = new HashSet<>(keptIds);
            unchanged.retainAll(secretIdsBefore);
            assertThat(unchanged).as("the kept secret keeps its row").hasSize(1);
            assertThat(directory.find("acme", "lever-acme").orElseThrow().enabled()).isFalse();
        }

        // A new master key: the declared secrets are stored again, encrypted with it.
        Map<String, Object> rekeyed = new HashMap<>(changed);
        rekeyed.put("atsbridge.adapter.master-key", randomKey(32));
        try (ApplicationContext context = start(rekeyed)) {
            assertThat(context.getBean(ConnectionDirectory.class).webhookSecrets("acme", "gh-acme"))
                    .extracting(secret -> new String(secret, StandardCharsets.UTF_8))
                    .containsExactlyInAnyOrder(SECRET_B, SECRET_D);
        }
        assertThat(database.count("connection_secret")).isEqualTo(3);

        // A connection's tenant cannot change: its events and links belong to the old tenant.
        Map<String, Object> moved = new HashMap<>(rekeyed);
        moved.put("atsbridge.connections.gh-acme.tenant", "other");
        assertThat(startupFailure(moved))
                .isEqualTo("connection gh-acme belongs to tenant acme and cannot move to tenant other; "
                        + "declare it under a new id");
    }

    private Set<String> secretIds(String connectionId) throws SQLException {
        Set<String> ids = new HashSet<>();
        try (java.sql.Connection c = database.connect();
             ResultSet rows = c.createStatement().executeQuery(
                     "SELECT secret_id FROM connection_secret WHERE connection_id = '" + connectionId + "'")) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }

    // ---------------------------------------------------------------- sync settings

    private Map<String, Object> looping() {
        Map<String, Object> properties = base();
        properties.put("atsbridge.adapter.master-key", randomKey(32));
        connection(properties, "gh-loop", "acme", SECRET_A);
        properties.put("atsbridge.connections.gh-loop.credentials", API_KEY);
        properties.put("atsbridge.connections.gh-loop.api-version", "v1");
        properties.put("atsbridge.connections.gh-loop.trigger-stage", "AI Interview");
        properties.put("atsbridge.connections.gh-loop.mapping-profile", "gh-loop-default");
        properties.put("atsbridge.connections.gh-loop.ai-connection", "ai-loop");
        properties.put("atsbridge.connections.gh-loop.on-behalf-of", "4080");
        properties.put("atsbridge.connections.gh-loop.interview-kit", "kit-7");
        properties.put("atsbridge.connections.gh-loop.jurisdictions", "US-IL,eu");
        properties.put("atsbridge.connections.ai-loop.tenant", "acme");
        properties.put("atsbridge.connections.ai-loop.vendor", "STANDARD_WEBHOOKS");
        properties.put("atsbridge.connections.ai-loop.kind", "AI_VENDOR");
        properties.put("atsbridge.connections.ai-loop.base-url", "https://interviews.example.com");
        properties.put("atsbridge.connections.ai-loop.webhook-secrets", SECRET_B);
        properties.put("atsbridge.connections.ai-loop.credentials", API_KEY);
        for (String peer : List.of("identity", "consent", "mapping", "audit")) {
            properties.put("atsbridge.peers." + peer + ".address", "127.0.0.1:1");
        }
        properties.put("atsbridge.client.token", "client-token-0123456789");
        properties.put("atsbridge.adapter.worker.enabled", "false");
        return properties;
    }

    @Test
    void syncSettingsAreStoredAndReturnedByTheConnectionRpcs() throws Exception {
        Map<String, Object> properties = looping();
        try (ApplicationContext context = start(properties)) {
            GrpcEmbeddedServer server = context.getBean(GrpcEmbeddedServer.class);
            server.start();
            ManagedChannel channel = TestCalls.channel(server.getPort());
            try {
                io.atsbridge.proto.adapter.v1.Connection connection = TestCalls.asTenant(AdapterServiceGrpc.newBlockingStub(channel))
                        .getConnection(GetConnectionRequest.newBuilder().setConnectionId("gh-loop").build()).getConnection();
                assertThat(connection.hasSync()).isTrue();
                SyncSettings sync = connection.getSync();
                assertThat(sync.getTriggerStageName()).isEqualTo("AI Interview");
                assertThat(sync.getMappingProfileId()).isEqualTo("gh-loop-default");
                assertThat(sync.getAiVendorConnectionId()).isEqualTo("ai-loop");
                assertThat(sync.getOnBehalfOf()).isEqualTo("4080");
                assertThat(sync.getInterviewKitId()).isEqualTo("kit-7");
                assertThat(sync.getDefaultJurisdictionsList()).containsExactly("US-IL", "EU");
                ListConnectionsResponse all = TestCalls.asTenant(AdapterServiceGrpc.newBlockingStub(channel))
                        .listConnections(ListConnectionsRequest.getDefaultInstance());
                assertThat(all.getConnectionsList()).extracting(c -> c.getId() + ":" + c.hasSync())
                        .contains("ai-loop:false", "gh-loop:true");
            } finally {
                TestCalls.close(channel);
            }
        }

        // Changed settings are stored again; removing the trigger stage turns the loop off.
        properties.put("atsbridge.connections.gh-loop.trigger-stage", "AI Screen");
        try (ApplicationContext context = start(properties)) {
            assertThat(context.getBean(ConnectionDirectory.class).find("acme", "gh-loop").orElseThrow().sync().triggerStage())
                    .isEqualTo("AI Screen");
        }
        Map<String, Object> off = new HashMap<>(properties);
        for (String key : List.of("trigger-stage", "mapping-profile", "ai-connection", "on-behalf-of", "interview-kit",
                "jurisdictions")) {
            off.remove("atsbridge.connections.gh-loop." + key);
        }
        try (ApplicationContext context = start(off)) {
            assertThat(context.getBean(ConnectionDirectory.class).find("acme", "gh-loop").orElseThrow().sync()).isNull();
        }
    }

    @Test
    void aLoopWithoutItsAiConnectionOrPeersDoesNotStart() {
        Map<String, Object> properties = looping();
        properties.put("atsbridge.connections.gh-loop.ai-connection", "ai-nowhere");
        assertThat(startupFailure(properties)).isEqualTo("connection gh-loop: atsbridge.connections.gh-loop.ai-connection is "
                + "'ai-nowhere', which is not declared (expected: the id of an AI_VENDOR connection of tenant acme)");

        Map<String, Object> noPeer = looping();
        noPeer.remove("atsbridge.peers.consent.address");
        assertThat(startupFailure(noPeer)).isEqualTo("no address for peer service 'consent': set ATSBRIDGE_PEERS_CONSENT_ADDRESS "
                + "(host:port)");

        Map<String, Object> noToken = looping();
        noToken.remove("atsbridge.client.token");
        assertThat(startupFailure(noToken)).contains("ATSBRIDGE_CLIENT_TOKEN");

        Map<String, Object> noKey = looping();
        noKey.remove("atsbridge.connections.ai-loop.credentials");
        assertThat(startupFailure(noKey)).contains("connection ai-loop has no credentials");
    }
}
