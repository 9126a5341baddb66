package io.atsbridge.sandbox.greenhouse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.atsbridge.sandbox.Sandbox;
import io.atsbridge.sandbox.SandboxSettings;
import io.atsbridge.sandbox.testing.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Harvest v3 on the Greenhouse simulator: OAuth client credentials, cursor paging, filters and writes, over real HTTP. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HarvestV3Test {

    private static final String CLIENT_ID = "v3-client";
    private static final String CLIENT_SECRET = "v3-secret";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>;\\s*rel=\"next\"");
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private Sandbox sandbox;
    private GreenhouseSimulator gh;
    private GreenhouseUser recruiter;
    private GreenhouseJob job;
    private String token;

    @BeforeAll
    void start() throws Exception {
        sandbox = Sandbox.start(SandboxSettings.builder()
                .greenhouseClientId(CLIENT_ID).greenhouseClientSecret(CLIENT_SECRET)
                .greenhouseRateLimit(10_000).build());
        gh = sandbox.greenhouse();
        recruiter = gh.addUser("Vera", "Three", "vera@example.com");
        job = gh.addJob("Analyst", "Review", "Interview", "Offer");
        gh.addCustomField(CustomFieldScope.CANDIDATE, "AI score", "ai_score", CustomFieldType.NUMBER);
        gh.addCustomField(CustomFieldScope.CANDIDATE, "AI recommendation", "ai_recommendation",
                CustomFieldType.SINGLE_SELECT, "Advance", "Pass");
        gh.addCustomField(CustomFieldScope.APPLICATION, "AI summary", "ai_summary", CustomFieldType.LONG_TEXT);
        token = JSON.readTree(token(CLIENT_ID, CLIENT_SECRET, "grant_type=client_credentials&sub=" + recruiter.id()).body())
                .path("access_token").asText();
    }

    @AfterAll
    void stop() {
        sandbox.close();
    }

    @Test
    void tokenEndpointIssuesBearerTokensForAUserAndRefusesWrongClientsAndUsers() throws Exception {
        HttpResponse<String> ok = token(CLIENT_ID, CLIENT_SECRET, "grant_type=client_credentials&sub=" + recruiter.id());
        assertThat(ok.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(ok.body());
        assertThat(body.path("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.path("expires_in").asLong()).isEqualTo(3600);
        assertThat(body.path("access_token").asText()).hasSizeGreaterThan(20);
        assertThat(ok.headers().firstValue("Cache-Control")).hasValue("no-store");

        HttpResponse<String> wrongSecret = token(CLIENT_ID, "guess", "grant_type=client_credentials&sub=" + recruiter.id());
        assertThat(wrongSecret.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(wrongSecret.body()).path("error").asText()).isEqualTo("invalid_client");
        assertThat(wrongSecret.body()).doesNotContain(CLIENT_SECRET);

        HttpResponse<String> unknownUser = token(CLIENT_ID, CLIENT_SECRET, "grant_type=client_credentials&sub=424242");
        assertThat(unknownUser.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(unknownUser.body()).path("error").asText()).isEqualTo("invalid_grant");

        HttpResponse<String> noSub = token(CLIENT_ID, CLIENT_SECRET, "grant_type=client_credentials");
        assertThat(JSON.readTree(noSub.body()).path("error").asText()).isEqualTo("invalid_grant");
        HttpResponse<String> password = token(CLIENT_ID, CLIENT_SECRET, "grant_type=password&sub=" + recruiter.id());
        assertThat(password.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(password.body()).path("error").asText()).isEqualTo("unsupported_grant_type");
    }

    @Test
    void v3CallsNeedALiveBearerTokenAndV1KeysDoNotWork() throws Exception {
        assertThat(Http.get(url("/v3/jobs")).statusCode()).isEqualTo(401);
        assertThat(Http.get(url("/v3/jobs"), "Authorization", "Bearer not-a-token").statusCode()).isEqualTo(401);
        assertThat(Http.get(url("/v3/jobs"), "Authorization", Http.basic(SandboxSettings.DEFAULT_GREENHOUSE_API_KEY))
                .statusCode()).isEqualTo(401);
        HttpResponse<String> ok = get("/v3/jobs");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("X-RateLimit-Limit")).hasValue("10000");

        try (Sandbox shortLived = Sandbox.start(SandboxSettings.builder().greenhouseTokenTtl(Duration.ofSeconds(1)).build())) {
            GreenhouseUser user = shortLived.greenhouse().addUser("Short", "Lived", "short@example.com");
            String shortToken = JSON.readTree(token(shortLived, SandboxSettings.DEFAULT_GREENHOUSE_CLIENT_ID,
                    SandboxSettings.DEFAULT_GREENHOUSE_CLIENT_SECRET, "grant_type=client_credentials&sub=" + user.id()).body())
                    .path("access_token").asText();
            String jobs = shortLived.greenhouseBaseUrl() + "/v3/jobs";
            assertThat(Http.get(jobs, "Authorization", "Bearer " + shortToken).statusCode()).isEqualTo(200);
            Thread.sleep(1100);
            HttpResponse<String> expired = Http.get(jobs, "Authorization", "Bearer " + shortToken);
            assertThat(expired.statusCode()).isEqualTo(401);
            assertThat(expired.body()).contains("expired");
        }
    }

    @Test
    void cursorPagingWalksEveryApplicationAndRefusesCursorWithOtherParameters() throws Exception {
        GreenhouseJob paged = gh.addJob("Paged", "Only");
        for (int i = 0; i < 250; i++) {
            long candidate = gh.addCandidate(NewCandidate.builder("Page", "No" + i).build());
            gh.addApplication(candidate, paged.id());
        }
        String next = url("/v3/applications?job_ids=" + paged.id() + "&status=active&per_page=100");
        Set<Long> ids = new HashSet<>();
        List<Integer> sizes = new java.util.ArrayList<>();
        String secondPage = null;
        for (int page = 0; next != null && page < 10; page++) {
            HttpResponse<String> response = Http.get(next, "Authorization", "Bearer " + token);
            assertThat(response.statusCode()).as(next).isEqualTo(200);
            JsonNode body = JSON.readTree(response.body());
            sizes.add(body.size());
            for (JsonNode application : body) {
                assertThat(application.path("job_id").asLong()).isEqualTo(paged.id());
                assertThat(application.path("status").asText()).as("v3 names an open application in_process").isEqualTo("in_process");
                assertThat(application.has("created_at")).isTrue();
                assertThat(application.has("updated_at")).isTrue();
                ids.add(application.path("id").asLong());
            }
            String link = response.headers().firstValue("Link").orElse(null);
            next = null;
            if (link != null) {
                assertThat(link).doesNotContain("rel=\"prev\"", "rel=\"last\"");
                Matcher m = NEXT.matcher(link);
                assertThat(m.find()).isTrue();
                next = m.group(1);
                assertThat(URI.create(next).getQuery()).startsWith("cursor=").doesNotContain("&");
                if (secondPage == null) {
                    secondPage = next;
                }
            }
        }
        assertThat(sizes).containsExactly(100, 100, 50);
        assertThat(ids).hasSize(250);

        HttpResponse<String> mixed = Http.get(secondPage + "&per_page=10", "Authorization", "Bearer " + token);
        assertThat(mixed.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(mixed.body()).path("message").asText()).contains("cursor must be the only query parameter");
        assertThat(get("/v3/applications?cursor=bm9wZQ").statusCode()).isEqualTo(400);
        assertThat(get("/v3/applications?updated_after=2024-01-01T00:00:00Z").statusCode())
                .as("v1 filter names are refused, not ignored").isEqualTo(422);
        assertThat(get("/v3/applications?updated_at=2024-01-01T00:00:00Z").statusCode())
                .as("a time filter needs an operator").isEqualTo(422);
    }

    @Test
    void updatedAtOperatorsSelectRecentlyChangedApplications() throws Exception {
        long candidate = gh.addCandidate(NewCandidate.builder("Recent", "Change").build());
        long application = gh.addApplication(candidate, job.id());
        // Stamps are strictly increasing and may run ahead of the wall clock after bursts: cut after the last one.
        Instant cut = gh.candidateUpdatedAt(candidate).plusMillis(1);
        gh.moveApplication(application, job.stages().get(1).id(), recruiter.id());

        JsonNode since = JSON.readTree(get("/v3/applications?updated_at=" + enc("gte|" + cut)).body());
        assertThat(since).extracting(a -> a.path("id").asLong()).containsExactly(application);
        assertThat(since.get(0).path("job_interview_stage_id").asLong()).isEqualTo(job.stages().get(1).id());
        assertThat(since.get(0).path("stage_name").asText()).isEqualTo("Interview");
        assertThat(since.get(0).has("current_stage_id")).isFalse();
        JsonNode before = JSON.readTree(get("/v3/applications?ids=" + application + "&updated_at=" + enc("lt|" + cut)).body());
        assertThat(before).isEmpty();
        JsonNode range = JSON.readTree(get("/v3/applications?candidate_ids=" + candidate + "&created_at=" + enc("lt|" + cut)
                + "&updated_at=" + enc("gte|" + cut)).body());
        assertThat(range).hasSize(1);
    }

    @Test
    void patchesTypedCustomFieldsClearsThemAndReplacesTags() throws Exception {
        long candidate = gh.addCandidate(NewCandidate.builder("Field", "Writer").tag("Existing").build());
        long application = gh.addApplication(candidate, job.id());

        HttpResponse<String> patched = send("PATCH", "/v3/candidates/" + candidate, "{\"custom_fields\":["
                + "{\"name_key\":\"ai_score\",\"value\":81.5},{\"name_key\":\"ai_recommendation\",\"value\":\"Advance\"}],"
                + "\"tags\":[\"Existing\",\"ai-skill:SQL\"]}");
        assertThat(patched.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(patched.body());
        assertThat(body.path("custom_fields").path("ai_score").path("value").decimalValue()).isEqualByComparingTo("81.5");
        assertThat(body.path("custom_fields").path("ai_score").path("name").asText()).isEqualTo("AI score");
        assertThat(body.has("keyed_custom_fields")).isFalse();
        assertThat(body.path("tags")).extracting(JsonNode::asText).containsExactly("Existing", "ai-skill:SQL");
        assertThat(gh.customFieldValue(CustomFieldScope.CANDIDATE, candidate, "ai_score")).isEqualTo(new BigDecimal("81.5"));
        assertThat(gh.tags(candidate)).containsExactly("Existing", "ai-skill:SQL");
        assertThat(gh.writes()).last().satisfies(w -> {
            assertThat(w.path()).isEqualTo("/v3/candidates/" + candidate);
            assertThat(w.onBehalfOf()).as("the token's sub acts").isEqualTo(Long.toString(recruiter.id()));
        });

        assertThat(send("PATCH", "/v3/candidates/" + candidate,
                "{\"custom_fields\":[{\"name_key\":\"ai_score\",\"delete_value\":\"true\"}]}").statusCode()).isEqualTo(200);
        assertThat(gh.customFieldValue(CustomFieldScope.CANDIDATE, candidate, "ai_score")).isNull();

        HttpResponse<String> wrongType = send("PATCH", "/v3/candidates/" + candidate,
                "{\"custom_fields\":[{\"name_key\":\"ai_score\",\"value\":\"high\"}],\"tags\":[]}");
        assertThat(wrongType.statusCode()).isEqualTo(422);
        assertThat(gh.tags(candidate)).as("nothing applied from a refused PATCH").containsExactly("Existing", "ai-skill:SQL");

        HttpResponse<String> app = send("PATCH", "/v3/applications/" + application,
                "{\"custom_fields\":[{\"name_key\":\"ai_summary\",\"value\":\"Clear thinker.\"}]}");
        assertThat(app.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(app.body()).path("custom_fields").path("ai_summary").path("value").asText()).isEqualTo("Clear thinker.");
    }

    @Test
    void aDeletedCustomFieldIsListedAsInactiveAndRefusesValues() throws Exception {
        gh.addCustomField(CustomFieldScope.APPLICATION, "Retired rating", "retired_rating", CustomFieldType.NUMBER);
        long candidate = gh.addCandidate(NewCandidate.builder("Retired", "Field").build());
        long application = gh.addApplication(candidate, job.id());
        gh.deactivateCustomField(CustomFieldScope.APPLICATION, "retired_rating");

        JsonNode fields = JSON.readTree(get("/v3/custom_fields?field_type=application").body());
        assertThat(fields).filteredOn(f -> f.path("name_key").asText().equals("retired_rating")).singleElement()
                .satisfies(f -> {
                    assertThat(f.path("active").asBoolean()).isFalse();
                    assertThat(Instant.parse(f.path("updated_at").asText()))
                            .as("deleting changes the definition").isAfter(Instant.parse(f.path("created_at").asText()));
                });
        assertThat(fields).filteredOn(f -> f.path("name_key").asText().equals("ai_summary")).singleElement()
                .satisfies(f -> assertThat(f.path("active").asBoolean()).isTrue());

        HttpResponse<String> refused = send("PATCH", "/v3/applications/" + application,
                "{\"custom_fields\":[{\"name_key\":\"retired_rating\",\"value\":4}]}");
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(refused.body()).path("errors")).singleElement().satisfies(error -> {
            assertThat(error.path("field").asText()).isEqualTo("retired_rating");
            assertThat(error.path("message").asText()).contains("inactive");
        });
        assertThat(gh.customFieldValue(CustomFieldScope.APPLICATION, application, "retired_rating")).isNull();
    }

    @Test
    void notesAreCreatedByTheirUserAndListedByCandidate() throws Exception {
        long candidate = gh.addCandidate(NewCandidate.builder("Note", "Taker").build());
        HttpResponse<String> created = send("POST", "/v3/notes", "{\"candidate_id\":" + candidate + ",\"user_id\":"
                + recruiter.id() + ",\"body\":\"AI interview summary\",\"visibility\":\"private\",\"note_type\":\"NOTE\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode note = JSON.readTree(created.body());
        assertThat(note.path("user_id").asLong()).isEqualTo(recruiter.id());
        assertThat(note.path("candidate_id").asLong()).isEqualTo(candidate);
        assertThat(gh.notes(candidate)).singleElement().satisfies(n -> {
            assertThat(n.userId()).isEqualTo(recruiter.id());
            assertThat(n.visibility()).isEqualTo("private");
        });

        JsonNode listed = JSON.readTree(get("/v3/notes?candidate_ids=" + candidate).body());
        assertThat(listed).singleElement().satisfies(n -> {
            assertThat(n.path("id").asLong()).isEqualTo(note.path("id").asLong());
            assertThat(n.path("body").asText()).isEqualTo("AI interview summary");
            assertThat(n.has("updated_at")).isTrue();
        });
        String author = ",\"user_id\":" + recruiter.id() + ",\"note_type\":\"NOTE\"";
        assertThat(send("POST", "/v3/notes", "{\"candidate_id\":" + candidate + ",\"body\":\"x\",\"visibility\":\"team\"" + author + "}")
                .statusCode()).isEqualTo(422);
        assertThat(send("POST", "/v3/notes", "{\"candidate_id\":9999999,\"body\":\"x\",\"visibility\":\"public\"" + author + "}")
                .statusCode()).isEqualTo(404);
        HttpResponse<String> noAuthor = send("POST", "/v3/notes",
                "{\"candidate_id\":" + candidate + ",\"body\":\"x\",\"visibility\":\"public\"}");
        assertThat(noAuthor.statusCode()).as("user_id and note_type required by default").isEqualTo(422);
        assertThat(noAuthor.body()).contains("user_id", "note_type");
        assertThat(gh.notes(candidate)).hasSize(1);
    }

    @Test
    void aNotePostedOnAnApplicationKeepsItAndIsListedByIt() throws Exception {
        long candidate = gh.addCandidate(NewCandidate.builder("Note", "OnApplication").build());
        long application = gh.addApplication(candidate, job.id());
        String author = ",\"user_id\":" + recruiter.id() + ",\"note_type\":\"NOTE\"";
        HttpResponse<String> created = send("POST", "/v3/notes", "{\"candidate_id\":" + candidate + ",\"application_id\":"
                + application + ",\"body\":\"On the application\",\"visibility\":\"private\"" + author + "}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(JSON.readTree(created.body()).path("application_id").asLong()).isEqualTo(application);
        assertThat(send("POST", "/v3/notes", "{\"candidate_id\":" + candidate
                + ",\"body\":\"On the candidate\",\"visibility\":\"private\"" + author + "}").statusCode()).isEqualTo(201);

        JsonNode byApplication = JSON.readTree(get("/v3/notes?application_ids=" + application).body());
        assertThat(byApplication).singleElement().satisfies(n -> {
            assertThat(n.path("body").asText()).isEqualTo("On the application");
            assertThat(n.path("application_id").asLong()).isEqualTo(application);
        });
        JsonNode byCandidate = JSON.readTree(get("/v3/notes?candidate_ids=" + candidate).body());
        assertThat(byCandidate).hasSize(2).anySatisfy(n -> assertThat(n.path("application_id").isNull()).isTrue());
    }

    @Test
    void moveIsGuardedByFromStageAndAdvancesWithoutToStage() throws Exception {
        long candidate = gh.addCandidate(NewCandidate.builder("Move", "Me").build());
        long application = gh.addApplication(candidate, job.id());
        long review = job.stages().get(0).id();
        long interview = job.stages().get(1).id();
        long offer = job.stages().get(2).id();

        HttpResponse<String> advanced = send("POST", "/v3/applications/" + application + "/move", "{\"from_stage_id\":" + review + "}");
        assertThat(advanced.statusCode()).isEqualTo(204);
        assertThat(gh.application(application).currentStage().id()).isEqualTo(interview);

        HttpResponse<String> stale = send("POST", "/v3/applications/" + application + "/move",
                "{\"from_stage_id\":" + review + ",\"to_stage_id\":" + offer + "}");
        assertThat(stale.statusCode()).isEqualTo(422);
        assertThat(stale.body()).contains("from_stage_id");
        assertThat(gh.application(application).currentStage().id()).isEqualTo(interview);
        assertThat(send("POST", "/v3/applications/" + application + "/move", "{\"to_stage_id\":" + offer + "}").statusCode())
                .as("from_stage_id is required").isEqualTo(422);

        assertThat(send("POST", "/v3/applications/" + application + "/move",
                "{\"from_stage_id\":" + interview + ",\"to_stage_id\":" + offer + "}").statusCode()).isEqualTo(204);
        assertThat(gh.application(application).currentStage().id()).isEqualTo(offer);
        assertThat(gh.webhookEvents()).isNotEmpty();
    }

    @Test
    void attachmentsJobsStagesAndCustomFieldsShareTheAccount() throws Exception {
        long candidate = gh.addCandidate(NewCandidate.builder("Attach", "Three").build());
        long application = gh.addApplication(candidate, job.id());
        String content = Base64.getEncoder().encodeToString("report".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> attached = send("POST", "/v3/attachments", "{\"application_id\":" + application
                + ",\"filename\":\"report.txt\",\"type\":\"other\",\"content\":\"" + content + "\",\"content_type\":\"text/plain\"}");
        assertThat(attached.statusCode()).isEqualTo(201);
        assertThat(JSON.readTree(attached.body()).path("application_id").asLong()).isEqualTo(application);
        assertThat(send("POST", "/v3/applications/" + application + "/attachments", "{}").statusCode())
                .as("v3 has no nested attachment route").isEqualTo(404);
        assertThat(gh.attachments(application)).singleElement().satisfies(a -> {
            assertThat(a.userId()).isEqualTo(recruiter.id());
            assertThat(a.visibility()).isEqualTo("admin_only");
        });

        JsonNode jobs = JSON.readTree(get("/v3/jobs?ids=" + job.id()).body());
        assertThat(jobs).singleElement().satisfies(j -> {
            assertThat(j.path("name").asText()).isEqualTo("Analyst");
            assertThat(j.path("created_at").asText()).endsWith("Z");
        });
        assertThat(get("/v3/job_stages?job_id=" + job.id()).statusCode()).as("v3 has no job_stages").isEqualTo(404);
        JsonNode stages = JSON.readTree(get("/v3/job_interview_stages?job_ids=" + job.id()).body());
        assertThat(stages).extracting(s -> s.path("name").asText()).containsExactly("Review", "Interview", "Offer");
        assertThat(stages).extracting(s -> s.path("sort_order").asInt()).containsExactly(0, 1, 2);
        JsonNode fields = JSON.readTree(get("/v3/custom_fields?field_type=candidate").body());
        assertThat(fields).extracting(f -> f.path("name_key").asText()).contains("ai_score", "ai_recommendation")
                .doesNotContain("ai_summary");
        JsonNode candidates = JSON.readTree(get("/v3/candidates?ids=" + candidate).body());
        assertThat(candidates).singleElement().satisfies(c -> assertThat(c.has("application_ids")).isFalse());
    }

    @Test
    void rateLimitIsPerClientWithHarvestsHeaders() throws Exception {
        try (Sandbox limited = Sandbox.start(SandboxSettings.builder().greenhouseRateLimit(2).build())) {
            GreenhouseUser user = limited.greenhouse().addUser("Rate", "Limited", "rate@example.com");
            String limitedToken = JSON.readTree(token(limited, SandboxSettings.DEFAULT_GREENHOUSE_CLIENT_ID,
                    SandboxSettings.DEFAULT_GREENHOUSE_CLIENT_SECRET, "grant_type=client_credentials&sub=" + user.id()).body())
                    .path("access_token").asText();
            String jobs = limited.greenhouseBaseUrl() + "/v3/jobs";
            HttpResponse<String> first = Http.get(jobs, "Authorization", "Bearer " + limitedToken);
            assertThat(first.headers().firstValue("X-RateLimit-Remaining")).hasValue("1");
            Http.get(jobs, "Authorization", "Bearer " + limitedToken);
            HttpResponse<String> third = Http.get(jobs, "Authorization", "Bearer " + limitedToken);
            assertThat(third.statusCode()).isEqualTo(429);
            assertThat(third.headers().firstValue("Retry-After")).isPresent();
            assertThat(third.headers().firstValue("X-RateLimit-Reset")).isPresent();
        }
    }

    private String url(String path) {
        return sandbox.greenhouseBaseUrl() + path;
    }

    private HttpResponse<String> get(String path) {
        return Http.get(url(path), "Authorization", "Bearer " + token);
    }

    private HttpResponse<String> send(String method, String path, String body) {
        return Http.send(method, url(path), body, "Authorization", "Bearer " + token);
    }

    private HttpResponse<String> token(String clientId, String secret, String form) throws Exception {
        return token(sandbox, clientId, secret, form);
    }

    private static HttpResponse<String> token(Sandbox sandbox, String clientId, String secret, String form) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(sandbox.greenhouseTokenUrl()))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
