package io.atsbridge.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import io.atsbridge.platform.testing.TestDatabase;
import io.atsbridge.platform.testing.TestPorts;
import io.atsbridge.sandbox.SandboxSettings;
import io.atsbridge.sandbox.aivendor.Interview;
import io.atsbridge.sandbox.ashby.AshbyJob;
import io.atsbridge.sandbox.ashby.AshbySimulator;
import io.atsbridge.sandbox.ashby.AssessmentUpdate;
import io.atsbridge.sandbox.ashby.PartnerResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ashby's assessment partner API end to end, every service on its own database: the sandbox's Ashby simulator
 * plays Ashby calling atsbridge (assessment.list, assessment.start, assessment.cancel with the partner key over
 * HTTP Basic), the sandbox AI vendor interviews the candidate and completes by itself, and atsbridge posts
 * assessment.update with the score and profile URL to the simulator, which records it. A cancelled assessment
 * has its interview cancelled at the AI vendor and gets no update.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(CapturedLogs.NoLeaks.class)
class AshbyAssessmentEndToEndTest {

    private static final String PARTNER_KEY = "ashby-partner-key-0123456789abcdef";
    private static final String TEST_ID = "backend-engineer-v1";
    private static final String TEST_NAME = "Backend engineer AI interview";
    /** How long after the invitation the sandbox AI vendor completes an interview by itself. */
    private static final Duration AUTO_COMPLETE = Duration.ofSeconds(4);

    private final Map<String, TestDatabase> databases = new HashMap<>();
    private DemoEnvironment demo;
    private AshbySimulator ashby;
    private AshbyJob job;

    @BeforeAll
    void start() throws Exception {
        Map<String, Map<String, String>> properties = new HashMap<>();
        for (String service : List.of("identity", "mapping", "consent", "audit", "adapter")) {
            TestDatabase database = TestDatabase.create("ashbyp_" + service);
            databases.put(service, database);
            properties.put(service, new HashMap<>(database.micronautProperties()));
        }
        // The adapter must know Ashby's URL before the sandbox is up: the sandbox gets a port picked here.
        int sandboxPort = TestPorts.free();
        Map<String, String> adapter = properties.get("adapter");
        adapter.put("atsbridge.adapter.worker.poll-interval", "50ms");
        String ai = "atsbridge.connections." + DemoScenario.AI_CONNECTION + ".";
        adapter.put(ai + "ashby-partner-api-key", PARTNER_KEY);
        adapter.put(ai + "ashby-api-key", SandboxSettings.DEFAULT_ASHBY_API_KEY);
        adapter.put(ai + "ashby-base-url", "http://127.0.0.1:" + sandboxPort + "/ashby");
        adapter.put(ai + "tests", TEST_ID + ":" + TEST_NAME);
        // Interviews complete 4 s after the invitation: long enough to see the second start refused and to cancel.
        demo = DemoEnvironment.start(Files.createTempDirectory("atsbridge-ashby-partner"), Map.of(), List.of("US-NY-NYC"),
                20261124L, sandboxPort, true, properties, AUTO_COMPLETE);
        CapturedLogs.watch(demo.neverLogged());
        ashby = demo.sandbox.ashby();
        job = ashby.addJob("Backend engineer", "Application Review", "AI Interview", "Offer");
    }

    /** Every exchange with the simulators in the test kept to the vendor's published contract (sandbox/.../contracts). */
    @AfterEach
    void keptToTheVendorsContracts() {
        try {
            demo.sandbox.assertNoContractViolations();
        } finally {
            demo.sandbox.clearContractViolations();
        }
    }

    @AfterAll
    void stop() {
        if (demo != null) {
            demo.close();
        }
        databases.values().forEach(TestDatabase::close);
    }

    @Test
    void listStartRefuseASecondStartAndReportTheResultToAshby() throws Exception {
        PartnerResponse list = ashby.listAssessments(partnerBase(), PARTNER_KEY);
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        assertThat(list.json().get("success").asBoolean()).isTrue();
        assertThat(list.json().get("results")).hasSize(1);
        assertThat(list.json().get("results").get(0).get("assessment_type_id").asText()).isEqualTo(TEST_ID);
        assertThat(list.json().get("results").get(0).get("name").asText()).isEqualTo(TEST_NAME);

        String application = ashby.addApplication(ashby.addCandidate("Ada Lovelace", "ada@example.com"), job.id());
        PartnerResponse started = ashby.startAssessment(partnerBase(), PARTNER_KEY, TEST_ID, application);
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        assertThat(started.json().get("success").asBoolean()).isTrue();
        String assessmentId = started.json().get("results").get("assessment_id").asText();
        assertThat(ashby.startedAssessments()).containsEntry(assessmentId, application);

        // The candidate is being assessed: Ashby's documented 409, and no second interview.
        int interviews = demo.sandbox.aiVendor().interviews().size();
        PartnerResponse again = ashby.startAssessment(partnerBase(), PARTNER_KEY, TEST_ID, application);
        assertThat(again.status()).as(again.body()).isEqualTo(409);
        assertThat(again.json().get("reason").asText()).isEqualTo("ASSESSMENT_IN_PROGRESS");
        assertThat(demo.sandbox.aiVendor().interviews()).hasSize(interviews);

        awaitTrue("Ashby receives assessment.update for " + assessmentId, () -> !ashby.assessmentUpdates(assessmentId).isEmpty());
        List<AssessmentUpdate> updates = ashby.assessmentUpdates(assessmentId);
        assertThat(updates).hasSize(1);
        AssessmentUpdate update = updates.get(0);
        assertThat(update.completes()).isTrue();
        assertThat(update.statusValue()).isEqualTo("Completed");
        String interviewId = interviewOf(assessmentId);
        Interview interview = demo.sandbox.aiVendor().interviews().stream().filter(i -> i.id().equals(interviewId))
                .findFirst().orElseThrow();
        assertThat(interview.candidate().email()).isEqualTo("ada@example.com");
        assertThat(interview.result()).isNotNull();
        JsonNode body = update.body();
        assertThat(body.get("assessment_result").get("value").decimalValue())
                .isEqualByComparingTo(BigDecimal.valueOf(interview.result().score()));
        assertThat(body.get("assessment_profile_url").get("type").asText()).isEqualTo("url");
        assertThat(body.get("assessment_profile_url").get("value").asText()).startsWith("http");
        assertThat(body.get("metadata").findValuesAsText("identifier")).contains("model", "prompt_version", "confidence");
        assertThat(update.timestamp()).isPositive();
    }

    @Test
    void aCancelledAssessmentCancelsTheInterviewAtTheAiVendorAndGetsNoUpdate() throws Exception {
        String application = ashby.addApplication(ashby.addCandidate("Grace Hopper", "grace@example.com"), job.id());
        PartnerResponse started = ashby.startAssessment(partnerBase(), PARTNER_KEY, TEST_ID, application);
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        String assessmentId = started.json().get("results").get("assessment_id").asText();
        String interviewId = interviewOf(assessmentId);

        PartnerResponse cancelled = ashby.cancelAssessment(partnerBase(), PARTNER_KEY, assessmentId);
        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
        assertThat(cancelled.json().get("success").asBoolean()).isTrue();
        assertThat(cancelled.json().get("results").get("assessment_id").asText()).isEqualTo(assessmentId);

        // The inbox worker carries the cancellation to the AI vendor, before the interview would complete by itself.
        awaitTrue("interview " + interviewId + " is cancelled at the AI vendor",
                () -> Interview.CANCELLED.equals(demo.sandbox.aiVendor().status(interviewId)));
        awaitTrue("the cancellation of interview " + interviewId + " is done", () ->
                count("SELECT COUNT(*) FROM inbox_event WHERE status = 'DONE' AND delivery_key = ?",
                        "atsbridge:ashby-cancel:" + assessmentId) == 1);
        // Past the moment the vendor would have completed it: no interview.completed, so nothing for Ashby.
        Instant wouldComplete = demo.sandbox.aiVendor().interview(interviewId).orElseThrow().createdAt()
                .plus(AUTO_COMPLETE).plusSeconds(1);
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), wouldComplete).toMillis()));
        assertThat(demo.sandbox.aiVendor().status(interviewId)).isEqualTo(Interview.CANCELLED);
        assertThat(demo.sandbox.aiVendor().webhookEvents()).noneMatch(e -> e.bodyText().contains(interviewId));
        assertThat(ashby.assessmentUpdates(assessmentId)).isEmpty();
        assertThat(count("SELECT COUNT(*) FROM assessment_partner_assessment WHERE protocol = 'ASHBY' "
                + "AND assessment_id = ? AND status = 'CANCELLED'",
                assessmentId)).isEqualTo(1);

        PartnerResponse unknown = ashby.cancelAssessment(partnerBase(), PARTNER_KEY, "no-such-assessment");
        assertThat(unknown.status()).isEqualTo(404);
    }

    @Test
    void aWrongOrMissingPartnerKeyIs401AndStartsNothing() throws Exception {
        PartnerResponse wrong = ashby.listAssessments(partnerBase(), "not-the-partner-key-000000");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().get("reason").asText()).isEqualTo("PARTNER_KEY_INVALID");
        assertThat(wrong.body()).doesNotContain(PARTNER_KEY);

        String application = ashby.addApplication(ashby.addCandidate("Alan Turing", "alan@example.com"), job.id());
        int interviews = demo.sandbox.aiVendor().interviews().size();
        PartnerResponse start = ashby.startAssessment(partnerBase(), PARTNER_KEY + "x", TEST_ID, application);
        assertThat(start.status()).isEqualTo(401);
        assertThat(demo.sandbox.aiVendor().interviews()).hasSize(interviews);
        assertThat(ashby.cancelAssessment(partnerBase(), "", "anything").status()).isEqualTo(401);

        // The ATS connection offers no Ashby partner API, whatever the key.
        String ats = demo.platform.service("gateway").address() + "/partners/ashby/" + DemoScenario.ATS_CONNECTION;
        assertThat(ashby.listAssessments(ats, PARTNER_KEY).status()).isEqualTo(404);
    }

    private String partnerBase() {
        return demo.platform.service("gateway").address() + "/partners/ashby/" + DemoScenario.AI_CONNECTION;
    }

    private String interviewOf(String assessmentId) throws SQLException {
        try (java.sql.Connection c = databases.get("adapter").connect();
             PreparedStatement select = c.prepareStatement(
                     "SELECT interview_id FROM assessment_partner_assessment WHERE protocol = 'ASHBY' AND assessment_id = ?")) {
            select.setString(1, assessmentId);
            try (ResultSet rows = select.executeQuery()) {
                assertThat(rows.next()).isTrue();
                return rows.getString(1);
            }
        }
    }

    private long count(String sql, String parameter) {
        try (java.sql.Connection c = databases.get("adapter").connect(); PreparedStatement select = c.prepareStatement(sql)) {
            select.setString(1, parameter);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void awaitTrue(String what, BooleanSupplier condition) {
        Await.until(what, Duration.ofSeconds(60), condition, () -> "AI vendor webhook attempts "
                + demo.sandbox.aiVendor().webhookAttempts());
    }
}
