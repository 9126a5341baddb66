package io.atsbridge.adapter.grpc;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Timestamp;
import io.atsbridge.adapter.AdapterTestContext;
import io.atsbridge.adapter.connections.domain.ConnectionDirectory;
import io.atsbridge.platform.error.DomainException;
import io.atsbridge.platform.error.ErrorCode;
import io.atsbridge.platform.error.GrpcErrors;
import io.atsbridge.platform.testing.TestCalls;
import io.atsbridge.platform.testing.TestDatabase;
import io.atsbridge.proto.adapter.v1.AdapterServiceGrpc;
import io.atsbridge.proto.adapter.v1.AdapterServiceGrpc.AdapterServiceBlockingStub;
import io.atsbridge.proto.adapter.v1.Connection;
import io.atsbridge.proto.adapter.v1.ConnectionKind;
import io.atsbridge.proto.adapter.v1.GetConnectionRequest;
import io.atsbridge.proto.adapter.v1.GetConnectionResponse;
import io.atsbridge.proto.adapter.v1.IngestEventsRequest;
import io.atsbridge.proto.adapter.v1.IngestEventsResponse;
import io.atsbridge.proto.adapter.v1.IngestOutcome;
import io.atsbridge.proto.adapter.v1.IngestResult;
import io.atsbridge.proto.adapter.v1.ListConnectionsRequest;
import io.atsbridge.proto.adapter.v1.ListConnectionsResponse;
import io.atsbridge.proto.adapter.v1.LookupWebhookConnectionRequest;
import io.atsbridge.proto.adapter.v1.LookupWebhookConnectionResponse;
import io.atsbridge.proto.common.v1.EventType;
import io.atsbridge.proto.common.v1.ExternalKind;
import io.atsbridge.proto.common.v1.ExternalRef;
import io.atsbridge.proto.common.v1.Vendor;
import io.atsbridge.proto.common.v1.VendorEvent;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micronaut.grpc.server.GrpcEmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

// Not transactional: the test reads through beans what other connections (gRPC calls, JDBC) committed.
@MicronautTest(environments = "adapter", transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdapterGrpcServiceTest implements TestPropertyProvider {

    private static final String GH_SECRET_1 = "gh-secret-one-0123456789";
    private static final String GH_SECRET_2 = "gh-secret-two-9876543210";
    private static final String GH_API_KEY = "gh-api-key-abcdefghijklmnop";
    private static final String LEVER_SECRET = "lever-secret-0123456789";
    private static final String AI_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String AI_API_KEY = "ai-api-key-0123456789abcdef";
    private static final String GATEWAY_TOKEN = "gateway-token-0123456789abcdef";
    private static final String ERROR_DOMAIN = "adapter.atsbridge.io";

    private final TestDatabase database = TestDatabase.create("adapter");

    @Inject
    GrpcEmbeddedServer server;

    @Inject
    ConnectionDirectory directory;

    private ManagedChannel channel;

    @Override
    public Map<String, String> getProperties() {
        String lever = "atsbridge.connections.lever-acme.";
        Map<String, String> properties = new HashMap<>();
        AdapterTestContext.on(database)
                .connection("gh-acme", "acme", "GREENHOUSE", "ATS", "https://harvest.greenhouse.io",
                        GH_SECRET_1 + "," + GH_SECRET_2)
                .with("atsbridge.connections.gh-acme.display-name", "Acme Greenhouse")
                .with("atsbridge.connections.gh-acme.credentials", GH_API_KEY)
                .with("atsbridge.connections.gh-acme.api-version", "v1")
                // Lever signs each webhook (one event each) with its own signature token.
                .with(lever + "tenant", "acme")
                .with(lever + "vendor", "lever")
                .with(lever + "kind", "ats")
                .with(lever + "base-url", "https://api.lever.co/v1")
                .with(lever + "webhook-event-secrets", "candidateStageChange:" + LEVER_SECRET)
                .connection("ai-acme", "acme", "STANDARD_WEBHOOKS", "AI_VENDOR", "https://interviews.example.com",
                        AI_SECRET)
                .with("atsbridge.connections.ai-acme.credentials", AI_API_KEY)
                // This class tests intake: events must stay PENDING for its assertions, so no worker takes them.
                .withoutWorker()
                .with("atsbridge.auth.tokens.gateway.secret", GATEWAY_TOKEN)
                .with("atsbridge.auth.tokens.gateway.tenants", "*")
                .with("atsbridge.auth.tokens.gateway.roles", "gateway")
                .connection("off-acme", "acme", "ASHBY", "ATS", "https://api.ashbyhq.com", "ashby-secret-0123456789")
                .with("atsbridge.connections.off-acme.enabled", "false")
                .connection("gh-other", "other", "GREENHOUSE", "ATS", "https://harvest.greenhouse.io",
                        "other-secret-0123456789")
                .properties()
                .forEach((key, value) -> properties.put(key, value.toString()));
        return properties;
    }

    @BeforeAll
    void open() {
        channel = TestCalls.channel(server.getPort());
    }

    @AfterAll
    void close() throws InterruptedException {
        TestCalls.close(channel);
        database.close();
    }

    private AdapterServiceBlockingStub adapter() {
        return TestCalls.asTenant(AdapterServiceGrpc.newBlockingStub(channel));
    }

    private AdapterServiceBlockingStub otherTenant() {
        return TestCalls.as(AdapterServiceGrpc.newBlockingStub(channel), TestCalls.OTHER_TENANT_TOKEN, "other");
    }

    private static String unique() {
        return UUID.randomUUID().toString();
    }

    private static VendorEvent.Builder event(String connectionId, Vendor vendor, String deliveryKey) {
        return VendorEvent.newBuilder()
                .setConnectionId(connectionId)
                .setVendor(vendor)
                .setEventType(EventType.EVENT_TYPE_STAGE_CHANGED)
                .setVendorEventType("candidate_stage_change")
                .setDeliveryKey(deliveryKey)
                .setRawBody(ByteString.copyFromUtf8("{\"action\":\"candidate_stage_change\"}"))
                .setContentType("application/json");
    }

    private static VendorEvent greenhouse(String deliveryKey) {
        return event("gh-acme", Vendor.VENDOR_GREENHOUSE, deliveryKey).build();
    }

    private static IngestEventsRequest batch(VendorEvent... events) {
        return IngestEventsRequest.newBuilder().addAllEvents(List.of(events)).build();
    }

    // ---------------------------------------------------------------- connections

    @Test
    void declaredConnectionIsFetchedWithoutSecrets() {
        GetConnectionResponse response = adapter().getConnection(
                GetConnectionRequest.newBuilder().setConnectionId("gh-acme").build());
        Connection connection = response.getConnection();

        assertThat(connection.getId()).isEqualTo("gh-acme");
        assertThat(connection.getTenantId()).isEqualTo("acme");
        assertThat(connection.getVendor()).isEqualTo(Vendor.VENDOR_GREENHOUSE);
        assertThat(connection.getKind()).isEqualTo(ConnectionKind.CONNECTION_KIND_ATS);
        assertThat(connection.getDisplayName()).isEqualTo("Acme Greenhouse");
        assertThat(connection.getBaseUrl()).isEqualTo("https://harvest.greenhouse.io");
        assertThat(connection.getEnabled()).isTrue();
        assertThat(connection.getWebhookSecretCount()).isEqualTo(2);
        assertThat(connection.getHasCredentials()).isTrue();
        assertThat(connection.hasCreateTime()).isTrue();
        assertThat(connection.getUpdateTime().getSeconds()).isGreaterThanOrEqualTo(connection.getCreateTime().getSeconds());

        // The contract has no field that could carry a secret, and nothing on the wire contains one.
        assertThat(Connection.getDescriptor().getFields()).extracting(FieldDescriptor::getName).containsExactly(
                "id", "tenant_id", "vendor", "kind", "display_name", "base_url", "enabled",
                "webhook_secret_count", "has_credentials", "create_time", "update_time", "sync");
        assertThat(connection.hasSync()).isFalse();
        String wire = response.toByteString().toString(StandardCharsets.ISO_8859_1);
        assertThat(wire).doesNotContain(GH_SECRET_1, GH_SECRET_2, GH_API_KEY);
    }

    @Test
    void connectionDefaultsAreFilled() {
        Connection lever = adapter().getConnection(GetConnectionRequest.newBuilder().setConnectionId("lever-acme").build())
                .getConnection();
        assertThat(lever.getVendor()).isEqualTo(Vendor.VENDOR_LEVER);
        assertThat(lever.getDisplayName()).isEqualTo("lever-acme");
        assertThat(lever.getHasCredentials()).isFalse();
        assertThat(lever.getWebhookSecretCount()).isEqualTo(1);

        Connection ai = adapter().getConnection(GetConnectionRequest.newBuilder().setConnectionId("ai-acme").build())
                .getConnection();
        assertThat(ai.getVendor()).isEqualTo(Vendor.VENDOR_STANDARD_WEBHOOKS);
        assertThat(ai.getKind()).isEqualTo(ConnectionKind.CONNECTION_KIND_AI_VENDOR);

        Connection off = adapter().getConnection(GetConnectionRequest.newBuilder().setConnectionId("off-acme").build())
                .getConnection();
        assertThat(off.getEnabled()).isFalse();
    }

    @Test
    void storedCiphertextsDoNotContainThePlaintext() throws SQLException {
        List<byte[]> stored = new ArrayList<>();
        try (java.sql.Connection c = database.connect();
             ResultSet rows = c.createStatement().executeQuery(
                     "SELECT ciphertext FROM connection_secret WHERE connection_id = 'gh-acme'")) {
            while (rows.next()) {
                stored.add(rows.getBytes(1));
            }
        }
        stored.add(credentialsCiphertext("gh-acme"));

        assertThat(stored).hasSize(3);
        for (byte[] ciphertext : stored) {
            String bytes = new String(ciphertext, StandardCharsets.ISO_8859_1);
            assertThat(bytes).doesNotContain(GH_SECRET_1, GH_SECRET_2, GH_API_KEY, "gh-secret", "gh-api-key");
            // 12-byte nonce + 16-byte tag around the plaintext.
            assertThat(ciphertext.length).isGreaterThanOrEqualTo(GH_SECRET_1.length() + 28);
        }
    }

    @Test
    void webhookSecretsAndCredentialsRoundTrip() {
        assertThat(directory.webhookSecrets("acme", "gh-acme"))
                .extracting(secret -> new String(secret, StandardCharsets.UTF_8))
                .containsExactlyInAnyOrder(GH_SECRET_1, GH_SECRET_2);
        assertThat(directory.webhookSecrets("acme", "ai-acme"))
                .extracting(secret -> new String(secret, StandardCharsets.UTF_8))
                .containsExactly(AI_SECRET);
        assertThat(directory.credentials("acme", "gh-acme")).contains(GH_API_KEY);
        assertThat(directory.credentials("acme", "lever-acme")).isEmpty();

        assertThatThrownBy(() -> directory.webhookSecrets("other", "gh-acme"))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
                    assertThat(e.reason()).isEqualTo("CONNECTION_NOT_FOUND");
                });
    }

    @Test
    void ciphertextMovedToAnotherConnectionDoesNotDecrypt() throws SQLException {
        byte[] greenhouseSecret;
        String leverSecretId;
        byte[] leverSecret;
        try (java.sql.Connection c = database.connect();
             ResultSet gh = c.createStatement().executeQuery(
                     "SELECT ciphertext FROM connection_secret WHERE connection_id = 'gh-acme' LIMIT 1");
             ResultSet lever = c.createStatement().executeQuery(
                     "SELECT secret_id, ciphertext FROM connection_secret WHERE connection_id = 'lever-acme'")) {
            assertThat(gh.next()).isTrue();
            greenhouseSecret = gh.getBytes(1);
            assertThat(lever.next()).isTrue();
            leverSecretId = lever.getString(1);
            leverSecret = lever.getBytes(2);
        }
        byte[] greenhouseCredentials = credentialsCiphertext("gh-acme");
        try {
            execute("UPDATE connection_secret SET ciphertext = ? WHERE secret_id = ?", greenhouseSecret, leverSecretId);
            execute("UPDATE connection SET credentials_ciphertext = ? WHERE id = 'lever-acme'", greenhouseCredentials);

            assertThatThrownBy(() -> directory.webhookSecrets("acme", "lever-acme"))
                    .isInstanceOfSatisfying(DomainException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.FAILED_PRECONDITION);
                        assertThat(e.reason()).isEqualTo("CONNECTION_SECRET_UNREADABLE");
                        assertThat(e.getMessage()).contains("lever-acme").doesNotContain(GH_SECRET_1, GH_SECRET_2);
                    });
            assertThatThrownBy(() -> directory.credentials("acme", "lever-acme"))
                    .isInstanceOfSatisfying(DomainException.class,
                            e -> assertThat(e.reason()).isEqualTo("CONNECTION_SECRET_UNREADABLE"));
        } finally {
            execute("UPDATE connection_secret SET ciphertext = ? WHERE secret_id = ?", leverSecret, leverSecretId);
            execute("UPDATE connection SET credentials_ciphertext = NULL WHERE id = 'lever-acme'");
        }
        assertThat(directory.webhookSecrets("acme", "lever-acme"))
                .extracting(secret -> new String(secret, StandardCharsets.UTF_8)).containsExactly(LEVER_SECRET);
    }

    @Test
    void anEventSecretMovedToAnotherEventDoesNotDecrypt() throws SQLException {
        try {
            execute("UPDATE connection_secret SET event_type = 'candidateHired' WHERE connection_id = 'lever-acme'");
            assertThatThrownBy(() -> directory.lookupWebhookConnection("lever-acme"))
                    .isInstanceOfSatisfying(DomainException.class, e -> {
                        assertThat(e.reason()).isEqualTo("CONNECTION_SECRET_UNREADABLE");
                        assertThat(e.getMessage()).contains("lever-acme").doesNotContain(LEVER_SECRET);
                    });
        } finally {
            execute("UPDATE connection_secret SET event_type = 'candidateStageChange' WHERE connection_id = 'lever-acme'");
        }
        assertThat(directory.lookupWebhookConnection("lever-acme").webhookEventSecrets().get("candidateStageChange"))
                .extracting(secret -> new String(secret, StandardCharsets.UTF_8)).containsExactly(LEVER_SECRET);
    }

    @Test
    void connectionsArePagedInIdOrder() {
        List<String> seen = new ArrayList<>();
        String token = "";
        int pages = 0;
        do {
            ListConnectionsResponse page = adapter().listConnections(ListConnectionsRequest.newBuilder()
                    .setPageSize(1).setPageToken(token).build());
            assertThat(page.getConnectionsList()).hasSizeLessThanOrEqualTo(1);
            page.getConnectionsList().forEach(connection -> seen.add(connection.getId()));
            token = page.getNextPageToken();
            pages++;
        } while (!token.isEmpty() && pages < 10);
        assertThat(seen).containsExactly("ai-acme", "gh-acme", "lever-acme", "off-acme");
        assertThat(pages).isEqualTo(4);

        ListConnectionsResponse all = adapter().listConnections(ListConnectionsRequest.getDefaultInstance());
        assertThat(all.getConnectionsList()).extracting(Connection::getId)
                .containsExactly("ai-acme", "gh-acme", "lever-acme", "off-acme");
        assertThat(all.getNextPageToken()).isEmpty();
        assertThat(all.getConnectionsList()).extracting(Connection::getWebhookSecretCount).containsExactly(1, 2, 1, 1);
        assertThat(all.getConnectionsList()).extracting(Connection::getHasCredentials)
                .containsExactly(true, true, false, false);

        ListConnectionsResponse firstThree = adapter().listConnections(ListConnectionsRequest.newBuilder()
                .setPageSize(3).build());
        ListConnectionsResponse rest = adapter().listConnections(ListConnectionsRequest.newBuilder()
                .setPageSize(3).setPageToken(firstThree.getNextPageToken()).build());
        assertThat(firstThree.getConnectionsList()).extracting(Connection::getId)
                .containsExactly("ai-acme", "gh-acme", "lever-acme");
        assertThat(rest.getConnectionsList()).extracting(Connection::getId).containsExactly("off-acme");
        assertThat(rest.getNextPageToken()).isEmpty();
    }

    @Test
    void badConnectionRequestsAreRejected() {
        assertError(() -> adapter().getConnection(GetConnectionRequest.getDefaultInstance()),
                Status.Code.INVALID_ARGUMENT, "CONNECTION_ID_MISSING");
        assertError(() -> adapter().getConnection(GetConnectionRequest.newBuilder().setConnectionId("GH_ACME").build()),
                Status.Code.INVALID_ARGUMENT, "CONNECTION_ID_INVALID");
        assertError(() -> adapter().getConnection(GetConnectionRequest.newBuilder().setConnectionId("nope").build()),
                Status.Code.NOT_FOUND, "CONNECTION_NOT_FOUND");
        assertError(() -> adapter().listConnections(ListConnectionsRequest.newBuilder().setPageSize(501).build()),
                Status.Code.INVALID_ARGUMENT, "PAGE_SIZE_INVALID");
        assertError(() -> adapter().listConnections(ListConnectionsRequest.newBuilder().setPageSize(-1).build()),
                Status.Code.INVALID_ARGUMENT, "PAGE_SIZE_INVALID");
        assertError(() -> adapter().listConnections(ListConnectionsRequest.newBuilder().setPageToken("%%%").build()),
                Status.Code.INVALID_ARGUMENT, "PAGE_TOKEN_INVALID");
    }

    @Test
    void anotherTenantCannotSeeOrUseTheConnections() {
        assertError(() -> otherTenant().getConnection(GetConnectionRequest.newBuilder().setConnectionId("gh-acme").build()),
                Status.Code.NOT_FOUND, "CONNECTION_NOT_FOUND");
        assertThat(otherTenant().listConnections(ListConnectionsRequest.getDefaultInstance()).getConnectionsList())
                .extracting(Connection::getId).containsExactly("gh-other");
        assertThat(adapter().listConnections(ListConnectionsRequest.getDefaultInstance()).getConnectionsList())
                .extracting(Connection::getId).doesNotContain("gh-other");

        long before = database.count("inbox_event");
        // Only the gateway ingests; acting for the other tenant it does not find this tenant's connection.
        assertError(() -> TestCalls.as(AdapterServiceGrpc.newBlockingStub(channel), TestCalls.TOKEN, "other")
                        .ingestEvents(batch(greenhouse(unique()))),
                Status.Code.NOT_FOUND, "CONNECTION_NOT_FOUND");
        assertError(() -> otherTenant().ingestEvents(batch(greenhouse(unique()))), Status.Code.PERMISSION_DENIED, "ROLE_REQUIRED");
        assertThat(database.count("inbox_event")).isEqualTo(before);
    }

    // ---------------------------------------------------------------- inbox

    @Test
    void ingestStoresTheEvent() throws SQLException {
        String key = unique();
        Instant occurred = Instant.parse("2024-05-01T12:30:45.123456Z");
        Instant received = Instant.parse("2024-05-01T12:30:46.5Z");
        VendorEvent event = event("gh-acme", Vendor.VENDOR_GREENHOUSE, key)
                .setEventType(EventType.EVENT_TYPE_APPLICATION_CREATED)
                .setVendorEventType("new_candidate_application")
                .addExternalRefs(ExternalRef.newBuilder().setKind(ExternalKind.EXTERNAL_KIND_CANDIDATE).setId("1001"))
                .addExternalRefs(ExternalRef.newBuilder().setConnectionId("gh-acme").setVendor(Vendor.VENDOR_GREENHOUSE)
                        .setKind(ExternalKind.EXTERNAL_KIND_APPLICATION).setId("2002"))
                .setOccurTime(timestamp(occurred))
                .setReceiveTime(timestamp(received))
                .setRawBody(ByteString.copyFrom(new byte[]{0, 1, 2, (byte) 0xff, '{', '}'}))
                .build();

        IngestEventsResponse response = adapter().ingestEvents(batch(event));

        assertThat(response.getResultsList()).hasSize(1);
        IngestResult result = response.getResults(0);
        assertThat(result.getOutcome()).isEqualTo(IngestOutcome.INGEST_OUTCOME_ACCEPTED);
        assertThat(result.getConnectionId()).isEqualTo("gh-acme");
        assertThat(result.getDeliveryKey()).isEqualTo(key);
        assertThat(result.getInboxEventId()).hasSize(36);

        try (java.sql.Connection c = database.connect();
             PreparedStatement select = c.prepareStatement("SELECT * FROM inbox_event WHERE id = ?")) {
            select.setString(1, result.getInboxEventId());
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(row.getString("tenant_id")).isEqualTo("acme");
                assertThat(row.getString("connection_id")).isEqualTo("gh-acme");
                assertThat(row.getString("delivery_key")).isEqualTo(key);
                assertThat(row.getString("vendor")).isEqualTo("GREENHOUSE");
                assertThat(row.getString("event_type")).isEqualTo("APPLICATION_CREATED");
                assertThat(row.getString("vendor_event_type")).isEqualTo("new_candidate_application");
                assertThat(row.getString("external_refs")).isEqualTo("["
                        + "{\"connectionId\":\"gh-acme\",\"vendor\":\"GREENHOUSE\",\"kind\":\"CANDIDATE\",\"id\":\"1001\"},"
                        + "{\"connectionId\":\"gh-acme\",\"vendor\":\"GREENHOUSE\",\"kind\":\"APPLICATION\",\"id\":\"2002\"}]");
                assertThat(row.getTimestamp("occur_time").toInstant()).isEqualTo(occurred);
                assertThat(row.getTimestamp("receive_time").toInstant()).isEqualTo(received);
                assertThat(row.getBytes("raw_body")).containsExactly(0, 1, 2, 0xff, '{', '}');
                assertThat(row.getString("content_type")).isEqualTo("application/json");
                assertThat(row.getString("status")).isEqualTo("PENDING");
                assertThat(row.getInt("attempts")).isZero();
                assertThat(row.getTimestamp("lease_until")).isNull();
                assertThat(row.getTimestamp("create_time")).isNotNull();
            }
        }
    }

    @Test
    void receiveTimeDefaultsToNowAndOccurTimeMayBeUnset() throws SQLException {
        Instant before = Instant.now().minusSeconds(5);
        IngestResult result = adapter().ingestEvents(batch(greenhouse(unique()))).getResults(0);
        try (java.sql.Connection c = database.connect();
             PreparedStatement select = c.prepareStatement(
                     "SELECT occur_time, receive_time, external_refs FROM inbox_event WHERE id = ?")) {
            select.setString(1, result.getInboxEventId());
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(row.getTimestamp("occur_time")).isNull();
                assertThat(row.getTimestamp("receive_time").toInstant()).isAfter(before);
                assertThat(row.getString("external_refs")).isEqualTo("[]");
            }
        }
    }

    @Test
    void replayedDeliveryIsADuplicateOfTheFirst() {
        String key = unique();
        IngestResult first = adapter().ingestEvents(batch(greenhouse(key))).getResults(0);
        IngestResult again = adapter().ingestEvents(batch(greenhouse(key))).getResults(0);

        assertThat(first.getOutcome()).isEqualTo(IngestOutcome.INGEST_OUTCOME_ACCEPTED);
        assertThat(again.getOutcome()).isEqualTo(IngestOutcome.INGEST_OUTCOME_DUPLICATE);
        assertThat(again.getInboxEventId()).isEqualTo(first.getInboxEventId());
        assertThat(rowsWithKey("gh-acme", key)).isEqualTo(1);
    }

    @Test
    void sameKeyTwiceInOneRequestStoresOneRowAndKeepsRequestOrder() {
        String repeated = unique();
        String replayed = unique();
        String fresh = unique();
        IngestResult earlier = adapter().ingestEvents(batch(greenhouse(replayed))).getResults(0);

        IngestEventsResponse response = adapter().ingestEvents(batch(
                greenhouse(repeated), greenhouse(replayed), greenhouse(repeated), greenhouse(fresh)));

        assertThat(response.getResultsList()).extracting(IngestResult::getDeliveryKey)
                .containsExactly(repeated, replayed, repeated, fresh);
        assertThat(response.getResultsList()).extracting(IngestResult::getOutcome).containsExactly(
                IngestOutcome.INGEST_OUTCOME_ACCEPTED, IngestOutcome.INGEST_OUTCOME_DUPLICATE,
                IngestOutcome.INGEST_OUTCOME_DUPLICATE, IngestOutcome.INGEST_OUTCOME_ACCEPTED);
        assertThat(response.getResults(2).getInboxEventId()).isEqualTo(response.getResults(0).getInboxEventId());
        assertThat(response.getResults(1).getInboxEventId()).isEqualTo(earlier.getInboxEventId());
        assertThat(response.getResults(3).getInboxEventId()).isNotEqualTo(response.getResults(0).getInboxEventId());
        assertThat(rowsWithKey("gh-acme", repeated)).isEqualTo(1);
        assertThat(rowsWithKey("gh-acme", replayed)).isEqualTo(1);
        assertThat(rowsWithKey("gh-acme", fresh)).isEqualTo(1);
    }

    @Test
    void deliveryKeysAreScopedToTheirConnectionAndCaseSensitive() {
        String key = "Evt-" + unique();
        IngestEventsResponse response = adapter().ingestEvents(batch(
                greenhouse(key),
                greenhouse(key.toLowerCase()),
                event("lever-acme", Vendor.VENDOR_LEVER, key).build()));

        assertThat(response.getResultsList()).extracting(IngestResult::getOutcome)
                .containsOnly(IngestOutcome.INGEST_OUTCOME_ACCEPTED);
        assertThat(response.getResultsList()).extracting(IngestResult::getInboxEventId).doesNotHaveDuplicates();
    }

    @Test
    void concurrentDeliveriesOfOneKeyStoreOneRow() throws Exception {
        String key = unique();
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Callable<IngestResult>> calls = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                calls.add(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return adapter().ingestEvents(batch(greenhouse(key))).getResults(0);
                });
            }
            List<Future<IngestResult>> futures = new ArrayList<>();
            for (Callable<IngestResult> call : calls) {
                futures.add(pool.submit(call));
            }
            start.countDown();
            List<IngestResult> results = new ArrayList<>();
            for (Future<IngestResult> future : futures) {
                results.add(future.get(30, TimeUnit.SECONDS));
            }

            assertThat(results).extracting(IngestResult::getInboxEventId).containsOnly(results.get(0).getInboxEventId());
            assertThat(results).filteredOn(r -> r.getOutcome() == IngestOutcome.INGEST_OUTCOME_ACCEPTED).hasSize(1);
            assertThat(results).filteredOn(r -> r.getOutcome() == IngestOutcome.INGEST_OUTCOME_DUPLICATE).hasSize(threads - 1);
            assertThat(rowsWithKey("gh-acme", key)).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentBatchesSharingKeysInOppositeOrderStoreEachKeyOnce() throws Exception {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            keys.add(unique());
        }
        List<String> reversed = new ArrayList<>(keys);
        java.util.Collections.reverse(reversed);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<IngestEventsResponse>> futures = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                List<String> order = i % 2 == 0 ? keys : reversed;
                futures.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return adapter().ingestEvents(IngestEventsRequest.newBuilder()
                            .addAllEvents(order.stream().map(AdapterGrpcServiceTest::greenhouse).toList()).build());
                }));
            }
            start.countDown();
            Map<String, Set<String>> idsByKey = new HashMap<>();
            int accepted = 0;
            for (Future<IngestEventsResponse> future : futures) {
                for (IngestResult result : future.get(30, TimeUnit.SECONDS).getResultsList()) {
                    idsByKey.computeIfAbsent(result.getDeliveryKey(), k -> new HashSet<>()).add(result.getInboxEventId());
                    accepted += result.getOutcome() == IngestOutcome.INGEST_OUTCOME_ACCEPTED ? 1 : 0;
                }
            }
            assertThat(idsByKey).hasSize(keys.size());
            assertThat(idsByKey.values()).allSatisfy(ids -> assertThat(ids).hasSize(1));
            assertThat(accepted).isEqualTo(keys.size());
            for (String key : keys) {
                assertThat(rowsWithKey("gh-acme", key)).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void eventsAtTheLimitsAreAccepted() {
        List<VendorEvent> hundred = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            hundred.add(greenhouse(unique()));
        }
        assertThat(adapter().ingestEvents(IngestEventsRequest.newBuilder().addAllEvents(hundred).build())
                .getResultsList()).hasSize(100);

        String longestKey = unique() + "k".repeat(163) + "\u00e9";
        IngestResult result = adapter().ingestEvents(batch(event("gh-acme", Vendor.VENDOR_GREENHOUSE, longestKey)
                .setRawBody(ByteString.copyFrom(new byte[1024 * 1024])).build())).getResults(0);
        assertThat(longestKey.codePointCount(0, longestKey.length())).isEqualTo(200);
        assertThat(result.getOutcome()).isEqualTo(IngestOutcome.INGEST_OUTCOME_ACCEPTED);
        assertThat(rowsWithKey("gh-acme", longestKey)).isEqualTo(1);
    }

    @Test
    void aBatchWithOneBadEventIsRejectedWholeAndStoresNothing() {
        assertRejected(event("nope-acme", Vendor.VENDOR_GREENHOUSE, unique()).build(),
                Status.Code.NOT_FOUND, "CONNECTION_NOT_FOUND");
        assertRejected(event("gh-other", Vendor.VENDOR_GREENHOUSE, unique()).build(),
                Status.Code.NOT_FOUND, "CONNECTION_NOT_FOUND");
        assertRejected(event("off-acme", Vendor.VENDOR_ASHBY, unique()).build(),
                Status.Code.FAILED_PRECONDITION, "CONNECTION_DISABLED");
        assertRejected(event("gh-acme", Vendor.VENDOR_LEVER, unique()).build(),
                Status.Code.INVALID_ARGUMENT, "VENDOR_MISMATCH");
        assertRejected(event("gh-acme", Vendor.VENDOR_UNSPECIFIED, unique()).build(),
                Status.Code.INVALID_ARGUMENT, "VENDOR_MISSING");
        assertRejected(event("", Vendor.VENDOR_GREENHOUSE, unique()).build(),
                Status.Code.INVALID_ARGUMENT, "CONNECTION_ID_MISSING");
        assertRejected(event("GH ACME", Vendor.VENDOR_GREENHOUSE, unique()).build(),
                Status.Code.INVALID_ARGUMENT, "CONNECTION_ID_INVALID");
        assertRejected(greenhouse(""), Status.Code.INVALID_ARGUMENT, "DELIVERY_KEY_MISSING");
        assertRejected(greenhouse("k".repeat(201)), Status.Code.INVALID_ARGUMENT, "DELIVERY_KEY_INVALID");
        assertRejected(greenhouse(unique() + " "), Status.Code.INVALID_ARGUMENT, "DELIVERY_KEY_INVALID");
        assertRejected(greenhouse("line\nbreak"), Status.Code.INVALID_ARGUMENT, "DELIVERY_KEY_INVALID");
        assertRejected(event("gh-acme", Vendor.VENDOR_GREENHOUSE, unique())
                        .setEventType(EventType.EVENT_TYPE_UNSPECIFIED).build(),
                Status.Code.INVALID_ARGUMENT, "EVENT_TYPE_MISSING");
        assertRejected(event("gh-acme", Vendor.VENDOR_GREENHOUSE, unique()).setEventTypeValue(999).build(),
                Status.Code.INVALID_ARGUMENT, "EVENT_TYPE_MISSING");
        assertRejected(event("gh-acme", Vendor.VENDOR_GREENHOUSE, unique())
                        .setRawBody(ByteString.copyFrom(new byte[1024 * 1024 + 1])).build(),
                Status.Code.INVALID_ARGUMENT, "BODY_TOO_LARGE");
        assertRejected(event("gh-acme", Vendor.VENDOR_GREENHOUSE, unique()).setVendorEventType("x".repeat(201)).build(),
                Status.Code.INVALID_ARGUMENT, "FIELD_TOO_LONG");
        assertRejected(event("gh-acme", Vendor.VENDOR_GREENHOUSE, unique())
                        .addExternalRefs(ExternalRef.newBuilder().setId("1001")).build(),
                Status.Code.INVALID_ARGUMENT, "EXTERNAL_REF_INCOMPLETE");
        assertRejected(event("gh-acme", Vendor.VENDOR_GREENHOUSE, unique())
                        .addExternalRefs(ExternalRef.newBuilder().setKind(ExternalKind.EXTERNAL_KIND_CANDIDATE)).build(),
                Status.Code.INVALID_ARGUMENT, "EXTERNAL_REF_INCOMPLETE");
        assertRejected(event("gh-acme", Vendor.VENDOR_GREENHOUSE, unique())
                        .setOccurTime(Timestamp.newBuilder().setSeconds(-62_135_596_800L)).build(),
                Status.Code.INVALID_ARGUMENT, "TIME_INVALID");
    }

    @Test
    void batchesOutsideOneToHundredEventsAreRejected() {
        long before = database.count("inbox_event");
        List<VendorEvent> tooMany = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            tooMany.add(greenhouse(unique()));
        }
        assertError(() -> adapter().ingestEvents(IngestEventsRequest.newBuilder().addAllEvents(tooMany).build()),
                Status.Code.INVALID_ARGUMENT, "EVENT_COUNT_INVALID");
        assertError(() -> adapter().ingestEvents(IngestEventsRequest.getDefaultInstance()),
                Status.Code.INVALID_ARGUMENT, "EVENT_COUNT_INVALID");
        assertThat(database.count("inbox_event")).isEqualTo(before);
        assertThat(rowsWithKey("gh-acme", tooMany.get(0).getDeliveryKey())).isZero();
    }

    @Test
    void errorMessagesNameTheEventAndTheField() {
        StatusRuntimeException e = (StatusRuntimeException) org.assertj.core.api.Assertions.catchThrowable(() ->
                adapter().ingestEvents(batch(greenhouse(unique()), greenhouse(""))));
        assertThat(e.getStatus().getDescription()).contains("events[1].delivery_key");
        StatusRuntimeException mismatch = (StatusRuntimeException) org.assertj.core.api.Assertions.catchThrowable(() ->
                adapter().ingestEvents(batch(event("gh-acme", Vendor.VENDOR_ASHBY, unique()).build())));
        assertThat(mismatch.getStatus().getDescription()).contains("events[0].vendor", "ASHBY", "GREENHOUSE", "gh-acme");
    }

    // ---------------------------------------------------------------- webhook lookup (tenant-free)

    /** A stub with the gateway's token and no tenant, as the edge gateway calls before it knows the tenant. */
    private AdapterServiceBlockingStub gateway() {
        return TestCalls.as(AdapterServiceGrpc.newBlockingStub(channel), GATEWAY_TOKEN, null);
    }

    private static LookupWebhookConnectionRequest lookup(String connectionId) {
        return LookupWebhookConnectionRequest.newBuilder().setConnectionId(connectionId).build();
    }

    @Test
    void gatewayLooksUpAConnectionWithoutATenant() {
        LookupWebhookConnectionResponse gh = gateway().lookupWebhookConnection(lookup("gh-acme"));
        assertThat(gh.getConnectionId()).isEqualTo("gh-acme");
        assertThat(gh.getTenantId()).isEqualTo("acme");
        assertThat(gh.getVendor()).isEqualTo(Vendor.VENDOR_GREENHOUSE);
        assertThat(gh.getKind()).isEqualTo(ConnectionKind.CONNECTION_KIND_ATS);
        assertThat(gh.getEnabled()).isTrue();
        assertThat(gh.getWebhookSecretsList()).extracting(ByteString::toStringUtf8)
                .containsExactlyInAnyOrder(GH_SECRET_1, GH_SECRET_2);

        LookupWebhookConnectionResponse ai = gateway().lookupWebhookConnection(lookup("ai-acme"));
        assertThat(ai.getKind()).isEqualTo(ConnectionKind.CONNECTION_KIND_AI_VENDOR);
        assertThat(ai.getWebhookSecretsList()).extracting(ByteString::toStringUtf8).containsExactly(AI_SECRET);
        // The API key is not a webhook secret and is never returned.
        assertThat(ai.toByteString().toString(StandardCharsets.ISO_8859_1)).doesNotContain(AI_API_KEY);

        // Lever's token verifies its own event only: it comes back bound to the event, not as a secret for any event.
        LookupWebhookConnectionResponse lever = gateway().lookupWebhookConnection(lookup("lever-acme"));
        assertThat(lever.getWebhookSecretsList()).isEmpty();
        assertThat(lever.getWebhookEventSecretsList()).extracting(s -> s.getEvent() + ":" + s.getSecret().toStringUtf8())
                .containsExactly("candidateStageChange:" + LEVER_SECRET);

        assertThat(gateway().lookupWebhookConnection(lookup("gh-other")).getTenantId()).isEqualTo("other");
        LookupWebhookConnectionResponse off = gateway().lookupWebhookConnection(lookup("off-acme"));
        assertThat(off.getEnabled()).isFalse();
        assertThat(off.getVendor()).isEqualTo(Vendor.VENDOR_ASHBY);

        // A tenant header, if the gateway sends one anyway, changes nothing.
        assertThat(TestCalls.as(AdapterServiceGrpc.newBlockingStub(channel), GATEWAY_TOKEN, "other")
                .lookupWebhookConnection(lookup("gh-acme")).getTenantId()).isEqualTo("acme");
    }

    @Test
    void lookupNeedsTheGatewayRoleAndAKnownWellFormedId() {
        assertError(() -> TestCalls.as(AdapterServiceGrpc.newBlockingStub(channel), TestCalls.OTHER_TENANT_TOKEN, null)
                .lookupWebhookConnection(lookup("gh-acme")), Status.Code.PERMISSION_DENIED, "ROLE_REQUIRED");
        assertError(() -> TestCalls.as(AdapterServiceGrpc.newBlockingStub(channel), null, null)
                .lookupWebhookConnection(lookup("gh-acme")), Status.Code.UNAUTHENTICATED, "TOKEN_MISSING");

        assertError(() -> gateway().lookupWebhookConnection(lookup("nope-acme")), Status.Code.NOT_FOUND, "CONNECTION_NOT_FOUND");
        assertError(() -> gateway().lookupWebhookConnection(lookup("")), Status.Code.INVALID_ARGUMENT, "CONNECTION_ID_MISSING");
        assertError(() -> gateway().lookupWebhookConnection(lookup("GH ACME")), Status.Code.INVALID_ARGUMENT, "CONNECTION_ID_INVALID");

        // The gateway role is for the lookup only: tenant-scoped methods still need a tenant.
        assertError(() -> gateway().listConnections(ListConnectionsRequest.getDefaultInstance()),
                Status.Code.INVALID_ARGUMENT, "TENANT_MISSING");
    }

    // ---------------------------------------------------------------- auth and discovery

    @Test
    void callsWithoutTokenOrTenantAreRejected() {
        long before = database.count("inbox_event");
        assertError(() -> TestCalls.as(AdapterServiceGrpc.newBlockingStub(channel), null, TestCalls.TENANT)
                .ingestEvents(batch(greenhouse(unique()))), Status.Code.UNAUTHENTICATED, "TOKEN_MISSING");
        assertError(() -> TestCalls.as(AdapterServiceGrpc.newBlockingStub(channel), TestCalls.TOKEN, null)
                .ingestEvents(batch(greenhouse(unique()))), Status.Code.INVALID_ARGUMENT, "TENANT_MISSING");
        assertError(() -> TestCalls.as(AdapterServiceGrpc.newBlockingStub(channel), null, TestCalls.TENANT)
                        .getConnection(GetConnectionRequest.newBuilder().setConnectionId("gh-acme").build()),
                Status.Code.UNAUTHENTICATED, "TOKEN_MISSING");
        assertError(() -> TestCalls.as(AdapterServiceGrpc.newBlockingStub(channel), TestCalls.OTHER_TENANT_TOKEN, "acme")
                        .listConnections(ListConnectionsRequest.getDefaultInstance()),
                Status.Code.PERMISSION_DENIED, "TENANT_NOT_PERMITTED");
        assertThat(database.count("inbox_event")).isEqualTo(before);
    }

    @Test
    void reflectionListsTheAdapterService() throws Exception {
        assertThat(TestCalls.listServices(channel)).contains("atsbridge.adapter.v1.AdapterService", "grpc.health.v1.Health");
    }

    // ---------------------------------------------------------------- helpers

    /** Sends a good event followed by the bad one: the call fails and neither is stored. */
    private void assertRejected(VendorEvent bad, Status.Code code, String reason) {
        long before = database.count("inbox_event");
        VendorEvent good = greenhouse(unique());
        assertError(() -> adapter().ingestEvents(batch(good, bad)), code, reason);
        assertThat(database.count("inbox_event")).as("rows after %s", reason).isEqualTo(before);
        assertThat(rowsWithKey("gh-acme", good.getDeliveryKey())).isZero();
    }

    private static void assertError(Runnable call, Status.Code code, String reason) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).as(e.getStatus().toString()).isEqualTo(code);
            assertThat(GrpcErrors.errorInfo(e).orElseThrow().getReason()).isEqualTo(reason);
            assertThat(GrpcErrors.errorInfo(e).orElseThrow().getDomain()).isEqualTo(ERROR_DOMAIN);
            assertThat(e.getStatus().getDescription()).isNotBlank();
        });
    }

    private long rowsWithKey(String connectionId, String deliveryKey) {
        try (java.sql.Connection c = database.connect();
             PreparedStatement count = c.prepareStatement(
                     "SELECT COUNT(*) FROM inbox_event WHERE connection_id = ? AND delivery_key = ?")) {
            count.setString(1, connectionId);
            count.setString(2, deliveryKey);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] credentialsCiphertext(String connectionId) throws SQLException {
        try (java.sql.Connection c = database.connect();
             PreparedStatement select = c.prepareStatement("SELECT credentials_ciphertext FROM connection WHERE id = ?")) {
            select.setString(1, connectionId);
            try (ResultSet rows = select.executeQuery()) {
                assertThat(rows.next()).isTrue();
                return rows.getBytes(1);
            }
        }
    }

    private void execute(String sql, Object... parameters) throws SQLException {
        try (java.sql.Connection c = database.connect(); PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }
    }

    private static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }
}
