package io.atsbridge.adapter.grpc;

import com.google.protobuf.ByteString;
import io.atsbridge.adapter.AdapterTestContext;
import io.atsbridge.platform.error.GrpcErrors;
import io.atsbridge.platform.testing.GrpcServiceTest;
import io.atsbridge.platform.testing.TestCalls;
import io.atsbridge.proto.adapter.v1.AdapterServiceGrpc;
import io.atsbridge.proto.adapter.v1.AdapterServiceGrpc.AdapterServiceBlockingStub;
import io.atsbridge.proto.adapter.v1.DeadLetter;
import io.atsbridge.proto.adapter.v1.IngestEventsRequest;
import io.atsbridge.proto.adapter.v1.ListDeadLettersRequest;
import io.atsbridge.proto.adapter.v1.ListDeadLettersResponse;
import io.atsbridge.proto.adapter.v1.ReplayDeadLetterRequest;
import io.atsbridge.proto.common.v1.EventType;
import io.atsbridge.proto.common.v1.Vendor;
import io.atsbridge.proto.common.v1.VendorEvent;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Operators list the events the engine gave up on, with the error, and replay them once the cause is fixed. */
@MicronautTest(environments = "adapter", transactional = false)
class DeadLettersTest extends GrpcServiceTest {

    private static final String SERVICE_ONLY_TOKEN = "service-only-token-0123456789";

    DeadLettersTest() {
        super("adapter_dead");
    }

    @Override
    protected Map<String, String> moreProperties() {
        Map<String, String> properties = new HashMap<>();
        properties.put("atsbridge.adapter.master-key", AdapterTestContext.randomMasterKey());
        // The engine must not touch the events: this class drives their states itself.
        properties.put("atsbridge.adapter.worker.enabled", "false");
        for (String id : List.of("gh-dead", "gh-alive")) {
            String prefix = "atsbridge.connections." + id + ".";
            properties.put(prefix + "tenant", TestCalls.TENANT);
            properties.put(prefix + "vendor", "GREENHOUSE");
            properties.put(prefix + "kind", "ATS");
            properties.put(prefix + "base-url", "https://harvest.greenhouse.io");
            properties.put(prefix + "webhook-secrets", "dead-letter-secret-0123456789");
        }
        properties.put("atsbridge.auth.tokens.svc.secret", SERVICE_ONLY_TOKEN);
        properties.put("atsbridge.auth.tokens.svc.tenants", "*");
        properties.put("atsbridge.auth.tokens.svc.roles", "service");
        return properties;
    }

    private AdapterServiceBlockingStub adapter() {
        return TestCalls.asTenant(AdapterServiceGrpc.newBlockingStub(channel));
    }

    /** Stores an event through the real intake, then records the engine giving up on it. */
    private String failedEvent(String connection, String error) throws Exception {
        String key = "evt-" + UUID.randomUUID();
        String id = adapter().ingestEvents(IngestEventsRequest.newBuilder().addEvents(VendorEvent.newBuilder()
                .setVendor(Vendor.VENDOR_GREENHOUSE).setConnectionId(connection)
                .setEventType(EventType.EVENT_TYPE_STAGE_CHANGED).setVendorEventType("candidate_stage_change")
                .setDeliveryKey(key).setRawBody(ByteString.copyFromUtf8("{\"action\":\"candidate_stage_change\"}"))
                .setContentType("application/json")).build()).getResults(0).getInboxEventId();
        try (Connection c = database.connect(); PreparedStatement fail = c.prepareStatement(
                "UPDATE inbox_event SET status = 'FAILED', attempts = 5, outcome = ?, processed_time = CURRENT_TIMESTAMP(6) WHERE id = ?")) {
            fail.setString(1, error);
            fail.setString(2, id);
            assertThat(fail.executeUpdate()).isEqualTo(1);
        }
        return id;
    }

    private String status(String eventId) throws Exception {
        try (Connection c = database.connect(); PreparedStatement select = c.prepareStatement(
                "SELECT status, attempts FROM inbox_event WHERE id = ?")) {
            select.setString(1, eventId);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getString(1) + "/" + rows.getInt(2);
            }
        }
    }

    @Test
    void deadLettersAreListedWithTheirErrorAndReplayedByOperators() throws Exception {
        String first = failedEvent("gh-dead", "permanent: Greenhouse answered 403 (missing permission for custom fields)");
        String second = failedEvent("gh-dead", "retries exhausted: Greenhouse answered 503 five times");
        String elsewhere = failedEvent("gh-alive", "permanent: unknown interview");

        ListDeadLettersResponse page1 = adapter().listDeadLetters(ListDeadLettersRequest.newBuilder()
                .setConnectionId("gh-dead").setPageSize(1).build());
        assertThat(page1.getDeadLettersList()).extracting(DeadLetter::getEventId).containsExactly(first);
        DeadLetter letter = page1.getDeadLetters(0);
        assertThat(letter.getError()).contains("403", "missing permission");
        assertThat(letter.getAttempts()).isEqualTo(5);
        assertThat(letter.getVendorEventType()).isEqualTo("candidate_stage_change");
        assertThat(letter.hasFailTime()).isTrue();
        ListDeadLettersResponse page2 = adapter().listDeadLetters(ListDeadLettersRequest.newBuilder()
                .setConnectionId("gh-dead").setPageSize(1).setPageToken(page1.getNextPageToken()).build());
        assertThat(page2.getDeadLettersList()).extracting(DeadLetter::getEventId).containsExactly(second);
        assertThat(page2.getNextPageToken()).isEmpty();

        adapter().replayDeadLetter(ReplayDeadLetterRequest.newBuilder().setEventId(first).build());

        assertThat(status(first)).isEqualTo("PENDING/0");
        assertThat(adapter().listDeadLetters(ListDeadLettersRequest.getDefaultInstance()).getDeadLettersList())
                .extracting(DeadLetter::getEventId).containsExactly(second, elsewhere);
        assertError(() -> adapter().replayDeadLetter(ReplayDeadLetterRequest.newBuilder().setEventId(first).build()),
                Status.Code.FAILED_PRECONDITION, "EVENT_NOT_FAILED");
    }

    @Test
    void replayIsRefusedClearlyAndChangesNothing() throws Exception {
        String failed = failedEvent("gh-dead", "permanent: 422 from Greenhouse");
        assertError(() -> adapter().replayDeadLetter(ReplayDeadLetterRequest.newBuilder().setEventId("not an id").build()),
                Status.Code.INVALID_ARGUMENT, "EVENT_ID_INVALID");
        assertError(() -> adapter().replayDeadLetter(ReplayDeadLetterRequest.newBuilder()
                        .setEventId(UUID.randomUUID().toString()).build()),
                Status.Code.NOT_FOUND, "DEAD_LETTER_NOT_FOUND");
        assertError(() -> TestCalls.as(AdapterServiceGrpc.newBlockingStub(channel), TestCalls.TOKEN, "other")
                        .replayDeadLetter(ReplayDeadLetterRequest.newBuilder().setEventId(failed).build()),
                Status.Code.NOT_FOUND, "DEAD_LETTER_NOT_FOUND");
        assertError(() -> TestCalls.as(AdapterServiceGrpc.newBlockingStub(channel), SERVICE_ONLY_TOKEN, TestCalls.TENANT)
                        .replayDeadLetter(ReplayDeadLetterRequest.newBuilder().setEventId(failed).build()),
                Status.Code.PERMISSION_DENIED, "ROLE_REQUIRED");
        assertError(() -> TestCalls.as(AdapterServiceGrpc.newBlockingStub(channel), null, TestCalls.TENANT)
                        .listDeadLetters(ListDeadLettersRequest.getDefaultInstance()),
                Status.Code.UNAUTHENTICATED, "TOKEN_MISSING");
        assertError(() -> adapter().listDeadLetters(ListDeadLettersRequest.newBuilder().setPageSize(501).build()),
                Status.Code.INVALID_ARGUMENT, "PAGE_SIZE_INVALID");
        assertThat(status(failed)).isEqualTo("FAILED/5");
        assertThat(TestCalls.as(AdapterServiceGrpc.newBlockingStub(channel), TestCalls.TOKEN, "other")
                .listDeadLetters(ListDeadLettersRequest.getDefaultInstance()).getDeadLettersList()).isEmpty();
    }

    private static void assertError(Runnable call, Status.Code code, String reason) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(code);
            assertThat(GrpcErrors.errorInfo(e).orElseThrow().getReason()).isEqualTo(reason);
        });
    }
}
