package io.atsbridge.sandbox.contract;

import io.atsbridge.sandbox.Sandbox;
import io.atsbridge.sandbox.SandboxSettings;
import io.atsbridge.sandbox.greenhouse.GreenhouseUser;
import io.atsbridge.sandbox.greenhouse.NewCandidate;
import io.atsbridge.sandbox.testing.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The hook: every exchange the sandbox's server answers is checked as it is served, through real HTTP, and what
 * left the vendor's contract is recorded on the sandbox.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContractFilterTest {

    private static final String KEY = "harvest-key-for-contract-tests";

    private Sandbox sandbox;
    private GreenhouseUser recruiter;

    @BeforeAll
    void start() {
        sandbox = Sandbox.start(SandboxSettings.builder().greenhouseApiKey(KEY).greenhouseRateLimit(10_000).build());
        recruiter = sandbox.greenhouse().addUser("Boone", "Carlyle", "boone@example.com");
    }

    @AfterAll
    void stop() {
        sandbox.close();
    }

    @BeforeEach
    void forgetEarlierExchanges() {
        sandbox.clearContractViolations();
    }

    @Test
    void aNoteAddedAsGreenhouseDocumentsItLeavesNoViolation() {
        long candidate = sandbox.greenhouse().addCandidate(NewCandidate.builder("John", "Locke").build());

        HttpResponse<String> created = addNote(candidate, "{\"user_id\":\"" + recruiter.id()
                + "\",\"body\":\"AI interview: advance (score 82/100)\",\"visibility\":\"admin_only\"}");

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(sandbox.contractViolations()).isEmpty();
        assertThat(sandbox.contractCoverage().checkedOperations()).containsEntry("greenhouse-harvest-v1 addNote", 1);
        sandbox.assertNoContractViolations();
    }

    @Test
    void aRequestWithAFieldGreenhouseDoesNotDocumentIsRecordedAsServed() {
        long candidate = sandbox.greenhouse().addCandidate(NewCandidate.builder("Kate", "Austen").build());

        // The simulator accepts the note (it ignores unknown fields, as Rails does); the contract does not.
        HttpResponse<String> created = addNote(candidate, "{\"user_id\":" + recruiter.id()
                + ",\"body\":\"Pinned?\",\"visibility\":\"private\",\"pinned\":true}");

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(sandbox.contractViolations()).singleElement().satisfies(v -> {
            assertThat(v.api()).isEqualTo("greenhouse-harvest-v1");
            assertThat(v.operation()).isEqualTo("addNote");
            assertThat(v.method()).isEqualTo("POST");
            assertThat(v.path()).isEqualTo("/greenhouse/v1/candidates/" + candidate + "/activity_feed/notes");
            assertThat(v.part()).isEqualTo(ContractViolation.Part.REQUEST);
            assertThat(v.pointer()).isEqualTo("/pinned");
        });
        assertThatThrownBy(sandbox::assertNoContractViolations)
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("1 exchange(s) left the vendors' published contracts")
                .hasMessageContaining("addNote POST /greenhouse/v1/candidates/" + candidate + "/activity_feed/notes: "
                        + "request body at /pinned: field the vendor does not document for this request");
    }

    @Test
    void anEndpointGreenhouseDoesNotDocumentIsRecordedEvenThoughItIs404() {
        HttpResponse<String> response = Http.get(sandbox.greenhouseBaseUrl() + "/v1/job_stagez", "Authorization", Http.basic(KEY));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(sandbox.contractViolations()).singleElement().satisfies(v -> {
            assertThat(v.part()).isEqualTo(ContractViolation.Part.ENDPOINT);
            assertThat(v.problem()).isEqualTo("undocumented endpoint: no documented operation has the path /job_stagez");
        });
    }

    @Test
    void anApiWithoutAContractIsServedUncheckedAndListed() {
        HttpResponse<String> response = Http.get(sandbox.aiVendorBaseUrl() + "/v1/interviews/iv_404",
                "Authorization", "Bearer " + SandboxSettings.DEFAULT_AI_VENDOR_API_KEY);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(sandbox.contractViolations()).isEmpty();
        ContractCoverage coverage = sandbox.contractCoverage();
        // The stand-in AI vendor publishes no contract; every ATS API the sandbox serves has one.
        assertThat(coverage.apisWithoutContract()).containsExactly("ai-vendor (/ai)");
        assertThat(coverage.uncheckedRequests()).containsEntry("ai-vendor GET /v1/interviews/{id}", 1);
    }

    @Test
    void anInjectedFaultIsNotHeldToTheVendorsContract() {
        sandbox.faults().on("/greenhouse").down(io.atsbridge.sandbox.faults.OutageMode.UNAVAILABLE);
        try {
            HttpResponse<String> response = Http.get(sandbox.greenhouseBaseUrl() + "/v1/job_stagez", "Authorization", Http.basic(KEY));
            assertThat(response.statusCode()).isEqualTo(503);
        } finally {
            sandbox.faults().on("/greenhouse").up();
        }
        assertThat(sandbox.contractViolations()).isEmpty();
    }

    private HttpResponse<String> addNote(long candidate, String body) {
        return Http.send("POST", sandbox.greenhouseBaseUrl() + "/v1/candidates/" + candidate + "/activity_feed/notes", body,
                "Authorization", Http.basic(KEY), "On-Behalf-Of", Long.toString(recruiter.id()));
    }
}
