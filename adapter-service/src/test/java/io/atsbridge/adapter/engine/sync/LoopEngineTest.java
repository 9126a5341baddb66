package io.atsbridge.adapter.engine.sync;

import io.atsbridge.adapter.connections.domain.Vendor;
import io.atsbridge.adapter.engine.domain.DeadLetters;
import io.atsbridge.adapter.engine.domain.EventIntake;
import io.atsbridge.adapter.engine.domain.EventStatus;
import io.atsbridge.adapter.engine.domain.EventType;
import io.atsbridge.adapter.engine.domain.IncomingEvent;
import io.atsbridge.adapter.engine.domain.LoopCase;
import io.atsbridge.adapter.engine.domain.LoopCaseStatus;
import io.atsbridge.adapter.engine.domain.LoopStore;
import io.atsbridge.adapter.engine.domain.WriteRecord;
import io.atsbridge.platform.testing.StandInServer;
import io.atsbridge.platform.testing.TestDatabase;
import io.atsbridge.proto.audit.v1.AuditRecord;
import io.atsbridge.proto.audit.v1.BiasAudit;
import io.atsbridge.proto.consent.v1.Decision;
import io.atsbridge.proto.consent.v1.EvaluatePolicyRequest;
import io.atsbridge.proto.consent.v1.PolicyAction;
import io.atsbridge.proto.consent.v1.Recipient;
import io.atsbridge.proto.mapping.v1.FieldScope;
import io.atsbridge.proto.mapping.v1.FieldType;
import io.atsbridge.proto.mapping.v1.FieldValue;
import io.atsbridge.proto.mapping.v1.FieldWrite;
import io.atsbridge.proto.mapping.v1.TargetField;
import io.atsbridge.sandbox.Sandbox;
import io.atsbridge.sandbox.aivendor.Interview;
import io.atsbridge.sandbox.greenhouse.CandidateNote;
import io.atsbridge.sandbox.greenhouse.CustomFieldDefinition;
import io.atsbridge.sandbox.greenhouse.CustomFieldScope;
import io.atsbridge.sandbox.greenhouse.CustomFieldType;
import io.atsbridge.sandbox.greenhouse.GreenhouseJob;
import io.atsbridge.sandbox.greenhouse.GreenhouseSimulator;
import io.atsbridge.sandbox.greenhouse.GreenhouseUser;
import io.atsbridge.sandbox.greenhouse.NewCandidate;
import io.atsbridge.sandbox.http.WebhookEvent;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sync engine on a real database, against the Greenhouse and AI vendor simulators over real HTTP,
 * with stand-ins for identity, consent, mapping and audit over real gRPC ({@link FakePeers}). The
 * worker's threads are off: the test drives it with {@link InboxWorker#runOnce()}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoopEngineTest {

    private static final String GH_SECRET = LoopFixture.GH_SECRET;

    private LoopFixture fixture;
    private TestDatabase database;
    private Sandbox sandbox;
    private GreenhouseSimulator greenhouse;
    private FakePeers peers;
    private ApplicationContext context;
    private InboxWorker worker;
    private EventIntake intake;
    private LoopStore cases;
    private GreenhouseUser recruiter;
    private GreenhouseJob job;
    private CustomFieldDefinition recommendation;

    @BeforeAll
    void start() throws Exception {
        // A subscriber of the loop's events; its endpoint is never called here (the relay is off): the test
        // reads what was queued for it, in the same transactions as the steps.
        Map<String, Object> more = Map.of(
                "atsbridge.subscribers.acme-hr.tenant", "acme",
                "atsbridge.subscribers.acme-hr.url", "http://127.0.0.1:9/never-called",
                "atsbridge.subscribers.acme-hr.secret", "whsec_" + java.util.Base64.getEncoder().encodeToString(
                        "loop-engine-subscriber-key-0123".getBytes(StandardCharsets.US_ASCII)),
                "atsbridge.adapter.outbound.enabled", "false");
        fixture = new LoopFixture("adapter_loop", more);
        database = fixture.database;
        sandbox = fixture.sandbox;
        greenhouse = fixture.greenhouse;
        peers = fixture.peers;
        context = fixture.context;
        worker = fixture.worker;
        intake = fixture.intake;
        cases = fixture.cases;
        recruiter = fixture.recruiter;
        job = fixture.job;
        recommendation = fixture.recommendation;
    }

    @AfterAll
    void stop() throws InterruptedException {
        fixture.close();
    }

    @BeforeEach
    void reset() {
        peers.identityFailures.set(0);
        greenhouse.failNextRequests(0, 500);
        worker.drain(Duration.ofSeconds(30));
    }

    // ---------------------------------------------------------------- the loop

    @Test
    void stageChangeInvitesAndTheResultIsWrittenBackOnceWithAnAuditTrail() throws Exception {
        long candidateId = candidate("grace@example.com", "Ruby");
        long applicationId = greenhouse.addApplication(candidateId, job.id());
        String stageEvent = stageChange(applicationId, "AI Interview");

        EventOutcome invited = processed(stageEvent);
        assertThat(invited.status()).isEqualTo("DONE");
        LoopCase loopCase = loopCase(applicationId);
        assertThat(loopCase.status()).isEqualTo(LoopCaseStatus.INVITED);
        assertThat(invited.outcome()).contains("interview " + loopCase.interviewId() + " invited");
        assertThat(loopCase.candidateId()).isEqualTo("cand-" + candidateId);
        assertThat(loopCase.applicationId()).isEqualTo("app-" + applicationId);
        assertThat(loopCase.triggerReceiveTime()).isNotNull();
        Interview interview = sandbox.aiVendor().interview(loopCase.interviewId()).orElseThrow();
        assertThat(interview.metadata()).containsEntry("ats_connection_id", "gh-acme")
                .containsEntry("application_id", "app-" + applicationId).containsEntry("candidate_id", "cand-" + candidateId);
        assertThat(interview.interviewKitId()).isEqualTo("kit-designer");
        assertThat(interview.candidate().email()).isEqualTo("grace@example.com");
        assertThat(interview.job().title()).isEqualTo("Designer");
        // No jurisdiction on the candidate: the connection's default is used. Asked before inviting: the interview,
        // the disclosure to the AI vendor and the scoring to come, with what the AI connection declares it processes.
        List<EvaluatePolicyRequest> asked = List.copyOf(peers.evaluations.subList(peers.evaluations.size() - 3,
                peers.evaluations.size()));
        assertThat(asked).extracting(EvaluatePolicyRequest::getAction).containsExactly(
                PolicyAction.POLICY_ACTION_AI_INTERVIEW, PolicyAction.POLICY_ACTION_DISCLOSE_TO_THIRD_PARTY,
                PolicyAction.POLICY_ACTION_AI_SCORING);
        assertThat(asked).allSatisfy(request -> {
            assertThat(request.getJurisdictionsList()).containsExactly("US-NY-NYC");
            assertThat(request.getRequisitionJurisdictionsList()).containsExactly("US-IL");
            assertThat(request.getCandidateId()).isEqualTo("cand-" + candidateId);
            assertThat(request.getTool().getToolId()).isEqualTo("ai-acme");
            assertThat(request.getTool().getBiasAuditSummaryUrl()).isEqualTo("https://acme.example/ai/bias-audit-2026");
            assertThat(request.getTool().getBiasAuditTime().getSeconds())
                    .isEqualTo(java.time.Instant.parse("2026-03-02T12:00:00Z").getEpochSecond());
            assertThat(request.hasResultConfidence()).as("no result yet").isFalse();
        });
        assertThat(asked.get(0).getDataCategoriesList()).containsExactly("video", "voice_recording", "transcript");
        assertThat(asked.get(1).getRecipient()).isEqualTo(Recipient.RECIPIENT_EVALUATOR);
        assertThat(asked.get(2).getDataCategoriesList())
                .containsExactly("video", "voice_recording", "transcript", "score", "recommendation");

        // The same stage change again (a vendor retry under a new key, or a replay) starts nothing new.
        String again = ingest("gh-acme", Vendor.GREENHOUSE, EventType.STAGE_CHANGED, "candidate_stage_change",
                webhookBodyOfInbox(stageEvent));
        EventOutcome replay = processed(again);
        assertThat(replay.status()).isEqualTo("IGNORED");
        assertThat(replay.outcome()).contains("interview already exists");
        assertThat(sandbox.aiVendor().interviews()).filteredOn(i -> i.metadata().get("application_id")
                .equals("app-" + applicationId)).hasSize(1);

        // The candidate completes the interview; the result comes back and is written.
        String completed = complete(loopCase.interviewId());
        EventOutcome written = processed(completed);
        assertThat(written.status()).as(written.outcome()).isEqualTo("DONE");
        LoopCase done = cases.find(loopCase.id()).orElseThrow();
        assertThat(done.status()).isEqualTo(LoopCaseStatus.WRITTEN);
        assertThat(done.writeTime()).isAfter(done.triggerReceiveTime());
        Interview result = sandbox.aiVendor().interview(loopCase.interviewId()).orElseThrow();
        assertThat(greenhouse.customFieldValue(CustomFieldScope.CANDIDATE, candidateId, "ai_score"))
                .isEqualTo(new java.math.BigDecimal(Integer.toString(result.result().score())));
        assertThat(greenhouse.customFieldValue(CustomFieldScope.CANDIDATE, candidateId, "ai_recommendation"))
                .isEqualTo(capitalized(result.result().recommendation()));
        assertThat(greenhouse.customFieldValue(CustomFieldScope.APPLICATION, applicationId, "ai_summary"))
                .isEqualTo(result.result().rationale());
        assertThat(greenhouse.tags(candidateId)).startsWith("Ruby")
                .containsAll(result.result().skills().stream().map(s -> "ai-skill:" + s).toList());
        List<CandidateNote> notes = greenhouse.notes(candidateId);
        assertThat(notes).singleElement().satisfies(note -> {
            assertThat(note.body()).contains("Audit reference: " + loopCase.traceId());
            assertThat(note.visibility()).isEqualTo("private");
            assertThat(note.userId()).isEqualTo(recruiter.id());
        });
        assertThat(greenhouse.writes()).filteredOn(w -> w.path().contains("/" + candidateId) || w.path().contains("/" + applicationId))
                .extracting(io.atsbridge.sandbox.greenhouse.HarvestWrite::onBehalfOf).containsOnly(Long.toString(recruiter.id()));
        List<WriteRecord> records = cases.writeRecords(loopCase.id());
        assertThat(records).extracting(WriteRecord::scope, WriteRecord::fieldKey).contains(
                org.assertj.core.groups.Tuple.tuple("CANDIDATE", "ai_score"),
                org.assertj.core.groups.Tuple.tuple("CANDIDATE", "ai_recommendation"),
                org.assertj.core.groups.Tuple.tuple("APPLICATION", "ai_summary"),
                org.assertj.core.groups.Tuple.tuple("NOTE", "note"));
        assertThat(records).filteredOn(r -> r.scope().equals("NOTE")).singleElement()
                .satisfies(r -> assertThat(r.noteId()).isEqualTo(Long.toString(notes.get(0).id())));
        assertThat(records).filteredOn(r -> r.scope().equals("CANDIDATE") && r.fieldKey().equals("ai_recommendation"))
                .singleElement().satisfies(r -> assertThat(r.valueText())
                        .isEqualTo(Long.toString(recommendation.optionNamed(capitalized(result.result().recommendation()))
                                .orElseThrow().id())));
        // The select is owned as Greenhouse shows it, the option's name (from the field definitions).
        assertThat(cases.ownership("gh-acme", WriteRecord.CANDIDATE, Long.toString(candidateId)).get("ai_recommendation"))
                .satisfies(owned -> assertThat(owned.observedText()).isEqualTo(capitalized(result.result().recommendation())));
        assertThat(peers.plans).last().satisfies(plan -> {
            assertThat(plan.getProfileId()).isEqualTo("gh-acme-default");
            assertThat(plan.getAuditReference()).isEqualTo(loopCase.traceId());
            assertThat(plan.getAssessment().getCandidateId()).isEqualTo("cand-" + candidateId);
            assertThat(plan.getAssessment().getApplicationId()).isEqualTo("app-" + applicationId);
            assertThat(plan.getAssessment().getOverallScore().getScale().getMax()).isEqualTo(100);
            assertThat(plan.getAssessment().getModel().getModelVersion()).isNotBlank();
            assertThat(plan.getAssessment().getSource().getId()).isEqualTo(loopCase.interviewId());
        });

        // Subscribers get sync.succeeded for the write, with ids only (no personal data).
        assertThat(outbound("sync.succeeded", loopCase.traceId())).singleElement().satisfies(payload -> {
            assertThat(payload).contains("\"type\":\"sync.succeeded\"", "\"case_id\":\"" + loopCase.id() + "\"",
                    "\"application_external_id\":\"" + applicationId + "\"", "\"connection_id\":\"gh-acme\"");
            assertThat(payload).doesNotContain("grace@example.com");
        });

        // The result delivered again changes nothing.
        int writesBefore = greenhouse.writes().size();
        EventOutcome duplicate = processed(ingest("ai-acme", Vendor.STANDARD_WEBHOOKS, EventType.INTERVIEW_COMPLETED,
                "interview.completed", webhookBodyOfInbox(completed)));
        assertThat(duplicate.status()).isEqualTo("IGNORED");
        assertThat(duplicate.outcome()).contains("already written");
        assertThat(greenhouse.writes()).hasSize(writesBefore);

        // The audit trail: every step under the case's trace, subject the canonical application, no personal data.
        List<String> actions = peers.auditActions(loopCase.traceId());
        assertThat(actions).containsSubsequence("webhook.received", "consent.decided", "interview.invited",
                "webhook.received", "result.received", "consent.decided", "writeback.written");
        List<AuditRecord> trail = peers.audit.stream().filter(r -> r.getTraceId().equals(loopCase.traceId())).toList();
        assertThat(trail).extracting(AuditRecord::getSubjectRef).containsOnly("app-" + applicationId);
        assertThat(trail).extracting(AuditRecord::getActor).containsOnly("adapter-service");
        assertThat(trail).allSatisfy(r -> assertThat(r.getAttributesMap().toString())
                .doesNotContain("grace", "Grace", "Hopper", "example.com"));
        AuditRecord received = trail.get(0);
        assertThat(received.getPayloadSha256().toByteArray()).isEqualTo(MessageDigest.getInstance("SHA-256")
                .digest(webhookBodyOfInbox(stageEvent)));
        assertThat(received.getRecordId()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest((loopCase.traceId() + "webhook.received" + stageEvent).getBytes(StandardCharsets.UTF_8))));
        AuditRecord consent = trail.stream().filter(r -> r.getAction().equals("consent.decided")).findFirst().orElseThrow();
        assertThat(consent.getAttributesMap()).containsEntry("decision", "DECISION_ALLOW")
                .containsEntry("action", "POLICY_ACTION_AI_INTERVIEW")
                .containsEntry("rule_pack_version", "test-pack-1").containsEntry("rule_ids", "NYC-01,IL-06");
        assertThat(trail).filteredOn(r -> r.getAction().equals("consent.decided")).extracting(r -> r.getAttributesMap().get("action"))
                .as("asked again before writing").containsExactly("POLICY_ACTION_AI_INTERVIEW",
                        "POLICY_ACTION_DISCLOSE_TO_THIRD_PARTY", "POLICY_ACTION_AI_SCORING", "POLICY_ACTION_AI_SCORING",
                        "POLICY_ACTION_WRITE_BACK");
        Interview scored = sandbox.aiVendor().interview(loopCase.interviewId()).orElseThrow();
        assertThat(trail).filteredOn(r -> r.getAction().equals("consent.decided")).last().satisfies(r ->
                assertThat(r.getAttributesMap()).containsEntry("requisition_jurisdictions", "US-IL")
                        .containsEntry("data_categories", "video,voice_recording,transcript,score,recommendation")
                        .containsEntry("result_confidence", Double.toString(scored.result().confidence())));
        assertThat(peers.evaluations).filteredOn(r -> r.getAction() == PolicyAction.POLICY_ACTION_AI_SCORING).last()
                .satisfies(r -> assertThat(r.getResultConfidence()).isEqualTo(scored.result().confidence()));
        AuditRecord writeback = trail.stream().filter(r -> r.getAction().equals("writeback.written")).findFirst().orElseThrow();
        assertThat(writeback.getAttributesMap()).containsEntry("profile_id", "gh-acme-default")
                .containsEntry("profile_version", "3").containsEntry("note_id", Long.toString(notes.get(0).id()));
        assertThat(writeback.getAttributesMap().get("field_keys")).contains("ai_score", "ai_summary");
        // Calls to the peers carried the tenant and the case's trace.
        assertThat(peers.calls()).filteredOn(c -> loopCase.traceId().equals(c.traceId())).isNotEmpty()
                .allSatisfy(c -> assertThat(c.tenant()).isEqualTo("acme"));
        assertThat(peers.calls()).extracting(StandInServer.Call::authorization).containsOnly("Bearer adapter-client-token-0123456789");

        LoopReport.Summary report = context.getBean(LoopReport.class).summarize("acme");
        assertThat(report.casesByStatus().get(LoopCaseStatus.WRITTEN)).isGreaterThanOrEqualTo(1);
        assertThat(report.writtenCases()).isGreaterThanOrEqualTo(1);
        assertThat(report.medianWriteLatency()).isPositive();
        assertThat(report.worstWriteLatency()).isGreaterThanOrEqualTo(report.medianWriteLatency());
        assertThat(report.eventsByStatus().get(EventStatus.DONE)).isGreaterThanOrEqualTo(2);
        assertThat(report.auditRecordsPending()).isZero();
    }

    @Test
    void theWrittenResultAndTheLaterAdvanceAreRecordedForBiasAuditsOnceAndWithoutDemographics() throws Exception {
        long candidateId = candidate("katherine@example.com");
        long applicationId = greenhouse.addApplication(candidateId, job.id());
        assertThat(processed(stageChange(applicationId, "AI Interview")).status()).isEqualTo("DONE");
        LoopCase loopCase = loopCase(applicationId);
        int before = peers.outcomes.size();
        // audit-service is briefly unavailable: the outcome waits in the outbox and the write is not held up.
        peers.biasFailures.set(1);
        EventOutcome written = processed(complete(loopCase.interviewId()));
        assertThat(written.status()).as(written.outcome()).isEqualTo("DONE");
        assertThat(cases.find(loopCase.id()).orElseThrow().status()).isEqualTo(LoopCaseStatus.WRITTEN);
        List<io.atsbridge.proto.audit.v1.RecordOutcomeRequest> recorded = outcomesOf("cand-" + candidateId, before, 1);
        Interview result = sandbox.aiVendor().interview(loopCase.interviewId()).orElseThrow();
        assertThat(recorded).singleElement().satisfies(outcome -> {
            assertThat(outcome.getTool().getConnectionId()).isEqualTo("ai-acme");
            assertThat(outcome.getTool().getModel()).isNotBlank();
            assertThat(outcome.getTool().getModelVersion()).isNotBlank();
            assertThat(outcome.getRequisitionId()).isEqualTo(Long.toString(job.id()));
            assertThat(outcome.getHasScore()).isTrue();
            assertThat(new java.math.BigDecimal(outcome.getScore()))
                    .isEqualByComparingTo(Integer.toString(result.result().score()));
            assertThat(outcome.getRecommendation()).isEqualTo(result.result().recommendation());
            assertThat(outcome.getAdvanced()).isFalse();
            assertThat(outcome.getSelected()).isFalse();
            assertThat(outcome.hasAssessTime()).isTrue();
        });
        // Outcomes go to BiasService, never into the audit log.
        assertThat(peers.auditActions(loopCase.traceId())).doesNotContain(BiasOutcomes.ACTION);

        // A recruiter moves the candidate on: the advance merges into the same outcome (same tool, job, candidate).
        assertThat(processed(stageChange(applicationId, "Offer")).status()).isEqualTo("IGNORED");
        List<io.atsbridge.proto.audit.v1.RecordOutcomeRequest> advanced = outcomesOf("cand-" + candidateId, before, 2);
        assertThat(advanced.get(1)).satisfies(outcome -> {
            assertThat(outcome.getTool().getConnectionId()).isEqualTo("ai-acme");
            assertThat(outcome.getRequisitionId()).isEqualTo(Long.toString(job.id()));
            assertThat(outcome.getAdvanced()).isTrue();
            assertThat(outcome.getHasScore()).as("the score stays the one written").isFalse();
            assertThat(outcome.hasAssessTime()).isTrue();
        });
        // Nothing about the person but the canonical id: no name, e-mail or self-identification travels.
        assertThat(advanced).allSatisfy(outcome -> assertThat(outcome.toString())
                .doesNotContain("katherine", "example.com", "sex", "race", "ethnicity"));

        // An application without a written result reports no outcome when it moves.
        long other = greenhouse.addApplication(candidate("dorothy@example.com"), job.id());
        int count = peers.outcomes.size();
        assertThat(processed(stageChange(other, "Offer")).status()).isEqualTo("IGNORED");
        assertThat(peers.outcomes).hasSize(count);
    }

    /** The RecordOutcome calls of the candidate since {@code from}, once {@code expected} arrived (relaying, at most 10 s). */
    private List<io.atsbridge.proto.audit.v1.RecordOutcomeRequest> outcomesOf(String candidateId, int from, int expected)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            List<io.atsbridge.proto.audit.v1.RecordOutcomeRequest> found = peers.outcomes.subList(from, peers.outcomes.size())
                    .stream().filter(o -> o.getCandidateId().equals(candidateId)).toList();
            if (found.size() >= expected || System.nanoTime() > deadline) {
                assertThat(found).hasSize(expected);
                return found;
            }
            worker.runOnce();
            Thread.sleep(200);
        }
    }

    @Test
    void everyTriggerStartsAScreenOnceAndOnlyAReScreenAskedForStartsASecond() throws Exception {
        var triggers = context.getBean(io.atsbridge.adapter.connections.domain.ScreenTriggersDirectory.class);
        var requests = context.getBean(io.atsbridge.adapter.engine.domain.ScreenRequests.class);
        GreenhouseJob analyst = greenhouse.addJob("Analyst", "Application Review", "AI Interview");
        triggers.declare("gh-acme", new io.atsbridge.adapter.connections.domain.ScreenTriggers(
                List.of(io.atsbridge.adapter.connections.domain.ScreenTriggers.Trigger.TRIGGER_STAGE,
                        new io.atsbridge.adapter.connections.domain.ScreenTriggers.Trigger(
                                io.atsbridge.adapter.connections.domain.ScreenTriggers.Kind.TAG, "AI screen")),
                Map.of(Long.toString(analyst.id()), List.of(new io.atsbridge.adapter.connections.domain.ScreenTriggers.Trigger(
                        io.atsbridge.adapter.connections.domain.ScreenTriggers.Kind.NEW_APPLICATION, null)))));
        try {
            // A new application of the job whose trigger it is: a screen, although it is in no trigger stage.
            long candidateId = candidate("nina@example.com");
            long applicationId = greenhouse.newApplication(candidateId, analyst.id());
            WebhookEvent created = greenhouse.webhookEvents().stream()
                    .filter(e -> e.bodyText().contains("\"id\":" + applicationId)).reduce((a, b) -> b).orElseThrow();
            EventOutcome started = processed(ingest("gh-acme", Vendor.GREENHOUSE, EventType.APPLICATION_CREATED,
                    "new_candidate_application", created.body(), created.id()));
            assertThat(started.status()).as(started.outcome()).isEqualTo("DONE");
            LoopCase first = cases.findByCandidateJob("gh-acme", Long.toString(candidateId), Long.toString(analyst.id()))
                    .orElseThrow();
            assertThat(first.status()).isEqualTo(LoopCaseStatus.INVITED);
            assertThat(peers.audit).anySatisfy(r -> assertThat(r.getAttributesMap())
                    .containsEntry("trigger", "new-application").containsEntry("outcome", "TRIGGERED")
                    .containsEntry("application_external_id", Long.toString(applicationId)));

            // The same candidate's application entering that job's (not triggering) AI Interview stage: nothing new.
            String moved = greenhouse.moveApplication(applicationId, analyst.stageNamed("AI Interview").orElseThrow().id(),
                    recruiter.id());
            EventOutcome ignored = processed(ingest("gh-acme", Vendor.GREENHOUSE, EventType.STAGE_CHANGED,
                    "candidate_stage_change", webhookBody(moved, greenhouse.webhookEvents()), moved));
            assertThat(ignored.status()).isEqualTo("IGNORED");
            assertThat(ignored.outcome()).contains("fires none of the triggers of job " + analyst.id(), "new-application");

            // An explicit request for the screened application is refused at once; a re-screen with a reason is not.
            assertThatThrown(() -> requests.request("acme", "gh-acme", Long.toString(applicationId), false, "", "ops", ""),
                    "ALREADY_SCREENED");
            assertThatThrown(() -> requests.request("acme", "gh-acme", Long.toString(applicationId), true, " ", "ops", ""),
                    "REASON_MISSING");
            var again = requests.request("acme", "gh-acme", Long.toString(applicationId), true, "the vendor cut it off",
                    "ops", "rescreen-nina");
            assertThat(processed(again.inboxEventId()).status()).isEqualTo("DONE");
            assertThat(requests.request("acme", "gh-acme", Long.toString(applicationId), true, "the vendor cut it off",
                    "ops", "rescreen-nina").duplicate()).isTrue();
            LoopCase second = cases.findByTrigger("gh-acme", Long.toString(applicationId), "rescreen:rescreen-nina")
                    .orElseThrow();
            assertThat(second.id()).isNotEqualTo(first.id());
            assertThat(second.interviewId()).isNotEqualTo(first.interviewId());
            assertThat(peers.audit).anySatisfy(r -> assertThat(r.getAttributesMap())
                    .containsEntry("trigger", "re-screen").containsEntry("requested_by", "ops")
                    .containsEntry("reason", "the vendor cut it off"));

            // A tagged candidate moving to any stage of the demo job: a screen; an untagged one: none.
            long tagged = candidate("tom@example.com", "AI screen");
            long taggedApplication = greenhouse.addApplication(tagged, job.id());
            assertThat(processed(stageChange(taggedApplication, "Offer")).status()).isEqualTo("DONE");
            assertThat(cases.findByCandidateJob("gh-acme", Long.toString(tagged), Long.toString(job.id()))).isPresent();
            long untagged = candidate("una@example.com", "other");
            long untaggedApplication = greenhouse.addApplication(untagged, job.id());
            assertThat(processed(stageChange(untaggedApplication, "Offer")).status()).isEqualTo("IGNORED");
            assertThat(cases.findByCandidateJob("gh-acme", Long.toString(untagged), Long.toString(job.id()))).isEmpty();
        } finally {
            triggers.declare("gh-acme", io.atsbridge.adapter.connections.domain.ScreenTriggers.DEFAULT);
        }
    }

    private static void assertThatThrown(Runnable call, String reason) {
        try {
            call.run();
        } catch (io.atsbridge.platform.error.DomainException e) {
            assertThat(e.reason()).isEqualTo(reason);
            return;
        }
        throw new AssertionError("expected a refusal with reason " + reason);
    }

    @Test
    void otherStagesAndOtherEventsAreIgnoredWithAReason() throws Exception {
        long candidateId = candidate("ada@example.com");
        long applicationId = greenhouse.addApplication(candidateId, job.id());
        EventOutcome offer = processed(stageChange(applicationId, "Offer"));
        assertThat(offer.status()).isEqualTo("IGNORED");
        assertThat(offer.outcome()).contains("entered stage 'Offer'", "not the trigger stage 'AI Interview'");
        assertThat(cases.findByTrigger("gh-acme", Long.toString(applicationId), stageId("Offer"))).isEmpty();

        EventOutcome hired = processed(ingest("gh-acme", Vendor.GREENHOUSE, EventType.HIRED, "hire_candidate",
                "{\"action\":\"hire_candidate\",\"payload\":{}}".getBytes(StandardCharsets.UTF_8)));
        assertThat(hired.status()).isEqualTo("IGNORED");
        assertThat(hired.outcome()).isEqualTo("no action for HIRED (hire_candidate)");

        EventOutcome unknown = processed(ingest("ai-acme", Vendor.STANDARD_WEBHOOKS, EventType.INTERVIEW_COMPLETED,
                "interview.completed", ("{\"type\":\"interview.completed\",\"data\":{\"interview_id\":\"int_nobody\","
                        + "\"result\":{\"score\":50,\"scale\":{\"min\":0,\"max\":100}}}}").getBytes(StandardCharsets.UTF_8)));
        assertThat(unknown.status()).isEqualTo("FAILED");
        assertThat(unknown.outcome()).contains("unknown interview int_nobody");
        assertThat(unknown.attempts()).isEqualTo(1);
    }

    @Test
    void consentThatIsMissingBlocksTheInterview() throws Exception {
        long candidateId = candidate("lin@example.com");
        long applicationId = greenhouse.addApplication(candidateId, job.id());
        peers.decisions.put("cand-" + candidateId, Decision.DECISION_REQUIRE_CONSENT);
        // The Greenhouse record says where the candidate is; identity learns it from the stage change.
        greenhouse.setCustomField(CustomFieldScope.CANDIDATE, candidateId, "candidate_jurisdiction", "us-il");
        int interviewsBefore = sandbox.aiVendor().interviews().size();

        EventOutcome blocked = processed(stageChange(applicationId, "AI Interview"));

        assertThat(blocked.status()).isEqualTo("BLOCKED");
        assertThat(blocked.outcome()).contains("DECISION_REQUIRE_CONSENT", "US-IL", "IL-06", "no interview created");
        LoopCase loopCase = loopCase(applicationId);
        assertThat(loopCase.status()).isEqualTo(LoopCaseStatus.CONSENT_BLOCKED);
        assertThat(loopCase.interviewId()).isNull();
        assertThat(sandbox.aiVendor().interviews()).hasSize(interviewsBefore);
        assertThat(peers.evaluations).last().satisfies(r -> assertThat(r.getJurisdictionsList()).containsExactly("US-IL"));
        assertThat(peers.auditActions(loopCase.traceId()))
                .containsExactly("webhook.received", "consent.decided", "interview.blocked");
        assertThat(peers.audit).filteredOn(r -> r.getAction().equals("interview.blocked")
                        && r.getTraceId().equals(loopCase.traceId())).singleElement()
                .satisfies(r -> assertThat(r.getAttributesMap()).containsEntry("decision", "DECISION_REQUIRE_CONSENT")
                        .containsEntry("unsatisfied_rule_ids", "IL-06"));
        assertThat(outbound("consent.required", loopCase.traceId())).singleElement()
                .satisfies(payload -> assertThat(payload).contains("DECISION_REQUIRE_CONSENT", "IL-06", loopCase.id()));

        // The same stage change again while consent is still missing: asked again, still blocked.
        EventOutcome stillBlocked = processed(stageChange(applicationId, "AI Interview"));
        assertThat(stillBlocked.status()).isEqualTo("BLOCKED");
        assertThat(cases.find(loopCase.id()).orElseThrow().status()).isEqualTo(LoopCaseStatus.CONSENT_BLOCKED);

        // The candidate consents; the recruiter moves them into the stage again: the same case invites them.
        peers.decisions.remove("cand-" + candidateId);
        EventOutcome invited = processed(stageChange(applicationId, "AI Interview"));

        assertThat(invited.status()).as(invited.outcome()).isEqualTo("DONE");
        LoopCase restarted = cases.find(loopCase.id()).orElseThrow();
        assertThat(restarted.status()).isEqualTo(LoopCaseStatus.INVITED);
        assertThat(restarted.interviewId()).isNotNull();
        assertThat(restarted.traceId()).as("one case, one trace").isEqualTo(loopCase.traceId());
        assertThat(sandbox.aiVendor().interviews()).hasSize(interviewsBefore + 1);
        assertThat(peers.auditActions(loopCase.traceId())).containsSubsequence("interview.blocked", "webhook.received",
                "consent.decided", "interview.blocked", "webhook.received", "consent.decided", "interview.invited");
        assertThat(peers.audit).filteredOn(r -> r.getTraceId().equals(loopCase.traceId())
                        && r.getAction().equals("webhook.received")).extracting(r -> r.getAttributesMap().get("outcome"))
                .contains("RESTARTED");
    }

    @Test
    void aResultConsentSendsForHumanReviewIsWrittenWithoutItsRecommendation() throws Exception {
        long candidateId = candidate("hedy@example.com");
        long applicationId = greenhouse.addApplication(candidateId, job.id());
        greenhouse.setCustomField(CustomFieldScope.CANDIDATE, candidateId, "candidate_jurisdiction", "de");
        EventOutcome invited = processed(stageChange(applicationId, "AI Interview"));
        assertThat(invited.status()).as(invited.outcome()).isEqualTo("DONE");
        LoopCase loopCase = loopCase(applicationId);
        // consent-service finds the result's confidence below its floor.
        peers.resultScoringDecisions.put("cand-" + candidateId, Decision.DECISION_REQUIRE_HUMAN_REVIEW);

        EventOutcome written = processed(complete(loopCase.interviewId()));

        assertThat(written.status()).as(written.outcome()).isEqualTo("DONE");
        Interview result = sandbox.aiVendor().interview(loopCase.interviewId()).orElseThrow();
        assertThat(greenhouse.customFieldValue(CustomFieldScope.CANDIDATE, candidateId, "ai_score"))
                .isEqualTo(new java.math.BigDecimal(Integer.toString(result.result().score())));
        assertThat(greenhouse.customFieldValue(CustomFieldScope.CANDIDATE, candidateId, "ai_recommendation"))
                .as("no recommendation").isNull();
        assertThat(peers.plans).filteredOn(p -> p.getAuditReference().equals(loopCase.traceId())).singleElement()
                .satisfies(p -> assertThat(p.getAssessment().getRecommendation())
                        .isEqualTo(io.atsbridge.proto.common.v1.Recommendation.RECOMMENDATION_UNSPECIFIED));
        assertThat(greenhouse.notes(candidateId)).singleElement().satisfies(note ->
                assertThat(note.body()).startsWith("Requires human review: ").contains("No recommendation was written"));
        assertThat(cases.writeRecords(loopCase.id())).extracting(WriteRecord::fieldKey).doesNotContain("ai_recommendation");
        assertThat(peers.audit).filteredOn(r -> r.getTraceId().equals(loopCase.traceId())
                        && r.getAction().equals("writeback.written")).singleElement()
                .satisfies(r -> assertThat(r.getAttributesMap()).containsEntry("human_review_required", "true"));
        assertThat(peers.evaluations).filteredOn(r -> r.getCandidateId().equals("cand-" + candidateId)
                && r.getAction() == PolicyAction.POLICY_ACTION_AI_SCORING && r.hasResultConfidence()).singleElement()
                .satisfies(r -> assertThat(r.getResultConfidence()).isEqualTo(result.result().confidence()));
    }

    @Test
    void theBiasAuditRecordedForTheToolIsWhatScoringIsAskedAboutNotTheConnectionsDeclaredOne() throws Exception {
        peers.biasAudits.put("ai-acme", BiasAudit.newBuilder().setAuditDate("2026-11-20")
                .setSummaryUrl("https://acme.example/ai/bias-audit-2026-11").build());
        try {
            long candidateId = candidate("emmy@example.com");
            long applicationId = greenhouse.addApplication(candidateId, job.id());
            EventOutcome invited = processed(stageChange(applicationId, "AI Interview"));
            assertThat(invited.status()).as(invited.outcome()).isEqualTo("DONE");
            EventOutcome written = processed(complete(loopCase(applicationId).interviewId()));
            assertThat(written.status()).as(written.outcome()).isEqualTo("DONE");

            List<EvaluatePolicyRequest> asked = peers.evaluations.stream()
                    .filter(r -> r.getCandidateId().equals("cand-" + candidateId)).toList();
            assertThat(asked).filteredOn(r -> ConsentQuestions.AUDITED_ACTIONS.contains(r.getAction()))
                    .extracting(EvaluatePolicyRequest::getAction).containsExactly(PolicyAction.POLICY_ACTION_AI_SCORING,
                            PolicyAction.POLICY_ACTION_AI_SCORING, PolicyAction.POLICY_ACTION_WRITE_BACK);
            assertThat(asked).filteredOn(r -> ConsentQuestions.AUDITED_ACTIONS.contains(r.getAction())).allSatisfy(r -> {
                assertThat(r.getTool().getBiasAuditSummaryUrl()).isEqualTo("https://acme.example/ai/bias-audit-2026-11");
                assertThat(r.getTool().getBiasAuditTime().getSeconds())
                        .isEqualTo(java.time.Instant.parse("2026-11-20T12:00:00Z").getEpochSecond());
            });
            // The interview itself is not what LL144's audit governs: it keeps the connection's declaration.
            assertThat(asked).filteredOn(r -> r.getAction() == PolicyAction.POLICY_ACTION_AI_INTERVIEW).singleElement()
                    .satisfies(r -> assertThat(r.getTool().getBiasAuditSummaryUrl())
                            .isEqualTo("https://acme.example/ai/bias-audit-2026"));
        } finally {
            peers.biasAudits.clear();
        }
    }

    @Test
    void aConsentWithdrawnAfterTheInterviewStopsTheWriteBack() throws Exception {
        long candidateId = candidate("ines@example.com");
        long applicationId = greenhouse.addApplication(candidateId, job.id());
        greenhouse.setCustomField(CustomFieldScope.CANDIDATE, candidateId, "candidate_jurisdiction", "us-il");
        EventOutcome invited = processed(stageChange(applicationId, "AI Interview"));
        assertThat(invited.status()).as(invited.outcome()).isEqualTo("DONE");
        LoopCase loopCase = loopCase(applicationId);
        // The candidate withdraws the consent the interview rested on, then the result arrives.
        peers.writeBackDecisions.put("cand-" + candidateId, Decision.DECISION_REQUIRE_CONSENT);
        int writesBefore = greenhouse.writes().size();

        String completed = complete(loopCase.interviewId());
        EventOutcome stopped = processed(completed);

        assertThat(stopped.status()).isEqualTo("BLOCKED");
        assertThat(stopped.outcome()).contains("DECISION_REQUIRE_CONSENT", "WRITE_BACK", "US-IL", "IL-06",
                loopCase.interviewId(), "not written");
        assertThat(greenhouse.writes()).as("nothing written to the ATS").hasSize(writesBefore);
        assertThat(greenhouse.customFieldValue(CustomFieldScope.CANDIDATE, candidateId, "ai_score")).isNull();
        assertThat(peers.plans).as("not even planned").noneMatch(p -> p.getAuditReference().equals(loopCase.traceId()));
        LoopCase after = cases.find(loopCase.id()).orElseThrow();
        assertThat(after.status()).isEqualTo(LoopCaseStatus.CONSENT_BLOCKED);
        assertThat(after.interviewId()).isEqualTo(loopCase.interviewId());
        assertThat(after.detail()).contains("were not written");
        assertThat(peers.evaluations).last().satisfies(r -> {
            assertThat(r.getAction()).isEqualTo(PolicyAction.POLICY_ACTION_WRITE_BACK);
            assertThat(r.getJurisdictionsList()).containsExactly("US-IL");
            assertThat(r.getDataCategoriesList()).containsExactly("video", "voice_recording", "transcript", "score",
                    "recommendation");
        });
        assertThat(peers.auditActions(loopCase.traceId())).containsSubsequence("interview.invited", "result.received",
                "consent.decided", "writeback.blocked").doesNotContain("writeback.written");
        assertThat(outbound("consent.required", loopCase.traceId())).singleElement()
                .satisfies(payload -> assertThat(payload).contains("DECISION_REQUIRE_CONSENT", "IL-06", loopCase.interviewId()));
        assertThat(outbound("sync.succeeded", loopCase.traceId())).isEmpty();

        // The result delivered again (under another key) is refused the same way, without a dead letter.
        EventOutcome again = processed(ingest("ai-acme", Vendor.STANDARD_WEBHOOKS, EventType.INTERVIEW_COMPLETED,
                "interview.completed", webhookBodyOfInbox(completed)));
        assertThat(again.status()).isEqualTo("BLOCKED");
        assertThat(again.outcome()).contains("not written", "DECISION_REQUIRE_CONSENT");
        // The only writes since: the recruiter told on the record that the result was withheld (note and tag).
        assertThat(greenhouse.writes().subList(writesBefore, greenhouse.writes().size()))
                .as("nothing of the result, only the notice").hasSizeLessThanOrEqualTo(2)
                .allSatisfy(w -> assertThat(String.valueOf(w.body())).containsAnyOf("AI interview result not written",
                        "AI interview: result withheld"));
        assertThat(cases.find(loopCase.id()).orElseThrow().status()).isEqualTo(LoopCaseStatus.CONSENT_BLOCKED);
    }

    @Test
    void aResultWaitingForANoticePeriodIsHeldAndWrittenWhenItEndsWithoutAnyoneActing() throws Exception {
        long candidateId = candidate("nora@example.com");
        long applicationId = greenhouse.addApplication(candidateId, job.id());
        EventOutcome invited = processed(stageChange(applicationId, "AI Interview"));
        assertThat(invited.status()).as(invited.outcome()).isEqualTo("DONE");
        LoopCase loopCase = loopCase(applicationId);
        // The notice was given again (one recorded in error withdrawn): its period ends in a few seconds.
        Instant periodEnds = Instant.now().plusSeconds(3).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        peers.noticePeriodEnds.put("cand-" + candidateId, periodEnds);

        String completed = complete(loopCase.interviewId());
        worker.runOnce();
        EventOutcome held = outcome(completed);
        assertThat(held.status()).as(held.outcome()).isEqualTo("PENDING");
        assertThat(held.outcome()).contains("held until " + periodEnds, "DECISION_REQUIRE_NOTICE", loopCase.interviewId());
        assertThat(held.attempts()).as("a hold uses no attempt").isZero();
        assertThat(cases.find(loopCase.id()).orElseThrow().status()).isEqualTo(LoopCaseStatus.WRITING);
        assertThat(greenhouse.customFieldValue(CustomFieldScope.CANDIDATE, candidateId, "ai_score")).isNull();
        assertThat(peers.auditRecords(loopCase.traceId())).filteredOn(r -> r.getAction().equals("writeback.deferred"))
                .singleElement().satisfies(r -> assertThat(r.getAttributesMap())
                        .containsEntry("earliest_time", periodEnds.toString())
                        .containsEntry("decision", "DECISION_REQUIRE_NOTICE")
                        .containsEntry("interview_id", loopCase.interviewId()));
        assertThat(outbound("consent.required", loopCase.traceId())).isEmpty();

        // Before the time nothing is claimed; at it the worker asks again and writes, with nobody doing anything.
        worker.runOnce();
        assertThat(outcome(completed).status()).isEqualTo("PENDING");
        EventOutcome written = processed(completed);
        assertThat(written.status()).as(written.outcome()).isEqualTo("DONE");
        assertThat(Instant.now()).isAfterOrEqualTo(periodEnds);
        assertThat(greenhouse.customFieldValue(CustomFieldScope.CANDIDATE, candidateId, "ai_score")).isNotNull();
        assertThat(cases.find(loopCase.id()).orElseThrow().status()).isEqualTo(LoopCaseStatus.WRITTEN);
        // The second run's arrival and decisions keep the first's record ids: the log holds them once.
        assertThat(peers.auditActions(loopCase.traceId())).containsSubsequence("result.received", "consent.decided",
                "writeback.deferred", "consent.decided", "writeback.written");
    }

    @Test
    void aDelayedOlderStageChangeIsRecordedAndSkippedNotActedOn() throws Exception {
        long candidateId = candidate("late@example.com");
        long applicationId = greenhouse.addApplication(candidateId, job.id());
        // The recruiter moved the application into the trigger stage, then on to Offer. Greenhouse's delivery
        // of the first move failed and its retry arrives after the second: acting on it now would start an
        // interview for a candidate who is already at the offer stage.
        String toInterview = greenhouse.moveApplication(applicationId, job.stageNamed("AI Interview").orElseThrow().id(),
                recruiter.id());
        Thread.sleep(5);
        String toOffer = greenhouse.moveApplication(applicationId, job.stageNamed("Offer").orElseThrow().id(), recruiter.id());
        Instant movedToInterview = Instant.now().minusSeconds(60);
        Instant movedToOffer = Instant.now();
        String offerEvent = ingestAt(webhookBody(toOffer, greenhouse.webhookEvents()), toOffer, movedToOffer);
        assertThat(processed(offerEvent).status()).isEqualTo("IGNORED");
        int interviewsBefore = sandbox.aiVendor().interviews().size();

        EventOutcome late = processed(ingestAt(webhookBody(toInterview, greenhouse.webhookEvents()), toInterview, movedToInterview));

        assertThat(late.status()).isEqualTo("IGNORED");
        assertThat(late.outcome()).startsWith("stale:").contains("application " + applicationId, "before the change already applied");
        assertThat(sandbox.aiVendor().interviews()).hasSize(interviewsBefore);
        assertThat(cases.findByTrigger("gh-acme", Long.toString(applicationId), stageId("AI Interview"))).isEmpty();
        assertThat(peers.audit).anySatisfy(record -> assertThat(record.getAttributesMap())
                .containsEntry("outcome", "STALE").containsEntry("application_external_id", Long.toString(applicationId)));
    }

    // ---------------------------------------------------------------- retries

    @Test
    void aRetryableFailureBacksOffAndIsRetried() throws Exception {
        long candidateId = candidate("retry@example.com");
        long applicationId = greenhouse.addApplication(candidateId, job.id());
        peers.identityFailures.set(1);
        String eventId = stageChange(applicationId, "AI Interview");

        Instant before = Instant.now();
        worker.runOnce();
        EventOutcome first = outcome(eventId);
        assertThat(first.status()).isEqualTo("PENDING");
        assertThat(first.attempts()).isEqualTo(1);
        assertThat(first.outcome()).contains("attempt 1 of 3 failed", "UNAVAILABLE", "identity-service is starting");
        assertThat(first.leaseUntil()).isAfter(before.plusMillis(250));
        // Not before its time.
        worker.runOnce();
        assertThat(outcome(eventId).attempts()).isEqualTo(1);

        EventOutcome done = processed(eventId);
        assertThat(done.status()).isEqualTo("DONE");
        assertThat(done.attempts()).isEqualTo(2);
        assertThat(loopCase(applicationId).status()).isEqualTo(LoopCaseStatus.INVITED);
    }

    @Test
    void exhaustedAttemptsEndTheEventAsFailed() throws Exception {
        long candidateId = candidate("never@example.com");
        long applicationId = greenhouse.addApplication(candidateId, job.id());
        peers.identityFailures.set(-1);
        String eventId = stageChange(applicationId, "AI Interview");

        EventOutcome failed = processed(eventId);

        assertThat(failed.status()).isEqualTo("FAILED");
        assertThat(failed.attempts()).isEqualTo(3);
        assertThat(failed.outcome()).startsWith("gave up after 3 attempts").contains("UNAVAILABLE");
        assertThat(outbound("sync.failed", eventId)).singleElement()
                .satisfies(payload -> assertThat(payload).contains("gave up after 3 attempts", "\"attempts\":3"));
        assertThat(cases.findByTrigger("gh-acme", Long.toString(applicationId), stageId("AI Interview"))).isEmpty();
    }

    @Test
    void aWriteBackInterruptedByTheAtsIsRetriedAndACrashAfterTheNoteNeverAddsASecond() throws Exception {
        long candidateId = candidate("crash@example.com");
        long applicationId = greenhouse.addApplication(candidateId, job.id());
        assertThat(processed(stageChange(applicationId, "AI Interview")).status()).isEqualTo("DONE");
        LoopCase loopCase = loopCase(applicationId);
        String completed = complete(loopCase.interviewId());

        greenhouse.failNextRequests(1 + io.atsbridge.connectors.http.VendorHttp.MAX_TRANSIENT_RETRIES, 503);
        worker.runOnce();
        EventOutcome first = outcome(completed);
        assertThat(first.status()).isEqualTo("PENDING");
        assertThat(first.outcome()).contains("503");
        LoopCase released = cases.find(loopCase.id()).orElseThrow();
        assertThat(released.status()).isEqualTo(LoopCaseStatus.INVITED);
        assertThat(released.detail()).contains("503");
        assertThat(processed(completed).status()).isEqualTo("DONE");
        assertThat(greenhouse.notes(candidateId)).hasSize(1);
        List<String> tags = greenhouse.tags(candidateId);

        // A worker that died after the note but before recording WRITTEN: the case is INVITED again and
        // the result arrives once more (the vendor's retry). The note is found by its trace id.
        execute("UPDATE loop_case SET status = 'INVITED', writer_event_id = NULL, write_time = NULL WHERE id = ?", loopCase.id());
        execute("DELETE FROM write_record WHERE case_id = ?", loopCase.id());
        EventOutcome again = processed(ingest("ai-acme", Vendor.STANDARD_WEBHOOKS, EventType.INTERVIEW_COMPLETED,
                "interview.completed", webhookBodyOfInbox(completed)));
        assertThat(again.status()).as(again.outcome()).isEqualTo("DONE");
        assertThat(greenhouse.notes(candidateId)).hasSize(1);
        assertThat(greenhouse.tags(candidateId)).isEqualTo(tags);
        assertThat(cases.find(loopCase.id()).orElseThrow().status()).isEqualTo(LoopCaseStatus.WRITTEN);
        assertThat(cases.writeRecords(loopCase.id())).filteredOn(r -> r.scope().equals("NOTE")).singleElement()
                .satisfies(r -> assertThat(r.noteId()).isEqualTo(Long.toString(greenhouse.notes(candidateId).get(0).id())));
    }

    @Test
    void aPermanentAtsRefusalFailsTheCaseWithTheVendorsMessage() throws Exception {
        long candidateId = candidate("refused@example.com");
        long applicationId = greenhouse.addApplication(candidateId, job.id());
        assertThat(processed(stageChange(applicationId, "AI Interview")).status()).isEqualTo("DONE");
        LoopCase loopCase = loopCase(applicationId);
        String completed = complete(loopCase.interviewId());

        greenhouse.failNextRequests(1, 403);
        EventOutcome failed = processed(completed);

        assertThat(failed.status()).isEqualTo("FAILED");
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(failed.outcome()).contains("Greenhouse answered 403");
        LoopCase after = cases.find(loopCase.id()).orElseThrow();
        assertThat(after.status()).isEqualTo(LoopCaseStatus.FAILED);
        assertThat(after.detail()).contains("403");

        // The operator fixes the credential and replays the dead letter: the write-back goes again and completes.
        context.getBean(DeadLetters.class).replay("acme", completed, "operator-test");
        EventOutcome replayed = processed(completed);
        assertThat(replayed.status()).as(replayed.outcome()).isEqualTo("DONE");
        assertThat(cases.find(loopCase.id()).orElseThrow().status()).isEqualTo(LoopCaseStatus.WRITTEN);
        assertThat(greenhouse.customFieldValue(CustomFieldScope.CANDIDATE, candidateId, "ai_score")).isNotNull();
        assertThat(greenhouse.notes(candidateId)).hasSize(1);
    }

    @Test
    void aFieldTheAtsDoesNotDefineWritesNothingAndTheReplayAfterItIsDefinedWritesAll() throws Exception {
        long candidateId = candidate("undefined-field@example.com");
        long applicationId = greenhouse.addApplication(candidateId, job.id());
        assertThat(processed(stageChange(applicationId, "AI Interview")).status()).isEqualTo("DONE");
        LoopCase loopCase = loopCase(applicationId);
        String completed = complete(loopCase.interviewId());
        peers.extraFieldWrites.add(FieldWrite.newBuilder()
                .setField(TargetField.newBuilder().setKey("ai_interview_link").setType(FieldType.FIELD_TYPE_URL)
                        .setScope(FieldScope.FIELD_SCOPE_CANDIDATE))
                .setValue(FieldValue.newBuilder().setUrlValue("https://ai.example/interviews/" + loopCase.interviewId()))
                .build());
        try {
            EventOutcome failed = processed(completed);

            assertThat(failed.status()).isEqualTo("FAILED");
            assertThat(failed.attempts()).as("permanent: not retried").isEqualTo(1);
            assertThat(failed.outcome()).contains("mapping profile gh-acme-default",
                    "candidate field ai_interview_link is not defined at Greenhouse", "of type url", "replay this dead letter");
            assertThat(greenhouse.customFieldValue(CustomFieldScope.CANDIDATE, candidateId, "ai_score")).as("nothing written").isNull();
            assertThat(greenhouse.customFieldValue(CustomFieldScope.APPLICATION, applicationId, "ai_summary")).isNull();
            assertThat(greenhouse.notes(candidateId)).isEmpty();
            assertThat(cases.find(loopCase.id()).orElseThrow().status()).isEqualTo(LoopCaseStatus.FAILED);

            // The Greenhouse admin adds the field; the replayed dead letter writes everything, the new field included.
            greenhouse.addCustomField(CustomFieldScope.CANDIDATE, "AI interview link", "ai_interview_link", CustomFieldType.URL);
            context.getBean(DeadLetters.class).replay("acme", completed, "operator-test");
            EventOutcome replayed = processed(completed);

            assertThat(replayed.status()).as(replayed.outcome()).isEqualTo("DONE");
            assertThat(greenhouse.customFieldValue(CustomFieldScope.CANDIDATE, candidateId, "ai_interview_link"))
                    .isEqualTo("https://ai.example/interviews/" + loopCase.interviewId());
            assertThat(greenhouse.customFieldValue(CustomFieldScope.CANDIDATE, candidateId, "ai_score")).isNotNull();
            assertThat(greenhouse.notes(candidateId)).hasSize(1);
            assertThat(cases.find(loopCase.id()).orElseThrow().status()).isEqualTo(LoopCaseStatus.WRITTEN);
        } finally {
            peers.extraFieldWrites.clear();
        }
    }

    /** An invited candidate's completed interview, its result planned with a field the ATS added just now. */
    private record Completed(long candidateId, LoopCase loopCase, String eventId) {
    }

    private Completed completedWithFieldAddedJustNow(String email, String fieldKey) throws Exception {
        long candidateId = candidate(email);
        long applicationId = greenhouse.addApplication(candidateId, job.id());
        assertThat(processed(stageChange(applicationId, "AI Interview")).status()).isEqualTo("DONE");
        LoopCase loopCase = loopCase(applicationId);
        String completed = complete(loopCase.interviewId());
        planFieldAddedAtTheAtsJustNow(fieldKey);
        return new Completed(candidateId, loopCase, completed);
    }

    @Test
    void aServerErrorWhileReadingFieldDefinitionsIsRetriedAndWritesNothingMeanwhile() throws Exception {
        Completed interview = completedWithFieldAddedJustNow("definitions-503@example.com", "ai_minutes_retried");
        long candidateId = interview.candidateId();
        LoopCase loopCase = interview.loopCase();
        String completed = interview.eventId();
        try {
            int writesBefore = greenhouse.writes().size();
            greenhouse.failNextRequests(1 + io.atsbridge.connectors.http.VendorHttp.MAX_TRANSIENT_RETRIES, 503);
            worker.runOnce();

            EventOutcome first = outcome(completed);
            assertThat(first.status()).isEqualTo("PENDING");
            assertThat(first.attempts()).isEqualTo(1);
            assertThat(first.outcome()).contains("attempt 1 of 3 failed", "Greenhouse answered 503 to GET /v1/custom_fields/candidate");
            assertThat(cases.find(loopCase.id()).orElseThrow().status()).isEqualTo(LoopCaseStatus.INVITED);
            assertThat(greenhouse.writes()).as("nothing written").hasSize(writesBefore);
            assertThat(greenhouse.notes(candidateId)).isEmpty();

            EventOutcome done = processed(completed);
            assertThat(done.status()).as(done.outcome()).isEqualTo("DONE");
            assertThat(done.attempts()).isEqualTo(2);
            assertThat(cases.find(loopCase.id()).orElseThrow().status()).isEqualTo(LoopCaseStatus.WRITTEN);
            assertThat(greenhouse.customFieldValue(CustomFieldScope.CANDIDATE, candidateId, "ai_minutes_retried"))
                    .isEqualTo(new java.math.BigDecimal("42"));
        } finally {
            peers.extraFieldWrites.clear();
        }
    }

    @Test
    void refusedAccessToFieldDefinitionsIsADeadLetterNamingTheAccessAndItsReplayWritesTheResult() throws Exception {
        Completed interview = completedWithFieldAddedJustNow("definitions-403@example.com", "ai_minutes_refused");
        long candidateId = interview.candidateId();
        LoopCase loopCase = interview.loopCase();
        String completed = interview.eventId();
        try {
            int writesBefore = greenhouse.writes().size();
            // One 403, as Harvest answers a key without the endpoint's permission; the admin's grant is the fault used up.
            greenhouse.failNextRequests(1, 403);
            EventOutcome failed = processed(completed);

            assertThat(failed.status()).isEqualTo("FAILED");
            assertThat(failed.attempts()).as("permanent: not retried").isEqualTo(1);
            assertThat(failed.outcome()).startsWith("Greenhouse refused connection gh-acme access to its custom field "
                            + "definitions, so nothing was written. Grant the Harvest API key's permission Custom Fields: "
                            + "GET: List Custom Fields")
                    .contains("then replay this dead letter", "Greenhouse answered 403 to GET /v1/custom_fields/candidate");
            assertThat(context.getBean(DeadLetters.class).list("acme", "ai-acme", 500, "").items())
                    .filteredOn(letter -> letter.eventId().equals(completed)).singleElement()
                    .satisfies(letter -> assertThat(letter.error()).isEqualTo(failed.outcome()));
            LoopCase after = cases.find(loopCase.id()).orElseThrow();
            assertThat(after.status()).isEqualTo(LoopCaseStatus.FAILED);
            assertThat(after.detail()).contains("GET: List Custom Fields");
            assertThat(greenhouse.writes()).as("nothing written").hasSize(writesBefore);
            assertThat(greenhouse.customFieldValue(CustomFieldScope.CANDIDATE, candidateId, "ai_score")).isNull();
            assertThat(greenhouse.notes(candidateId)).isEmpty();

            context.getBean(DeadLetters.class).replay("acme", completed, "operator-test");
            EventOutcome replayed = processed(completed);

            assertThat(replayed.status()).as(replayed.outcome()).isEqualTo("DONE");
            assertThat(cases.find(loopCase.id()).orElseThrow().status()).isEqualTo(LoopCaseStatus.WRITTEN);
            assertThat(greenhouse.customFieldValue(CustomFieldScope.CANDIDATE, candidateId, "ai_minutes_refused"))
                    .isEqualTo(new java.math.BigDecimal("42"));
            assertThat(greenhouse.customFieldValue(CustomFieldScope.CANDIDATE, candidateId, "ai_score")).isNotNull();
            assertThat(greenhouse.notes(candidateId)).hasSize(1);
        } finally {
            peers.extraFieldWrites.clear();
        }
    }

    @Test
    void aKeyWithoutTheNotePermissionIsADeadLetterNamingThePermissionAndItsReplayWrites() throws Exception {
        long candidateId = candidate("no-note-permission@example.com");
        long applicationId = greenhouse.addApplication(candidateId, job.id());
        assertThat(processed(stageChange(applicationId, "AI Interview")).status()).isEqualTo("DONE");
        LoopCase loopCase = loopCase(applicationId);
        String completed = complete(loopCase.interviewId());
        // The admin created the Harvest key without "Candidates: POST: Add Note" (keys are granted endpoint by endpoint).
        greenhouse.access().revokePermissions(java.util.List.of("Candidates: POST: Add Note"));
        try {
            EventOutcome failed = processed(completed);

            assertThat(failed.status()).isEqualTo("FAILED");
            assertThat(failed.attempts()).as("permanent: not retried").isEqualTo(1);
            assertThat(failed.outcome()).contains("lacks the endpoint permission Candidates: POST: Add Note",
                    "Manage Permissions", "then replay this dead letter");
            assertThat(context.getBean(DeadLetters.class).list("acme", "ai-acme", 500, "").items())
                    .filteredOn(letter -> letter.eventId().equals(completed)).singleElement()
                    .satisfies(letter -> assertThat(letter.error()).contains("Candidates: POST: Add Note"));
            assertThat(greenhouse.notes(candidateId)).isEmpty();

            greenhouse.access().grantAll();
            context.getBean(DeadLetters.class).replay("acme", completed, "operator-test");
            EventOutcome replayed = processed(completed);
            assertThat(replayed.status()).as(replayed.outcome()).isEqualTo("DONE");
            assertThat(greenhouse.notes(candidateId)).hasSize(1);
        } finally {
            greenhouse.access().grantAll();
        }
    }

    // ---------------------------------------------------------------- helpers

    record EventOutcome(String status, String outcome, int attempts, Instant leaseUntil) {
    }

    private long candidate(String email, String... tags) {
        NewCandidate.Builder builder = NewCandidate.builder("Grace", "Hopper").email(email);
        for (String tag : tags) {
            builder.tag(tag);
        }
        return greenhouse.addCandidate(builder.build());
    }

    /**
     * Defines a number field at the ATS and makes every plan write 42 to it. Definitions the adapter read before
     * lack the field, so the write-back reads them again first: its first Greenhouse request is always
     * {@code GET /v1/custom_fields/candidate}, whatever earlier tests left in the adapter's cache.
     */
    private void planFieldAddedAtTheAtsJustNow(String key) {
        greenhouse.addCustomField(CustomFieldScope.CANDIDATE, key, key, CustomFieldType.NUMBER);
        peers.extraFieldWrites.add(FieldWrite.newBuilder()
                .setField(TargetField.newBuilder().setKey(key).setType(FieldType.FIELD_TYPE_NUMBER)
                        .setScope(FieldScope.FIELD_SCOPE_CANDIDATE))
                .setValue(FieldValue.newBuilder().setNumberValue(42))
                .build());
    }

    private String stageId(String name) {
        return Long.toString(job.stageNamed(name).orElseThrow().id());
    }

    /** Moves the application in the simulator and ingests the candidate_stage_change it sends; returns the inbox id. */
    private String stageChange(long applicationId, String stageName) {
        String webhookId = greenhouse.moveApplication(applicationId, job.stageNamed(stageName).orElseThrow().id(), recruiter.id());
        byte[] body = webhookBody(webhookId, greenhouse.webhookEvents());
        return ingest("gh-acme", Vendor.GREENHOUSE, EventType.STAGE_CHANGED, "candidate_stage_change", body, webhookId);
    }

    /** Completes the interview at the AI vendor and ingests the interview.completed it sends; returns the inbox id. */
    private String complete(String interviewId) {
        sandbox.aiVendor().complete(interviewId);
        WebhookEvent event = sandbox.aiVendor().webhookEvents().stream()
                .filter(e -> e.bodyText().contains(interviewId)).reduce((a, b) -> b).orElseThrow();
        return ingest("ai-acme", Vendor.STANDARD_WEBHOOKS, EventType.INTERVIEW_COMPLETED, "interview.completed",
                event.body(), event.id());
    }

    private static byte[] webhookBody(String webhookId, List<WebhookEvent> events) {
        return events.stream().filter(e -> e.id().equals(webhookId)).findFirst().map(WebhookEvent::body).orElseThrow();
    }

    private byte[] webhookBodyOfInbox(String inboxId) throws SQLException {
        try (java.sql.Connection c = database.connect();
             PreparedStatement select = c.prepareStatement("SELECT raw_body FROM inbox_event WHERE id = ?")) {
            select.setString(1, inboxId);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getBytes(1);
            }
        }
    }

    private String ingest(String connectionId, Vendor vendor, EventType type, String vendorType, byte[] body) {
        return ingest(connectionId, vendor, type, vendorType, body, UUID.randomUUID().toString());
    }

    private String ingest(String connectionId, Vendor vendor, EventType type, String vendorType, byte[] body, String key) {
        return intake.ingest("acme", List.of(new IncomingEvent(connectionId, vendor, type, vendorType, List.of(), null,
                key, body, "application/json", null))).get(0).inboxEventId();
    }

    /** Ingests a Greenhouse stage change as the gateway would, with the vendor time it carries. */
    private String ingestAt(byte[] body, String key, Instant occurred) {
        return intake.ingest("acme", List.of(new IncomingEvent("gh-acme", Vendor.GREENHOUSE, EventType.STAGE_CHANGED,
                "candidate_stage_change", List.of(), occurred, key, body, "application/json", null))).get(0).inboxEventId();
    }

    private LoopCase loopCase(long applicationId) {
        return cases.findByTrigger("gh-acme", Long.toString(applicationId), stageId("AI Interview")).orElseThrow();
    }

    /** Runs the worker until the event is finished (retries included), at most 15 s. */
    private EventOutcome processed(String inboxId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            worker.runOnce();
            EventOutcome outcome = outcome(inboxId);
            if (EventStatus.valueOf(outcome.status()).finished() || System.nanoTime() > deadline) {
                return outcome;
            }
            Thread.sleep(100);
        }
    }

    private EventOutcome outcome(String inboxId) throws SQLException {
        try (java.sql.Connection c = database.connect();
             PreparedStatement select = c.prepareStatement(
                     "SELECT status, outcome, attempts, lease_until FROM inbox_event WHERE id = ?")) {
            select.setString(1, inboxId);
            try (ResultSet rows = select.executeQuery()) {
                assertThat(rows.next()).isTrue();
                Timestamp lease = rows.getTimestamp(4);
                return new EventOutcome(rows.getString(1), rows.getString(2), rows.getInt(3),
                        lease == null ? null : lease.toInstant());
            }
        }
    }

    /** The payloads queued for the subscriber of this type that mention {@code about} (a trace or inbox event id). */
    private List<String> outbound(String type, String about) throws SQLException {
        List<String> payloads = new java.util.ArrayList<>();
        try (java.sql.Connection c = database.connect();
             PreparedStatement select = c.prepareStatement("SELECT payload FROM outbound_event WHERE subscriber_id = 'acme-hr' "
                     + "AND event_type = ? AND payload LIKE ?")) {
            select.setString(1, type);
            select.setString(2, "%" + about + "%");
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    payloads.add(rows.getString(1));
                }
            }
        }
        return payloads;
    }

    private void execute(String sql, Object... parameters) throws SQLException {
        try (java.sql.Connection c = database.connect(); PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }
    }

    private static String capitalized(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
