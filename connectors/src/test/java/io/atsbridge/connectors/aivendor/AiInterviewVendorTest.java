package io.atsbridge.connectors.aivendor;

import io.atsbridge.connectors.VendorCallException;
import io.atsbridge.connectors.http.VendorHttp;
import io.atsbridge.connectors.http.VendorHttpClients;
import io.atsbridge.sandbox.Sandbox;
import io.atsbridge.sandbox.SandboxSettings;
import io.atsbridge.sandbox.aivendor.Interview;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The AI interview vendor client against the AI vendor simulator, over real HTTP. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AiInterviewVendorTest {

    @RegisterExtension
    static final VendorHttpClients CLIENTS = new VendorHttpClients();

    private Sandbox sandbox;
    private final VendorHttp http = CLIENTS.vendorHttp(Duration.ofSeconds(2), Duration.ofSeconds(10), 3, Duration.ofSeconds(30));

    @BeforeAll
    void start() {
        sandbox = Sandbox.start(SandboxSettings.builder().build());
    }

    @AfterAll
    void stop() {
        sandbox.close();
    }

    @BeforeEach
    void clearFaults() {
        // A test that failed may leave an injected fault behind; the next one starts without it.
        sandbox.aiVendor().failNextRequests(0, 500);
    }

    private AiInterviewVendor client() {
        return new AiInterviewVendor(sandbox.aiVendorBaseUrl(), SandboxSettings.DEFAULT_AI_VENDOR_API_KEY, http);
    }

    private static final AiInterviewVendor.Candidate CANDIDATE =
            new AiInterviewVendor.Candidate("cand-1", "Grace", "Hopper", "grace@example.com");
    private static final AiInterviewVendor.Job JOB = new AiInterviewVendor.Job("3485", "Designer");

    @Test
    void createsAnInterviewOnceForOneIdempotencyKey() {
        String key = UUID.randomUUID().toString();
        Map<String, String> metadata = Map.of("ats_connection_id", "gh-acme", "application_id", "app-1", "candidate_id", "cand-1");

        AiInterviewVendor.Invitation first = client().createInterview(CANDIDATE, JOB, "kit-7", metadata, key);
        AiInterviewVendor.Invitation again = client().createInterview(CANDIDATE, JOB, "kit-7", metadata, key);

        assertThat(first.created()).isTrue();
        assertThat(first.interviewId()).isNotBlank();
        assertThat(first.status()).isEqualTo("invited");
        assertThat(first.invitationUrl()).startsWith("http");
        assertThat(again.created()).isFalse();
        assertThat(again.interviewId()).isEqualTo(first.interviewId());
        assertThat(sandbox.aiVendor().interviews()).filteredOn(i -> i.id().equals(first.interviewId())).hasSize(1);
        Interview stored = sandbox.aiVendor().interview(first.interviewId()).orElseThrow();
        assertThat(stored.metadata()).isEqualTo(metadata);
        assertThat(stored.interviewKitId()).isEqualTo("kit-7");
        assertThat(stored.candidate().externalId()).isEqualTo("cand-1");

        AiInterviewVendor.Invitation other = client().createInterview(CANDIDATE, JOB, "kit-7", metadata,
                UUID.randomUUID().toString());
        assertThat(other.interviewId()).isNotEqualTo(first.interviewId());
    }

    @Test
    void refusalsArePermanentWithTheVendorsMessage() {
        AiInterviewVendor wrongKey = new AiInterviewVendor(sandbox.aiVendorBaseUrl(), "wrong-key", http);
        assertThatThrownBy(() -> wrongKey.createInterview(CANDIDATE, JOB, "kit-7", Map.of(), UUID.randomUUID().toString()))
                .isInstanceOfSatisfying(VendorCallException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.getMessage()).doesNotContain("wrong-key");
                });
        AiInterviewVendor.Candidate noEmail = new AiInterviewVendor.Candidate("cand-2", "Ada", "Lovelace", "");
        assertThatThrownBy(() -> client().createInterview(noEmail, JOB, "kit-7", Map.of(), UUID.randomUUID().toString()))
                .isInstanceOfSatisfying(VendorCallException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.getMessage()).contains("candidate.email");
                });
    }

    @Test
    void cancelsAnInterviewOnceAndReportsOneThatAlreadyCompleted() {
        AiInterviewVendor.Invitation open = client().createInterview(CANDIDATE, JOB, "kit-7", Map.of(), UUID.randomUUID().toString());
        AiInterviewVendor.Invitation done = client().createInterview(CANDIDATE, JOB, "kit-7", Map.of(), UUID.randomUUID().toString());
        sandbox.aiVendor().complete(done.interviewId());

        assertThat(client().cancelInterview(open.interviewId())).isEqualTo(AiInterviewVendor.Cancellation.CANCELLED);
        assertThat(sandbox.aiVendor().status(open.interviewId())).isEqualTo(Interview.CANCELLED);
        assertThat(client().cancelInterview(open.interviewId())).isEqualTo(AiInterviewVendor.Cancellation.CANCELLED);
        assertThat(client().cancelInterview(done.interviewId())).isEqualTo(AiInterviewVendor.Cancellation.ALREADY_COMPLETED);
        assertThat(sandbox.aiVendor().status(done.interviewId())).isEqualTo(Interview.COMPLETED);
    }

    @Test
    void aCancelOfAnUnknownInterviewIsPermanentAndA503Retryable() {
        assertThatThrownBy(() -> client().cancelInterview("iv_no_such"))
                .isInstanceOfSatisfying(VendorCallException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.getMessage()).contains("POST /v1/interviews/iv_no_such/cancel", "not found");
                });
        AiInterviewVendor.Invitation open = client().createInterview(CANDIDATE, JOB, "kit-7", Map.of(), UUID.randomUUID().toString());
        sandbox.aiVendor().failNextRequests(1, 503);
        assertThatThrownBy(() -> client().cancelInterview(open.interviewId()))
                .isInstanceOfSatisfying(VendorCallException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.status()).isEqualTo(503);
                });
        assertThat(sandbox.aiVendor().status(open.interviewId())).isEqualTo(Interview.INVITED);
        assertThat(client().cancelInterview(open.interviewId())).isEqualTo(AiInterviewVendor.Cancellation.CANCELLED);
    }
}
