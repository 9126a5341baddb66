package io.atsbridge.launcher;

import io.atsbridge.platform.proto.ProtoTimes;
import io.atsbridge.platform.testing.TestCalls;
import io.atsbridge.platform.testing.TestDatabase;
import io.atsbridge.proto.audit.v1.AuditRecord;
import io.atsbridge.proto.audit.v1.AuditServiceGrpc;
import io.atsbridge.proto.audit.v1.BiasServiceGrpc;
import io.atsbridge.proto.audit.v1.QueryRecordsRequest;
import io.atsbridge.proto.audit.v1.RecordAuditRequest;
import io.atsbridge.proto.audit.v1.Tool;
import io.atsbridge.proto.consent.v1.ConsentMethod;
import io.atsbridge.proto.consent.v1.ConsentRecord;
import io.atsbridge.proto.consent.v1.ConsentState;
import io.atsbridge.sandbox.aivendor.Interview;
import io.atsbridge.sandbox.greenhouse.CustomFieldScope;
import io.grpc.ManagedChannel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #14 through the sandbox: the loop asks consent-service before every action, with what the AI vendor connection
 * declares it processes (here voice, transcript and voiceprints) and its bias audit, and obeys the answer — a New York
 * City score only after the LL144 notice period, an Illinois voiceprint interview only after a written release, a
 * German result below the confidence floor written for human review without a recommendation — and every decision
 * is in the audit log with its rule pack version and rules.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(CapturedLogs.NoLeaks.class)
class ConsentLoopEndToEndTest {

    private static final long SEED = 20261207L;
    private static final int NYC = 0;
    private static final int ILLINOIS = 1;
    private static final int GERMANY = 2;
    private static final int NYC_AUDITED = 3;

    private final Map<String, TestDatabase> databases = new HashMap<>();
    private DemoEnvironment demo;
    private ManagedChannel audit;

    @BeforeAll
    void start() throws Exception {
        Map<String, Map<String, String>> properties = new HashMap<>();
        for (String service : List.of("identity", "mapping", "consent", "audit", "adapter")) {
            TestDatabase database = TestDatabase.create("consentloop_" + service);
            databases.put(service, database);
            properties.put(service, new HashMap<>(database.micronautProperties()));
        }
        properties.get("adapter").put("atsbridge.adapter.worker.poll-interval", "50ms");
        // The vendor's interviews are voice only, with a transcript, and it derives voiceprints (BIPA applies).
        properties.get("adapter").put("atsbridge.connections." + DemoScenario.AI_CONNECTION + ".data-categories",
                "voice_recording,transcript,biometric.voiceprint");
        // Every sandbox result (confidence 0.50..0.99) is below this tenant's floor: each asks for human review.
        properties.get("consent").put("atsbridge.consent.tenants." + DemoScenario.TENANT + ".min-result-confidence", "0.995");
        demo = DemoEnvironment.start(Files.createTempDirectory("atsbridge-consent-loop"), Map.of(),
                List.of("US-NY-NYC", "US-IL", "DE", "US-NY-NYC"), SEED, 0, true, properties, Duration.ofMillis(200), false);
        CapturedLogs.watch(demo.neverLogged());
        audit = TestCalls.channel(port("audit"));
    }

    @AfterEach
    void keptToTheVendorsContracts() {
        try {
            demo.sandbox.assertNoContractViolations();
        } finally {
            demo.sandbox.clearContractViolations();
        }
    }

    @AfterAll
    void stop() throws InterruptedException {
        TestCalls.close(audit);
        demo.close();
        databases.values().forEach(TestDatabase::close);
    }

    @Test
    void aNewYorkCityScoreIsWrittenOnlyAfterTheLocalLaw144NoticePeriod() {
        DemoScenario.Seeded seeded = demo.scenario.seeded.get(NYC);
        String candidateId = demo.canonicalCandidateId(seeded);

        // No notice yet: the scoring the interview leads to may not happen, so no interview is started.
        demo.moveToTriggerStage(seeded.applicationId());
        awaitTrue("the interview is blocked", () -> actions(candidateId).contains("interview.blocked"));
        assertThat(decisions(candidateId, "POLICY_ACTION_AI_SCORING")).last().satisfies(r ->
                assertThat(r.getAttributesMap()).containsEntry("decision", "DECISION_REQUIRE_NOTICE")
                        // No result yet, so no confidence: the floor asks for review, which does not stop an invitation.
                        .containsEntry("unsatisfied_rule_ids", "NYC-04,CONFIDENCE-FLOOR")
                        .hasEntrySatisfying("rule_ids", ids -> assertThat(ids).contains("NYC-01", "NYC-02", "NYC-04")));
        assertThat(interviews(candidateId)).isEmpty();

        // The notice given today: the 10 business days have not passed.
        demo.recordConsent(seeded, notice("nyc-04", "US-NY-NYC", Instant.now()));
        moveAgain(seeded);
        awaitTrue("asked again", () -> decisions(candidateId, "POLICY_ACTION_AI_SCORING").size() >= 2);
        Await.pause(Duration.ofSeconds(1));
        assertThat(decisions(candidateId, "POLICY_ACTION_AI_SCORING")).last().satisfies(r ->
                assertThat(r.getAttributesMap()).containsEntry("decision", "DECISION_REQUIRE_NOTICE"));
        assertThat(interviews(candidateId)).isEmpty();

        // The notice was in fact given with the application, 30 days ago: the period has passed.
        demo.recordConsent(seeded, notice("nyc-04", "US-NY-NYC", Instant.now().minus(Duration.ofDays(30))));
        moveAgain(seeded);
        awaitTrue("the score is written", () -> demo.sandbox.greenhouse().customFieldValue(CustomFieldScope.CANDIDATE,
                seeded.candidateId(), "ai_match_score") != null);
        Interview interview = interviews(candidateId).get(0);
        assertThat(new BigDecimal(String.valueOf(demo.sandbox.greenhouse().customFieldValue(CustomFieldScope.CANDIDATE,
                seeded.candidateId(), "ai_match_score")))).isEqualByComparingTo(BigDecimal.valueOf(interview.result().score()));
        awaitTrue("the write is audited", () -> actions(candidateId).contains("writeback.written"));
        assertThat(decisions(candidateId, "POLICY_ACTION_WRITE_BACK")).last().satisfies(r ->
                assertThat(r.getAttributesMap().get("rule_ids")).contains("NYC-01", "NYC-02", "NYC-04"));
    }

    @Test
    void anIllinoisVoiceprintInterviewNeedsAWrittenReleaseFirst() {
        DemoScenario.Seeded seeded = demo.scenario.seeded.get(ILLINOIS);
        String candidateId = demo.canonicalCandidateId(seeded);
        // Everything else Illinois asks is on the ledger: all-party recording consent, the disclosure of voiceprints
        // to the vendor, the AI use notice. The BIPA release is given by click-through only.
        demo.recordConsent(seeded, grant("ai_interview", "voice_recording", "US-IL", ConsentMethod.CONSENT_METHOD_CLICKWRAP, true));
        demo.recordConsent(seeded, grant("ai_interview", "biometric.voiceprint", "US-IL", ConsentMethod.CONSENT_METHOD_CLICKWRAP, false));
        demo.recordConsent(seeded, grant("disclosure", "biometric.voiceprint", "US-IL", ConsentMethod.CONSENT_METHOD_CLICKWRAP, false));
        demo.recordConsent(seeded, notice("il-10", "US-IL", Instant.now().minus(Duration.ofDays(2))));

        demo.moveToTriggerStage(seeded.applicationId());
        awaitTrue("the interview is blocked", () -> actions(candidateId).contains("interview.blocked"));
        assertThat(decisions(candidateId, "POLICY_ACTION_AI_INTERVIEW")).last().satisfies(r ->
                assertThat(r.getAttributesMap()).containsEntry("decision", "DECISION_REQUIRE_CONSENT")
                        .containsEntry("unsatisfied_rule_ids", "IL-01")
                        .containsEntry("data_categories", "voice_recording,transcript,biometric.voiceprint"));
        assertThat(interviews(candidateId)).isEmpty();

        demo.recordConsent(seeded, grant("ai_interview", "biometric.voiceprint", "US-IL", ConsentMethod.CONSENT_METHOD_WRITTEN, false));
        moveAgain(seeded);
        awaitTrue("the score is written", () -> demo.sandbox.greenhouse().customFieldValue(CustomFieldScope.CANDIDATE,
                seeded.candidateId(), "ai_match_score") != null);
        assertThat(interviews(candidateId)).hasSize(1);
        assertThat(decisions(candidateId, "POLICY_ACTION_AI_INTERVIEW")).last().satisfies(r ->
                assertThat(r.getAttributesMap()).containsEntry("decision", "DECISION_ALLOW")
                        .hasEntrySatisfying("rule_ids", ids -> assertThat(ids).contains("IL-01", "REC-IL")));
        assertThat(decisions(candidateId, "POLICY_ACTION_DISCLOSE_TO_THIRD_PARTY")).last().satisfies(r ->
                assertThat(r.getAttributesMap().get("rule_ids")).contains("IL-03"));

        // Every ledger entry is in the audit log too, under the candidate, recorded by the caller with the pack version.
        List<AuditRecord> ledger = query(QueryRecordsRequest.newBuilder().setSubjectRef(candidateId).setPageSize(1000).build());
        assertThat(ledger).extracting(AuditRecord::getAction).containsExactly("consent.granted", "consent.granted",
                "consent.granted", "consent.notice_recorded", "consent.granted");
        assertThat(ledger).allSatisfy(r -> assertThat(r.getAttributesMap()).containsEntry("rule_pack_version",
                "jurisdiction-rules-2026-12").containsEntry("candidate_id", candidateId).containsKey("entry_id"));
        assertThat(ledger).last().satisfies(r -> assertThat(r.getAttributesMap()).containsEntry("method", "WRITTEN")
                .containsEntry("data_category", "biometric.voiceprint").containsEntry("jurisdiction", "US-IL"));
    }

    @Test
    void aGermanLowConfidenceResultIsWrittenForHumanReviewWithoutARecommendation() {
        DemoScenario.Seeded seeded = demo.scenario.seeded.get(GERMANY);
        String candidateId = demo.canonicalCandidateId(seeded);
        // GDPR consent (a lawful basis, explicit for voiceprints) and the notice at collection, given when applying.
        demo.recordConsent(seeded, grant("ai_interview", "personal_data", "DE", ConsentMethod.CONSENT_METHOD_CLICKWRAP, false));
        demo.recordConsent(seeded, grant("disclosure", "personal_data", "DE", ConsentMethod.CONSENT_METHOD_CLICKWRAP, false));
        demo.recordConsent(seeded, notice("eu-03", "DE", Instant.now().minus(Duration.ofDays(2))));
        demo.recordConsent(seeded, notice("eu-11", "DE", Instant.now().minus(Duration.ofDays(2))));

        demo.moveToTriggerStage(seeded.applicationId());
        awaitTrue("the note is written", () -> !demo.sandbox.greenhouse().notes(seeded.candidateId()).isEmpty());
        Interview interview = interviews(candidateId).get(0);
        var greenhouse = demo.sandbox.greenhouse();
        assertThat(new BigDecimal(String.valueOf(greenhouse.customFieldValue(CustomFieldScope.CANDIDATE, seeded.candidateId(),
                "ai_match_score")))).isEqualByComparingTo(BigDecimal.valueOf(interview.result().score()));
        assertThat(greenhouse.customFieldValue(CustomFieldScope.CANDIDATE, seeded.candidateId(), "ai_recommendation"))
                .as("no recommendation").isNull();
        assertThat(greenhouse.notes(seeded.candidateId())).singleElement().satisfies(note ->
                assertThat(note.body()).startsWith("Requires human review: ").doesNotContain("Recommendation: "));
        awaitTrue("the write is audited", () -> actions(candidateId).contains("writeback.written"));
        assertThat(decisions(candidateId, "POLICY_ACTION_AI_SCORING")).last().satisfies(r ->
                assertThat(r.getAttributesMap()).containsEntry("decision", "DECISION_REQUIRE_HUMAN_REVIEW")
                        .containsEntry("unsatisfied_rule_ids", "CONFIDENCE-FLOOR")
                        .containsEntry("result_confidence", Double.toString(interview.result().confidence()))
                        .hasEntrySatisfying("rule_ids", ids -> assertThat(ids).contains("EU-01")));
        assertThat(records(candidateId)).filteredOn(r -> r.getAction().equals("writeback.written")).singleElement()
                .satisfies(r -> assertThat(r.getAttributesMap()).containsEntry("human_review_required", "true"));
    }

    @Test
    void aBiasAuditRecordedMoreThanAYearAgoStopsAiScoringInNewYorkCityUntilANewOneIsRecorded() {
        DemoScenario.Seeded seeded = demo.scenario.seeded.get(NYC_AUDITED);
        String candidateId = demo.canonicalCandidateId(seeded);
        demo.recordConsent(seeded, notice("nyc-04", "US-NY-NYC", Instant.now().minus(Duration.ofDays(30))));
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        // The bias store's audit wins over the one the connection declares (two months old): this one is 13 months old.
        recordBiasAudit("acme-audit-2025", today.minusMonths(13));

        demo.moveToTriggerStage(seeded.applicationId());
        awaitTrue("the interview is blocked", () -> actions(candidateId).contains("interview.blocked"));
        assertThat(decisions(candidateId, "POLICY_ACTION_AI_SCORING")).last().satisfies(r ->
                assertThat(r.getAttributesMap()).containsEntry("decision", "DECISION_DENY")
                        .hasEntrySatisfying("unsatisfied_rule_ids", ids -> assertThat(ids).contains("NYC-01")));
        assertThat(interviews(candidateId)).isEmpty();

        recordBiasAudit("acme-audit-2026", today.minusMonths(1));
        moveAgain(seeded);
        awaitTrue("the score is written", () -> demo.sandbox.greenhouse().customFieldValue(CustomFieldScope.CANDIDATE,
                seeded.candidateId(), "ai_match_score") != null);
        // The audit records reach audit-service through the adapter's outbox, shortly after the write.
        awaitTrue("the write is audited", () -> actions(candidateId).contains("writeback.written"));
        // The new audit satisfies NYC-01/02; only this tenant's confidence floor asks for review (see start()).
        assertThat(decisions(candidateId, "POLICY_ACTION_WRITE_BACK")).last().satisfies(r ->
                assertThat(r.getAttributesMap()).containsEntry("unsatisfied_rule_ids", "CONFIDENCE-FLOOR")
                        .hasEntrySatisfying("rule_ids", ids -> assertThat(ids).contains("NYC-01", "NYC-02")));
    }

    private void recordBiasAudit(String auditId, LocalDate auditDate) {
        TestCalls.as(BiasServiceGrpc.newBlockingStub(audit), demo.platform.operatorToken(), DemoScenario.TENANT)
                .recordAudit(RecordAuditRequest.newBuilder().setAuditId(auditId)
                        .setTool(Tool.newBuilder().setConnectionId(DemoScenario.AI_CONNECTION))
                        .setAuditDate(auditDate.toString()).setSummaryUrl("https://vendor.example/" + auditId)
                        .setDistributionDate(auditDate.minusMonths(1).toString()).build());
    }

    /** The recruiter moves the application out of the trigger stage and back in: the case is asked about again. */
    private void moveAgain(DemoScenario.Seeded seeded) {
        long review = demo.scenario.job.stageNamed("Application Review").orElseThrow().id();
        demo.sandbox.greenhouse().moveApplication(seeded.applicationId(), review, demo.scenario.recruiter.id());
        demo.moveToTriggerStage(seeded.applicationId());
    }

    private static ConsentRecord notice(String ruleId, String place, Instant given) {
        return ConsentRecord.newBuilder().setPurpose("notice:" + ruleId).setDataCategory("*").setJurisdiction(place)
                .setMethod(ConsentMethod.CONSENT_METHOD_CLICKWRAP).setState(ConsentState.CONSENT_STATE_GRANTED)
                .setEvidenceRef("test:careers-site/notice/" + ruleId + "/v1").setCaptureTime(ProtoTimes.toProto(given)).build();
    }

    private static ConsentRecord grant(String purpose, String category, String place, ConsentMethod method,
                                       boolean allParties) {
        return ConsentRecord.newBuilder().setPurpose(purpose).setDataCategory(category).setJurisdiction(place)
                .setMethod(method).setState(ConsentState.CONSENT_STATE_GRANTED).setAllParties(allParties)
                .setEvidenceRef("test:consent-form/" + purpose + "/" + category + "/v1")
                .setCaptureTime(ProtoTimes.toProto(Instant.now().minus(Duration.ofDays(1)))).build();
    }

    /** The audit records of the candidate's cases: the consent decisions name the canonical candidate. */
    private List<AuditRecord> records(String candidateId) {
        List<AuditRecord> decided = query(QueryRecordsRequest.newBuilder().setAction("consent.decided").setPageSize(1000).build())
                .stream().filter(r -> candidateId.equals(r.getAttributesMap().get("candidate_id"))).toList();
        if (decided.isEmpty()) {
            return List.of();
        }
        return query(QueryRecordsRequest.newBuilder().setSubjectRef(decided.get(0).getSubjectRef()).setPageSize(1000).build());
    }

    private List<AuditRecord> query(QueryRecordsRequest request) {
        return TestCalls.as(AuditServiceGrpc.newBlockingStub(audit), demo.platform.operatorToken(), DemoScenario.TENANT)
                .queryRecords(request).getRecordsList();
    }

    private List<String> actions(String candidateId) {
        return records(candidateId).stream().map(AuditRecord::getAction).toList();
    }

    private List<AuditRecord> decisions(String candidateId, String action) {
        return records(candidateId).stream().filter(r -> r.getAction().equals("consent.decided")
                && action.equals(r.getAttributesMap().get("action"))).toList();
    }

    private List<Interview> interviews(String candidateId) {
        return demo.sandbox.aiVendor().interviews().stream()
                .filter(i -> candidateId.equals(i.metadata().get("candidate_id"))).toList();
    }

    private int port(String service) {
        String address = demo.platform.service(service).address();
        return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
    }

    private void awaitTrue(String what, BooleanSupplier condition) {
        Await.until(what, Duration.ofSeconds(60), condition, () -> "loop " + demo.platform.service("adapter").context()
                .getBean(io.atsbridge.adapter.engine.sync.LoopReport.class).summarize(DemoScenario.TENANT));
    }
}
