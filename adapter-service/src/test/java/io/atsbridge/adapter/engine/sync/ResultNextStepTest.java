package io.atsbridge.adapter.engine.sync;

import io.atsbridge.adapter.connections.domain.Vendor;
import io.atsbridge.adapter.engine.domain.EventType;
import io.atsbridge.adapter.engine.domain.IncomingEvent;
import io.atsbridge.adapter.engine.domain.LoopCase;
import io.atsbridge.adapter.engine.domain.LoopCaseStatus;
import io.atsbridge.proto.audit.v1.AuditRecord;
import io.atsbridge.proto.consent.v1.Decision;
import io.atsbridge.sandbox.greenhouse.GreenhouseJob;
import io.atsbridge.sandbox.greenhouse.NewCandidate;
import io.atsbridge.sandbox.http.WebhookEvent;
import io.micronaut.core.annotation.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The next step after a written result, on a real database against the Greenhouse and AI vendor simulators, with the
 * connection configured to move an application forward to "Offer" whatever the score: the move is made, never
 * backwards (a job whose plan has Offer before the screen), and becomes a task for a person (a note and a tag, no
 * move) where consent-service asks for human review. Each is audited as {@code loop.next_step}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResultNextStepTest {

    private LoopFixture fixture;

    @BeforeAll
    void start() throws Exception {
        fixture = new LoopFixture("adapter_next_step", Map.of("atsbridge.adapter.outbound.enabled", "false",
                "atsbridge.connections.gh-acme.next-step", "stage:Offer@0"));
    }

    @AfterAll
    void stop() throws InterruptedException {
        fixture.close();
    }

    @Test
    void aResultThatClearsTheThresholdMovesTheApplicationForward() throws Exception {
        Written written = written("move@example.com", fixture.job, null);

        assertThat(fixture.greenhouse.application(written.applicationId()).currentStage().name()).isEqualTo("Offer");
        assertThat(nextStep(written.loopCase())).satisfies(r -> assertThat(r.getAttributesMap())
                .containsEntry("outcome", "MOVED").containsEntry("next_step", "stage:Offer@0")
                .containsEntry("from_stage", "AI Interview").containsEntry("to_stage", "Offer"));
    }

    @Test
    void aStageEarlierInTheJobsPlanIsNeverMovedTo() throws Exception {
        GreenhouseJob backwards = fixture.greenhouse.addJob("Analyst", "Offer", "AI Interview", "Hired");
        Written written = written("back@example.com", backwards, null);

        assertThat(fixture.greenhouse.application(written.applicationId()).currentStage().name()).isEqualTo("AI Interview");
        assertThat(nextStep(written.loopCase())).satisfies(r -> assertThat(r.getAttributesMap())
                .containsEntry("outcome", "SKIPPED")
                .hasEntrySatisfying("reason", reason -> assertThat(reason).contains("never moves an application backwards")));
    }

    @Test
    void aResultThatNeedsHumanReviewBecomesATaskForAPersonInstead() throws Exception {
        Written written = written("review@example.com", fixture.job, Decision.DECISION_REQUIRE_HUMAN_REVIEW);

        assertThat(fixture.greenhouse.application(written.applicationId()).currentStage().name())
                .as("nothing moves").isEqualTo("AI Interview");
        assertThat(fixture.greenhouse.tags(written.candidateId())).contains(ResultNextStep.REVIEW_TAG);
        assertThat(fixture.greenhouse.notes(written.candidateId())).filteredOn(n -> n.body().contains("Next step reference"))
                .singleElement().satisfies(note -> {
                    assertThat(note.body()).contains("a person must review", "move to stage 'Offer'",
                            "Audit reference: " + written.loopCase().traceId());
                    assertThat(note.userId()).isEqualTo(fixture.recruiter.id());
                });
        assertThat(nextStep(written.loopCase())).satisfies(r -> assertThat(r.getAttributesMap())
                .containsEntry("outcome", "HUMAN_REVIEW").containsKey("note_id"));
    }

    private record Written(long candidateId, long applicationId, LoopCase loopCase) {
    }

    /** A candidate of the job invited through the AI Interview stage whose result is then written. */
    private Written written(String email, GreenhouseJob job, @Nullable Decision scoring) throws Exception {
        long candidateId = fixture.greenhouse.addCandidate(NewCandidate.builder("Ada", "Lovelace").email(email).build());
        long applicationId = fixture.greenhouse.addApplication(candidateId, job.id());
        long stage = job.stageNamed("AI Interview").orElseThrow().id();
        String webhookId = fixture.greenhouse.moveApplication(applicationId, stage, fixture.recruiter.id());
        byte[] body = fixture.greenhouse.webhookEvents().stream().filter(e -> e.id().equals(webhookId)).findFirst()
                .orElseThrow().body();
        assertThat(status(ingest("gh-acme", Vendor.GREENHOUSE, EventType.STAGE_CHANGED, "candidate_stage_change",
                webhookId, body))).isEqualTo("DONE");
        LoopCase loopCase = fixture.cases.findByTrigger("gh-acme", Long.toString(applicationId), Long.toString(stage))
                .orElseThrow();
        if (scoring != null) {
            fixture.peers.resultScoringDecisions.put("cand-" + candidateId, scoring);
        }
        fixture.sandbox.aiVendor().complete(loopCase.interviewId());
        WebhookEvent completion = fixture.sandbox.aiVendor().webhookEvents().stream()
                .filter(e -> e.bodyText().contains("interview.completed") && e.bodyText().contains(loopCase.interviewId()))
                .findFirst().orElseThrow();
        assertThat(status(ingest("ai-acme", Vendor.STANDARD_WEBHOOKS, EventType.INTERVIEW_COMPLETED, "interview.completed",
                completion.id(), completion.body()))).isEqualTo("DONE");
        assertThat(fixture.cases.find(loopCase.id()).orElseThrow().status()).isEqualTo(LoopCaseStatus.WRITTEN);
        return new Written(candidateId, applicationId, loopCase);
    }

    /** The case's loop.next_step record once relayed to audit-service (at most 15 s). */
    private AuditRecord nextStep(LoopCase loopCase) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            List<AuditRecord> found = fixture.peers.audit.stream().filter(r -> r.getTraceId().equals(loopCase.traceId())
                    && r.getAction().equals("loop.next_step")).toList();
            if (!found.isEmpty() || System.nanoTime() > deadline) {
                assertThat(found).as("loop.next_step of case %s", loopCase.id()).hasSize(1);
                return found.get(0);
            }
            Thread.sleep(100);
        }
    }

    private String ingest(String connectionId, Vendor vendor, EventType type, String vendorType, String key, byte[] body) {
        return fixture.intake.ingest("acme", List.of(new IncomingEvent(connectionId, vendor, type, vendorType, List.of(),
                null, key, body, "application/json", null))).get(0).inboxEventId();
    }

    private String status(String inboxId) throws Exception {
        return fixture.finishedStatus(inboxId);
    }
}
