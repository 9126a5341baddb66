package io.atsbridge.sandbox.lever;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.atsbridge.sandbox.Sandbox;
import io.atsbridge.sandbox.SandboxSettings;
import io.atsbridge.sandbox.http.WebhookAttempt;
import io.atsbridge.sandbox.http.WebhookEvent;
import io.atsbridge.sandbox.testing.Http;
import io.atsbridge.sandbox.testing.WebhookReceiver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The Lever simulator over real HTTP: auth, paging, the token bucket, writes and signed webhooks with retries. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class LeverSimulatorTest {

    private static final String KEY = SandboxSettings.DEFAULT_LEVER_API_KEY;
    private static final ObjectMapper JSON = new ObjectMapper();

    private Sandbox sandbox;
    private LeverSimulator lever;
    private List<LeverStage> stages;
    private LeverUser recruiter;

    @BeforeAll
    void start() {
        // A bucket large enough that only the rate-limit test (on a sandbox of its own) meets a 429.
        sandbox = Sandbox.start(SandboxSettings.builder().leverRateLimit(10_000).leverBurst(10_000).build());
        lever = sandbox.lever();
        stages = lever.addStages("New lead", "Phone screen", "AI interview", "Offer");
        recruiter = lever.addUser("Rita Recruiter", "rita@acme.example");
    }

    @AfterAll
    void stop() {
        sandbox.close();
    }

    private String v1(String path) {
        return sandbox.leverBaseUrl() + "/v1" + path;
    }

    private static HttpResponse<String> get(String url) {
        return Http.get(url, "Authorization", Http.basic(KEY));
    }

    private static HttpResponse<String> send(String method, String url, String body) {
        return Http.send(method, url, body, "Authorization", Http.basic(KEY));
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    private String opportunity(String name, String... tags) {
        NewOpportunity.Builder seed = NewOpportunity.builder(name).email(name.toLowerCase().replace(' ', '.') + "@example.com");
        for (String tag : tags) {
            seed.tag(tag);
        }
        return lever.addOpportunity(seed.build());
    }

    @Test
    void requestsNeedBasicAuthWithTheApiKeyAsUserName() throws Exception {
        String id = opportunity("Ada Lovelace");
        long unauthorizedBefore = lever.rateLimitStats().unauthorized();

        HttpResponse<String> none = Http.get(v1("/opportunities/" + id));
        HttpResponse<String> wrong = Http.get(v1("/opportunities/" + id), "Authorization", Http.basic("not-the-key"));
        HttpResponse<String> right = get(v1("/opportunities/" + id));

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(json(none).path("code").asText()).isEqualTo("UNAUTHORIZED");
        assertThat(json(none).path("message").asText()).contains("Basic");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(json(wrong).path("code").asText()).isEqualTo("UNAUTHORIZED");
        assertThat(wrong.body()).doesNotContain("not-the-key");
        assertThat(right.statusCode()).isEqualTo(200);
        JsonNode data = json(right).path("data");
        assertThat(data.path("id").asText()).isEqualTo(id);
        assertThat(data.path("name").asText()).isEqualTo("Ada Lovelace");
        assertThat(data.path("emails").get(0).asText()).isEqualTo("ada.lovelace@example.com");
        assertThat(data.path("stage").asText()).isEqualTo(stages.get(0).id());
        assertThat(data.path("stageChanges")).hasSize(1);
        assertThat(data.path("archived").isNull()).isTrue();
        assertThat(data.path("updatedAt").isIntegralNumber()).as("epoch milliseconds").isTrue();
        assertThat(lever.rateLimitStats().unauthorized() - unauthorizedBefore).isEqualTo(2);

        JsonNode contact = json(get(v1("/contacts/" + data.path("contact").asText()))).path("data");
        assertThat(contact.path("name").asText()).isEqualTo("Ada Lovelace");
        assertThat(contact.path("emails").get(0).asText()).isEqualTo("ada.lovelace@example.com");

        HttpResponse<String> missing = get(v1("/opportunities/00000000-0000-0000-0000-000000000000"));
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(json(missing).path("code").asText()).isEqualTo("ResourceNotFound");
        assertThat(json(get(v1("/stages/" + stages.get(2).id()))).path("data").path("text").asText()).isEqualTo("AI interview");
        assertThat(json(get(v1("/stages"))).path("data")).hasSize(4);
    }

    @Test
    void opportunitiesPageWithOpaqueNextTokens() throws Exception {
        try (Sandbox own = Sandbox.start(SandboxSettings.builder().leverRateLimit(10_000).leverBurst(10_000).build())) {
            LeverSimulator sim = own.lever();
            sim.addStages("New lead", "Offer");
            LeverPosting posting = sim.addPosting("Designer", "Design", "Berlin");
            for (int i = 0; i < 250; i++) {
                sim.addOpportunity(NewOpportunity.builder("Candidate " + i).posting(posting.id()).build());
            }
            String list = own.leverBaseUrl() + "/v1/opportunities?archived=false&limit=100";

            Set<String> ids = new HashSet<>();
            List<Integer> sizes = new ArrayList<>();
            String next = null;
            for (int page = 0; page < 10; page++) {
                JsonNode body = json(get(list + (next == null ? "" : "&offset=" + URLEncoder.encode(next, StandardCharsets.UTF_8))));
                sizes.add(body.path("data").size());
                body.path("data").forEach(o -> ids.add(o.path("id").asText()));
                if (!body.path("hasNext").asBoolean()) {
                    assertThat(body.has("next")).as("no next token on the last page").isFalse();
                    break;
                }
                next = body.path("next").asText();
                assertThat(next).isNotBlank().doesNotContain("page");
            }
            assertThat(sizes).containsExactly(100, 100, 50);
            assertThat(ids).hasSize(250);

            HttpResponse<String> tooBig = get(own.leverBaseUrl() + "/v1/opportunities?limit=101");
            assertThat(tooBig.statusCode()).isEqualTo(400);
            assertThat(json(tooBig).path("code").asText()).isEqualTo("BadRequestError");
            assertThat(json(tooBig).path("message").asText()).contains("limit");
            HttpResponse<String> badToken = get(own.leverBaseUrl() + "/v1/opportunities?offset=page-2");
            assertThat(badToken.statusCode()).isEqualTo(400);
            assertThat(json(badToken).path("message").asText()).contains("offset");

            // Filters: archived=false leaves archived ones out; updated_at_start keeps only later changes.
            String first = ids.iterator().next();
            sim.archive(first, sim.archiveReasons().get(1).id(), sim.apiUser().id());
            long cut = sim.opportunity(first).updatedAt().toEpochMilli();
            JsonNode active = json(get(own.leverBaseUrl() + "/v1/opportunities?archived=false&limit=100&updated_at_start=" + cut));
            assertThat(active.path("data")).isEmpty();
            JsonNode all = json(get(own.leverBaseUrl() + "/v1/opportunities?updated_at_start=" + cut));
            assertThat(all.path("data")).singleElement().satisfies(o -> {
                assertThat(o.path("id").asText()).isEqualTo(first);
                assertThat(o.path("archived").path("reason").asText()).isEqualTo(sim.archiveReasons().get(1).id());
            });
            JsonNode applications = json(get(own.leverBaseUrl() + "/v1/opportunities/" + first + "/applications"));
            assertThat(applications.path("data").get(0).path("posting").asText()).isEqualTo(posting.id());
            JsonNode postingJson = json(get(own.leverBaseUrl() + "/v1/postings/" + posting.id())).path("data");
            assertThat(postingJson.path("text").asText()).isEqualTo("Designer");
        }
    }

    @Test
    void theTwentyFirstRequestOfABurstIs429WithoutRetryAfterAndTheBucketRefills() throws Exception {
        try (Sandbox own = Sandbox.start(SandboxSettings.builder().build())) {
            own.lever().addStages("New lead");
            String url = own.leverBaseUrl() + "/v1/stages";
            for (int i = 1; i <= 20; i++) {
                assertThat(get(url).statusCode()).as("request %s of the burst", i).isEqualTo(200);
            }
            // Tokens trickle back at 10/s while the burst is sent, so the refusal comes at the 21st request or soon after.
            HttpResponse<String> limited = null;
            int sent = 20;
            while (limited == null && sent < 200) {
                HttpResponse<String> response = get(url);
                sent++;
                if (response.statusCode() == 429) {
                    limited = response;
                } else {
                    assertThat(response.statusCode()).isEqualTo(200);
                }
            }
            assertThat(limited).as("a 429 within 200 back-to-back requests").isNotNull();
            assertThat(json(limited).path("code").asText()).isEqualTo("TooManyRequests");
            assertThat(limited.headers().firstValue("Retry-After")).as("Lever documents no Retry-After").isEmpty();
            assertThat(limited.headers().firstValue("X-RateLimit-Remaining")).isEmpty();

            // At least 0.3 s at 10 tokens a second puts at least two tokens back.
            Thread.sleep(300);
            assertThat(get(url).statusCode()).isEqualTo(200);
            assertThat(get(url).statusCode()).isEqualTo(200);

            LeverRateLimitStats stats = own.lever().rateLimitStats();
            assertThat(stats.requests()).isEqualTo(sent + 2);
            assertThat(stats.throttled()).isEqualTo(1);
            assertThat(stats.unauthorized()).isZero();
        }
    }

    @Test
    void notesRoundTripWithPerformAsAttribution() throws Exception {
        String id = opportunity("Grace Hopper");
        long updatedBefore = lever.opportunity(id).updatedAt().toEpochMilli();

        HttpResponse<String> created = send("POST", v1("/opportunities/" + id + "/notes?perform_as=" + recruiter.id()),
                "{\"value\":\"AI interview summary.\\nAudit reference: trace-1\",\"secret\":true,\"notifyFollowers\":false}");

        assertThat(created.statusCode()).isEqualTo(201);
        String noteId = json(created).path("data").path("noteId").asText();
        assertThat(noteId).isNotBlank();
        assertThat(lever.notes(id)).singleElement().satisfies(note -> {
            assertThat(note.id()).isEqualTo(noteId);
            assertThat(note.value()).isEqualTo("AI interview summary.\nAudit reference: trace-1");
            assertThat(note.userId()).isEqualTo(recruiter.id());
            assertThat(note.secret()).isTrue();
        });
        assertThat(lever.opportunity(id).updatedAt().toEpochMilli()).isGreaterThan(updatedBefore);

        JsonNode listed = json(get(v1("/opportunities/" + id + "/notes")));
        assertThat(listed.path("hasNext").asBoolean()).isFalse();
        assertThat(listed.path("data")).singleElement().satisfies(note -> {
            assertThat(note.path("id").asText()).isEqualTo(noteId);
            assertThat(note.path("fields").get(0).path("type").asText()).isEqualTo("note");
            assertThat(note.path("fields").get(0).path("value").asText()).contains("trace-1");
            assertThat(note.path("user").asText()).isEqualTo(recruiter.id());
            assertThat(note.path("secret").asBoolean()).isTrue();
        });

        send("POST", v1("/opportunities/" + id + "/notes"), "{\"value\":\"By the key's owner.\"}");
        assertThat(lever.notes(id).get(1).userId()).as("no perform_as: the API key's user").isEqualTo(lever.apiUser().id());
        assertThat(lever.notes(id).get(1).secret()).isFalse();

        HttpResponse<String> noValue = send("POST", v1("/opportunities/" + id + "/notes"), "{\"secret\":true}");
        assertThat(noValue.statusCode()).isEqualTo(400);
        assertThat(json(noValue).path("message").asText()).contains("value");
        HttpResponse<String> notJson = send("POST", v1("/opportunities/" + id + "/notes"), "{value:");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(json(notJson).path("code").asText()).isEqualTo("BadRequestError");
        HttpResponse<String> strangerAs = send("POST", v1("/opportunities/" + id + "/notes?perform_as=nobody"), "{\"value\":\"x\"}");
        assertThat(strangerAs.statusCode()).isEqualTo(400);
        assertThat(json(strangerAs).path("message").asText()).contains("perform_as");
        assertThat(send("POST", v1("/opportunities/nope/notes"), "{\"value\":\"x\"}").statusCode()).isEqualTo(404);
        assertThat(lever.notes(id)).as("refused notes are not stored").hasSize(2);
        assertThat(lever.writes()).filteredOn(w -> w.path().equals("/v1/opportunities/" + id + "/notes") && w.status() == 201)
                .extracting(LeverWrite::performAs).containsExactly(recruiter.id(), null);
    }

    @Test
    void addTagsIsIdempotentAndRemoveTagsRemoves() throws Exception {
        String id = opportunity("Alan Turing", "Referral");

        HttpResponse<String> first = send("POST", v1("/opportunities/" + id + "/addTags"), "{\"tags\":[\"ai-screened\",\"Referral\"]}");
        long afterFirst = lever.opportunity(id).updatedAt().toEpochMilli();
        HttpResponse<String> again = send("POST", v1("/opportunities/" + id + "/addTags"), "{\"tags\":[\"ai-screened\"]}");

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(json(first).path("data").path("tags")).extracting(JsonNode::asText).containsExactly("Referral", "ai-screened");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(lever.tags(id)).containsExactly("Referral", "ai-screened");
        assertThat(lever.opportunity(id).updatedAt().toEpochMilli()).as("nothing changed, nothing moved").isEqualTo(afterFirst);

        assertThat(send("POST", v1("/opportunities/" + id + "/removeTags"), "{\"tags\":[\"Referral\"]}").statusCode()).isEqualTo(200);
        assertThat(lever.tags(id)).containsExactly("ai-screened");
        HttpResponse<String> empty = send("POST", v1("/opportunities/" + id + "/addTags"), "{\"tags\":[]}");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(json(empty).path("message").asText()).contains("tags");
        assertThat(lever.tags(id)).containsExactly("ai-screened");
    }

    @Test
    void aStageMoveFiresASignedWebhookAndFailedDeliveriesAreRetried() throws Exception {
        String signatureToken = "a-signature-token-of-this-webhook";
        try (WebhookReceiver receiver = new WebhookReceiver();
             Sandbox own = Sandbox.start(SandboxSettings.builder().retryTimeScale(1.0 / 6000)
                     .leverWebhookUrl(receiver.url()).leverWebhookSignatureToken("candidateStageChange", signatureToken).build())) {
            LeverSimulator sim = own.lever();
            List<LeverStage> pipeline = sim.addStages("New lead", "AI interview");
            LeverUser rita = sim.addUser("Rita Recruiter", "rita@acme.example");
            String id = sim.addOpportunity(NewOpportunity.builder("Katherine Johnson").email("kj@example.com").build());
            receiver.answer(500, 302);

            HttpResponse<String> moved = Http.send("PUT", own.leverBaseUrl() + "/v1/opportunities/" + id + "/stage?perform_as=" + rita.id(),
                    "{\"stage\":\"" + pipeline.get(1).id() + "\"}", "Authorization", Http.basic(KEY));

            assertThat(moved.statusCode()).isEqualTo(200);
            assertThat(json(moved).path("data").path("stage").asText()).isEqualTo(pipeline.get(1).id());
            LeverOpportunity after = sim.opportunity(id);
            assertThat(after.stageChanges()).hasSize(2);
            assertThat(after.stageChanges().get(1)).satisfies(change -> {
                assertThat(change.toStageId()).isEqualTo(pipeline.get(1).id());
                assertThat(change.toStageIndex()).isEqualTo(1);
                assertThat(change.userId()).isEqualTo(rita.id());
            });

            List<WebhookReceiver.Received> received = receiver.await(r -> r.size() >= 3, Duration.ofSeconds(10));
            assertThat(received).as("500 and 302 are failures; the third attempt gets 200").hasSize(3);
            WebhookEvent event = sim.webhookEvents().get(sim.webhookEvents().size() - 1);
            assertThat(event.type()).isEqualTo("candidateStageChange");
            assertThat(received).allSatisfy(r -> {
                assertThat(r.header("User-Agent")).isEqualTo("Lever-Webhooks");
                assertThat(r.header("Content-Type")).isEqualTo("application/json");
                assertThat(r.body()).isEqualTo(event.body());
            });
            JsonNode body = JSON.readTree(received.get(0).body());
            assertThat(body.path("event").asText()).isEqualTo("candidateStageChange");
            assertThat(body.path("data").path("opportunityId").asText()).isEqualTo(id);
            assertThat(body.path("data").path("contactId").asText()).isEqualTo(after.contactId());
            assertThat(body.path("data").path("toStageId").asText()).isEqualTo(pipeline.get(1).id());
            assertThat(body.path("data").path("fromStageId").asText()).isEqualTo(pipeline.get(0).id());
            String token = body.path("token").asText();
            long triggeredAt = body.path("triggeredAt").asLong();
            assertThat(token).hasSize(48);
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(signatureToken.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String expected = HexFormat.of().formatHex(mac.doFinal((token + triggeredAt).getBytes(StandardCharsets.UTF_8)));
            assertThat(body.path("signature").asText()).isEqualTo(expected);

            awaitAttempts(sim, event.id(), 3);
            assertThat(sim.webhookAttempts(event.id())).extracting(WebhookAttempt::statusCode).containsExactly(500, 302, 200);
            assertThat(sim.webhookAttempts(event.id())).extracting(WebhookAttempt::delivered).containsExactly(false, false, true);

            HttpResponse<String> unknown = Http.send("PUT", own.leverBaseUrl() + "/v1/opportunities/" + id + "/stage",
                    "{\"stage\":\"no-such-stage\"}", "Authorization", Http.basic(KEY));
            assertThat(unknown.statusCode()).isEqualTo(400);
            assertThat(JSON.readTree(unknown.body()).path("message").asText()).contains("no-such-stage");
            assertThat(sim.opportunity(id).stageId()).isEqualTo(pipeline.get(1).id());
            assertThat(sim.webhookEvents()).as("a refused move sends nothing").hasSize(1);
        }
    }

    @Test
    void aReceiverThatKeepsFailingGetsSixAttemptsInAll() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver();
             Sandbox own = Sandbox.start(SandboxSettings.builder().retryTimeScale(1.0 / 6000)
                     .leverWebhookUrl(receiver.url()).build())) {
            LeverSimulator sim = own.lever();
            List<LeverStage> pipeline = sim.addStages("New lead", "Offer");
            String id = sim.addOpportunity(NewOpportunity.builder("Mary Jackson").build());
            receiver.answer(500, 500, 500, 500, 500, 500, 500);

            String eventId = sim.moveStage(id, pipeline.get(1).id(), sim.apiUser().id());

            awaitAttempts(sim, eventId, 6);
            Thread.sleep(200);
            assertThat(sim.webhookAttempts(eventId)).hasSize(6).allSatisfy(a -> assertThat(a.delivered()).isFalse());
            assertThat(sim.webhookAttempts(eventId).get(5).last()).isTrue();
            assertThat(receiver.received()).hasSize(6);
        }
    }

    @Test
    void archivingWithTheHiredReasonSendsArchiveChangeAndHired() throws Exception {
        String id = opportunity("Dorothy Vaughan");
        int before = lever.webhookEvents().size();

        HttpResponse<String> archived = send("PUT", v1("/opportunities/" + id + "/archived?perform_as=" + recruiter.id()),
                "{\"reason\":\"" + lever.hiredReason().id() + "\",\"cleanInterviews\":false}");

        assertThat(archived.statusCode()).isEqualTo(200);
        assertThat(json(archived).path("data").path("archived").path("reason").asText()).isEqualTo(lever.hiredReason().id());
        assertThat(lever.opportunity(id).archived()).isNotNull();
        List<WebhookEvent> events = lever.webhookEvents().subList(before, lever.webhookEvents().size());
        assertThat(events).extracting(WebhookEvent::type).containsExactly("candidateArchiveChange", "candidateHired");
        JsonNode change = JSON.readTree(events.get(0).body());
        assertThat(change.path("data").path("fromArchived").isNull()).isTrue();
        assertThat(change.path("data").path("toArchived").path("reason").asText()).isEqualTo(lever.hiredReason().id());

        assertThat(send("PUT", v1("/opportunities/" + id + "/archived"), "{\"reason\":\"no-such-reason\"}").statusCode()).isEqualTo(400);
        assertThat(send("PUT", v1("/opportunities/" + id + "/archived"), "{\"reason\":null}").statusCode()).isEqualTo(200);
        assertThat(lever.opportunity(id).archived()).as("reason null unarchives").isNull();
        assertThat(json(get(v1("/archive_reasons"))).path("data")).anySatisfy(r ->
                assertThat(r.path("type").asText()).isEqualTo("hired"));
    }

    /**
     * Every Lever webhook, one event each, has its own signature token (help.lever.co: "A Webhook signature token for each
     * created Webhook"): archiving with the hired reason sends two events, each signed with its own webhook's token only.
     */
    @Test
    void eachEventIsSignedWithTheTokenOfItsOwnWebhook() throws Exception {
        String id = opportunity("Annie Easley");
        int before = lever.webhookEvents().size();
        lever.archive(id, lever.hiredReason().id(), recruiter.id());

        List<WebhookEvent> events = lever.webhookEvents().subList(before, lever.webhookEvents().size());
        assertThat(events).extracting(WebhookEvent::type).containsExactly("candidateArchiveChange", "candidateHired");
        String archiveToken = lever.webhookSignatureTokens().get("candidateArchiveChange");
        String hiredToken = lever.webhookSignatureTokens().get("candidateHired");
        assertThat(archiveToken).isNotEqualTo(hiredToken).isEqualTo(sandbox.settings().leverWebhookSignatureToken("candidateArchiveChange"));
        for (WebhookEvent event : events) {
            JsonNode body = JSON.readTree(event.body());
            String own = lever.webhookSignatureTokens().get(event.type());
            String other = event.type().equals("candidateHired") ? archiveToken : hiredToken;
            assertThat(body.path("signature").asText()).isEqualTo(sign(own, body)).isNotEqualTo(sign(other, body));
        }
    }

    /**
     * Whether Lever's retries and manual Rerun keep the token and triggeredAt is not documented; configured RESIGNED, every
     * attempt carries a fresh token and triggeredAt signed anew, the data unchanged.
     */
    @Test
    void configuredToResignRetriesAndRerunsCarryAFreshTokenEachTime() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver();
             Sandbox own = Sandbox.start(SandboxSettings.builder().retryTimeScale(1.0 / 6000).leverRetryBody(LeverRetryBody.RESIGNED)
                     .leverWebhookUrl(receiver.url()).build())) {
            LeverSimulator sim = own.lever();
            List<LeverStage> pipeline = sim.addStages("New lead", "Offer");
            String id = sim.addOpportunity(NewOpportunity.builder("Christine Darden").build());
            receiver.answer(503, 503);

            String eventId = sim.moveStage(id, pipeline.get(1).id(), sim.apiUser().id());
            awaitAttempts(sim, eventId, 3);
            sim.replayWebhook(eventId);
            List<WebhookReceiver.Received> received = receiver.await(r -> r.size() >= 4, Duration.ofSeconds(10));

            Set<String> tokens = new HashSet<>();
            String token = sim.webhookSignatureTokens().get("candidateStageChange");
            for (WebhookReceiver.Received attempt : received) {
                JsonNode body = JSON.readTree(attempt.body());
                tokens.add(body.path("token").asText());
                assertThat(body.path("signature").asText()).isEqualTo(sign(token, body));
                assertThat(body.path("data").path("opportunityId").asText()).isEqualTo(id);
            }
            assertThat(tokens).as("three attempts and a rerun, each with its own token").hasSize(4);
            assertThat(JSON.readTree(received.get(0).body()).path("token").asText())
                    .isEqualTo(JSON.readTree(sim.webhookEvents().get(0).body()).path("token").asText());
        }
    }

    /**
     * Confidential data (hire.lever.co/developer/documentation "Confidential Data"; help.lever.co "How do I create an API key
     * with access to confidential data?"): lists leave confidential opportunities out unless asked with
     * {@code confidentiality}, and only a key generated with access sees them; a key without access gets "an access
     * error", whose status is not documented: 403 (FORBIDDEN, the default) or a not-found (HIDDEN).
     */
    @Test
    void confidentialOpportunitiesAreForKeysGrantedAccessOnly() throws Exception {
        for (LeverConfidentialRefusal refusal : LeverConfidentialRefusal.values()) {
            try (Sandbox own = Sandbox.start(SandboxSettings.builder().leverConfidentialRefusal(refusal).build())) {
                LeverSimulator sim = own.lever();
                sim.addStages("New lead", "Offer");
                LeverPosting secret = sim.addConfidentialPosting("Chief Financial Officer", "Finance", "New York");
                String open = sim.addOpportunity(NewOpportunity.builder("Open Role Candidate").build());
                String confidential = sim.addOpportunity(NewOpportunity.builder("Confidential Candidate").posting(secret.id()).build());
                sim.addApiKey("key-without-confidential-access", false);
                String base = own.leverBaseUrl() + "/v1";

                JsonNode byDefault = JSON.readTree(Http.get(base + "/opportunities", "Authorization", Http.basic(KEY)).body());
                assertThat(ids(byDefault)).as("the documented default is non-confidential").containsExactly(open);
                JsonNode all = JSON.readTree(Http.get(base + "/opportunities?confidentiality=all", "Authorization", Http.basic(KEY)).body());
                assertThat(ids(all)).containsExactlyInAnyOrder(open, confidential);
                assertThat(all.path("data")).anySatisfy(o -> assertThat(o.path("confidentiality").asText()).isEqualTo("confidential"));
                assertThat(Http.get(base + "/opportunities?confidentiality=some", "Authorization", Http.basic(KEY)).statusCode()).isEqualTo(400);

                String noAccess = Http.basic("key-without-confidential-access");
                HttpResponse<String> listed = Http.get(base + "/opportunities?confidentiality=all", "Authorization", noAccess);
                HttpResponse<String> named = Http.get(base + "/opportunities/" + confidential, "Authorization", noAccess);
                HttpResponse<String> note = Http.send("POST", base + "/opportunities/" + confidential + "/notes", "{\"value\":\"x\"}",
                        "Authorization", noAccess);
                if (refusal == LeverConfidentialRefusal.FORBIDDEN) {
                    assertThat(listed.statusCode()).isEqualTo(403);
                    assertThat(json(listed).path("message").asText()).contains("confidential");
                    assertThat(named.statusCode()).isEqualTo(403);
                    assertThat(note.statusCode()).isEqualTo(403);
                } else {
                    assertThat(listed.statusCode()).isEqualTo(200);
                    assertThat(ids(json(listed))).containsExactly(open);
                    assertThat(named.statusCode()).isEqualTo(404);
                    assertThat(note.statusCode()).isEqualTo(404);
                }
                assertThat(sim.notes(confidential)).as("nothing written for a key without access").isEmpty();
                assertThat(Http.get(base + "/opportunities/" + open, "Authorization", noAccess).statusCode()).isEqualTo(200);
            }
        }
    }

    private static List<String> ids(JsonNode list) {
        List<String> ids = new ArrayList<>();
        list.path("data").forEach(o -> ids.add(o.path("id").asText()));
        return ids;
    }

    private static String sign(String signatureToken, JsonNode body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(signatureToken.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal((body.path("token").asText() + body.path("triggeredAt").asLong())
                .getBytes(StandardCharsets.UTF_8)));
    }

    private static void awaitAttempts(LeverSimulator sim, String eventId, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (sim.webhookAttempts(eventId).size() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }
}
