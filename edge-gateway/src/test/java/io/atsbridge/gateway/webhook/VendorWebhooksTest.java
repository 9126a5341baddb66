package io.atsbridge.gateway.webhook;

import com.fasterxml.jackson.databind.json.JsonMapper;
import io.atsbridge.connectors.smartrecruiters.SmartRecruitersSignature;
import io.atsbridge.connectors.webhook.CanonicalEvent;
import io.atsbridge.connectors.webhook.Hmac;
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

/** Every vendor's signature scheme and translation, with documented payloads signed exactly as each vendor signs. */
class VendorWebhooksTest {

    private static final String SECRET = "vendor-webhook-secret-0123456789";

    private final WebhookReceiver receiver = new WebhookReceiver();

    // ---- Lever ----

    @Test
    void leverFixtureSignedOverTokenAndTriggeredAtIsAcceptedAndTranslated() throws Exception {
        String fixture = VendorFixtures.text("lever_webhook_candidateStageChange.fixed.json");
        String token = "be58f711f349c7780e4579cd7c63341ac6f881e4dccc3154";
        byte[] body = fixture.replace("28e3fbb90ce869c3695c4a9559ff43eae998389a48b42c509d1adbeea0897c16",
                hex(hmac(SECRET, token + "1431454330072"))).getBytes(StandardCharsets.UTF_8);
        Instant justAfter = Instant.ofEpochMilli(1431454330072L).plusSeconds(3);

        CanonicalEvent event = receiver.receive(connection("LEVER"), request(body, Map.of(), justAfter));

        assertThat(event.eventType()).isEqualTo("STAGE_CHANGED");
        assertThat(event.vendorEventType()).isEqualTo("candidateStageChange");
        assertThat(event.deliveryKey()).isEqualTo(token);
        assertThat(event.occurTime()).isEqualTo(Instant.ofEpochMilli(1431454330072L));
        assertThat(event.refs()).containsExactly(
                new CanonicalEvent.Ref("CANDIDATE", "05c248f9-ccb1-435f-bab5-0ec608aec263"),
                new CanonicalEvent.Ref("APPLICATION", "3410c8b9-5c31-4bab-b7e9-9f710206d647"));
    }

    @Test
    void leverRefusesStaleForgedAndUnsignedAndRemembersAcceptedTokens() {
        long now = System.currentTimeMillis();
        String token = "t".repeat(48);
        byte[] good = leverBody("candidateHired", token, now, hex(hmac(SECRET, token + now)));
        WebhookRequest first = request(good, Map.of(), Instant.ofEpochMilli(now));
        CanonicalEvent event = receiver.receive(connection("LEVER"), first);
        assertThat(event.eventType()).isEqualTo("HIRED");
        assertThat(receiver.check(connection("LEVER"), first, event)).isEqualTo(WebhookReceiver.Delivery.NEW);
        receiver.accepted(connection("LEVER"), first, event);
        // Lever's retry carries the same bytes: acknowledged, not stored again.
        assertThat(receiver.check(connection("LEVER"), request(good, Map.of(), Instant.ofEpochMilli(now)), event))
                .isEqualTo(WebhookReceiver.Delivery.RETRY);
        // The same token and signature carrying other data (the signature does not cover it) is refused.
        byte[] tampered = new String(good, StandardCharsets.UTF_8).replace("\"opp-1\"", "\"opp-2\"")
                .getBytes(StandardCharsets.UTF_8);
        WebhookRequest reuse = request(tampered, Map.of(), Instant.ofEpochMilli(now));
        CanonicalEvent reused = receiver.receive(connection("LEVER"), reuse);
        assertThatThrownBy(() -> receiver.check(connection("LEVER"), reuse, reused))
                .isInstanceOfSatisfying(WebhookRejection.class, r -> {
                    assertThat(r.status()).isEqualTo(409);
                    assertThat(r.reason()).isEqualTo("TOKEN_REUSED");
                    assertThat(r.detail()).contains(token, "other content").doesNotContain(SECRET);
                });
        // The record is per connection.
        assertThat(receiver.check(new WebhookConnection("lv-other", "acme", "LEVER", true, secrets()), reuse, reused))
                .isEqualTo(WebhookReceiver.Delivery.NEW);

        long ahead = now + 6 * 60_000;
        assertRejected("LEVER", leverBody("candidateHired", token, ahead, hex(hmac(SECRET, token + ahead))), Map.of(),
                401, "TIMESTAMP_OUT_OF_WINDOW");
        long weeksAgo = now - 15L * 24 * 3_600_000;
        assertRejected("LEVER", leverBody("candidateHired", token, weeksAgo, hex(hmac(SECRET, token + weeksAgo))), Map.of(),
                401, "TIMESTAMP_OUT_OF_WINDOW");
        assertRejected("LEVER", leverBody("candidateHired", token, now, hex(hmac(SECRET, "other" + now))), Map.of(),
                401, "SIGNATURE_INVALID");
        assertRejected("LEVER", leverBody("candidateHired", token, now, null), Map.of(), 401, "SIGNATURE_MISSING");
        assertRejected("LEVER", leverBody("candidateHired", token, now, "not-hex"), Map.of(), 401, "SIGNATURE_MALFORMED");
        assertRejected("LEVER", "{\"event\":".getBytes(StandardCharsets.UTF_8), Map.of(), 400, "BODY_MALFORMED");
    }

    /**
     * Each Lever webhook, one event each, has its own signature token (help.lever.co: "A Webhook signature token for
     * each created Webhook"; "Create a webhook" returns it as configuration.signatureToken, whose documented example
     * signs the documented candidateStageChange delivery here). A token verifies its own event's deliveries only.
     */
    @Test
    void aLeverSignatureTokenVerifiesOnlyTheDeliveriesOfItsOwnEvent() throws Exception {
        String documentedToken = JsonMapper.builder().build().readTree(VendorFixtures.bytes("lever_api_create_webhook_response.json"))
                .at("/data/data/configuration/signatureToken").asText();
        assertThat(documentedToken).hasSize(48);
        String hiredToken = "hired-webhook-signature-token-0123456789abcdef01";
        WebhookConnection lever = new WebhookConnection("lv-acme", "acme", "LEVER", true, List.of(), Map.of(
                "candidateStageChange", List.of(documentedToken.getBytes(StandardCharsets.UTF_8)),
                "candidateHired", List.of(hiredToken.getBytes(StandardCharsets.UTF_8))));
        String token = "be58f711f349c7780e4579cd7c63341ac6f881e4dccc3154";
        String fixture = VendorFixtures.text("lever_webhook_candidateStageChange.fixed.json")
                .replace("28e3fbb90ce869c3695c4a9559ff43eae998389a48b42c509d1adbeea0897c16",
                        hex(hmac(documentedToken, token + "1431454330072")));
        Instant justAfter = Instant.ofEpochMilli(1431454330072L).plusSeconds(3);

        assertThat(receiver.receive(lever, request(fixture.getBytes(StandardCharsets.UTF_8), Map.of(), justAfter)).eventType())
                .isEqualTo("STAGE_CHANGED");
        // The stage change's token and signature presented as another event (neither is signed) verify nothing.
        byte[] asHired = fixture.replace("\"candidateStageChange\"", "\"candidateHired\"").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> receiver.receive(lever, request(asHired, Map.of(), justAfter)))
                .isInstanceOfSatisfying(WebhookRejection.class, r -> {
                    assertThat(r.status()).isEqualTo(401);
                    assertThat(r.reason()).isEqualTo("SIGNATURE_INVALID");
                    assertThat(r.detail()).contains("candidateHired", "webhook-event-secrets").doesNotContain(documentedToken, hiredToken);
                });
        // The hired webhook's own token verifies it.
        byte[] hired = fixture.replace("\"candidateStageChange\"", "\"candidateHired\"")
                .replace(hex(hmac(documentedToken, token + "1431454330072")), hex(hmac(hiredToken, token + "1431454330072")))
                .getBytes(StandardCharsets.UTF_8);
        assertThat(receiver.receive(lever, request(hired, Map.of(), justAfter)).eventType()).isEqualTo("HIRED");
        // An event whose webhook's token atsbridge was not given is refused, saying which setting to add it to.
        byte[] contact = fixture.replace("\"candidateStageChange\"", "\"contactUpdated\"").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> receiver.receive(lever, request(contact, Map.of(), justAfter)))
                .isInstanceOfSatisfying(WebhookRejection.class, r -> {
                    assertThat(r.status()).isEqualTo(401);
                    assertThat(r.reason()).isEqualTo("EVENT_SECRET_MISSING");
                    assertThat(r.detail()).contains("contactUpdated:<token>", "atsbridge.connections.acme-conn.webhook-event-secrets");
                });
    }

    /**
     * Whether Lever's retries and a manual Rerun keep the original token and triggeredAt is not documented. A delivery
     * older than the timestamp window is let through as a possible late retry within the horizon (the inbox stores a
     * token once, so it is stored only if its token never was), refused beyond it; with the horizon at most the
     * window, the window alone decides.
     */
    @Test
    void anOlderLeverDeliveryIsTakenAsALateRetryWithinTheHorizonOnly() throws Exception {
        String token = "be58f711f349c7780e4579cd7c63341ac6f881e4dccc3154";
        byte[] body = VendorFixtures.text("lever_webhook_candidateStageChange.fixed.json")
                .replace("28e3fbb90ce869c3695c4a9559ff43eae998389a48b42c509d1adbeea0897c16", hex(hmac(SECRET, token + "1431454330072")))
                .getBytes(StandardCharsets.UTF_8);
        Instant triggeredAt = Instant.ofEpochMilli(1431454330072L);
        WebhookConnection lever = connection("LEVER");

        // An hour late (Lever waits "longer and longer" between its five retries): taken, as new.
        WebhookRequest late = request(body, Map.of(), triggeredAt.plus(java.time.Duration.ofHours(1)));
        CanonicalEvent event = receiver.receive(lever, late);
        assertThat(event.deliveryKey()).isEqualTo(token);
        assertThat(receiver.check(lever, late, event)).isEqualTo(WebhookReceiver.Delivery.NEW);
        receiver.accepted(lever, late, event);
        // Its next retry, later still, is known: acknowledged without being stored again.
        WebhookRequest later = request(body, Map.of(), triggeredAt.plus(java.time.Duration.ofHours(3)));
        assertThat(receiver.check(lever, later, receiver.receive(lever, later))).isEqualTo(WebhookReceiver.Delivery.RETRY);
        // Beyond two weeks (Lever's delivery history to rerun from) it is a replay.
        assertThatThrownBy(() -> receiver.receive(lever, request(body, Map.of(), triggeredAt.plus(java.time.Duration.ofDays(15)))))
                .isInstanceOfSatisfying(WebhookRejection.class, r -> {
                    assertThat(r.reason()).isEqualTo("TIMESTAMP_OUT_OF_WINDOW");
                    assertThat(r.detail()).contains("lever-retry-horizon");
                });
        // Configured off: the window alone decides.
        WebhookReceiver strict = new WebhookReceiver(java.time.Duration.ofMinutes(5), Map.of());
        assertThatThrownBy(() -> strict.receive(lever, late))
                .isInstanceOfSatisfying(WebhookRejection.class, r -> assertThat(r.detail()).contains("allowed: 300 s"));
        assertThat(strict.receive(lever, request(body, Map.of(), triggeredAt.plusSeconds(60))).eventType()).isEqualTo("STAGE_CHANGED");
    }

    @Test
    void leverArchiveChangeIsRejectionOrItsUndoing() {
        long now = System.currentTimeMillis();
        String archived = "{\"event\":\"candidateArchiveChange\",\"triggeredAt\":" + now + ",\"token\":\"tok-a\",\"signature\":\""
                + hex(hmac(SECRET, "tok-a" + now)) + "\",\"data\":{\"opportunityId\":\"o1\",\"toArchived\":{\"reason\":\"r1\"},\"fromArchived\":null}}";
        String restored = "{\"event\":\"candidateArchiveChange\",\"triggeredAt\":" + now + ",\"token\":\"tok-b\",\"signature\":\""
                + hex(hmac(SECRET, "tok-b" + now)) + "\",\"data\":{\"opportunityId\":\"o1\",\"toArchived\":null,\"fromArchived\":{\"reason\":\"r1\"}}}";
        assertThat(receiver.receive(connection("LEVER"), request(archived.getBytes(StandardCharsets.UTF_8), Map.of(), Instant.now()))
                .eventType()).isEqualTo("REJECTED");
        assertThat(receiver.receive(connection("LEVER"), request(restored.getBytes(StandardCharsets.UTF_8), Map.of(), Instant.now()))
                .eventType()).isEqualTo("UNREJECTED");
    }

    // ---- Ashby ----

    @Test
    void ashbyEnvelopeFromTheDocsWithDataFilledInIsAcceptedAndTranslated() throws Exception {
        String envelope = VendorFixtures.text("ashby_webhook_common_payload_candidateStageChange.json");
        byte[] body = envelope.replace("{...}", "{\"application\":{\"id\":\"app-1\",\"candidate\":{\"id\":\"cand-1\"},"
                + "\"job\":{\"id\":\"job-1\"}}}").getBytes(StandardCharsets.UTF_8);
        CanonicalEvent event = receiver.receive(connection("ASHBY"),
                request(body, Map.of("Ashby-Signature", "sha256=" + hex(hmac(SECRET, body))), Instant.now()));
        assertThat(event.eventType()).isEqualTo("STAGE_CHANGED");
        // webhookActionId is shared by the related webhooks of one change: the action keeps them apart.
        assertThat(event.deliveryKey()).isEqualTo("75395d87-4044-4dc4-bc29-0cec185e5f06/candidateStageChange");
        assertThat(event.refs()).containsExactly(new CanonicalEvent.Ref("CANDIDATE", "cand-1"),
                new CanonicalEvent.Ref("APPLICATION", "app-1"), new CanonicalEvent.Ref("REQUISITION", "job-1"));
        assertThat(receiver.successStatus(connection("ASHBY"))).isEqualTo(200);
        byte[] related = new String(body, StandardCharsets.UTF_8).replace("\"candidateStageChange\"", "\"applicationUpdate\"")
                .getBytes(StandardCharsets.UTF_8);
        CanonicalEvent update = receiver.receive(connection("ASHBY"),
                request(related, Map.of("Ashby-Signature", "sha256=" + hex(hmac(SECRET, related))), Instant.now()));
        assertThat(update.vendorEventType()).isEqualTo("applicationUpdate");
        assertThat(update.deliveryKey()).isEqualTo("75395d87-4044-4dc4-bc29-0cec185e5f06/applicationUpdate");
    }

    @Test
    void ashbyActionsMapAndBadRequestsAreRefused() throws Exception {
        Map<String, String> expected = Map.of("applicationSubmit", "APPLICATION_CREATED", "candidateHire", "HIRED",
                "candidateDelete", "CANDIDATE_DELETED", "jobPostingPublish", "JOB_CHANGED",
                "offerCreate", "OFFER_CHANGED", "surveySubmit", "OTHER");
        for (Map.Entry<String, String> action : expected.entrySet()) {
            byte[] body = ("{\"webhookActionId\":\"w-" + action.getKey() + "\",\"action\":\"" + action.getKey() + "\",\"data\":{}}")
                    .getBytes(StandardCharsets.UTF_8);
            assertThat(receiver.receive(connection("ASHBY"), request(body,
                    Map.of("Ashby-Signature", "sha256=" + hex(hmac(SECRET, body))), Instant.now())).eventType())
                    .as(action.getKey()).isEqualTo(action.getValue());
        }
        // The published envelope elides data as {...}: not JSON, so refused even when correctly signed.
        byte[] published = VendorFixtures.bytes("ashby_webhook_common_payload_candidateStageChange.json");
        assertRejected("ASHBY", published, Map.of("Ashby-Signature", "sha256=" + hex(hmac(SECRET, published))), 400, "BODY_MALFORMED");
        byte[] body = "{\"webhookActionId\":\"w\",\"action\":\"ping\"}".getBytes(StandardCharsets.UTF_8);
        assertRejected("ASHBY", body, Map.of(), 401, "SIGNATURE_MISSING");
        assertRejected("ASHBY", body, Map.of("Ashby-Signature", hex(hmac(SECRET, body))), 401, "SIGNATURE_MALFORMED");
        assertRejected("ASHBY", body, Map.of("Ashby-Signature", "sha256=" + hex(hmac("wrong-secret-0123456789", body))), 401,
                "SIGNATURE_INVALID");
        byte[] noId = "{\"action\":\"ping\"}".getBytes(StandardCharsets.UTF_8);
        assertRejected("ASHBY", noId, Map.of("Ashby-Signature", "sha256=" + hex(hmac(SECRET, noId))), 400, "DELIVERY_KEY_MISSING");
    }

    @Test
    void ashbyCandidateMergeFromTheOpenApiSchemaNamesTheSurvivingThenTheDeletedCandidate() throws Exception {
        byte[] body = VendorFixtures.bytes("ashby_webhook_candidateMerge.schema.json");
        CanonicalEvent event = receiver.receive(connection("ASHBY"),
                request(body, Map.of("Ashby-Signature", "sha256=" + hex(hmac(SECRET, body))), Instant.now()));

        assertThat(event.eventType()).isEqualTo("CANDIDATE_MERGED");
        assertThat(event.vendorEventType()).isEqualTo("candidateMerge");
        assertThat(event.deliveryKey()).isEqualTo("f3a1c2d4-5b6e-4f70-8a91-b2c3d4e5f607/candidateMerge");
        // data.mergedCandidate is the record Ashby kept: first, as VendorEvent.external_refs asks for merges.
        assertThat(event.refs()).containsExactly(
                new CanonicalEvent.Ref("CANDIDATE", "5b591aed-88e3-4395-b9c6-7d529f93354a"),
                new CanonicalEvent.Ref("CANDIDATE", "0f3e1c5a-2b7d-4e8f-9a6b-1c2d3e4f5a6b"));

        // A merge naming only one side, or one candidate twice, cannot be acted on: refused, nothing stored.
        String fixture = new String(body, StandardCharsets.UTF_8);
        byte[] noSurvivor = fixture.replace("\"mergedCandidate\"", "\"otherCandidate\"").getBytes(StandardCharsets.UTF_8);
        assertRejected("ASHBY", noSurvivor, Map.of("Ashby-Signature", "sha256=" + hex(hmac(SECRET, noSurvivor))), 400,
                "FIELD_MISSING");
        byte[] noDeleted = fixture.replace("\"deletedCandidate\"", "\"candidate\"").getBytes(StandardCharsets.UTF_8);
        assertRejected("ASHBY", noDeleted, Map.of("Ashby-Signature", "sha256=" + hex(hmac(SECRET, noDeleted))), 400,
                "FIELD_MISSING");
        byte[] itself = fixture.replace("0f3e1c5a-2b7d-4e8f-9a6b-1c2d3e4f5a6b", "5b591aed-88e3-4395-b9c6-7d529f93354a")
                .getBytes(StandardCharsets.UTF_8);
        assertRejected("ASHBY", itself, Map.of("Ashby-Signature", "sha256=" + hex(hmac(SECRET, itself))), 400,
                "FIELD_INVALID");
    }

    // ---- SmartRecruiters ----

    @Test
    void smartRecruitersSignatureIsReproducedFromItsDocumentedInputs() {
        // The documented inputs: key, timestamp (s), body, event-id, event-name, event-version and the Link
        // header with its angle brackets, joined with '.', signed with HMAC-SHA256 and hex encoded.
        long timestamp = Instant.now().getEpochSecond();
        String body = "{\"id\":\"3fa85f64-5717-4562-b3fc-2c963f66afa6\"}";
        String eventId = "0c6b0b1a-7b59-4a0f-9d1e-2b6a3f5e8c11";
        String link = "<https://api.smartrecruiters.com/candidates/3fa85f64-5717-4562-b3fc-2c963f66afa6>; rel=\"candidate\"";
        String signed = timestamp + "." + body + "." + eventId + ".application.created.v1." + link;
        String signature = hex(hmac(SECRET, signed));
        assertThat(hex(Hmac.sha256(SECRET.getBytes(StandardCharsets.UTF_8), SmartRecruitersSignature.signedContent(
                String.valueOf(timestamp), body.getBytes(StandardCharsets.UTF_8), eventId, "application.created", "v1", link))))
                .isEqualTo(signature);

        Map<String, String> headers = srHeaders(timestamp, "v1=" + hex(hmac("old-key-being-rotated-out", signed)) + ";v1=" + signature,
                eventId, "application.created", link);
        CanonicalEvent event = receiver.receive(connection("SMARTRECRUITERS"),
                request(body.getBytes(StandardCharsets.UTF_8), headers, Instant.now()));
        assertThat(event.eventType()).isEqualTo("APPLICATION_CREATED");
        assertThat(event.deliveryKey()).isEqualTo(eventId);
        assertThat(receiver.successStatus(connection("SMARTRECRUITERS"))).isEqualTo(202);

        // Without the angle brackets (as the rendered docs show the Link) the signature does not match.
        Map<String, String> stripped = new HashMap<>(headers);
        stripped.put("link", link.replace("<", "").replace(">", ""));
        assertRejected("SMARTRECRUITERS", body.getBytes(StandardCharsets.UTF_8), stripped, 401, "SIGNATURE_INVALID");
    }

    @Test
    void smartRecruitersMissingHeadersSignAsEmptyAndStaleOrBadRequestsAreRefused() {
        long now = Instant.now().getEpochSecond();
        byte[] body = "{\"id\":\"j-1\"}".getBytes(StandardCharsets.UTF_8);
        String signed = now + "." + new String(body, StandardCharsets.UTF_8) + ".e-1.job.updated.v1.";
        Map<String, String> headers = srHeaders(now, "v1=" + hex(hmac(SECRET, signed)), "e-1", "job.updated", null);
        CanonicalEvent event = receiver.receive(connection("SMARTRECRUITERS"), request(body, headers, Instant.now()));
        assertThat(event.eventType()).isEqualTo("JOB_CHANGED");
        assertThat(event.refs()).containsExactly(new CanonicalEvent.Ref("REQUISITION", "j-1"));

        // An hour old is a possible redelivery (SmartRecruiters backs off up to 24 h between its 10 attempts, and
        // does not say whether it signs them anew): taken; the inbox stores event-id e-1 once.
        long hourOld = now - 3600;
        String lateSigned = hourOld + "." + new String(body, StandardCharsets.UTF_8) + ".e-1.job.updated.v1.";
        assertThat(receiver.receive(connection("SMARTRECRUITERS"), request(body, srHeaders(hourOld,
                "v1=" + hex(hmac(SECRET, lateSigned)), "e-1", "job.updated", null), Instant.now())).deliveryKey()).isEqualTo("e-1");
        // Older than the seven-day horizon, or ahead of now beyond the window: a replay.
        long stale = now - 8 * 24 * 3600;
        String staleSigned = stale + "." + new String(body, StandardCharsets.UTF_8) + ".e-1.job.updated.v1.";
        assertThatThrownBy(() -> receiver.receive(connection("SMARTRECRUITERS"), request(body, srHeaders(stale,
                "v1=" + hex(hmac(SECRET, staleSigned)), "e-1", "job.updated", null), Instant.now())))
                .isInstanceOfSatisfying(WebhookRejection.class, r -> {
                    assertThat(r.reason()).isEqualTo("TIMESTAMP_OUT_OF_WINDOW");
                    assertThat(r.detail()).contains("smartrecruiters-retry-horizon");
                });
        long ahead = now + 3600;
        String aheadSigned = ahead + "." + new String(body, StandardCharsets.UTF_8) + ".e-1.job.updated.v1.";
        assertRejected("SMARTRECRUITERS", body, srHeaders(ahead, "v1=" + hex(hmac(SECRET, aheadSigned)), "e-1", "job.updated", null),
                401, "TIMESTAMP_OUT_OF_WINDOW");
        assertRejected("SMARTRECRUITERS", body, srHeaders(now, "v2=abcd", "e-1", "job.updated", null), 401, "SIGNATURE_MALFORMED");
        assertRejected("SMARTRECRUITERS", body, srHeaders(now, null, "e-1", "job.updated", null), 401, "SIGNATURE_MISSING");
        String noIdSigned = now + "." + new String(body, StandardCharsets.UTF_8) + "..job.updated.v1.";
        assertRejected("SMARTRECRUITERS", body, srHeaders(now, "v1=" + hex(hmac(SECRET, noIdSigned)), null, "job.updated", null),
                400, "DELIVERY_KEY_MISSING");
    }

    @Test
    void smartRecruitersHandshakeEchoesTheSecretOnlyWhenUnsignedOnAnEnabledConnection() {
        Map<String, String> handshake = Map.of("X-Hook-Secret", "hook-secret-42");
        assertThat(receiver.handshake(connection("SMARTRECRUITERS"), request(new byte[0], handshake, Instant.now())))
                .contains("hook-secret-42");
        assertThat(receiver.handshake(connection("GREENHOUSE"), request(new byte[0], handshake, Instant.now()))).isEmpty();
        assertThat(receiver.handshake(connection("SMARTRECRUITERS"), request(new byte[0],
                Map.of("X-Hook-Secret", "s", "smartrecruiters-signature", "v1=00"), Instant.now()))).isEmpty();
        WebhookConnection disabled = new WebhookConnection("sr-off", "acme", "SMARTRECRUITERS", false, secrets());
        assertThatThrownBy(() -> receiver.handshake(disabled, request(new byte[0], handshake, Instant.now())))
                .isInstanceOfSatisfying(WebhookRejection.class, r -> assertThat(r.reason()).isEqualTo("CONNECTION_DISABLED"));
    }

    // ---- Workable, JazzHR, BambooHR ----

    @Test
    void workableHexSignatureOverTheBodyKeyedByBodyDigest() {
        byte[] body = "{\"event_type\":\"candidate_moved\",\"data\":{\"id\":\"c-9\",\"job\":{\"shortcode\":\"ABC123\"}}}"
                .getBytes(StandardCharsets.UTF_8);
        CanonicalEvent event = receiver.receive(connection("WORKABLE"),
                request(body, Map.of("X-Workable-Signature", hex(hmac(SECRET, body))), Instant.now()));
        assertThat(event.eventType()).isEqualTo("STAGE_CHANGED");
        assertThat(event.deliveryKey()).isEqualTo(Hmac.sha256Hex(body)).hasSize(64);
        assertThat(event.refs()).containsExactly(new CanonicalEvent.Ref("CANDIDATE", "c-9"), new CanonicalEvent.Ref("REQUISITION", "ABC123"));
        assertRejected("WORKABLE", body, Map.of("X-Workable-Signature", hex(hmac("another-secret-0123456789", body))), 401, "SIGNATURE_INVALID");
        assertRejected("WORKABLE", body, Map.of(), 401, "SIGNATURE_MISSING");
    }

    @Test
    void jazzHrHexSignatureKeyedByItsUuidHeader() {
        byte[] body = "{\"id\":\"prospect_20261122\",\"first_name\":\"Ada\"}".getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = Map.of("X-JazzHR-Signature", hex(hmac(SECRET, body)), "X-JazzHR-UUID", "uuid-1",
                "X-JazzHR-Event", "CANDIDATE-EXPORT");
        CanonicalEvent event = receiver.receive(connection("JAZZHR"), request(body, headers, Instant.now()));
        assertThat(event.deliveryKey()).isEqualTo("uuid-1");
        assertThat(event.vendorEventType()).isEqualTo("CANDIDATE-EXPORT");
        assertThat(event.refs()).containsExactly(new CanonicalEvent.Ref("CANDIDATE", "prospect_20261122"));
        assertRejected("JAZZHR", body, Map.of("X-JazzHR-Signature", hex(hmac(SECRET, body))), 400, "DELIVERY_KEY_MISSING");
        assertRejected("JAZZHR", body, Map.of("X-JazzHR-Signature", "sha256=" + hex(hmac(SECRET, body)), "X-JazzHR-UUID", "u"),
                401, "SIGNATURE_MALFORMED");
    }

    @Test
    void bambooHrSignsBodyThenTimestamp() {
        long now = Instant.now().getEpochSecond();
        byte[] body = "{\"employees\":[{\"id\":\"42\",\"action\":\"Updated\"}]}".getBytes(StandardCharsets.UTF_8);
        String signature = hex(hmac(SECRET, new String(body, StandardCharsets.UTF_8) + now));
        CanonicalEvent event = receiver.receive(connection("BAMBOOHR"), request(body,
                Map.of("X-BambooHR-Signature", signature, "X-BambooHR-Timestamp", String.valueOf(now)), Instant.now()));
        assertThat(event.eventType()).isEqualTo("OTHER");
        assertThat(event.deliveryKey()).isEqualTo(Hmac.sha256Hex(body));
        String reversed = hex(hmac(SECRET, now + new String(body, StandardCharsets.UTF_8)));
        assertRejected("BAMBOOHR", body, Map.of("X-BambooHR-Signature", reversed, "X-BambooHR-Timestamp", String.valueOf(now)),
                401, "SIGNATURE_INVALID");
        long stale = now - 900;
        assertRejected("BAMBOOHR", body, Map.of("X-BambooHR-Signature", hex(hmac(SECRET, new String(body, StandardCharsets.UTF_8) + stale)),
                "X-BambooHR-Timestamp", String.valueOf(stale)), 401, "TIMESTAMP_OUT_OF_WINDOW");
        assertRejected("BAMBOOHR", body, Map.of("X-BambooHR-Signature", signature, "X-BambooHR-Timestamp", "yesterday"),
                401, "TIMESTAMP_INVALID");
    }

    // ---- Teamtailor ----

    @Test
    void teamtailorCompanyV2FixtureSignedOverTheStringifiedPayloadIsAccepted() throws Exception {
        byte[] pretty = VendorFixtures.bytes("teamtailor_company_webhook_job.update.json");
        JsonMapper mapper = JsonMapper.builder().build();
        // JSON.stringify(payload): compact, keys in order — what Teamtailor signs.
        String stringified = mapper.writeValueAsString(mapper.readTree(pretty).get("payload"));
        long t = Instant.now().getEpochSecond();
        String header = Base64.getEncoder().encodeToString(("t=" + t + ",v2=" + hex(hmac(SECRET, t + "." + stringified)))
                .getBytes(StandardCharsets.UTF_8));

        CanonicalEvent event = receiver.receive(connection("TEAMTAILOR"), request(pretty, Map.of("TT-Signature", header), Instant.now()));
        assertThat(event.eventType()).isEqualTo("JOB_CHANGED");
        assertThat(event.vendorEventType()).isEqualTo("job.update");
        assertThat(event.refs()).containsExactly(new CanonicalEvent.Ref("REQUISITION", "2"));
        assertThat(event.deliveryKey()).isEqualTo(Hmac.sha256Hex(pretty));

        // Sent compact, the payload substring as sent is what was signed.
        byte[] compact = ("{\"payload\":" + stringified + ",\"signature\":\"x\"}").getBytes(StandardCharsets.UTF_8);
        assertThat(receiver.receive(connection("TEAMTAILOR"), request(compact, Map.of("TT-Signature", header), Instant.now()))
                .eventType()).isEqualTo("JOB_CHANGED");

        // The fixture's own legacy v1 signature is refused: it covers the data id only.
        String legacy = mapper.readTree(pretty).get("signature").asText();
        assertRejected("TEAMTAILOR", pretty, Map.of("TT-Signature", legacy), 401, "SIGNATURE_MALFORMED");
        String tampered = new String(pretty, StandardCharsets.UTF_8).replace("IT Designer 1", "IT Designer 2");
        assertRejected("TEAMTAILOR", tampered.getBytes(StandardCharsets.UTF_8), Map.of("TT-Signature", header), 401, "SIGNATURE_INVALID");
    }

    @Test
    void teamtailorPartnerFixtureSignedOverTimestampAndEventId() throws Exception {
        byte[] body = VendorFixtures.bytes("teamtailor_partner_webhook_partner-event.json");
        long t = Instant.now().getEpochSecond();
        String header = "t=" + t + ",v1=" + hex(hmac(SECRET, t + ".f3d7e8e2-da33-4c10-ae5f-0e7f4d46f6d7")) + ",v0=abcdef";
        CanonicalEvent event = receiver.receive(connection("TEAMTAILOR"), request(body, Map.of("Teamtailor-Signature", header), Instant.now()));
        assertThat(event.deliveryKey()).isEqualTo("f3d7e8e2-da33-4c10-ae5f-0e7f4d46f6d7");
        assertThat(event.vendorEventType()).isEqualTo("partner-event");
        assertThat(event.refs()).containsExactly(new CanonicalEvent.Ref("CANDIDATE", "54321"), new CanonicalEvent.Ref("REQUISITION", "12345"));

        // An hour old is a possible retry (taken, stored once by its event id); two days old is a replay.
        long late = t - 3600;
        assertThat(receiver.receive(connection("TEAMTAILOR"), request(body, Map.of("Teamtailor-Signature", "t=" + late + ",v1="
                + hex(hmac(SECRET, late + ".f3d7e8e2-da33-4c10-ae5f-0e7f4d46f6d7"))), Instant.now())).deliveryKey())
                .isEqualTo("f3d7e8e2-da33-4c10-ae5f-0e7f4d46f6d7");
        long stale = t - 2 * 24 * 3600;
        assertRejected("TEAMTAILOR", body, Map.of("Teamtailor-Signature", "t=" + stale + ",v1="
                + hex(hmac(SECRET, stale + ".f3d7e8e2-da33-4c10-ae5f-0e7f4d46f6d7"))), 401, "TIMESTAMP_OUT_OF_WINDOW");
        assertRejected("TEAMTAILOR", body, Map.of(), 401, "SIGNATURE_MISSING");
        assertRejected("TEAMTAILOR", body, Map.of("Teamtailor-Signature", "v1=00"), 401, "SIGNATURE_MALFORMED");
    }

    @Test
    void bodiesBeyondTheParsersLimitsAreMalformedNotAFault() {
        byte[] deep = ("[".repeat(5_000) + "]".repeat(5_000)).getBytes(StandardCharsets.UTF_8);
        assertRejected("ASHBY", deep, Map.of("Ashby-Signature", "sha256=" + hex(hmac(SECRET, deep))), 400, "BODY_MALFORMED");
        assertRejected("LEVER", deep, Map.of(), 400, "BODY_MALFORMED");
    }

    @Test
    void vendorsWithoutPushSignaturesStayUnsupported() {
        for (String vendor : List.of("WORKDAY", "ICIMS", "BULLHORN")) {
            assertRejected(vendor, "{}".getBytes(StandardCharsets.UTF_8), Map.of(), 422, "VENDOR_NOT_SUPPORTED");
        }
    }

    @Test
    void detailsNameConnectionHeaderAndSchemeButNeverTheSecret() {
        byte[] body = "{\"webhookActionId\":\"w\",\"action\":\"ping\"}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> receiver.receive(connection("ASHBY"), request(body,
                Map.of("Ashby-Signature", "sha256=" + hex(hmac("wrong-secret-0123456789", body))), Instant.now())))
                .isInstanceOfSatisfying(WebhookRejection.class, r -> assertThat(r.detail())
                        .contains("acme-conn", "Ashby-Signature", "ashby-sha256").doesNotContain(SECRET));
    }

    private void assertRejected(String vendor, byte[] body, Map<String, String> headers, int status, String reason) {
        assertThatThrownBy(() -> receiver.receive(connection(vendor), request(body, headers, Instant.now())))
                .isInstanceOfSatisfying(WebhookRejection.class, r -> {
                    assertThat(r.status()).as(r.detail()).isEqualTo(status);
                    assertThat(r.reason()).as(r.detail()).isEqualTo(reason);
                    assertThat(r.detail()).doesNotContain(SECRET);
                });
    }

    /** Lever's tokens verify one event each (here the same two for every event); other vendors' secrets any event. */
    private static WebhookConnection connection(String vendor) {
        String id = "acme-" + vendor.toLowerCase(java.util.Locale.ROOT);
        if (vendor.equals("LEVER")) {
            Map<String, List<byte[]>> tokens = new HashMap<>();
            for (String event : List.of("applicationCreated", "candidateHired", "candidateStageChange", "candidateArchiveChange",
                    "candidateDeleted")) {
                tokens.put(event, secrets());
            }
            return new WebhookConnection(id, "acme", vendor, true, List.of(), tokens);
        }
        return new WebhookConnection(id, "acme", vendor, true, secrets());
    }

    private static List<byte[]> secrets() {
        return List.of("older-secret-being-rotated-out".getBytes(StandardCharsets.UTF_8), SECRET.getBytes(StandardCharsets.UTF_8));
    }

    private static WebhookRequest request(byte[] body, Map<String, String> headers, Instant receiveTime) {
        Map<String, String> lower = new HashMap<>();
        lower.put("content-type", "application/json");
        headers.forEach((k, v) -> lower.put(k.toLowerCase(java.util.Locale.ROOT), v));
        return new WebhookRequest("acme-conn", body, lower, receiveTime);
    }

    private static Map<String, String> srHeaders(long timestamp, String signature, String eventId, String eventName, String link) {
        Map<String, String> headers = new HashMap<>();
        headers.put("smartrecruiters-timestamp", String.valueOf(timestamp));
        if (signature != null) {
            headers.put("smartrecruiters-signature", signature);
        }
        if (eventId != null) {
            headers.put("event-id", eventId);
        }
        headers.put("event-name", eventName);
        headers.put("event-version", "v1");
        if (link != null) {
            headers.put("link", link);
        }
        return headers;
    }

    private static byte[] leverBody(String event, String token, long triggeredAt, String signature) {
        return ("{\"event\":\"" + event + "\",\"triggeredAt\":" + triggeredAt + ",\"token\":\"" + token + "\""
                + (signature == null ? "" : ",\"signature\":\"" + signature + "\"")
                + ",\"data\":{\"opportunityId\":\"opp-1\",\"contactId\":\"contact-1\"}}").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] hmac(String key, String data) {
        return hmac(key, data.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] hmac(String key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(data);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
