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

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Harvest v1 {@code GET /v1/applications} (filters, Link paging), application attachments and the move guard. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HarvestApplicationsAndAttachmentsTest {

    private static final String KEY = "applications-key";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LINK = Pattern.compile("<([^>]+)>;\\s*rel=\"(\\w+)\"");

    private Sandbox sandbox;
    private GreenhouseSimulator gh;
    private GreenhouseUser recruiter;
    private GreenhouseJob job;
    private GreenhouseJob otherJob;

    @BeforeAll
    void start() {
        sandbox = Sandbox.start(SandboxSettings.builder().greenhouseApiKey(KEY).greenhouseRateLimit(10_000).build());
        gh = sandbox.greenhouse();
        recruiter = gh.addUser("Rita", "Recruiter", "rita@example.com");
        job = gh.addJob("Designer", "Application Review", "Interview", "Offer");
        otherJob = gh.addJob("Engineer", "Screen", "Onsite");
    }

    @AfterAll
    void stop() {
        sandbox.close();
    }

    @Test
    void listsApplicationsByStatusJobAndLastActivityWithLinkPaging() throws Exception {
        GreenhouseJob listed = gh.addJob("Paged job", "Only stage");
        for (int i = 0; i < 120; i++) {
            long candidate = gh.addCandidate(NewCandidate.builder("Paged", "No" + i).build());
            gh.addApplication(candidate, listed.id());
        }
        long rejectedCandidate = gh.addCandidate(NewCandidate.builder("Rejected", "One").build());
        gh.addApplication(rejectedCandidate, listed.id(), listed.stages().get(0).id(), "rejected");

        String first = base() + "/v1/applications?status=active&job_id=" + listed.id() + "&per_page=50";
        Set<Long> ids = new HashSet<>();
        String next = first;
        int pages = 0;
        while (next != null && pages < 10) {
            HttpResponse<String> page = get(next);
            assertThat(page.statusCode()).isEqualTo(200);
            for (JsonNode application : JSON.readTree(page.body())) {
                assertThat(application.path("status").asText()).isEqualTo("active");
                assertThat(application.path("jobs").get(0).path("id").asLong()).isEqualTo(listed.id());
                ids.add(application.path("id").asLong());
            }
            Map<String, String> links = links(page);
            if (pages == 0) {
                assertThat(links.keySet()).containsExactlyInAnyOrder("next", "last");
                assertThat(links.get("next")).contains("page=2", "status=active", "job_id=" + listed.id());
                assertThat(links.get("last")).contains("page=3");
            }
            next = links.get("next");
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(ids).hasSize(120);

        HttpResponse<String> single = get(base() + "/v1/applications?status=rejected&job_id=" + listed.id());
        assertThat(single.headers().firstValue("Link")).as("one page: no Link header").isEmpty();
        assertThat(JSON.readTree(single.body())).singleElement()
                .satisfies(a -> assertThat(a.path("candidate_id").asLong()).isEqualTo(rejectedCandidate));

        // The simulator's stamps are strictly increasing, so after a burst of seeding they may run ahead of
        // the wall clock: take the cut from the simulator, not from Instant.now().
        Instant before = gh.candidateUpdatedAt(rejectedCandidate).plusMillis(1);
        long movedCandidate = gh.addCandidate(NewCandidate.builder("Moved", "Later").build());
        long moved = gh.addApplication(movedCandidate, job.id());
        gh.moveApplication(moved, job.stages().get(1).id(), recruiter.id());
        JsonNode recent = JSON.readTree(get(base() + "/v1/applications?last_activity_after=" + before).body());
        assertThat(recent).extracting(a -> a.path("id").asLong()).containsExactly(moved);

        assertThat(get(base() + "/v1/applications?status=pending").statusCode()).isEqualTo(422);
        assertThat(get(base() + "/v1/applications?per_page=501").statusCode()).isEqualTo(422);
        assertThat(get(base() + "/v1/applications?last_activity_after=yesterday").statusCode()).isEqualTo(422);
    }

    @Test
    void attachesFilesByContentOrUrlAndRefusesBadUploadsWithoutStoringThem() throws Exception {
        long candidate = gh.addCandidate(NewCandidate.builder("Ada", "Upload").build());
        long application = gh.addApplication(candidate, otherJob.id());
        String path = "/v1/applications/" + application + "/attachments";
        String pdf = Base64.getEncoder().encodeToString("%PDF-1.4 report".getBytes(StandardCharsets.UTF_8));

        HttpResponse<String> byContent = post(path, "{\"filename\":\"ai-report.pdf\",\"type\":\"other\",\"content\":\"" + pdf
                + "\",\"content_type\":\"application/pdf\",\"visibility\":\"private\"}");
        assertThat(byContent.statusCode()).isEqualTo(201);
        JsonNode stored = JSON.readTree(byContent.body());
        assertThat(stored.path("filename").asText()).isEqualTo("ai-report.pdf");
        assertThat(stored.path("type").asText()).isEqualTo("other");
        assertThat(stored.path("url").asText()).startsWith("https://");

        // A take-home test can only be attached while one is outstanding on the application.
        gh.sendTakeHomeTest(application);
        HttpResponse<String> byUrl = post(path, "{\"filename\":\"take-home.zip\",\"type\":\"take_home_test\","
                + "\"url\":\"https://files.example.com/take-home.zip\"}");
        assertThat(byUrl.statusCode()).isEqualTo(201);

        assertThat(gh.attachments(application)).hasSize(2);
        GreenhouseAttachment report = gh.attachments(application).get(0);
        assertThat(new String(report.content(), StandardCharsets.UTF_8)).isEqualTo("%PDF-1.4 report");
        assertThat(report.contentType()).isEqualTo("application/pdf");
        assertThat(report.visibility()).isEqualTo("private");
        assertThat(report.userId()).isEqualTo(recruiter.id());
        GreenhouseAttachment takeHome = gh.attachments(application).get(1);
        assertThat(takeHome.url()).isEqualTo("https://files.example.com/take-home.zip");
        assertThat(takeHome.content()).isNull();
        assertThat(takeHome.visibility()).isNull();
        JsonNode listed = JSON.readTree(get(base() + "/v1/applications/" + application).body()).path("attachments");
        assertThat(listed).extracting(a -> a.path("filename").asText()).containsExactly("ai-report.pdf", "take-home.zip");

        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("{\"type\":\"resume\",\"url\":\"https://files.example.com/cv.pdf\"}", "filename");
        bad.put("{\"filename\":\"cv.pdf\",\"type\":\"resume\",\"content\":\"" + pdf + "\"}", "content_type");
        bad.put("{\"filename\":\"cv.pdf\",\"type\":\"cv\",\"url\":\"https://files.example.com/cv.pdf\"}", "type");
        bad.put("{\"filename\":\"cv.pdf\",\"type\":\"resume\"}", "content");
        bad.put("{\"filename\":\"cv.pdf\",\"type\":\"resume\",\"content\":\"%%%\",\"content_type\":\"application/pdf\"}", "content");
        bad.put("{\"filename\":\"r.pdf\",\"type\":\"other\",\"url\":\"https://f.example/r.pdf\",\"visibility\":\"team\"}", "visibility");
        bad.put("{\"filename\":\"cv.pdf\",\"type\":\"resume\",\"url\":\"ftp://f.example/cv.pdf\"}", "url");
        for (Map.Entry<String, String> upload : bad.entrySet()) {
            HttpResponse<String> refused = post(path, upload.getKey());
            assertThat(refused.statusCode()).as(upload.getKey()).isEqualTo(422);
            assertThat(JSON.readTree(refused.body()).path("errors")).extracting(e -> e.path("field").asText())
                    .as(upload.getKey()).contains(upload.getValue());
        }
        HttpResponse<String> anonymous = Http.send("POST", base() + path,
                "{\"filename\":\"x.pdf\",\"type\":\"resume\",\"url\":\"https://f.example/x.pdf\"}", "Authorization", Http.basic(KEY));
        assertThat(anonymous.statusCode()).isEqualTo(403);
        assertThat(post("/v1/applications/999999/attachments", "{\"filename\":\"x.pdf\",\"type\":\"resume\","
                + "\"url\":\"https://f.example/x.pdf\"}").statusCode()).isEqualTo(404);
        assertThat(gh.attachments(application)).as("refused uploads store nothing").hasSize(2);
        // "visibility ... will be ignored for all other attachment types" (POST: Add Attachment to Application).
        assertThat(post(path, "{\"filename\":\"cv.pdf\",\"type\":\"resume\",\"url\":\"https://f.example/cv.pdf\","
                + "\"visibility\":\"public\"}").statusCode()).isEqualTo(201);
        assertThat(gh.attachments(application).get(2).visibility()).isNull();
    }

    @Test
    void moveRefusesAStaleFromStageAndKeepsTheStage() throws Exception {
        long candidate = gh.addCandidate(NewCandidate.builder("Stale", "Read").build());
        long application = gh.addApplication(candidate, job.id());
        long first = job.stages().get(0).id();
        long second = job.stages().get(1).id();
        long third = job.stages().get(2).id();
        gh.moveApplication(application, second, recruiter.id());

        HttpResponse<String> stale = post("/v1/applications/" + application + "/move",
                "{\"from_stage_id\":" + first + ",\"to_stage_id\":" + third + "}");
        assertThat(stale.statusCode()).isEqualTo(422);
        assertThat(stale.body()).contains("from_stage_id");
        assertThat(gh.application(application).currentStage().id()).isEqualTo(second);

        HttpResponse<String> fresh = post("/v1/applications/" + application + "/move",
                "{\"from_stage_id\":" + second + ",\"to_stage_id\":" + third + "}");
        assertThat(fresh.statusCode()).isEqualTo(200);
        assertThat(gh.application(application).currentStage().id()).isEqualTo(third);
    }

    private String base() {
        return sandbox.greenhouseBaseUrl();
    }

    private HttpResponse<String> get(String url) {
        return Http.get(url, "Authorization", Http.basic(KEY));
    }

    private HttpResponse<String> post(String path, String body) {
        return Http.send("POST", base() + path, body, "Authorization", Http.basic(KEY),
                "On-Behalf-Of", Long.toString(recruiter.id()));
    }

    private static Map<String, String> links(HttpResponse<String> response) {
        Map<String, String> links = new LinkedHashMap<>();
        response.headers().firstValue("Link").ifPresent(header -> {
            Matcher m = LINK.matcher(header);
            while (m.find()) {
                links.put(m.group(2), m.group(1));
            }
        });
        return links;
    }
}
