package io.atsbridge.sandbox.greenhouse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.atsbridge.sandbox.Sandbox;
import io.atsbridge.sandbox.SandboxSettings;
import io.atsbridge.sandbox.testing.Http;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Harvest's RFC 5988 Link paging and its per-key request limit, each on a sandbox of its own. */
class HarvestPagingAndRateLimitTest {

    private static final String KEY = "paging-key";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LINK = Pattern.compile("<([^>]+)>;\\s*rel=\"(\\w+)\"");

    @Test
    void linkHeadersWalkAllCandidatesInPagesOfOneHundred() throws Exception {
        try (Sandbox sandbox = Sandbox.start(SandboxSettings.builder().greenhouseApiKey(KEY).build())) {
            for (int i = 0; i < 250; i++) {
                sandbox.greenhouse().addCandidate(NewCandidate.builder("Candidate", "No" + i).build());
            }
            String first = sandbox.greenhouseBaseUrl() + "/v1/candidates?per_page=100";

            HttpResponse<String> page1 = Http.get(first, "Authorization", Http.basic(KEY));
            Map<String, String> links1 = links(page1);
            assertThat(links1.keySet()).containsExactlyInAnyOrder("next", "last");
            assertThat(links1.get("next")).contains("page=2").contains("per_page=100").startsWith(sandbox.greenhouseBaseUrl() + "/v1/candidates?");
            assertThat(links1.get("last")).contains("page=3");

            HttpResponse<String> page2 = Http.get(links1.get("next"), "Authorization", Http.basic(KEY));
            Map<String, String> links2 = links(page2);
            assertThat(links2.keySet()).containsExactlyInAnyOrder("next", "prev", "last");
            assertThat(links2.get("prev")).contains("page=1");
            assertThat(links2.get("next")).contains("page=3");

            HttpResponse<String> page3 = Http.get(links2.get("next"), "Authorization", Http.basic(KEY));
            Map<String, String> links3 = links(page3);
            assertThat(links3.keySet()).containsExactlyInAnyOrder("prev", "last");
            assertThat(links3.get("prev")).contains("page=2");

            Set<Long> ids = new HashSet<>();
            int[] sizes = new int[3];
            int i = 0;
            for (HttpResponse<String> page : new HttpResponse[]{page1, page2, page3}) {
                JsonNode body = JSON.readTree(page.body());
                sizes[i++] = body.size();
                body.forEach(c -> ids.add(c.path("id").asLong()));
            }
            assertThat(sizes).containsExactly(100, 100, 50);
            assertThat(ids).hasSize(250);

            HttpResponse<String> single = Http.get(sandbox.greenhouseBaseUrl() + "/v1/candidates?per_page=500",
                    "Authorization", Http.basic(KEY));
            assertThat(single.headers().firstValue("Link")).as("one page: no Link header").isEmpty();
            assertThat(JSON.readTree(single.body()).size()).isEqualTo(250);

            assertThat(Http.get(sandbox.greenhouseBaseUrl() + "/v1/candidates?per_page=501", "Authorization", Http.basic(KEY))
                    .statusCode()).isEqualTo(422);
        }
    }

    @Test
    void customFieldDefinitionsPageByPerPageAndKeepIncludeInactiveInTheirLinks() throws Exception {
        try (Sandbox sandbox = Sandbox.start(SandboxSettings.builder().greenhouseApiKey(KEY).greenhouseRateLimit(10_000).build())) {
            GreenhouseSimulator gh = sandbox.greenhouse();
            for (int i = 0; i < 501; i++) {
                gh.addCustomField(CustomFieldScope.CANDIDATE, "Field " + i, "field_" + i, CustomFieldType.SHORT_TEXT);
            }
            gh.addCustomField(CustomFieldScope.APPLICATION, "On applications", "on_applications", CustomFieldType.NUMBER);
            gh.deactivateCustomField(CustomFieldScope.CANDIDATE, "field_500");
            String list = sandbox.greenhouseBaseUrl() + "/v1/custom_fields/candidate";

            HttpResponse<String> page1 = Http.get(list + "?include_inactive=true&per_page=500", "Authorization", Http.basic(KEY));
            Map<String, String> links1 = links(page1);
            assertThat(JSON.readTree(page1.body()).size()).isEqualTo(500);
            assertThat(links1.keySet()).containsExactlyInAnyOrder("next", "last");
            assertThat(links1.get("next")).startsWith(list + "?").contains("page=2", "per_page=500", "include_inactive=true");
            HttpResponse<String> page2 = Http.get(links1.get("next"), "Authorization", Http.basic(KEY));
            assertThat(links(page2).keySet()).containsExactlyInAnyOrder("prev", "last");
            assertThat(JSON.readTree(page2.body())).singleElement().satisfies(f -> {
                assertThat(f.path("name_key").asText()).isEqualTo("field_500");
                assertThat(f.path("active").asBoolean()).isFalse();
            });

            HttpResponse<String> activeOnly = Http.get(list + "?per_page=500", "Authorization", Http.basic(KEY));
            assertThat(activeOnly.headers().firstValue("Link")).as("500 active fields: one page").isEmpty();
            assertThat(JSON.readTree(activeOnly.body()).size()).isEqualTo(500);
            HttpResponse<String> byDefault = Http.get(list, "Authorization", Http.basic(KEY));
            assertThat(JSON.readTree(byDefault.body()).size()).as("100 by default").isEqualTo(100);
            assertThat(links(byDefault).get("last")).contains("page=5", "per_page=100");

            HttpResponse<String> tooMany = Http.get(list + "?per_page=501", "Authorization", Http.basic(KEY));
            assertThat(tooMany.statusCode()).isEqualTo(422);
            assertThat(JSON.readTree(tooMany.body()).path("errors").get(0).path("field").asText()).isEqualTo("per_page");
        }
    }

    @Test
    void updatedAfterKeepsFiltersInLinksAndSeesWrites() throws Exception {
        try (Sandbox sandbox = Sandbox.start(SandboxSettings.builder().greenhouseApiKey(KEY).build())) {
            GreenhouseSimulator gh = sandbox.greenhouse();
            long untouched = gh.addCandidate(NewCandidate.builder("Old", "News").build());
            long edited = gh.addCandidate(NewCandidate.builder("Fresh", "Edit").build());
            gh.addCustomField(CustomFieldScope.CANDIDATE, "Notes", "notes", CustomFieldType.LONG_TEXT);
            Instant cut = gh.candidateUpdatedAt(edited).plusMillis(1);
            Thread.sleep(5);
            gh.setCustomField(CustomFieldScope.CANDIDATE, edited, "notes", "edited by a recruiter");

            HttpResponse<String> response = Http.get(sandbox.greenhouseBaseUrl() + "/v1/candidates?updated_after=" + cut,
                    "Authorization", Http.basic(KEY));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(response.body())).extracting(c -> c.path("id").asLong()).containsExactly(edited);
            assertThat(untouched).isNotEqualTo(edited);
            assertThat(Http.get(sandbox.greenhouseBaseUrl() + "/v1/candidates?updated_after=yesterday",
                    "Authorization", Http.basic(KEY)).statusCode()).isEqualTo(422);

            for (int i = 0; i < 3; i++) {
                gh.addCandidate(NewCandidate.builder("More", "No" + i).build());
            }
            HttpResponse<String> paged = Http.get(sandbox.greenhouseBaseUrl() + "/v1/candidates?per_page=2&created_after=2000-01-01T00:00:00Z",
                    "Authorization", Http.basic(KEY));
            assertThat(links(paged).get("next")).contains("page=2").contains("created_after=2000-01-01T00%3A00%3A00Z");
        }
    }

    @Test
    void theSixthRequestInAWindowOfFiveIs429WithRetryAfter() throws Exception {
        try (Sandbox sandbox = Sandbox.start(SandboxSettings.builder().greenhouseApiKey(KEY).greenhouseRateLimit(5).build())) {
            String url = sandbox.greenhouseBaseUrl() + "/v1/candidates";
            for (int i = 1; i <= 5; i++) {
                HttpResponse<String> ok = Http.get(url, "Authorization", Http.basic(KEY));
                assertThat(ok.statusCode()).isEqualTo(200);
                assertThat(ok.headers().firstValue("X-RateLimit-Limit")).hasValue("5");
                assertThat(ok.headers().firstValue("X-RateLimit-Remaining")).hasValue(String.valueOf(5 - i));
            }

            HttpResponse<String> limited = Http.get(url, "Authorization", Http.basic(KEY));

            assertThat(limited.statusCode()).isEqualTo(429);
            long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
            assertThat(retryAfter).isBetween(1L, 10L);
            long reset = Long.parseLong(limited.headers().firstValue("X-RateLimit-Reset").orElseThrow());
            assertThat(reset).isBetween(Instant.now().getEpochSecond(), Instant.now().getEpochSecond() + 11);
            // Harvest documents that a 429 carries no X-RateLimit-Limit / -Remaining.
            assertThat(limited.headers().firstValue("X-RateLimit-Remaining")).isEmpty();
            assertThat(JSON.readTree(limited.body()).path("message").asText()).contains("Rate limit");

            assertThat(Http.get(url).statusCode()).as("unauthenticated requests are not limited per key").isEqualTo(401);
            RateLimitStats stats = sandbox.greenhouse().rateLimitStats();
            assertThat(stats).isEqualTo(new RateLimitStats(6, 1, 5, 1));
        }
    }

    private static Map<String, String> links(HttpResponse<String> response) {
        Map<String, String> links = new LinkedHashMap<>();
        String header = response.headers().firstValue("Link").orElse("");
        Matcher m = LINK.matcher(header);
        while (m.find()) {
            links.put(m.group(2), m.group(1));
        }
        return links;
    }
}
