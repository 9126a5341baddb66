package io.atsbridge.gateway.http;

import com.google.protobuf.ByteString;
import io.atsbridge.platform.testing.TestPorts;
import io.atsbridge.proto.adapter.v1.AdapterServiceGrpc;
import io.atsbridge.proto.adapter.v1.IngestEventsRequest;
import io.atsbridge.proto.adapter.v1.IngestEventsResponse;
import io.atsbridge.proto.adapter.v1.IngestOutcome;
import io.atsbridge.proto.adapter.v1.IngestResult;
import io.atsbridge.proto.adapter.v1.LookupWebhookConnectionRequest;
import io.atsbridge.proto.adapter.v1.LookupWebhookConnectionResponse;
import io.atsbridge.proto.adapter.v1.WebhookEventSecret;
import io.atsbridge.proto.common.v1.Vendor;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The webhook endpoint over real HTTP against a stand-in adapter: what the inbox answers becomes the vendor's answer. */
@MicronautTest(environments = "gateway")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookControllerTest implements TestPropertyProvider {

    static final String SECRET = "controller-test-secret-0123456789";
    /** The signature token of the lv-* connections' candidateStageChange webhook. */
    private static final String LEVER_TOKEN = "controller-test-lever-stage-change-token-01234567";

    private final FakeAdapter fake = new FakeAdapter();
    private final Server adapter = start(fake);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Inject
    EmbeddedServer gateway;
    @Inject
    MeterRegistry meters;

    @Override
    public Map<String, String> getProperties() {
        return Map.of(
                "micronaut.server.port", TestPorts.freeText(),
                "micronaut.server.max-request-size", "4096",
                "atsbridge.gateway.rate-limit.requests-per-second", "5",
                "atsbridge.gateway.rate-limit.burst", "5",
                "atsbridge.client.token", "gateway-token-0123456789",
                "atsbridge.peers.adapter.address", "127.0.0.1:" + adapter.getPort());
    }

    @AfterAll
    void stop() {
        adapter.shutdownNow();
    }

    @Test
    void acceptedThenDuplicateDeliveriesAreBoth200AndCounted() throws Exception {
        byte[] body = "{\"action\":\"hire_candidate\",\"payload\":{\"application\":{\"id\":5}}}".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> first = post("gh-up", body, "evt-dup");
        HttpResponse<String> again = post("gh-up", body, "evt-dup");

        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(first.body()).contains("\"status\":\"accepted\"");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("\"status\":\"duplicate\"");
        assertThat(meters.get("atsbridge.webhooks.deduplicated").tags("connection", "gh-up", "vendor", "GREENHOUSE")
                .counter().count()).isEqualTo(1);
        assertThat(meters.get("atsbridge.webhooks.verified").tags("connection", "gh-up").counter().count()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void anInboxThatCannotTakeTheEventIs503WithRetryAfter() throws Exception {
        byte[] body = "{\"action\":\"hire_candidate\",\"payload\":{}}".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = post("gh-down", body, "evt-down");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("\"reason\":\"INBOX_UNAVAILABLE\"");
        assertThat(response.headers().firstValue("Retry-After")).hasValue("30");
        assertThat(meters.get("atsbridge.webhooks.rejected").tags("connection", "gh-down", "reason", "INBOX_UNAVAILABLE")
                .counter().count()).isEqualTo(1);
    }

    @Test
    void idsThatCannotBeConnectionsNeverReachTheAdapterNorCreateMeters() throws Exception {
        int before = fake.lookups.size();
        HttpResponse<String> response = post("Not_An_Id", "{}".getBytes(StandardCharsets.UTF_8), "e");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("\"reason\":\"CONNECTION_UNKNOWN\"");
        HttpResponse<String> unknown = post("made-up-id", "{}".getBytes(StandardCharsets.UTF_8), "e");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(fake.lookups.subList(before, fake.lookups.size())).containsExactly("made-up-id");
        assertThat(meters.find("atsbridge.webhooks.rejected").tag("connection", "made-up-id").counter()).isNull();
        assertThat(meters.get("atsbridge.webhooks.rejected").tags("connection", "unknown", "reason", "CONNECTION_UNKNOWN")
                .counter().count()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void oversizedBodiesAndOtherMethodsGetJsonRefusals() throws Exception {
        byte[] big = new byte[8192];
        java.util.Arrays.fill(big, (byte) ' ');
        HttpResponse<String> tooLarge = post("gh-big", big, "evt-big");
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(tooLarge.body()).contains("\"reason\":\"BODY_TOO_LARGE\"");

        HttpResponse<String> get = http.send(HttpRequest.newBuilder(uri("gh-up")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).hasValue("POST");
        assertThat(get.body()).contains("\"reason\":\"METHOD_NOT_ALLOWED\"");

        // The catch-all handler leaves Micronaut's own answers for unknown paths alone.
        HttpResponse<String> elsewhere = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.getPort()
                + "/no-such-path")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(elsewhere.statusCode()).isEqualTo(404);
    }

    @Test
    void aBurstAboveTheLimitIs429WithRetryAfterAndOtherConnectionsGoOn() throws Exception {
        byte[] body = "{\"action\":\"ping\"}".getBytes(StandardCharsets.UTF_8);
        List<Integer> statuses = new CopyOnWriteArrayList<>();
        HttpResponse<String> limited = null;
        for (int i = 0; i < 8; i++) {
            HttpResponse<String> response = post("gh-rl", body, "evt-rl-" + i);
            statuses.add(response.statusCode());
            if (response.statusCode() == 429) {
                limited = response;
            }
        }
        assertThat(statuses).contains(200, 429).doesNotContain(500, 502, 503);
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(limited.body()).contains("\"reason\":\"RATE_LIMITED\"");
        assertThat(post("gh-up", body, "evt-other").statusCode()).isEqualTo(200);
    }

    /**
     * A Lever delivery the inbox could not take (503: Lever retries) was not stored and is not remembered as
     * accepted: when Lever sends it again — same bytes, same token — it is stored then, and only then remembered.
     */
    @Test
    void aLeverRetryOfADeliveryThatWasNotStoredIsStoredWhenItComesAgain() throws Exception {
        fake.downOnce.add("lv-flaky");
        long now = System.currentTimeMillis();
        byte[] body = lever("tok-flaky-0123456789abcdef0123456789abcdef01234567", now);

        HttpResponse<String> first = postLever("lv-flaky", body);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(503);
        assertThat(fake.storedKeys()).noneMatch(k -> k.startsWith("lv-flaky/"));

        HttpResponse<String> retry = postLever("lv-flaky", body);
        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(200);
        assertThat(retry.body()).contains("\"status\":\"accepted\"");
        assertThat(fake.storedKeys()).containsOnlyOnce("lv-flaky/tok-flaky-0123456789abcdef0123456789abcdef01234567");

        HttpResponse<String> again = postLever("lv-flaky", body);
        assertThat(again.body()).contains("\"status\":\"duplicate\"");
    }

    /**
     * A delivery whose triggeredAt is an hour old is a possible late Lever retry: stored when its token never was,
     * acknowledged without storing when it was (another replica, or after a restart, it reaches the inbox, which keeps
     * every token).
     */
    @Test
    void aLateLeverRetryIsStoredOnlyIfItsTokenNeverWas() throws Exception {
        long anHourAgo = System.currentTimeMillis() - 3_600_000;
        byte[] neverStored = lever("tok-late-0123456789abcdef0123456789abcdef012345678", anHourAgo);
        HttpResponse<String> late = postLever("lv-late", neverStored);
        assertThat(late.statusCode()).as(late.body()).isEqualTo(200);
        assertThat(late.body()).contains("\"status\":\"accepted\"");

        fake.preStore("lv-late", "tok-stored-0123456789abcdef0123456789abcdef0123456");
        HttpResponse<String> stored = postLever("lv-late", lever("tok-stored-0123456789abcdef0123456789abcdef0123456", anHourAgo));
        assertThat(stored.statusCode()).isEqualTo(200);
        assertThat(stored.body()).contains("\"status\":\"duplicate\"");
    }

    private HttpResponse<String> postLever(String connection, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(connection))
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json")
                        .header("User-Agent", "Lever-Webhooks")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] lever(String token, long triggeredAt) {
        String signature = HexFormat.of().formatHex(hmac(LEVER_TOKEN, (token + triggeredAt).getBytes(StandardCharsets.UTF_8)));
        return ("{\"triggeredAt\":" + triggeredAt + ",\"event\":\"candidateStageChange\",\"data\":{\"opportunityId\":\"o-1\","
                + "\"contactId\":\"c-1\",\"toStageId\":\"s-2\",\"fromStageId\":\"s-1\"},\"signature\":\"" + signature
                + "\",\"token\":\"" + token + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    private HttpResponse<String> post(String connection, byte[] body, String eventId) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(connection))
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json")
                        .header("Greenhouse-Event-ID", eventId)
                        .header("Signature", "sha256 " + HexFormat.of().formatHex(hmac(body)))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String connection) {
        return URI.create("http://127.0.0.1:" + gateway.getPort() + "/webhooks/" + connection);
    }

    private static byte[] hmac(byte[] body) {
        return hmac(SECRET, body);
    }

    static byte[] hmac(String key, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Server start(FakeAdapter fake) {
        try {
            return NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).addService(fake).build().start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Knows every gh-* (Greenhouse) and lv-* (Lever, one token for candidateStageChange) connection; the inbox of
     * gh-down is unavailable, that of a connection in {@code downOnce} for its next event; others deduplicate on
     * delivery key.
     */
    static final class FakeAdapter extends AdapterServiceGrpc.AdapterServiceImplBase {

        final List<String> lookups = new CopyOnWriteArrayList<>();
        final Set<String> downOnce = ConcurrentHashMap.newKeySet();
        private final Set<String> stored = ConcurrentHashMap.newKeySet();

        Set<String> storedKeys() {
            return Set.copyOf(stored);
        }

        /** As if another replica had stored the delivery earlier. */
        void preStore(String connectionId, String deliveryKey) {
            stored.add(connectionId + "/" + deliveryKey);
        }

        @Override
        public void lookupWebhookConnection(LookupWebhookConnectionRequest request,
                                            StreamObserver<LookupWebhookConnectionResponse> observer) {
            lookups.add(request.getConnectionId());
            if (request.getConnectionId().startsWith("lv-")) {
                observer.onNext(LookupWebhookConnectionResponse.newBuilder().setConnectionId(request.getConnectionId())
                        .setTenantId("acme").setVendor(Vendor.VENDOR_LEVER).setEnabled(true)
                        .addWebhookEventSecrets(WebhookEventSecret.newBuilder().setEvent("candidateStageChange")
                                .setSecret(ByteString.copyFromUtf8(LEVER_TOKEN))).build());
                observer.onCompleted();
                return;
            }
            if (!request.getConnectionId().startsWith("gh-")) {
                observer.onError(Status.NOT_FOUND.withDescription("no such connection").asRuntimeException());
                return;
            }
            observer.onNext(LookupWebhookConnectionResponse.newBuilder().setConnectionId(request.getConnectionId())
                    .setTenantId("acme").setVendor(Vendor.VENDOR_GREENHOUSE).setEnabled(true)
                    .addWebhookSecrets(ByteString.copyFromUtf8(SECRET)).build());
            observer.onCompleted();
        }

        @Override
        public void ingestEvents(IngestEventsRequest request, StreamObserver<IngestEventsResponse> observer) {
            var event = request.getEvents(0);
            if (event.getConnectionId().equals("gh-down") || downOnce.remove(event.getConnectionId())) {
                observer.onError(Status.UNAVAILABLE.withDescription("database down").asRuntimeException());
                return;
            }
            boolean fresh = stored.add(event.getConnectionId() + "/" + event.getDeliveryKey());
            observer.onNext(IngestEventsResponse.newBuilder().addResults(IngestResult.newBuilder()
                    .setConnectionId(event.getConnectionId()).setDeliveryKey(event.getDeliveryKey())
                    .setOutcome(fresh ? IngestOutcome.INGEST_OUTCOME_ACCEPTED : IngestOutcome.INGEST_OUTCOME_DUPLICATE)
                    .setInboxEventId("inbox-" + stored.size())).build());
            observer.onCompleted();
        }
    }
}
