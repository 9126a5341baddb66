package io.atsbridge.sandbox.faults;

import io.atsbridge.sandbox.Sandbox;
import io.atsbridge.sandbox.SandboxSettings;
import io.atsbridge.sandbox.greenhouse.GreenhouseSimulator;
import io.atsbridge.sandbox.greenhouse.GreenhouseUser;
import io.atsbridge.sandbox.greenhouse.NewCandidate;
import io.atsbridge.sandbox.testing.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each fault kind against the Greenhouse and AI vendor simulators over real HTTP; faulted requests change nothing. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SandboxFaultsTest {

    private Sandbox sandbox;
    private GreenhouseSimulator gh;
    private GreenhouseUser recruiter;
    private SandboxFaults faults;

    @BeforeAll
    void start() {
        sandbox = Sandbox.start(SandboxSettings.builder().greenhouseRateLimit(10_000).build());
        gh = sandbox.greenhouse();
        recruiter = gh.addUser("Fay", "Ult", "fay@example.com");
        faults = sandbox.faults();
    }

    @AfterAll
    void stop() {
        sandbox.close();
    }

    @BeforeEach
    void reset() {
        faults.clearAll();
        faults.on("/greenhouse").resetStats();
        faults.on("/ai").resetStats();
        gh.clearWrites();
    }

    @Test
    void aShareOfRequestsFailsWith5xxReproduciblyAndFaultedWritesChangeNothing() {
        long candidate = gh.addCandidate(NewCandidate.builder("Five", "Hundred").build());
        faults.on("/greenhouse").failFraction(1.0, 1);
        HttpResponse<String> write = note(candidate, "never stored");
        assertThat(write.statusCode()).isIn(500, 502, 503);
        assertThat(write.body()).contains("Injected fault");
        assertThat(gh.notes(candidate)).as("the endpoint did not run").isEmpty();
        assertThat(gh.writes()).as("the request never reached the simulator").isEmpty();

        List<Integer> first = statuses(0.5, 42, 40);
        List<Integer> second = statuses(0.5, 42, 40);
        assertThat(first).as("same seed, same outcomes").isEqualTo(second);
        assertThat(first).contains(200).anyMatch(s -> s >= 500).allMatch(s -> s == 200 || s == 500 || s == 502 || s == 503);
        long failed = first.stream().filter(s -> s >= 500).count();
        assertThat(failed).isBetween(8L, 32L);

        FaultStats stats = faults.on("/greenhouse").stats();
        assertThat(stats.requests()).isEqualTo(81);
        assertThat(stats.faults(FaultKind.SERVER_ERROR)).isEqualTo(1 + 2 * failed);
        assertThat(faults.on("/ai").stats().requests()).as("counted per prefix").isZero();

        faults.on("/greenhouse").failFraction(0, 1);
        assertThat(note(candidate, "stored").statusCode()).isEqualTo(201);
        assertThat(gh.notes(candidate)).hasSize(1);
    }

    @Test
    void latencyHoldsRequestsThatThenRunNormally() {
        faults.on("/greenhouse").latency(Duration.ofMillis(300));
        long candidate = gh.addCandidate(NewCandidate.builder("Slow", "Poke").build());
        long started = System.nanoTime();
        HttpResponse<String> response = note(candidate, "late but stored");
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(elapsedMillis).isGreaterThanOrEqualTo(300);
        assertThat(gh.notes(candidate)).hasSize(1);
        assertThat(faults.on("/greenhouse").stats().faults(FaultKind.LATENCY)).isEqualTo(1);
        assertThat(faults.on("/greenhouse").stats().refused()).isZero();
    }

    @Test
    void anOutageAnswers503UntilItsEndAndOnlyForItsVendor() throws Exception {
        faults.on("/greenhouse").downUntil(OutageMode.UNAVAILABLE, Instant.now().plusMillis(600));
        assertThat(faults.on("/greenhouse").isDown()).isTrue();
        HttpResponse<String> down = greenhouseGet();
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.body()).contains("outage");
        assertThat(Http.get(sandbox.aiVendorBaseUrl() + "/v1/interviews/x").statusCode())
                .as("other vendors are unaffected").isNotEqualTo(503);
        Thread.sleep(700);
        assertThat(greenhouseGet().statusCode()).isEqualTo(200);
        assertThat(faults.on("/greenhouse").stats().faults(FaultKind.OUTAGE)).isEqualTo(1);

        faults.on("/greenhouse").down(OutageMode.UNAVAILABLE);
        assertThat(greenhouseGet().statusCode()).isEqualTo(503);
        faults.on("/greenhouse").up();
        assertThat(greenhouseGet().statusCode()).isEqualTo(200);
    }

    @Test
    void aDroppedConnectionGivesTheClientNoAnswer() {
        long candidate = gh.addCandidate(NewCandidate.builder("Dropped", "Line").build());
        faults.on("/greenhouse").down(OutageMode.DROP_CONNECTION);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(sandbox.greenhouseBaseUrl() + "/v1/candidates/" + candidate))
                .header("Authorization", Http.basic(SandboxSettings.DEFAULT_GREENHOUSE_API_KEY))
                .timeout(Duration.ofSeconds(5))
                .GET().build();
        assertThatThrownBy(() -> client.send(request, HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
        // java.net.http repeats an idempotent GET once when the connection closes before an answer.
        assertThat(faults.on("/greenhouse").stats().faults(FaultKind.CONNECTION_DROPPED)).isBetween(1L, 2L);
        faults.on("/greenhouse").up();
        assertThat(greenhouseGet().statusCode()).isEqualTo(200);
    }

    @Test
    void aRateLimitStormAnswers429WithRetryAfterForTheNextRequestsOnly() {
        long candidate = gh.addCandidate(NewCandidate.builder("Storm", "Chaser").build());
        faults.on("/greenhouse").rateLimitStorm(3, Duration.ofSeconds(7));
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> throttled = note(candidate, "throttled " + i);
            assertThat(throttled.statusCode()).isEqualTo(429);
            assertThat(throttled.headers().firstValue("Retry-After")).hasValue("7");
        }
        assertThat(gh.notes(candidate)).isEmpty();
        assertThat(note(candidate, "after the storm").statusCode()).isEqualTo(201);
        assertThat(gh.notes(candidate)).hasSize(1);
        assertThat(gh.rateLimitStats().throttled()).as("Greenhouse's own limiter never saw the storm").isZero();
        FaultStats stats = faults.on("/greenhouse").stats();
        assertThat(stats.faults(FaultKind.RATE_LIMIT_STORM)).isEqualTo(3);
        assertThat(stats.requests()).isEqualTo(4);
    }

    @Test
    void settingsAreChecked() {
        assertThatThrownBy(() -> faults.on("greenhouse")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("one path segment");
        assertThatThrownBy(() -> faults.on("/ai").failFraction(1.5, 1)).hasMessageContaining("0..1");
        assertThatThrownBy(() -> faults.on("/ai").failFraction(0.5, 1, List.of(404))).hasMessageContaining("500..599");
        assertThatThrownBy(() -> faults.on("/ai").latency(Duration.ofMillis(-1))).hasMessageContaining(">= 0");
    }

    private List<Integer> statuses(double fraction, long seed, int requests) {
        faults.on("/greenhouse").failFraction(fraction, seed);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            statuses.add(greenhouseGet().statusCode());
        }
        return statuses;
    }

    private HttpResponse<String> greenhouseGet() {
        return Http.get(sandbox.greenhouseBaseUrl() + "/v1/tags/candidate",
                "Authorization", Http.basic(SandboxSettings.DEFAULT_GREENHOUSE_API_KEY));
    }

    private HttpResponse<String> note(long candidate, String body) {
        return Http.send("POST", sandbox.greenhouseBaseUrl() + "/v1/candidates/" + candidate + "/activity_feed/notes",
                "{\"user_id\":" + recruiter.id() + ",\"body\":\"" + body + "\",\"visibility\":\"public\"}",
                "Authorization", Http.basic(SandboxSettings.DEFAULT_GREENHOUSE_API_KEY),
                "On-Behalf-Of", Long.toString(recruiter.id()));
    }
}
