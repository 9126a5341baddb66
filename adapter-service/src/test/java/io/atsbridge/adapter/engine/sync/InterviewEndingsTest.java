package io.atsbridge.adapter.engine.sync;

import io.atsbridge.adapter.connections.domain.Vendor;
import io.atsbridge.adapter.engine.domain.EventType;
import io.atsbridge.adapter.engine.domain.IncomingEvent;
import io.atsbridge.adapter.engine.domain.LoopCase;
import io.atsbridge.adapter.engine.domain.LoopCaseStatus;
import io.atsbridge.adapter.engine.domain.LoopEnding;
import io.atsbridge.sandbox.greenhouse.CandidateNote;
import io.atsbridge.sandbox.greenhouse.NewCandidate;
import io.atsbridge.sandbox.http.WebhookEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every way an invitation can end without a result, on a real database against the Greenhouse and AI vendor
 * simulators: the AI vendor's interview.declined and interview.failed, and atsbridge's own expiry of an invitation
 * that stood too long. Each ends the case in its own state, tells the recruiter on the Greenhouse record (one note,
 * one tag, no stage change), and a result that still comes in afterwards is written.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InterviewEndingsTest {

    private LoopFixture fixture;

    @BeforeAll
    void start() throws Exception {
        fixture = new LoopFixture("adapter_endings", Map.of("atsbridge.adapter.outbound.enabled", "false"));
    }

    @AfterAll
    void stop() throws InterruptedException {
        fixture.close();
    }

    @Test
    void aCandidateWhoDeclinesIsToldOnTheRecordAndTheCaseSaysDeclined() throws Exception {
        Invited invited = invite("decline@example.com");
        String declined = vendorEnds(invited.loopCase().interviewId(), "interview.declined", "candidate_declined");

        assertThat(status(declined)).isEqualTo("DONE");
        assertThat(fixture.cases.find(invited.loopCase().id()).orElseThrow().status()).isEqualTo(LoopCaseStatus.DECLINED);
        assertThat(told(invited)).singleElement().satisfies(note -> {
            assertThat(note.body()).contains("Candidate declined the AI interview", "alternative process",
                    "Audit reference: " + invited.loopCase().traceId());
            assertThat(note.userId()).isEqualTo(fixture.recruiter.id());
        });
        assertThat(fixture.greenhouse.tags(invited.candidateId())).contains("AI interview: declined");
        assertThat(Long.toString(fixture.greenhouse.application(invited.applicationId()).currentStage().id()))
                .as("the application stays where the recruiter put it").isEqualTo(stageId("AI Interview"));

        // The vendor saying it again changes nothing and tells nobody twice.
        String again = ingest(fixture.sandbox.aiVendor().webhookEvents().stream()
                .filter(e -> e.bodyText().contains("interview.declined") && e.bodyText().contains(invited.loopCase().interviewId()))
                .findFirst().orElseThrow(), "interview.declined", "again-" + invited.loopCase().id());
        assertThat(status(again)).isEqualTo("IGNORED");
        drain();
        assertThat(fixture.greenhouse.notes(invited.candidateId())).hasSize(1);
    }

    @Test
    void anInterviewThatFailsAtTheVendorEndsAbandoned() throws Exception {
        Invited invited = invite("abandon@example.com");
        vendorEnds(invited.loopCase().interviewId(), "interview.failed", "technical_error");

        assertThat(fixture.cases.find(invited.loopCase().id()).orElseThrow().status()).isEqualTo(LoopCaseStatus.ABANDONED);
        assertThat(told(invited)).singleElement().satisfies(note ->
                assertThat(note.body()).contains("was not finished", "technical failure"));
        assertThat(fixture.greenhouse.tags(invited.candidateId())).contains("AI interview: not finished");
    }

    @Test
    void anInvitationThatStoodTooLongExpiresOnceAndALateResultIsStillWritten() throws Exception {
        Invited invited = invite("expire@example.com");
        try (java.sql.Connection c = fixture.database.connect(); PreparedStatement update = c.prepareStatement(
                "UPDATE loop_case SET invite_time = ? WHERE id = ?")) {
            update.setTimestamp(1, Timestamp.from(Instant.now().minus(Duration.ofDays(8))));
            update.setString(2, invited.loopCase().id());
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
        InvitationExpiry expiry = fixture.context.getBean(InvitationExpiry.class);

        assertThat(expiry.expireDue()).isEqualTo(1);
        assertThat(expiry.expireDue()).as("expired once").isZero();
        assertThat(fixture.cases.find(invited.loopCase().id()).orElseThrow().status()).isEqualTo(LoopCaseStatus.EXPIRED);
        assertThat(told(invited)).singleElement().satisfies(note ->
                assertThat(note.body()).contains("No AI interview was completed", "a result that still comes in is written"));

        // The candidate completes it after all: the result is theirs and is written.
        fixture.sandbox.aiVendor().complete(invited.loopCase().interviewId());
        WebhookEvent completion = fixture.sandbox.aiVendor().webhookEvents().stream()
                .filter(e -> e.bodyText().contains("interview.completed") && e.bodyText().contains(invited.loopCase().interviewId()))
                .findFirst().orElseThrow();
        String written = fixture.intake.ingest("acme", List.of(new IncomingEvent("ai-acme", Vendor.STANDARD_WEBHOOKS,
                EventType.INTERVIEW_COMPLETED, "interview.completed", List.of(), null, completion.id(), completion.body(),
                "application/json", null))).get(0).inboxEventId();
        assertThat(status(written)).isEqualTo("DONE");
        assertThat(fixture.cases.find(invited.loopCase().id()).orElseThrow().status()).isEqualTo(LoopCaseStatus.WRITTEN);
        assertThat(fixture.greenhouse.notes(invited.candidateId())).hasSize(2);
    }

    @Test
    void anEndingOfAnInterviewNoCaseHasRecordedIsRetriedNotDropped() throws Exception {
        byte[] body = ("{\"type\":\"interview.declined\",\"timestamp\":\"2026-12-07T10:00:00Z\","
                + "\"data\":{\"interview_id\":\"int-unknown-1\",\"reason\":\"candidate_declined\"}}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String inboxId = fixture.intake.ingest("acme", List.of(new IncomingEvent("ai-acme", Vendor.STANDARD_WEBHOOKS,
                EventType.OTHER, "interview.declined", List.of(), null, "unknown-ending-1", body, "application/json", null)))
                .get(0).inboxEventId();

        fixture.worker.runOnce();

        try (java.sql.Connection c = fixture.database.connect(); PreparedStatement select = c.prepareStatement(
                "SELECT status, outcome FROM inbox_event WHERE id = ?")) {
            select.setString(1, inboxId);
            try (ResultSet rows = select.executeQuery()) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).as("waiting for another attempt").isEqualTo("PENDING");
                assertThat(rows.getString(2)).contains("no loop case has recorded interview int-unknown-1");
            }
        }
    }

    private record Invited(long candidateId, long applicationId, LoopCase loopCase) {
    }

    private Invited invite(String email) throws Exception {
        long candidateId = fixture.greenhouse.addCandidate(NewCandidate.builder("Ada", "Lovelace").email(email).build());
        long applicationId = fixture.greenhouse.addApplication(candidateId, fixture.job.id());
        String webhookId = fixture.greenhouse.moveApplication(applicationId, fixture.job.stageNamed("AI Interview").orElseThrow().id(),
                fixture.recruiter.id());
        byte[] body = fixture.greenhouse.webhookEvents().stream().filter(e -> e.id().equals(webhookId)).findFirst()
                .orElseThrow().body();
        String stage = fixture.intake.ingest("acme", List.of(new IncomingEvent("gh-acme", Vendor.GREENHOUSE,
                EventType.STAGE_CHANGED, "candidate_stage_change", List.of(), null, webhookId, body, "application/json",
                null))).get(0).inboxEventId();
        assertThat(status(stage)).isEqualTo("DONE");
        LoopCase loopCase = fixture.cases.findByTrigger("gh-acme", Long.toString(applicationId), stageId("AI Interview"))
                .orElseThrow();
        assertThat(loopCase.status()).isEqualTo(LoopCaseStatus.INVITED);
        return new Invited(candidateId, applicationId, loopCase);
    }

    /** The AI vendor ends the interview and the event it sends is ingested and processed; returns its inbox id. */
    private String vendorEnds(String interviewId, String type, String reason) throws Exception {
        fixture.sandbox.aiVendor().end(interviewId, type, reason);
        WebhookEvent event = fixture.sandbox.aiVendor().webhookEvents().stream()
                .filter(e -> e.bodyText().contains(type) && e.bodyText().contains(interviewId)).findFirst().orElseThrow();
        String inboxId = ingest(event, type, event.id());
        status(inboxId);
        return inboxId;
    }

    private String ingest(WebhookEvent event, String type, String key) {
        return fixture.intake.ingest("acme", List.of(new IncomingEvent("ai-acme", Vendor.STANDARD_WEBHOOKS, EventType.OTHER,
                type, List.of(), null, key, event.body(), "application/json", null))).get(0).inboxEventId();
    }

    /** The notes on the record once the case's ending notice is processed. */
    private List<CandidateNote> told(Invited invited) throws Exception {
        String notice = noticeOf(invited.loopCase().id());
        assertThat(status(notice)).isEqualTo("DONE");
        return fixture.greenhouse.notes(invited.candidateId());
    }

    private String noticeOf(String caseId) throws SQLException {
        try (java.sql.Connection c = fixture.database.connect(); PreparedStatement select = c.prepareStatement(
                "SELECT id FROM inbox_event WHERE delivery_key LIKE ? ORDER BY receive_time DESC")) {
            select.setString(1, LoopEnding.KEY_PREFIX + caseId + ":%");
            try (ResultSet rows = select.executeQuery()) {
                assertThat(rows.next()).as("the ending of case %s is stored for the recruiter", caseId).isTrue();
                return rows.getString(1);
            }
        }
    }

    private String stageId(String name) {
        return Long.toString(fixture.job.stageNamed(name).orElseThrow().id());
    }

    private void drain() {
        fixture.worker.drain(Duration.ofSeconds(30));
    }

    private String status(String inboxId) throws Exception {
        return fixture.finishedStatus(inboxId);
    }
}
