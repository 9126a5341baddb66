package io.atsbridge.launcher;

import io.atsbridge.platform.testing.TestDatabase;
import io.atsbridge.platform.testing.VendorFixtures;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile webhook requests against the real gateway and the real adapter (its own MariaDB / MySQL
 * database): every one is answered with its status and JSON reason, never a 5xx or a stack trace,
 * and none leaves a row in the adapter's inbox. A few well-signed requests per vendor show the same
 * connections do store.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(CapturedLogs.NoLeaks.class)
class HostileWebhookTest {

    private static final String SECRET = "hostile-test-webhook-secret-0123456789";
    /** lv-hostile's candidateHired webhook token: each Lever webhook (one event each) has its own; SECRET is candidateStageChange's. */
    private static final String LEVER_HIRED_TOKEN = "hostile-test-lever-hired-token-0123456789";
    /** The extra connections the adapter declares for this test, by id. */
    private static final Map<String, String> CONNECTIONS = new LinkedHashMap<>();

    static {
        CONNECTIONS.put("lv-hostile", "LEVER");
        CONNECTIONS.put("ab-hostile", "ASHBY");
        CONNECTIONS.put("sr-hostile", "SMARTRECRUITERS");
        CONNECTIONS.put("wk-hostile", "WORKABLE");
        CONNECTIONS.put("jz-hostile", "JAZZHR");
        CONNECTIONS.put("bh-hostile", "BAMBOOHR");
        CONNECTIONS.put("tt-hostile", "TEAMTAILOR");
        CONNECTIONS.put("sw-hostile", "STANDARD_WEBHOOKS");
        CONNECTIONS.put("wd-hostile", "WORKDAY");
        CONNECTIONS.put("gh-off", "GREENHOUSE");
        CONNECTIONS.put("gh-flood", "GREENHOUSE");
    }

    private final Map<String, TestDatabase> databases = new HashMap<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private DemoEnvironment demo;

    @BeforeAll
    void start() throws Exception {
        Map<String, Map<String, String>> properties = new HashMap<>();
        for (String service : List.of("identity", "mapping", "consent", "audit", "adapter")) {
            TestDatabase database = TestDatabase.create("hostile_" + service);
            databases.put(service, database);
            properties.put(service, new HashMap<>(database.micronautProperties()));
        }
        Map<String, String> adapter = properties.get("adapter");
        CONNECTIONS.forEach((id, vendor) -> {
            String prefix = "atsbridge.connections." + id + ".";
            adapter.put(prefix + "tenant", DemoScenario.TENANT);
            adapter.put(prefix + "vendor", vendor);
            adapter.put(prefix + "kind", "ATS");
            adapter.put(prefix + "base-url", "https://" + id + ".example.invalid");
            if (vendor.equals("LEVER")) {
                adapter.put(prefix + "webhook-event-secrets", "candidateStageChange:" + SECRET + ",candidateHired:" + LEVER_HIRED_TOKEN);
            } else {
                adapter.put(prefix + "webhook-secrets", SECRET);
            }
        });
        adapter.put("atsbridge.connections.gh-off.enabled", "false");
        properties.put("gateway", Map.of(
                "atsbridge.gateway.rate-limit.requests-per-second", "20",
                "atsbridge.gateway.rate-limit.burst", "40",
                // Every request here comes from 127.0.0.1: the junk budget per source is set out of the way, and the
                // one per connection to what the hostile rows need (the flood test spends gh-flood's).
                "atsbridge.gateway.rate-limit.unverified.per-connection-per-second", "20",
                "atsbridge.gateway.rate-limit.unverified.per-connection-burst", "40",
                "atsbridge.gateway.rate-limit.unverified.per-source-per-second", "1000",
                "atsbridge.gateway.rate-limit.unverified.per-source-burst", "1000",
                "micronaut.server.idle-timeout", "2s",
                "atsbridge.gateway.request-deadline", "4s"));
        demo = DemoEnvironment.start(Files.createTempDirectory("atsbridge-hostile"), Map.of(), List.of("US-NY-NYC"), 7L, 0, true,
                properties, Duration.ofSeconds(30));
        CapturedLogs.watch(demo.neverLogged());
        CapturedLogs.watch("a webhook secret of this test's connections", List.of(SECRET, LEVER_HIRED_TOKEN));
    }

    @AfterAll
    void stop() {
        if (demo != null) {
            demo.close();
        }
        databases.values().forEach(TestDatabase::close);
    }

    /** One hostile request and the refusal it must get. */
    record Row(String name, String method, String connection, Map<String, String> headers, byte[] body, int status, String reason) {
        @Override
        public String toString() {
            return name;
        }
    }

    @TestFactory
    List<DynamicTest> hostileRequestsAreRefusedWithTheirReasonAndNothingIsStored() throws Exception {
        List<Row> rows = hostileRequests();
        assertThat(rows).hasSizeGreaterThanOrEqualTo(60);
        return rows.stream().map(row -> DynamicTest.dynamicTest(row.name(), () -> assertRefused(row))).toList();
    }

    private void assertRefused(Row row) throws Exception {
        long before = inboxCount();
        HttpResponse<String> response = send(row.method(), row.connection(), row.headers(), row.body());

        assertThat(response.statusCode()).as(row.name() + ": " + response.body()).isEqualTo(row.status());
        assertThat(response.headers().firstValue("content-type")).as(row.name()).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(response.body()).as(row.name())
                .contains("\"error\":", "\"reason\":\"" + row.reason() + "\"", "\"detail\":")
                .doesNotContain(SECRET, "Exception", "\tat ", demo.sandbox.settings().greenhouseWebhookSecret());
        assertThat(inboxCount()).as(row.name() + ": inbox_event rows").isEqualTo(before);
    }

    List<Row> hostileRequests() throws Exception {
        List<Row> rows = new ArrayList<>();
        long now = Instant.now().getEpochSecond();
        long stale = now - 3_600;
        // SmartRecruiters' and Teamtailor's signed times may be a late retry's (taken up to their horizons: 7 d, 1 d).
        long pastSmartRecruitersHorizon = now - 8L * 24 * 3_600;
        long pastTeamtailorHorizon = now - 2L * 24 * 3_600;
        String gh = DemoScenario.ATS_CONNECTION;
        String ghSecret = demo.sandbox.settings().greenhouseWebhookSecret();
        byte[] ghBody = json("{\"action\":\"candidate_stage_change\",\"payload\":{\"application\":{\"id\":1}}}");

        // Routing and connection state.
        rows.add(new Row("unknown connection", "POST", "no-such-connection", ghHeaders(ghBody, ghSecret, "e1"), ghBody, 404, "CONNECTION_UNKNOWN"));
        rows.add(new Row("upper-case connection id", "POST", "GH-DEMO", ghHeaders(ghBody, ghSecret, "e2"), ghBody, 404, "CONNECTION_UNKNOWN"));
        rows.add(new Row("connection id with a dot", "POST", "gh.demo", ghHeaders(ghBody, ghSecret, "e3"), ghBody, 404, "CONNECTION_UNKNOWN"));
        rows.add(new Row("connection id starting with '-'", "POST", "-gh-demo", ghHeaders(ghBody, ghSecret, "e4"), ghBody, 404, "CONNECTION_UNKNOWN"));
        rows.add(new Row("connection id of 101 characters", "POST", "a".repeat(101), ghHeaders(ghBody, ghSecret, "e5"), ghBody, 404, "CONNECTION_UNKNOWN"));
        rows.add(new Row("connection id with an encoded NUL", "POST", "gh%00demo", ghHeaders(ghBody, ghSecret, "e6"), ghBody, 404, "CONNECTION_UNKNOWN"));
        rows.add(new Row("connection id with encoded quotes", "POST", "gh%22%3Cscript%3E", ghHeaders(ghBody, ghSecret, "e6b"), ghBody, 404, "CONNECTION_UNKNOWN"));
        // POST /webhooks/ (the vendor was given half the URL); POST /webhooks is in MissingConnectionControllerTest.
        rows.add(new Row("no connection id", "POST", "", ghHeaders(ghBody, ghSecret, "e6c"), ghBody, 404, "CONNECTION_ID_MISSING"));
        rows.add(new Row("GET", "GET", gh, Map.of(), null, 405, "METHOD_NOT_ALLOWED"));
        rows.add(new Row("PUT", "PUT", gh, ghHeaders(ghBody, ghSecret, "e7"), ghBody, 405, "METHOD_NOT_ALLOWED"));
        rows.add(new Row("PATCH", "PATCH", gh, ghHeaders(ghBody, ghSecret, "e8"), ghBody, 405, "METHOD_NOT_ALLOWED"));
        rows.add(new Row("DELETE", "DELETE", gh, Map.of(), null, 405, "METHOD_NOT_ALLOWED"));
        byte[] huge = new byte[1_100_000];
        java.util.Arrays.fill(huge, (byte) 'a');
        rows.add(new Row("body over 1 MiB", "POST", gh, ghHeaders(huge, ghSecret, "e9"), huge, 413, "BODY_TOO_LARGE"));
        rows.add(new Row("disabled connection", "POST", "gh-off", ghHeaders(ghBody, SECRET, "e10"), ghBody, 403, "CONNECTION_DISABLED"));
        rows.add(new Row("vendor without webhooks", "POST", "wd-hostile", ghHeaders(ghBody, SECRET, "e11"), ghBody, 422, "VENDOR_NOT_SUPPORTED"));

        // Greenhouse.
        rows.add(new Row("gh text/plain", "POST", gh, with(ghHeaders(ghBody, ghSecret, "e12"), "Content-Type", "text/plain"), ghBody, 415, "CONTENT_TYPE_UNSUPPORTED"));
        rows.add(new Row("gh form content type", "POST", gh, with(ghHeaders(ghBody, ghSecret, "e13"), "Content-Type", "application/x-www-form-urlencoded"), ghBody, 415, "CONTENT_TYPE_UNSUPPORTED"));
        rows.add(new Row("gh no signature", "POST", gh, without(ghHeaders(ghBody, ghSecret, "e14"), "Signature"), ghBody, 401, "SIGNATURE_MISSING"));
        rows.add(new Row("gh sha1 signature", "POST", gh, with(ghHeaders(ghBody, ghSecret, "e15"), "Signature", "sha1 abcdef"), ghBody, 401, "SIGNATURE_MALFORMED"));
        rows.add(new Row("gh non-hex signature", "POST", gh, with(ghHeaders(ghBody, ghSecret, "e16"), "Signature", "sha256 zzzz"), ghBody, 401, "SIGNATURE_MALFORMED"));
        rows.add(new Row("gh wrong secret", "POST", gh, ghHeaders(ghBody, "not-the-configured-secret", "e17"), ghBody, 401, "SIGNATURE_INVALID"));
        rows.add(new Row("gh tampered body", "POST", gh, ghHeaders(ghBody, ghSecret, "e18"),
                json("{\"action\":\"candidate_stage_change\",\"payload\":{\"application\":{\"id\":2}}}"), 401, "SIGNATURE_INVALID"));
        rows.add(new Row("gh signature of the empty body", "POST", gh, ghHeaders(new byte[0], ghSecret, "e19"), ghBody, 401, "SIGNATURE_INVALID"));
        rows.add(new Row("gh no event id", "POST", gh, without(ghHeaders(ghBody, ghSecret, "e20"), "Greenhouse-Event-ID"), ghBody, 400, "DELIVERY_KEY_MISSING"));
        byte[] broken = json("{\"action\":");
        rows.add(new Row("gh malformed JSON", "POST", gh, ghHeaders(broken, ghSecret, "e21"), broken, 400, "BODY_MALFORMED"));
        byte[] array = json("[1,2,3]");
        rows.add(new Row("gh JSON array", "POST", gh, ghHeaders(array, ghSecret, "e22"), array, 400, "BODY_MALFORMED"));
        byte[] noAction = json("{\"payload\":{}}");
        rows.add(new Row("gh no action", "POST", gh, ghHeaders(noAction, ghSecret, "e23"), noAction, 400, "FIELD_MISSING"));
        byte[] noPayload = json("{\"action\":\"hire_candidate\"}");
        rows.add(new Row("gh no payload", "POST", gh, ghHeaders(noPayload, ghSecret, "e24"), noPayload, 400, "FIELD_MISSING"));
        rows.add(new Row("gh empty body", "POST", gh, ghHeaders(new byte[0], ghSecret, "e25"), new byte[0], 400, "BODY_MALFORMED"));
        byte[] notUtf8 = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        rows.add(new Row("gh invalid UTF-8", "POST", gh, ghHeaders(notUtf8, ghSecret, "e26"), notUtf8, 400, "BODY_MALFORMED"));
        byte[] deep = json("[".repeat(5_000) + "]".repeat(5_000));
        rows.add(new Row("gh nesting 5000 deep", "POST", gh, ghHeaders(deep, ghSecret, "e27"), deep, 400, "BODY_MALFORMED"));

        // Standard Webhooks (the AI vendor connection).
        String ai = DemoScenario.AI_CONNECTION;
        byte[] aiBody = json("{\"type\":\"interview.completed\",\"data\":{\"interview_id\":\"int_1\"}}");
        rows.add(new Row("sw stale timestamp", "POST", ai, swHeaders("msg_1", stale, "v1,AAAA"), aiBody, 401, "TIMESTAMP_OUT_OF_WINDOW"));
        rows.add(new Row("sw timestamp not a number", "POST", ai, swHeaders("msg_2", "yesterday", "v1,AAAA"), aiBody, 401, "TIMESTAMP_INVALID"));
        rows.add(new Row("sw no signature headers", "POST", ai, Map.of("Content-Type", "application/json"), aiBody, 401, "SIGNATURE_MISSING"));
        rows.add(new Row("sw wrong signature", "POST", ai, swHeaders("msg_3", now, "v1," + Base64.getEncoder().encodeToString(
                hmac(SECRET, "msg_3." + now + ".")) ), aiBody, 401, "SIGNATURE_INVALID"));

        // Replays of deliveries accepted a moment ago (each is stored first, then sent again).
        String run = UUID.randomUUID().toString().substring(0, 8);
        byte[] swBody = json("{\"type\":\"interview.completed\",\"data\":{\"interview_id\":\"int_" + run + "\"}}");
        String swId = "msg_" + run;
        Map<String, String> swSigned = swHeaders(swId, now, "v1," + Base64.getEncoder().encodeToString(
                hmac(SECRET, swId + "." + now + "." + new String(swBody, StandardCharsets.UTF_8))));
        assertStored("sw-hostile", swSigned, swBody, 200);
        rows.add(new Row("sw request replayed verbatim", "POST", "sw-hostile", swSigned, swBody, 409, "DELIVERY_REPLAYED"));
        String usedToken = "tok-used-" + run;
        assertStored("lv-hostile", jsonHeaders(), lever("candidateStageChange", usedToken, now * 1000, SECRET), 200);
        rows.add(new Row("lever token reused with other data", "POST", "lv-hostile", jsonHeaders(),
                leverFor("candidateStageChange", usedToken, now * 1000, SECRET, "opp-other"), 409, "TOKEN_REUSED"));
        // The stage change's token and signature presented as another event: that event's webhook has its own token.
        rows.add(new Row("lever signature of another event's webhook", "POST", "lv-hostile", jsonHeaders(),
                lever("candidateHired", usedToken, now * 1000, SECRET), 401, "SIGNATURE_INVALID"));
        rows.add(new Row("lever event without a configured token", "POST", "lv-hostile", jsonHeaders(),
                lever("contactUpdated", "tok-c-" + run, now * 1000, SECRET), 401, "EVENT_SECRET_MISSING"));

        // Lever.
        String lv = "lv-hostile";
        rows.add(new Row("lever no signature fields", "POST", lv, jsonHeaders(),
                json("{\"event\":\"candidateHired\",\"triggeredAt\":" + now * 1000 + ",\"data\":{}}"), 401, "SIGNATURE_MISSING"));
        rows.add(new Row("lever wrong secret", "POST", lv, jsonHeaders(), lever("candidateHired", "tok-w", now * 1000, "wrong-secret-0123456789"), 401, "SIGNATURE_INVALID"));
        // An hour old is a possible late Lever retry (taken); older than the two-week horizon, or ahead of now, a replay.
        long weeksAgo = now - 15L * 24 * 3_600;
        rows.add(new Row("lever triggeredAt older than the retry horizon", "POST", lv, jsonHeaders(),
                lever("candidateHired", "tok-s", weeksAgo * 1000, LEVER_HIRED_TOKEN), 401, "TIMESTAMP_OUT_OF_WINDOW"));
        long ahead = now + 3_600;
        rows.add(new Row("lever triggeredAt an hour ahead", "POST", lv, jsonHeaders(),
                lever("candidateHired", "tok-a", ahead * 1000, LEVER_HIRED_TOKEN), 401, "TIMESTAMP_OUT_OF_WINDOW"));
        rows.add(new Row("lever non-hex signature", "POST", lv, jsonHeaders(),
                json("{\"event\":\"candidateHired\",\"triggeredAt\":" + now * 1000 + ",\"token\":\"t\",\"signature\":\"xyz\",\"data\":{}}"), 401, "SIGNATURE_MALFORMED"));
        rows.add(new Row("lever malformed JSON", "POST", lv, jsonHeaders(), json("{\"event\":\"x\""), 400, "BODY_MALFORMED"));
        rows.add(new Row("lever no data", "POST", lv, jsonHeaders(), leverWithout("tok-d", now * 1000), 400, "FIELD_MISSING"));
        rows.add(new Row("lever form content type", "POST", lv, Map.of("Content-Type", "multipart/form-data; boundary=x"),
                lever("candidateHired", "tok-f", now * 1000, LEVER_HIRED_TOKEN), 415, "CONTENT_TYPE_UNSUPPORTED"));

        // Ashby.
        String ab = "ab-hostile";
        byte[] abBody = json("{\"webhookActionId\":\"wa-h\",\"action\":\"candidateHire\",\"data\":{}}");
        rows.add(new Row("ashby no signature", "POST", ab, jsonHeaders(), abBody, 401, "SIGNATURE_MISSING"));
        rows.add(new Row("ashby no sha256= prefix", "POST", ab, with(jsonHeaders(), "Ashby-Signature", hex(hmac(SECRET, abBody))), abBody, 401, "SIGNATURE_MALFORMED"));
        rows.add(new Row("ashby wrong secret", "POST", ab, ashby(abBody, "wrong-secret-0123456789"), abBody, 401, "SIGNATURE_INVALID"));
        byte[] abNoId = json("{\"action\":\"candidateHire\",\"data\":{}}");
        rows.add(new Row("ashby no webhookActionId", "POST", ab, ashby(abNoId, SECRET), abNoId, 400, "DELIVERY_KEY_MISSING"));
        byte[] abNoAction = json("{\"webhookActionId\":\"wa-x\",\"data\":{}}");
        rows.add(new Row("ashby no action", "POST", ab, ashby(abNoAction, SECRET), abNoAction, 400, "FIELD_MISSING"));
        byte[] abNoApp = json("{\"webhookActionId\":\"wa-y\",\"action\":\"candidateStageChange\",\"data\":{}}");
        rows.add(new Row("ashby stage change without application", "POST", ab, ashby(abNoApp, SECRET), abNoApp, 400, "FIELD_MISSING"));
        byte[] abHalfMerge = json("{\"webhookActionId\":\"wa-z\",\"action\":\"candidateMerge\",\"data\":"
                + "{\"mergedCandidate\":{\"id\":\"5b591aed-88e3-4395-b9c6-7d529f93354a\"}}}");
        rows.add(new Row("ashby merge without the deleted candidate", "POST", ab, ashby(abHalfMerge, SECRET), abHalfMerge, 400,
                "FIELD_MISSING"));

        // SmartRecruiters.
        String sr = "sr-hostile";
        byte[] srBody = json("{\"id\":\"app-1\"}");
        rows.add(new Row("sr no timestamp", "POST", sr, without(smartRecruiters(srBody, now, "ev-1", SECRET), "smartrecruiters-timestamp"), srBody, 401, "SIGNATURE_MISSING"));
        rows.add(new Row("sr timestamp older than the retry horizon", "POST", sr, smartRecruiters(srBody, pastSmartRecruitersHorizon, "ev-2", SECRET), srBody, 401, "TIMESTAMP_OUT_OF_WINDOW"));
        rows.add(new Row("sr wrong secret", "POST", sr, smartRecruiters(srBody, now, "ev-3", "wrong-secret-0123456789"), srBody, 401, "SIGNATURE_INVALID"));
        rows.add(new Row("sr v2 signature", "POST", sr, with(smartRecruiters(srBody, now, "ev-4", SECRET), "smartrecruiters-signature", "v2=abcd"), srBody, 401, "SIGNATURE_MALFORMED"));
        rows.add(new Row("sr no event-id", "POST", sr, smartRecruiters(srBody, now, null, SECRET), srBody, 400, "DELIVERY_KEY_MISSING"));
        rows.add(new Row("sr link changed after signing", "POST", sr, with(smartRecruiters(srBody, now, "ev-5", SECRET), "Link", "https://evil.example"), srBody, 401, "SIGNATURE_INVALID"));
        rows.add(new Row("sr hook secret alongside a bad signature", "POST", sr, with(with(smartRecruiters(srBody, now, "ev-6", "wrong-secret-0123456789"),
                "X-Hook-Secret", "hs"), "Content-Type", "application/json"), srBody, 401, "SIGNATURE_INVALID"));

        // Workable, JazzHR, BambooHR.
        byte[] wkBody = json("{\"event_type\":\"candidate_created\",\"data\":{\"id\":\"c1\"}}");
        rows.add(new Row("workable no signature", "POST", "wk-hostile", jsonHeaders(), wkBody, 401, "SIGNATURE_MISSING"));
        rows.add(new Row("workable base64 signature", "POST", "wk-hostile", with(jsonHeaders(), "X-Workable-Signature",
                Base64.getEncoder().encodeToString(hmac(SECRET, wkBody))), wkBody, 401, "SIGNATURE_MALFORMED"));
        rows.add(new Row("workable wrong secret", "POST", "wk-hostile", with(jsonHeaders(), "X-Workable-Signature",
                hex(hmac("wrong-secret-0123456789", wkBody))), wkBody, 401, "SIGNATURE_INVALID"));
        byte[] jzBody = json("{\"id\":\"prospect-1\"}");
        rows.add(new Row("jazzhr no uuid", "POST", "jz-hostile", with(jsonHeaders(), "X-JazzHR-Signature", hex(hmac(SECRET, jzBody))), jzBody, 400, "DELIVERY_KEY_MISSING"));
        rows.add(new Row("jazzhr wrong secret", "POST", "jz-hostile", with(with(jsonHeaders(), "X-JazzHR-Signature",
                hex(hmac("wrong-secret-0123456789", jzBody))), "X-JazzHR-UUID", "u-1"), jzBody, 401, "SIGNATURE_INVALID"));
        rows.add(new Row("jazzhr no signature", "POST", "jz-hostile", with(jsonHeaders(), "X-JazzHR-UUID", "u-2"), jzBody, 401, "SIGNATURE_MISSING"));
        byte[] bhBody = json("{\"employees\":[{\"id\":\"7\"}]}");
        rows.add(new Row("bamboohr stale timestamp", "POST", "bh-hostile", bamboo(bhBody, stale, false), bhBody, 401, "TIMESTAMP_OUT_OF_WINDOW"));
        rows.add(new Row("bamboohr timestamp before body", "POST", "bh-hostile", bamboo(bhBody, now, true), bhBody, 401, "SIGNATURE_INVALID"));
        rows.add(new Row("bamboohr timestamp not a number", "POST", "bh-hostile", with(bamboo(bhBody, now, false), "X-BambooHR-Timestamp", "soon"), bhBody, 401, "TIMESTAMP_INVALID"));
        rows.add(new Row("bamboohr no signature", "POST", "bh-hostile", jsonHeaders(), bhBody, 401, "SIGNATURE_MISSING"));

        // Teamtailor.
        String tt = "tt-hostile";
        byte[] ttBody = json("{\"payload\":{\"event_name\":\"job.update\",\"data\":{\"id\":\"2\",\"type\":\"jobs\"}},\"signature\":\"x\"}");
        rows.add(new Row("teamtailor no signature", "POST", tt, jsonHeaders(), ttBody, 401, "SIGNATURE_MISSING"));
        rows.add(new Row("teamtailor legacy v1", "POST", tt, with(jsonHeaders(), "TT-Signature",
                Base64.getEncoder().encodeToString(hex(hmac(SECRET, "2")).getBytes(StandardCharsets.UTF_8))), ttBody, 401, "SIGNATURE_MALFORMED"));
        rows.add(new Row("teamtailor not base64", "POST", tt, with(jsonHeaders(), "TT-Signature", "%%%"), ttBody, 401, "SIGNATURE_MALFORMED"));
        byte[] ttTampered = json("{\"payload\":{\"event_name\":\"job.destroy\",\"data\":{\"id\":\"2\",\"type\":\"jobs\"}},\"signature\":\"x\"}");
        rows.add(new Row("teamtailor tampered payload", "POST", tt, teamtailor(ttBody, now), ttTampered, 401, "SIGNATURE_INVALID"));
        rows.add(new Row("teamtailor older than the retry horizon", "POST", tt, teamtailor(ttBody, pastTeamtailorHorizon), ttBody, 401, "TIMESTAMP_OUT_OF_WINDOW"));
        byte[] partnerNoId = json("{\"partner-event\":{\"webhook-data\":{}}}");
        rows.add(new Row("teamtailor partner without event id", "POST", tt, with(jsonHeaders(), "Teamtailor-Signature",
                "t=" + now + ",v1=" + hex(hmac(SECRET, now + "."))), partnerNoId, 400, "FIELD_MISSING"));
        rows.add(new Row("teamtailor partner older than the retry horizon", "POST", tt, with(jsonHeaders(), "Teamtailor-Signature",
                "t=" + pastTeamtailorHorizon + ",v1=" + hex(hmac(SECRET, pastTeamtailorHorizon + ".pe-1"))), json("{\"partner-event\":{\"id\":\"pe-1\"}}"), 401, "TIMESTAMP_OUT_OF_WINDOW"));
        return rows;
    }

    @Test
    void wellSignedRequestsOfEveryVendorAreStoredAndReplaysAreNot() throws Exception {
        long now = Instant.now().getEpochSecond();
        String run = UUID.randomUUID().toString().substring(0, 8);

        String token = "tok-" + run;
        byte[] leverBody = lever("candidateStageChange", token, now * 1000, SECRET);
        assertStored("lv-hostile", jsonHeaders(), leverBody, 200);
        // Lever's replay (same token, within the window): success without a second row or a call to the inbox.
        HttpResponse<String> replay = assertNotStored("lv-hostile", jsonHeaders(), leverBody, 200);
        assertThat(replay.body()).contains("\"status\":\"duplicate\"");
        // The hired webhook's deliveries verify with its own token.
        assertStored("lv-hostile", jsonHeaders(), lever("candidateHired", "tok-hired-" + run, now * 1000, LEVER_HIRED_TOKEN), 200);
        // A delivery an hour old whose token was never stored is a late Lever retry: stored, once.
        byte[] late = lever("candidateStageChange", "tok-late-" + run, (now - 3_600) * 1000, SECRET);
        assertStored("lv-hostile", jsonHeaders(), late, 200);
        assertThat(assertNotStored("lv-hostile", jsonHeaders(), late, 200).body()).contains("\"status\":\"duplicate\"");

        byte[] ashbyBody = VendorFixtures.text("ashby_webhook_common_payload_candidateStageChange.json")
                .replace("75395d87-4044-4dc4-bc29-0cec185e5f06", "wa-" + run)
                .replace("{...}", "{\"application\":{\"id\":\"app-" + run + "\",\"candidate\":{\"id\":\"c-" + run + "\"}}}")
                .getBytes(StandardCharsets.UTF_8);
        assertStored("ab-hostile", ashby(ashbyBody, SECRET), ashbyBody, 200);
        // Ashby retries with the same webhookActionId: the inbox already has it.
        assertThat(assertNotStored("ab-hostile", ashby(ashbyBody, SECRET), ashbyBody, 200).body()).contains("\"status\":\"duplicate\"");

        byte[] srBody = json("{\"id\":\"app-" + run + "\"}");
        assertStored("sr-hostile", smartRecruiters(srBody, now, "ev-" + run, SECRET), srBody, 202);
        // After an outage longer than the window: SmartRecruiters' redelivery of an event never stored, with its
        // original timestamp (whether it signs anew is not documented), is stored; its next redelivery is a duplicate.
        byte[] srLate = json("{\"id\":\"app-late-" + run + "\"}");
        long twoHoursAgo = now - 7_200;
        assertStored("sr-hostile", smartRecruiters(srLate, twoHoursAgo, "ev-late-" + run, SECRET), srLate, 202);
        assertThat(assertNotStored("sr-hostile", smartRecruiters(srLate, twoHoursAgo, "ev-late-" + run, SECRET), srLate, 202).body())
                .contains("\"status\":\"duplicate\"");
        HttpResponse<String> handshake = assertNotStored("sr-hostile", Map.of("X-Hook-Secret", "hook-" + run), new byte[0], 200);
        assertThat(handshake.headers().firstValue("X-Hook-Secret")).hasValue("hook-" + run);

        byte[] wkBody = json("{\"event_type\":\"candidate_created\",\"data\":{\"id\":\"c-" + run + "\"}}");
        assertStored("wk-hostile", with(jsonHeaders(), "X-Workable-Signature", hex(hmac(SECRET, wkBody))), wkBody, 200);
        byte[] jzBody = json("{\"id\":\"prospect-" + run + "\"}");
        assertStored("jz-hostile", with(with(jsonHeaders(), "X-JazzHR-Signature", hex(hmac(SECRET, jzBody))), "X-JazzHR-UUID",
                "uuid-" + run), jzBody, 200);
        byte[] bhBody = json("{\"employees\":[{\"id\":\"" + run + "\"}]}");
        assertStored("bh-hostile", bamboo(bhBody, now, false), bhBody, 200);
        byte[] ttBody = VendorFixtures.bytes("teamtailor_partner_webhook_partner-event.json");
        assertStored("tt-hostile", with(jsonHeaders(), "Teamtailor-Signature", "t=" + now + ",v1="
                + hex(hmac(SECRET, now + ".f3d7e8e2-da33-4c10-ae5f-0e7f4d46f6d7"))), ttBody, 200);
        byte[] ttCompany = json("{\"payload\":{\"event_name\":\"job.update\",\"data\":{\"id\":\"" + run + "\",\"type\":\"jobs\"}},\"signature\":\"x\"}");
        assertStored("tt-hostile", teamtailor(ttCompany, now), ttCompany, 200);
        // Teamtailor's late retry (two hours old, signed time kept): stored once.
        byte[] ttLate = json("{\"payload\":{\"event_name\":\"job.update\",\"data\":{\"id\":\"late-" + run + "\",\"type\":\"jobs\"}},\"signature\":\"x\"}");
        assertStored("tt-hostile", teamtailor(ttLate, now - 7_200), ttLate, 200);
        assertThat(assertNotStored("tt-hostile", teamtailor(ttLate, now - 7_200), ttLate, 200).body()).contains("\"status\":\"duplicate\"");

        MeterRegistry meters = demo.platform.service("gateway").context().getBean(MeterRegistry.class);
        assertThat(meters.get("atsbridge.webhooks.received").tags("connection", "lv-hostile", "vendor", "LEVER").counter().count()).isGreaterThanOrEqualTo(2);
        assertThat(meters.get("atsbridge.webhooks.verified").tags("connection", "lv-hostile").counter().count()).isGreaterThanOrEqualTo(2);
        assertThat(meters.get("atsbridge.webhooks.deduplicated").tags("connection", "lv-hostile").counter().count()).isGreaterThanOrEqualTo(1);
        assertThat(meters.get("atsbridge.webhooks.deduplicated").tags("connection", "ab-hostile", "vendor", "ASHBY").counter().count()).isGreaterThanOrEqualTo(1);
        assertThat(meters.get("atsbridge.webhooks.latency").tags("connection", "sr-hostile").timer().count()).isGreaterThanOrEqualTo(2);
    }

    /**
     * The same refusals when the body arrives after the headers (chunked, or with a Content-Length), as vendors'
     * clients often send: Micronaut 4.10 can pile up work without end on a 4xx to such a request when the answer
     * goes through an {@code @Error} status route (micronaut-core#12940), so the gateway has none and this keeps
     * it that way. A well-signed delivery sent the same way is stored.
     */
    @Test
    void requestsWhoseBodyArrivesAfterTheirHeadersAreAnsweredAlike() throws Exception {
        List<Row> rows = hostileRequests().stream()
                .filter(row -> row.method().equals("POST") && row.body() != null && row.body().length > 0
                        && row.body().length < 65_536 && row.status() != 429)
                .limit(12).toList();
        assertThat(rows).hasSize(12);
        for (Row row : rows) {
            for (boolean chunked : new boolean[] {true, false}) {
                long before = inboxCount();
                String response = sendSplit("/webhooks/" + row.connection(), row.headers(), row.body(), chunked);
                assertThat(response).as(row.name() + (chunked ? " (chunked)" : ""))
                        .startsWith("HTTP/1.1 " + row.status() + " ")
                        .contains("\"reason\":\"" + row.reason() + "\"");
                assertThat(inboxCount()).as(row.name() + ": inbox_event rows").isEqualTo(before);
            }
        }

        long before = inboxCount();
        String token = "split-" + UUID.randomUUID().toString().substring(0, 8);
        byte[] lever = lever("candidateStageChange", token, Instant.now().toEpochMilli(), SECRET);
        assertThat(sendSplit("/webhooks/lv-hostile", jsonHeaders(), lever, true)).startsWith("HTTP/1.1 200 ")
                .contains("\"status\":\"accepted\"");
        assertThat(inboxCount()).isEqualTo(before + 1);
    }

    /** A client that starts a request and goes quiet loses the connection (idle-timeout, 2 s here). */
    @Test
    void aConnectionThatGoesQuietMidRequestIsClosed() throws Exception {
        URI gateway = URI.create(demo.platform.service("gateway").address());
        long before = inboxCount();
        try (Socket socket = new Socket(gateway.getHost(), gateway.getPort())) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /webhooks/" + DemoScenario.ATS_CONNECTION + " HTTP/1.1\r\nHost: " + gateway.getAuthority()
                    + "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"action\":").getBytes(StandardCharsets.UTF_8));
            out.flush();

            Answer answer = readAnswer(socket.getInputStream());

            assertThat(answer.closed()).as("the gateway closed the quiet connection within 15 s").isTrue();
            assertThat(answer.text()).as("no success for the unfinished request").doesNotContain("HTTP/1.1 2");
        }
        assertThat(inboxCount()).isEqualTo(before);
    }

    /**
     * A client that trickles its request a byte a second (never quiet long enough for the idle timeout) loses the
     * connection at the request deadline (4 s here), long before its 12-byte body would be complete.
     */
    @Test
    void aRequestTrickledByteByByteIsCutOffAtTheDeadline() throws Exception {
        URI gateway = URI.create(demo.platform.service("gateway").address());
        long before = inboxCount();
        byte[] body = "{\"a\":123456}".getBytes(StandardCharsets.UTF_8);
        boolean closed = false;
        int sent = 0;
        long started = System.nanoTime();
        try (Socket socket = new Socket(gateway.getHost(), gateway.getPort())) {
            socket.setSoTimeout(1_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(("POST /webhooks/" + DemoScenario.ATS_CONNECTION + " HTTP/1.1\r\nHost: " + gateway.getAuthority()
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            while (!closed && sent < body.length) {
                try {
                    if (in.read() < 0) {
                        closed = true;
                        break;
                    }
                } catch (java.net.SocketTimeoutException quietSecond) {
                    // Nothing from the gateway this second: send the next byte.
                } catch (IOException reset) {
                    closed = true;
                    break;
                }
                try {
                    out.write(body[sent++]);
                    out.flush();
                } catch (IOException refused) {
                    closed = true;
                }
            }
        }
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();

        assertThat(closed).as("closed before the body was complete (%s of %s bytes sent)", sent, body.length).isTrue();
        assertThat(sent).as("cut off near the 4 s deadline, after %s s", seconds).isLessThan(body.length);
        assertThat(inboxCount()).isEqualTo(before);
    }

    /** Sends the headers, then after a pause the body, over a raw socket; returns the whole answer. */
    private String sendSplit(String path, Map<String, String> headers, byte[] body, boolean chunked) throws Exception {
        URI gateway = URI.create(demo.platform.service("gateway").address());
        try (Socket socket = new Socket(gateway.getHost(), gateway.getPort())) {
            socket.setSoTimeout(10_000);
            StringBuilder head = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: " + gateway.getAuthority()
                    + "\r\nConnection: close\r\n");
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            head.append(chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + body.length + "\r\n").append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            Thread.sleep(150);
            try {
                if (chunked) {
                    out.write((Integer.toHexString(body.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(body);
                    out.write("\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                } else {
                    out.write(body);
                }
                out.flush();
            } catch (IOException answeredEarly) {
                // The gateway may refuse on the headers alone and close: its answer is already on the way.
            }
            return readAnswer(socket.getInputStream()).text();
        }
    }

    /** What the server sent, and whether it closed (or reset) the connection before the socket's read timeout. */
    private record Answer(String text, boolean closed) {
    }

    private static Answer readAnswer(InputStream in) {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        boolean closed = true;
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                answer.write(buffer, 0, n);
            }
        } catch (java.net.SocketTimeoutException stillOpen) {
            closed = false;
        } catch (IOException reset) {
            // A reset after (or instead of) the answer: keep what arrived.
        }
        return new Answer(answer.toString(StandardCharsets.UTF_8), closed);
    }

    @Test
    void aFloodOfJunkOnOneConnectionIsLimitedOnItsOwnBudgetAndSignedDeliveriesStillGoIn() throws Exception {
        long before = inboxCount();
        byte[] body = json("{\"action\":\"ping\",\"payload\":{}}");
        HttpResponse<String> limited = null;
        for (int i = 0; i < 200 && limited == null; i++) {
            HttpResponse<String> response = send("POST", "gh-flood", ghHeaders(body, "wrong-secret-0123456789", "f" + i), body);
            assertThat(response.statusCode()).isIn(401, 429);
            if (response.statusCode() == 429) {
                limited = response;
            }
        }
        assertThat(limited).as("a 429 within 200 requests at 20/s with a burst of 40").isNotNull();
        assertThat(limited.body()).contains("\"reason\":\"UNVERIFIED_RATE_LIMITED\"");
        assertThat(limited.headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isPositive());
        assertThat(inboxCount()).isEqualTo(before);

        MeterRegistry meters = demo.platform.service("gateway").context().getBean(MeterRegistry.class);
        assertThat(meters.get("atsbridge.webhooks.rejected").tags("connection", "gh-flood", "reason", "SIGNATURE_INVALID")
                .counter().count()).isGreaterThanOrEqualTo(40);
        assertThat(meters.get("atsbridge.webhooks.rejected").tags("connection", "gh-flood", "reason", "UNVERIFIED_RATE_LIMITED")
                .counter().count()).isGreaterThanOrEqualTo(1);
        // The junk spent its own budget, not the one of verified deliveries: a signed delivery right after goes in.
        byte[] signed = json("{\"action\":\"candidate_stage_change\",\"payload\":{\"application\":{\"id\":9001}}}");
        assertStored("gh-flood", ghHeaders(signed, SECRET, "f-signed"), signed, 200);
    }

    private void assertStored(String connection, Map<String, String> headers, byte[] body, int status) throws Exception {
        long before = inboxCount();
        HttpResponse<String> response = send("POST", connection, headers, body);
        assertThat(response.statusCode()).as(connection + ": " + response.body()).isEqualTo(status);
        assertThat(response.body()).contains("\"status\":\"accepted\"");
        assertThat(inboxCount()).as(connection + ": inbox_event rows").isEqualTo(before + 1);
    }

    private HttpResponse<String> assertNotStored(String connection, Map<String, String> headers, byte[] body, int status) throws Exception {
        long before = inboxCount();
        HttpResponse<String> response = send("POST", connection, headers, body);
        assertThat(response.statusCode()).as(connection + ": " + response.body()).isEqualTo(status);
        assertThat(inboxCount()).as(connection + ": inbox_event rows").isEqualTo(before);
        return response;
    }

    private long inboxCount() {
        return databases.get("adapter").count("inbox_event");
    }

    private HttpResponse<String> send(String method, String connection, Map<String, String> headers, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(demo.platform.service("gateway").address() + "/webhooks/" + connection))
                .timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, String> jsonHeaders() {
        return Map.of("Content-Type", "application/json");
    }

    private static Map<String, String> with(Map<String, String> headers, String name, String value) {
        Map<String, String> copy = new HashMap<>(headers);
        copy.keySet().removeIf(k -> k.equalsIgnoreCase(name));
        copy.put(name, value);
        return copy;
    }

    private static Map<String, String> without(Map<String, String> headers, String name) {
        Map<String, String> copy = new HashMap<>(headers);
        copy.keySet().removeIf(k -> k.equalsIgnoreCase(name));
        return copy;
    }

    private static Map<String, String> ghHeaders(byte[] signedBody, String secret, String eventId) {
        return Map.of("Content-Type", "application/json", "Greenhouse-Event-ID", eventId,
                "Signature", "sha256 " + hex(hmac(secret, signedBody)));
    }

    private static Map<String, String> swHeaders(String id, Object timestamp, String signature) {
        return Map.of("Content-Type", "application/json", "webhook-id", id, "webhook-timestamp", String.valueOf(timestamp),
                "webhook-signature", signature);
    }

    private static byte[] lever(String event, String token, long triggeredAtMillis, String secret) {
        return leverFor(event, token, triggeredAtMillis, secret, "opp-" + token);
    }

    private static byte[] leverFor(String event, String token, long triggeredAtMillis, String secret, String opportunityId) {
        return json("{\"event\":\"" + event + "\",\"triggeredAt\":" + triggeredAtMillis + ",\"token\":\"" + token
                + "\",\"signature\":\"" + hex(hmac(secret, token + triggeredAtMillis)) + "\",\"data\":{\"opportunityId\":\""
                + opportunityId + "\",\"contactId\":\"contact-" + token + "\",\"toStageId\":\"s2\",\"fromStageId\":\"s1\"}}");
    }

    private static byte[] leverWithout(String token, long triggeredAtMillis) {
        return json("{\"event\":\"candidateHired\",\"triggeredAt\":" + triggeredAtMillis + ",\"token\":\"" + token
                + "\",\"signature\":\"" + hex(hmac(LEVER_HIRED_TOKEN, token + triggeredAtMillis)) + "\"}");
    }

    private static Map<String, String> ashby(byte[] body, String secret) {
        return Map.of("Content-Type", "application/json", "Ashby-Signature", "sha256=" + hex(hmac(secret, body)));
    }

    private static Map<String, String> smartRecruiters(byte[] body, long timestamp, String eventId, String secret) {
        String link = "<https://api.smartrecruiters.com/candidates/c-1/jobs/j-1>; rel=\"application\"";
        String signed = timestamp + "." + new String(body, StandardCharsets.UTF_8) + "." + (eventId == null ? "" : eventId)
                + ".application.created.v1." + link;
        Map<String, String> headers = new HashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("smartrecruiters-timestamp", String.valueOf(timestamp));
        headers.put("smartrecruiters-signature", "v1=" + hex(hmac(secret, signed)));
        headers.put("event-name", "application.created");
        headers.put("event-version", "v1");
        headers.put("Link", link);
        if (eventId != null) {
            headers.put("event-id", eventId);
        }
        return headers;
    }

    private static Map<String, String> bamboo(byte[] body, long timestamp, boolean timestampFirst) {
        String text = new String(body, StandardCharsets.UTF_8);
        String signed = timestampFirst ? timestamp + text : text + timestamp;
        return Map.of("Content-Type", "application/json", "X-BambooHR-Timestamp", String.valueOf(timestamp),
                "X-BambooHR-Signature", hex(hmac(SECRET, signed)));
    }

    /** Teamtailor company v2 over the compact body's payload substring (what JSON.stringify gives). */
    private static Map<String, String> teamtailor(byte[] compactBody, long t) {
        String text = new String(compactBody, StandardCharsets.UTF_8);
        String payload = text.substring("{\"payload\":".length(), text.indexOf(",\"signature\""));
        String header = Base64.getEncoder().encodeToString(("t=" + t + ",v2=" + hex(hmac(SECRET, t + "." + payload)))
                .getBytes(StandardCharsets.UTF_8));
        return Map.of("Content-Type", "application/json", "TT-Signature", header);
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
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
