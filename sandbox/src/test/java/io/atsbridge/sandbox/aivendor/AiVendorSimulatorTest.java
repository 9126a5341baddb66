package io.atsbridge.sandbox.aivendor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.atsbridge.sandbox.Sandbox;
import io.atsbridge.sandbox.SandboxSettings;
import io.atsbridge.sandbox.http.WebhookAttempt;
import io.atsbridge.sandbox.testing.Http;
import io.atsbridge.sandbox.testing.WebhookReceiver;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The AI interview vendor over real HTTP: auth, idempotent creation, cancellation, seeded results and signed
 * completion events.
 */
class AiVendorSimulatorTest {

    private static final String KEY = "ai-key-for-tests";
    private static final byte[] SECRET_KEY = "an-ai-vendor-webhook-key-32bytes".getBytes(StandardCharsets.US_ASCII);
    private static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString(SECRET_KEY);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REQUEST = """
            {"candidate":{"external_id":"gh-cand-265772","first_name":"Giuseppe","last_name":"Hurley",
             "email":"giuseppe@example.com"},
             "job":{"external_id":"gh-job-3485","title":"Designer"},
             "interview_kit":{"id":"kit-design-1"},
             "metadata":{"application_id":"265277","tenant":"acme"}}""";

    @Test
    void requestsWithoutOrWithAWrongBearerTokenAre401() {
        try (Sandbox sandbox = start(SandboxSettings.builder())) {
            String url = sandbox.aiVendorBaseUrl() + "/v1/interviews";
            assertThat(Http.send("POST", url, REQUEST).statusCode()).isEqualTo(401);
            assertThat(Http.send("POST", url, REQUEST, "Authorization", "Bearer wrong").statusCode()).isEqualTo(401);
            assertThat(Http.send("POST", url, REQUEST, "Authorization", Http.basic(KEY)).statusCode()).isEqualTo(401);
            assertThat(sandbox.aiVendor().interviews()).isEmpty();
        }
    }

    @Test
    void createIsIdempotentPerKeyAndValidatesFields() throws Exception {
        try (Sandbox sandbox = start(SandboxSettings.builder())) {
            String url = sandbox.aiVendorBaseUrl() + "/v1/interviews";

            HttpResponse<String> created = create(url, REQUEST, "idem-1");
            HttpResponse<String> again = create(url, REQUEST, "idem-1");

            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            JsonNode interview = JSON.readTree(created.body());
            assertThat(interview.path("status").asText()).isEqualTo("invited");
            assertThat(interview.path("invitation_url").asText()).startsWith("https://");
            assertThat(interview.path("created_at").asText()).isNotBlank();
            assertThat(again.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(again.body()).path("id").asText()).isEqualTo(interview.path("id").asText());
            assertThat(sandbox.aiVendor().interviews()).hasSize(1);

            HttpResponse<String> reused = create(url, REQUEST.replace("Designer", "Painter"), "idem-1");
            assertThat(reused.statusCode()).isEqualTo(422);
            assertThat(JSON.readTree(reused.body()).path("error").asText()).isEqualTo("idempotency_key_reused");

            HttpResponse<String> incomplete = create(url, "{\"candidate\":{\"external_id\":\"x\"},\"job\":{\"title\":\"T\"}}", "idem-2");
            assertThat(incomplete.statusCode()).isEqualTo(422);
            assertThat(JSON.readTree(incomplete.body()).path("errors")).extracting(e -> e.path("field").asText())
                    .contains("candidate.first_name", "candidate.email", "job.external_id", "interview_kit.id");
            assertThat(sandbox.aiVendor().interviews()).hasSize(1);

            HttpResponse<String> fetched = Http.get(url + "/" + interview.path("id").asText(), "Authorization", "Bearer " + KEY);
            assertThat(fetched.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(fetched.body()).path("metadata").path("tenant").asText()).isEqualTo("acme");
        }
    }

    @Test
    void completionIsDeliveredAsASignedStandardWebhooksEvent() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver();
             Sandbox sandbox = start(SandboxSettings.builder().aiVendorWebhookUrl(receiver.url()))) {
            String id = JSON.readTree(create(sandbox.aiVendorBaseUrl() + "/v1/interviews", REQUEST, null).body()).path("id").asText();

            Interview completed = sandbox.aiVendor().complete(id);

            WebhookReceiver.Received hook = receiver.await(r -> !r.isEmpty(), Duration.ofSeconds(10)).get(0);
            String webhookId = hook.header("webhook-id");
            String timestamp = hook.header("webhook-timestamp");
            assertThat(webhookId).startsWith("msg_");
            assertThat(Long.parseLong(timestamp)).isBetween(Instant.now().getEpochSecond() - 30, Instant.now().getEpochSecond() + 1);
            assertThat(hook.header("webhook-signature")).isEqualTo("v1," + sign(webhookId, timestamp, hook.body()));

            JsonNode event = JSON.readTree(hook.body());
            assertThat(event.path("type").asText()).isEqualTo("interview.completed");
            assertThat(event.path("timestamp").asText()).isNotBlank();
            JsonNode data = event.path("data");
            assertThat(data.path("interview_id").asText()).isEqualTo(id);
            assertThat(data.path("candidate").path("external_id").asText()).isEqualTo("gh-cand-265772");
            assertThat(data.path("job").path("external_id").asText()).isEqualTo("gh-job-3485");
            assertThat(data.path("metadata").path("application_id").asText()).isEqualTo("265277");
            JsonNode result = data.path("result");
            InterviewResult expected = completed.result();
            assertThat(result.path("score").asInt()).isEqualTo(expected.score()).isBetween(0, 100);
            assertThat(result.path("scale").path("max").asInt()).isEqualTo(100);
            assertThat(result.path("recommendation").asText()).isEqualTo(expected.recommendation());
            assertThat(result.path("competencies").size()).isBetween(3, 5);
            assertThat(result.path("skills").size()).isBetween(2, 6);
            assertThat(result.path("confidence").asDouble()).isBetween(0.5, 0.99);
            assertThat(result.path("transcript_url").asText()).isEqualTo("https://ai-sandbox.example/interviews/" + id + "/transcript");
            assertThat(result.path("model").path("id").asText()).isEqualTo(InterviewResultGenerator.MODEL_ID);
            assertThat(result.path("prompt_version").asText()).isEqualTo(InterviewResultGenerator.PROMPT_VERSION);
            assertThat(result.path("completed_at").asText()).isEqualTo(completed.completedAt().toString());

            // A verbatim replay repeats the first attempt's headers exactly.
            WebhookAttempt replay = sandbox.aiVendor().resendVerbatim(webhookId).get();
            assertThat(replay.delivered()).isTrue();
            WebhookReceiver.Received replayed = receiver.await(r -> r.size() >= 2, Duration.ofSeconds(10)).get(1);
            assertThat(replayed.header("webhook-timestamp")).isEqualTo(timestamp);
            assertThat(replayed.header("webhook-signature")).isEqualTo(hook.header("webhook-signature"));
            assertThat(replayed.body()).isEqualTo(hook.body());
            assertThat(sandbox.aiVendor().complete(id)).isEqualTo(completed);
            assertThat(sandbox.aiVendor().webhookEvents()).hasSize(1);
        }
    }

    @Test
    void theSameSeedGivesTheSameResultAndAnotherSeedAnother() throws Exception {
        InterviewResult first;
        InterviewResult second;
        InterviewResult otherSeed;
        try (Sandbox a = start(SandboxSettings.builder().aiVendorSeed(7))) {
            first = a.aiVendor().complete(createdId(a)).result();
        }
        try (Sandbox b = start(SandboxSettings.builder().aiVendorSeed(7))) {
            second = b.aiVendor().complete(createdId(b)).result();
        }
        try (Sandbox c = start(SandboxSettings.builder().aiVendorSeed(8))) {
            otherSeed = c.aiVendor().complete(createdId(c)).result();
        }
        assertThat(second).isEqualTo(first);
        assertThat(otherSeed).isNotEqualTo(first);
        assertThat(InterviewResultGenerator.generate(7, "iv_00000001")).isEqualTo(first);
        String expected = first.score() >= 70 ? "advance" : first.score() >= 45 ? "maybe" : "pass";
        assertThat(first.recommendation()).isEqualTo(expected);
        assertThat(first.rationale().split("\\. ")).hasSizeBetween(2, 4);
        assertThat(first.competencies()).allSatisfy(c -> assertThat(c.score()).isBetween(1, 5));
    }

    @Test
    void a503IsRetriedWithTheSameWebhookIdAndAFreshSignature() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver().answer(503);
             Sandbox sandbox = start(SandboxSettings.builder().aiVendorWebhookUrl(receiver.url()))) {
            String id = createdId(sandbox);

            sandbox.aiVendor().complete(id);

            List<WebhookReceiver.Received> received = receiver.await(r -> r.size() >= 2, Duration.ofSeconds(10));
            assertThat(received).hasSize(2);
            assertThat(received.get(1).header("webhook-id")).isEqualTo(received.get(0).header("webhook-id"));
            for (WebhookReceiver.Received r : received) {
                assertThat(r.header("webhook-signature"))
                        .isEqualTo("v1," + sign(r.header("webhook-id"), r.header("webhook-timestamp"), r.body()));
            }
            String webhookId = received.get(0).header("webhook-id");
            Instant deadline = Instant.now().plusSeconds(5);
            while (sandbox.aiVendor().webhookAttempts(webhookId).size() < 2 && Instant.now().isBefore(deadline)) {
                Thread.sleep(20);
            }
            assertThat(sandbox.aiVendor().webhookAttempts(webhookId)).extracting(WebhookAttempt::statusCode).containsExactly(503, 200);
        }
    }

    @Test
    void interviewsCompleteByThemselvesWhenConfigured() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver();
             Sandbox sandbox = start(SandboxSettings.builder().aiVendorWebhookUrl(receiver.url())
                     .aiVendorAutoCompleteAfter(Duration.ofMillis(200)))) {
            String id = createdId(sandbox);
            List<WebhookReceiver.Received> received = receiver.await(r -> !r.isEmpty(), Duration.ofSeconds(10));
            assertThat(received).hasSize(1);
            assertThat(sandbox.aiVendor().interview(id).orElseThrow().status()).isEqualTo("completed");
        }
    }

    @Test
    void aCancelledInterviewNeverCompletesAndSendsNothing() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver();
             Sandbox sandbox = start(SandboxSettings.builder().aiVendorWebhookUrl(receiver.url())
                     .aiVendorAutoCompleteAfter(Duration.ofSeconds(2)))) {
            Instant created = Instant.now();
            String id = createdId(sandbox);
            String url = sandbox.aiVendorBaseUrl() + "/v1/interviews/" + id;

            HttpResponse<String> cancelled = cancel(url);
            HttpResponse<String> again = cancel(url);

            assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
            JsonNode interview = JSON.readTree(cancelled.body());
            assertThat(interview.path("id").asText()).isEqualTo(id);
            assertThat(interview.path("status").asText()).isEqualTo("cancelled");
            assertThat(interview.path("cancelled_at").asText()).isNotBlank();
            assertThat(interview.path("completed_at").isNull()).isTrue();
            assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
            assertThat(JSON.readTree(again.body())).isEqualTo(interview);
            HttpResponse<String> fetched = Http.get(url, "Authorization", "Bearer " + KEY);
            assertThat(JSON.readTree(fetched.body()).path("status").asText()).isEqualTo("cancelled");
            assertThat(sandbox.aiVendor().status(id)).isEqualTo(Interview.CANCELLED);

            // Neither an explicit completion nor the configured auto-completion (waited out here) completes it.
            Interview afterComplete = sandbox.aiVendor().complete(id);
            Thread.sleep(Math.max(0, Duration.between(Instant.now(), created.plusSeconds(3)).toMillis()));
            assertThat(afterComplete.status()).isEqualTo(Interview.CANCELLED);
            assertThat(afterComplete.result()).isNull();
            assertThat(sandbox.aiVendor().status(id)).isEqualTo(Interview.CANCELLED);
            assertThat(sandbox.aiVendor().webhookEvents()).isEmpty();
            assertThat(receiver.received()).isEmpty();
        }
    }

    @Test
    void cancellingACompletedInterviewIs409AndAnUnknownOne404() throws Exception {
        try (Sandbox sandbox = start(SandboxSettings.builder())) {
            String id = createdId(sandbox);
            Interview completed = sandbox.aiVendor().complete(id);

            HttpResponse<String> refused = cancel(sandbox.aiVendorBaseUrl() + "/v1/interviews/" + id);

            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
            JsonNode error = JSON.readTree(refused.body());
            assertThat(error.path("error").asText()).isEqualTo("interview_completed");
            assertThat(error.path("message").asText()).contains(id, "already completed");
            assertThat(sandbox.aiVendor().status(id)).isEqualTo(Interview.COMPLETED);
            assertThat(sandbox.aiVendor().interview(id).orElseThrow()).isEqualTo(completed);

            HttpResponse<String> unknown = cancel(sandbox.aiVendorBaseUrl() + "/v1/interviews/iv_99999999");
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(JSON.readTree(unknown.body()).path("error").asText()).isEqualTo("not_found");
            assertThatThrownBy(() -> sandbox.aiVendor().status("iv_99999999")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("iv_99999999");
        }
    }

    @Test
    void cancelNeedsTheBearerTokenAndHonoursInjectedFaults() throws Exception {
        try (Sandbox sandbox = start(SandboxSettings.builder())) {
            String id = createdId(sandbox);
            String url = sandbox.aiVendorBaseUrl() + "/v1/interviews/" + id + "/cancel";

            assertThat(Http.send("POST", url, "").statusCode()).isEqualTo(401);
            assertThat(Http.send("POST", url, "", "Authorization", "Bearer wrong").statusCode()).isEqualTo(401);
            sandbox.aiVendor().failNextRequests(1, 503);
            assertThat(Http.send("POST", url, "", "Authorization", "Bearer " + KEY).statusCode()).isEqualTo(503);
            assertThat(sandbox.aiVendor().status(id)).isEqualTo(Interview.INVITED);

            assertThat(Http.send("POST", url, "", "Authorization", "Bearer " + KEY).statusCode()).isEqualTo(200);
            assertThat(sandbox.aiVendor().status(id)).isEqualTo(Interview.CANCELLED);
        }
    }

    private static HttpResponse<String> cancel(String interviewUrl) {
        return Http.send("POST", interviewUrl + "/cancel", "", "Authorization", "Bearer " + KEY);
    }

    private static Sandbox start(SandboxSettings.Builder settings) {
        return Sandbox.start(settings.aiVendorApiKey(KEY).aiVendorWebhookSecret(SECRET).retryTimeScale(1.0 / 600).build());
    }

    private static String createdId(Sandbox sandbox) throws Exception {
        HttpResponse<String> created = create(sandbox.aiVendorBaseUrl() + "/v1/interviews", REQUEST, null);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).path("id").asText();
    }

    private static HttpResponse<String> create(String url, String body, String idempotencyKey) {
        return idempotencyKey == null
                ? Http.send("POST", url, body, "Authorization", "Bearer " + KEY)
                : Http.send("POST", url, body, "Authorization", "Bearer " + KEY, "Idempotency-Key", idempotencyKey);
    }

    /** Standard Webhooks v1, computed here independently of the simulator's signer. */
    private static String sign(String id, String timestamp, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET_KEY, "HmacSHA256"));
        mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(mac.doFinal(body));
    }
}
