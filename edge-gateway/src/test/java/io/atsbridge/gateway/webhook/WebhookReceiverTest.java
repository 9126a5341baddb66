package io.atsbridge.gateway.webhook;

import io.atsbridge.connectors.webhook.CanonicalEvent;
import io.atsbridge.connectors.webhook.WebhookConnection;
import io.atsbridge.connectors.webhook.WebhookRejection;
import io.atsbridge.connectors.webhook.WebhookRequest;
import io.atsbridge.platform.testing.VendorFixtures;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Signature schemes and translation, with the vendors' documented example payloads signed as they sign. */
class WebhookReceiverTest {

    private static final byte[] GH_SECRET = "gh-webhook-secret-0123456789".getBytes(StandardCharsets.UTF_8);
    private static final String SW_SECRET = "whsec_" + Base64.getEncoder().encodeToString("ai-vendor-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8));

    private final WebhookReceiver receiver = new WebhookReceiver();
    private final WebhookConnection greenhouse = new WebhookConnection("gh-acme", "acme", "GREENHOUSE", true,
            List.of("older-secret-being-rotated-out".getBytes(StandardCharsets.UTF_8), GH_SECRET));
    private final WebhookConnection aiVendor = new WebhookConnection("ai-acme", "acme", "STANDARD_WEBHOOKS", true,
            List.of(SW_SECRET.getBytes(StandardCharsets.UTF_8)));

    @Test
    void greenhouseStageChangeFixtureSignedLikeGreenhouseIsAccepted() throws Exception {
        byte[] body = VendorFixtures.bytes("greenhouse_webhook_candidate_stage_change.json");
        CanonicalEvent event = receiver.receive(greenhouse, greenhouseRequest(body, "sha256 " + hex(hmac(GH_SECRET, body)), "evt-1"));

        assertThat(event.eventType()).isEqualTo("STAGE_CHANGED");
        assertThat(event.vendorEventType()).isEqualTo("candidate_stage_change");
        assertThat(event.deliveryKey()).isEqualTo("evt-1");
        assertThat(event.refs()).containsExactly(
                new CanonicalEvent.Ref("CANDIDATE", "265772"),
                new CanonicalEvent.Ref("APPLICATION", "265277"),
                new CanonicalEvent.Ref("REQUISITION", "3485"));
    }

    @Test
    void greenhouseSignatureIsOverTheEscapedBytesAsSent() {
        byte[] body = "{\"action\":\"update_candidate\",\"payload\":{\"candidate\":{\"id\":7,\"title\":\"\\u003cb\\u003eLead\\u003c/b\\u003e\"}}}"
                .getBytes(StandardCharsets.UTF_8);
        CanonicalEvent event = receiver.receive(greenhouse, greenhouseRequest(body, "sha256 " + hex(hmac(GH_SECRET, body)), "evt-2"));
        assertThat(event.eventType()).isEqualTo("CANDIDATE_UPDATED");

        byte[] unescaped = "{\"action\":\"update_candidate\",\"payload\":{\"candidate\":{\"id\":7,\"title\":\"<b>Lead</b>\"}}}"
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> receiver.receive(greenhouse, greenhouseRequest(unescaped, "sha256 " + hex(hmac(GH_SECRET, body)), "evt-2")))
                .isInstanceOfSatisfying(WebhookRejection.class, r -> {
                    assertThat(r.status()).isEqualTo(401);
                    assertThat(r.reason()).isEqualTo("SIGNATURE_INVALID");
                    assertThat(r.detail()).contains("gh-acme", "header Signature", "greenhouse-sha256")
                            .doesNotContain(new String(GH_SECRET, StandardCharsets.UTF_8));
                });
    }

    @Test
    void everyDocumentedGreenhouseFixtureTranslates() throws Exception {
        Map<String, String> expected = Map.of(
                "greenhouse_webhook_new_candidate_application.json", "APPLICATION_CREATED",
                "greenhouse_webhook_delete_application.json", "APPLICATION_DELETED",
                "greenhouse_webhook_job_created.json", "JOB_CHANGED",
                "greenhouse_webhook_offer_created.json", "OFFER_CHANGED");
        for (Map.Entry<String, String> fixture : expected.entrySet()) {
            byte[] body = VendorFixtures.bytes(fixture.getKey());
            CanonicalEvent event = receiver.receive(greenhouse,
                    greenhouseRequest(body, "sha256 " + hex(hmac(GH_SECRET, body)), fixture.getKey()));
            assertThat(event.eventType()).as(fixture.getKey()).isEqualTo(fixture.getValue());
        }
    }

    @Test
    void greenhouseBadRequestsAreRefusedWithReasons() {
        byte[] body = "{\"action\":\"hire_candidate\",\"payload\":{}}".getBytes(StandardCharsets.UTF_8);
        String good = "sha256 " + hex(hmac(GH_SECRET, body));
        assertRejected(greenhouse, greenhouseRequest(body, null, "e"), 401, "SIGNATURE_MISSING");
        assertRejected(greenhouse, greenhouseRequest(body, "sha1 abc", "e"), 401, "SIGNATURE_MALFORMED");
        assertRejected(greenhouse, greenhouseRequest(body, "sha256 zz", "e"), 401, "SIGNATURE_MALFORMED");
        assertRejected(greenhouse, greenhouseRequest(body, good, null), 400, "DELIVERY_KEY_MISSING");
        byte[] noAction = "{\"payload\":{}}".getBytes(StandardCharsets.UTF_8);
        assertRejected(greenhouse, greenhouseRequest(noAction, "sha256 " + hex(hmac(GH_SECRET, noAction)), "e"), 400, "FIELD_MISSING");
        byte[] broken = "{\"action\":".getBytes(StandardCharsets.UTF_8);
        assertRejected(greenhouse, greenhouseRequest(broken, "sha256 " + hex(hmac(GH_SECRET, broken)), "e"), 400, "BODY_MALFORMED");
        Map<String, String> textPlain = new HashMap<>(greenhouseRequest(body, good, "e").headers());
        textPlain.put("content-type", "text/plain");
        assertRejected(greenhouse, new WebhookRequest("gh-acme", body, textPlain, Instant.now()), 415, "CONTENT_TYPE_UNSUPPORTED");
        WebhookConnection disabled = new WebhookConnection("gh-acme", "acme", "GREENHOUSE", false, List.of(GH_SECRET));
        assertRejected(disabled, greenhouseRequest(body, good, "e"), 403, "CONNECTION_DISABLED");
        WebhookConnection lever = new WebhookConnection("lv-acme", "acme", "WORKDAY", true, List.of(GH_SECRET));
        assertRejected(lever, greenhouseRequest(body, good, "e"), 422, "VENDOR_NOT_SUPPORTED");
    }

    @Test
    void standardWebhooksInterviewCompletedIsVerifiedAndTranslated() {
        byte[] body = "{\"type\":\"interview.completed\",\"timestamp\":\"2026-11-22T10:00:00Z\",\"data\":{\"interview_id\":\"int_42\"}}"
                .getBytes(StandardCharsets.UTF_8);
        long now = Instant.now().getEpochSecond();
        CanonicalEvent event = receiver.receive(aiVendor, standardRequest(body, "msg_1", now, sign("msg_1", now, body)));
        assertThat(event.eventType()).isEqualTo("INTERVIEW_COMPLETED");
        assertThat(event.refs()).containsExactly(new CanonicalEvent.Ref("INTERVIEW", "int_42"));
        assertThat(event.deliveryKey()).isEqualTo("msg_1");
        assertThat(event.occurTime()).isEqualTo(Instant.parse("2026-11-22T10:00:00Z"));

        // Several signatures in one header (the sender rotating its key): any valid one is enough.
        CanonicalEvent rotated = receiver.receive(aiVendor, standardRequest(body, "msg_1", now,
                "v1,AAAA " + sign("msg_1", now, body)));
        assertThat(rotated.eventType()).isEqualTo("INTERVIEW_COMPLETED");
    }

    @Test
    void standardWebhooksRefusesAVerbatimReplayButTakesTheSendersResignedRetry() {
        byte[] body = "{\"type\":\"interview.completed\",\"data\":{\"interview_id\":\"int_7\"}}".getBytes(StandardCharsets.UTF_8);
        long now = Instant.now().getEpochSecond();
        WebhookRequest first = standardRequest(body, "msg_7", now, sign("msg_7", now, body));
        CanonicalEvent event = receiver.receive(aiVendor, first);
        assertThat(receiver.check(aiVendor, first, event)).isEqualTo(WebhookReceiver.Delivery.NEW);
        receiver.accepted(aiVendor, first, event);

        // The captured request sent again: same id, same timestamp, same signature.
        WebhookRequest replay = standardRequest(body, "msg_7", now, sign("msg_7", now, body));
        CanonicalEvent replayed = receiver.receive(aiVendor, replay);
        assertThatThrownBy(() -> receiver.check(aiVendor, replay, replayed))
                .isInstanceOfSatisfying(WebhookRejection.class, r -> {
                    assertThat(r.status()).isEqualTo(409);
                    assertThat(r.reason()).isEqualTo("DELIVERY_REPLAYED");
                    assertThat(r.detail()).contains("msg_7", String.valueOf(now)).doesNotContain(SW_SECRET);
                });
        // The sender's retry is signed anew with its own timestamp: it goes on (the inbox answers it as a duplicate).
        WebhookRequest retry = standardRequest(body, "msg_7", now - 1, sign("msg_7", now - 1, body));
        assertThat(receiver.check(aiVendor, retry, receiver.receive(aiVendor, retry))).isEqualTo(WebhookReceiver.Delivery.NEW);
        // Greenhouse retries with the very bytes it sent first: nothing is held here, the inbox deduplicates.
        assertThat(receiver.check(greenhouse, replay, event)).isEqualTo(WebhookReceiver.Delivery.NEW);
    }

    @Test
    void standardWebhooksRefusesStaleTamperedAndUnsigned() {
        byte[] body = "{\"type\":\"interview.completed\",\"data\":{\"interview_id\":\"int_42\"}}".getBytes(StandardCharsets.UTF_8);
        long now = Instant.now().getEpochSecond();
        long stale = now - 600;
        assertRejected(aiVendor, standardRequest(body, "msg_2", stale, sign("msg_2", stale, body)), 401, "TIMESTAMP_OUT_OF_WINDOW");
        assertRejected(aiVendor, standardRequest(body, "msg_2", now, sign("msg_other", now, body)), 401, "SIGNATURE_INVALID");
        assertRejected(aiVendor, standardRequest(body, "msg_2", now, null), 401, "SIGNATURE_MISSING");
        byte[] noId = "{\"type\":\"interview.completed\",\"data\":{}}".getBytes(StandardCharsets.UTF_8);
        assertRejected(aiVendor, standardRequest(noId, "msg_3", now, sign("msg_3", now, noId)), 400, "FIELD_MISSING");
    }

    @Test
    void standardWebhooksUsesTheConfiguredTimestampWindow() {
        byte[] body = "{\"type\":\"interview.completed\",\"data\":{\"interview_id\":\"int_7\"}}".getBytes(StandardCharsets.UTF_8);
        long twoMinutesAgo = Instant.now().getEpochSecond() - 120;
        WebhookRequest request = standardRequest(body, "msg_w", twoMinutesAgo, sign("msg_w", twoMinutesAgo, body));

        assertThat(receiver.receive(aiVendor, request).eventType()).isEqualTo("INTERVIEW_COMPLETED");
        WebhookReceiver strict = new WebhookReceiver(java.time.Duration.ofMinutes(1), WebhookReceiver.DEFAULT_RETRY_HORIZONS);
        assertThatThrownBy(() -> strict.receive(aiVendor, request))
                .isInstanceOfSatisfying(WebhookRejection.class, r -> {
                    assertThat(r.status()).isEqualTo(401);
                    assertThat(r.reason()).isEqualTo("TIMESTAMP_OUT_OF_WINDOW");
                    assertThat(r.detail()).contains("allowed: 60 s");
                });
    }

    private void assertRejected(WebhookConnection connection, WebhookRequest request, int status, String reason) {
        assertThatThrownBy(() -> receiver.receive(connection, request))
                .isInstanceOfSatisfying(WebhookRejection.class, r -> {
                    assertThat(r.status()).isEqualTo(status);
                    assertThat(r.reason()).isEqualTo(reason);
                });
    }

    private static WebhookRequest greenhouseRequest(byte[] body, String signature, String eventId) {
        Map<String, String> headers = new HashMap<>();
        headers.put("content-type", "application/json");
        if (signature != null) {
            headers.put("signature", signature);
        }
        if (eventId != null) {
            headers.put("greenhouse-event-id", eventId);
        }
        return new WebhookRequest("gh-acme", body, headers, Instant.now());
    }

    private static WebhookRequest standardRequest(byte[] body, String id, long timestamp, String signature) {
        Map<String, String> headers = new HashMap<>();
        headers.put("content-type", "application/json");
        headers.put("webhook-id", id);
        headers.put("webhook-timestamp", String.valueOf(timestamp));
        if (signature != null) {
            headers.put("webhook-signature", signature);
        }
        return new WebhookRequest("ai-acme", body, headers, Instant.now());
    }

    private static String sign(String id, long timestamp, byte[] body) {
        byte[] key = Base64.getDecoder().decode(SW_SECRET.substring("whsec_".length()));
        byte[] prefix = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
        byte[] content = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, content, 0, prefix.length);
        System.arraycopy(body, 0, content, prefix.length, body.length);
        return "v1," + Base64.getEncoder().encodeToString(hmac(key, content));
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
