package io.atsbridge.adapter.engine.sync;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atsbridge.adapter.connections.domain.Vendor;
import io.atsbridge.adapter.engine.domain.EventIntake;
import io.atsbridge.adapter.engine.domain.EventStatus;
import io.atsbridge.adapter.engine.domain.EventType;
import io.atsbridge.adapter.engine.domain.IncomingEvent;
import io.atsbridge.adapter.engine.domain.LoopCase;
import io.atsbridge.adapter.engine.domain.LoopCaseStatus;
import io.atsbridge.adapter.engine.domain.LoopStore;
import io.atsbridge.adapter.engine.domain.WriteRecord;
import io.atsbridge.platform.error.GrpcErrors;
import io.atsbridge.platform.testing.TestCalls;
import io.atsbridge.platform.testing.TestDatabase;
import io.atsbridge.proto.adapter.v1.AdapterServiceGrpc;
import io.atsbridge.proto.adapter.v1.AdapterServiceGrpc.AdapterServiceBlockingStub;
import io.atsbridge.proto.adapter.v1.ConflictResolution;
import io.atsbridge.proto.adapter.v1.ConflictScope;
import io.atsbridge.proto.adapter.v1.ConflictStatus;
import io.atsbridge.proto.adapter.v1.ListConflictsRequest;
import io.atsbridge.proto.adapter.v1.ListConflictsResponse;
import io.atsbridge.proto.adapter.v1.ResolveConflictRequest;
import io.atsbridge.proto.adapter.v1.WriteConflict;
import io.atsbridge.proto.audit.v1.AuditRecord;
import io.atsbridge.sandbox.Sandbox;
import io.atsbridge.sandbox.aivendor.Interview;
import io.atsbridge.sandbox.greenhouse.CandidateNote;
import io.atsbridge.sandbox.greenhouse.CustomFieldScope;
import io.atsbridge.sandbox.greenhouse.GreenhouseJob;
import io.atsbridge.sandbox.greenhouse.GreenhouseSimulator;
import io.atsbridge.sandbox.greenhouse.GreenhouseUser;
import io.atsbridge.sandbox.greenhouse.NewCandidate;
import io.atsbridge.sandbox.http.WebhookEvent;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micronaut.context.ApplicationContext;
import io.micronaut.grpc.server.GrpcEmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Field ownership, re-scored results and the conflict review queue, on a real database against the
 * Greenhouse and AI vendor simulators over real HTTP (stand-ins for the other services: {@link FakePeers}),
 * with the review RPCs called over real gRPC.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WriteConflictTest {

    private static final String GH_SECRET = LoopFixture.GH_SECRET;
    private static final String VIEWER_TOKEN = "viewer-token-0123456789abcdef";
    private static final String ERROR_DOMAIN = "adapter.atsbridge.io";
    private static final ObjectMapper JSON = new ObjectMapper();

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
    private ManagedChannel channel;

    @BeforeAll
    void start() throws Exception {
        Map<String, Object> more = new HashMap<>();
        // A person of tenant acme without the operator role.
        more.put("atsbridge.auth.tokens.viewer.secret", VIEWER_TOKEN);
        more.put("atsbridge.auth.tokens.viewer.kind", "PERSON");
        more.put("atsbridge.auth.tokens.viewer.tenants", "acme");
        more.put("atsbridge.auth.tokens.viewer.roles", "viewer");
        fixture = new LoopFixture("adapter_conflict", more);
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
        channel = TestCalls.channel(context.getBean(GrpcEmbeddedServer.class).getPort());
    }

    @AfterAll
    void stop() throws InterruptedException {
        TestCalls.close(channel);
        fixture.close();
    }

    @BeforeEach
    void reset() {
        greenhouse.failNextRequests(0, 500);
        worker.drain(Duration.ofSeconds(30));
    }

    // ---------------------------------------------------------------- ownership and re-scoring

    @Test
    void aRecruitersEditBecomesAConflictAndStaysTheirsAfterKeepTheirs() throws Exception {
        Written first = writtenCase("keep@example.com");
        long candidateId = first.candidateId();
        LoopCase loopCase = first.loopCase();
        // The recruiter edits the score by hand between two AI results.
        greenhouse.setCustomField(CustomFieldScope.CANDIDATE, candidateId, "ai_score", new BigDecimal("7.5"));
        Object recommendationBefore = greenhouse.customFieldValue(CustomFieldScope.CANDIDATE, candidateId, "ai_recommendation");

        int rescored = first.score() == 90 ? 91 : 90;
        String second = rescore(loopCase.interviewId(), rescored, "Second look: strong portfolio.");
        EventOutcome outcome = processed(second);

        assertThat(outcome.status()).as(outcome.outcome()).isEqualTo("DONE");
        assertThat(outcome.outcome()).contains("re-scored result", "conflict for review", "ai_score");
        // The recruiter's value stays; the other fields are written (the select it did not touch included).
        assertThat(greenhouse.customFieldValue(CustomFieldScope.CANDIDATE, candidateId, "ai_score"))
                .isEqualTo(new BigDecimal("7.5"));
        assertThat(greenhouse.customFieldValue(CustomFieldScope.APPLICATION, first.applicationId(), "ai_summary"))
                .isEqualTo("Second look: strong portfolio.");
        assertThat(greenhouse.customFieldValue(CustomFieldScope.CANDIDATE, candidateId, "ai_recommendation"))
                .isEqualTo(recommendationBefore);
        // A second note, the first one untouched.
        List<CandidateNote> notes = greenhouse.notes(candidateId);
        assertThat(notes).hasSize(2);
        assertThat(notes.get(0).body()).isEqualTo(first.note().body());
        assertThat(notes.get(1).body()).contains("Overall score: " + (double) rescored, "Audit reference: " + loopCase.traceId());
        assertThat(cases.find(loopCase.id()).orElseThrow().status()).isEqualTo(LoopCaseStatus.WRITTEN);
        assertThat(cases.writeRecords(loopCase.id())).filteredOn(r -> r.scope().equals(WriteRecord.NOTE))
                .extracting(WriteRecord::noteId)
                .containsExactlyInAnyOrder(Long.toString(notes.get(0).id()), Long.toString(notes.get(1).id()));

        // The review queue shows it, with the candidate and requisition.
        WriteConflict conflict = openConflictOf(candidateId);
        assertThat(conflict.getFieldKey()).isEqualTo("ai_score");
        assertThat(conflict.getScope()).isEqualTo(ConflictScope.CONFLICT_SCOPE_CANDIDATE);
        assertThat(conflict.getTheirs()).isEqualTo("7.5");
        assertThat(conflict.getOurs()).isEqualTo(Integer.toString(rescored));
        assertThat(conflict.getRequisitionExternalId()).isEqualTo(Long.toString(job.id()));
        assertThat(conflict.getApplicationExternalId()).isEqualTo(Long.toString(first.applicationId()));
        assertThat(conflict.getCaseId()).isEqualTo(loopCase.id());
        assertThat(conflict.hasCreateTime()).isTrue();
        assertThat(conflict.hasResolveTime()).isFalse();
        // Audited under the case's trace: field and case, never the values.
        worker.runOnce();
        List<AuditRecord> conflicts = peers.audit.stream().filter(r -> r.getTraceId().equals(loopCase.traceId())
                && r.getAction().equals("writeback.conflict")).toList();
        assertThat(conflicts).singleElement().satisfies(r -> {
            assertThat(r.getAttributesMap()).containsEntry("field_key", "ai_score").containsEntry("case_id", loopCase.id());
            assertThat(r.getAttributesMap()).containsOnlyKeys("field_key", "scope", "case_id", "interview_id");
            assertThat(r.getAttributesMap().values()).doesNotContain("7.5", Integer.toString(rescored));
            assertThat(r.getSubjectRef()).isEqualTo("app-" + first.applicationId());
        });

        // The same delivery replayed writes nothing; the same result re-sent under a new id adds no note.
        int writes = greenhouse.writes().size();
        String replay = ingest(webhookBodyOfInbox(second), keyOfInbox(second));
        assertThat(replay).isEqualTo(second);
        EventOutcome again = processed(ingest(webhookBodyOfInbox(second), UUID.randomUUID().toString()));
        assertThat(again.status()).isEqualTo("IGNORED");
        assertThat(again.outcome()).contains("already written");
        assertThat(greenhouse.writes()).hasSize(writes);
        assertThat(greenhouse.notes(candidateId)).hasSize(2);
        assertThat(conflictsOf(candidateId, ConflictStatus.CONFLICT_STATUS_UNSPECIFIED)).hasSize(1);

        // KEEP_THEIRS: resolved; a retry of the same request is answered again, another request is refused.
        WriteConflict kept = adapter().resolveConflict(resolve(conflict.getId(), ConflictResolution.CONFLICT_RESOLUTION_KEEP_THEIRS,
                "req-keep-1")).getConflict();
        assertThat(kept.getStatus()).isEqualTo(ConflictStatus.CONFLICT_STATUS_KEPT_THEIRS);
        assertThat(kept.hasResolveTime()).isTrue();
        assertThat(kept.getResolvedBy()).isEqualTo("tester");
        assertThat(adapter().resolveConflict(resolve(conflict.getId(), ConflictResolution.CONFLICT_RESOLUTION_KEEP_THEIRS,
                "req-keep-1")).getConflict()).isEqualTo(kept);
        assertError(() -> adapter().resolveConflict(resolve(conflict.getId(),
                ConflictResolution.CONFLICT_RESOLUTION_APPLY_OURS, "req-keep-2")),
                Status.Code.FAILED_PRECONDITION, "CONFLICT_ALREADY_RESOLVED");
        assertThat(greenhouse.customFieldValue(CustomFieldScope.CANDIDATE, candidateId, "ai_score")).isEqualTo(new BigDecimal("7.5"));

        // Sticky: a third result leaves the kept field alone, without a new conflict, and writes the rest.
        EventOutcome third = processed(rescore(loopCase.interviewId(), rescored == 90 ? 80 : 70, "Third look."));
        assertThat(third.status()).as(third.outcome()).isEqualTo("DONE");
        assertThat(third.outcome()).contains("kept as a person set them: [ai_score]");
        assertThat(greenhouse.customFieldValue(CustomFieldScope.CANDIDATE, candidateId, "ai_score")).isEqualTo(new BigDecimal("7.5"));
        assertThat(greenhouse.customFieldValue(CustomFieldScope.APPLICATION, first.applicationId(), "ai_summary"))
                .isEqualTo("Third look.");
        assertThat(greenhouse.notes(candidateId)).hasSize(3);
        assertThat(conflictsOf(candidateId, ConflictStatus.CONFLICT_STATUS_OPEN)).isEmpty();
        worker.runOnce();
        assertThat(peers.auditActions(loopCase.traceId())).contains("writeback.conflict_resolved");
    }

    @Test
    void applyOursIsRefusedWhenStaleAndOtherwiseWritesAndHandsTheFieldBack() throws Exception {
        Written first = writtenCase("apply@example.com");
        long candidateId = first.candidateId();
        greenhouse.setCustomField(CustomFieldScope.CANDIDATE, candidateId, "ai_score", new BigDecimal("7.5"));
        int rescored = first.score() == 60 ? 61 : 60;
        assertThat(processed(rescore(first.loopCase().interviewId(), rescored + 2, "Re-scored.")).status()).isEqualTo("DONE");
        WriteConflict conflict = openConflictOf(candidateId);
        assertThat(conflict.getOurs()).isEqualTo(Integer.toString(rescored + 2));
        // A newer result while the conflict is open refreshes it: one open item per field.
        assertThat(processed(rescore(first.loopCase().interviewId(), rescored, "Re-scored again.")).status()).isEqualTo("DONE");
        WriteConflict refreshed = openConflictOf(candidateId);
        assertThat(refreshed.getId()).isEqualTo(conflict.getId());
        assertThat(refreshed.getOurs()).isEqualTo(Integer.toString(rescored));
        assertThat(refreshed.getTheirs()).isEqualTo("7.5");
        assertThat(greenhouse.notes(candidateId)).hasSize(3);

        // The recruiter changes the field again: applying ours now would overwrite an edit nobody reviewed.
        greenhouse.setCustomField(CustomFieldScope.CANDIDATE, candidateId, "ai_score", new BigDecimal("8.5"));
        int writes = greenhouse.writes().size();
        assertError(() -> adapter().resolveConflict(resolve(conflict.getId(), ConflictResolution.CONFLICT_RESOLUTION_APPLY_OURS,
                "req-apply-1")), Status.Code.FAILED_PRECONDITION, "CONFLICT_STALE");
        assertThat(greenhouse.writes()).hasSize(writes);
        assertThat(greenhouse.customFieldValue(CustomFieldScope.CANDIDATE, candidateId, "ai_score")).isEqualTo(new BigDecimal("8.5"));
        assertThat(openConflictOf(candidateId).getId()).isEqualTo(conflict.getId());

        // Back to what the conflict recorded: ours is written, and the field is atsbridge's again.
        greenhouse.setCustomField(CustomFieldScope.CANDIDATE, candidateId, "ai_score", new BigDecimal("7.50"));
        WriteConflict applied = adapter().resolveConflict(resolve(conflict.getId(),
                ConflictResolution.CONFLICT_RESOLUTION_APPLY_OURS, "req-apply-2")).getConflict();
        assertThat(applied.getStatus()).isEqualTo(ConflictStatus.CONFLICT_STATUS_APPLIED_OURS);
        assertThat(greenhouse.customFieldValue(CustomFieldScope.CANDIDATE, candidateId, "ai_score"))
                .isEqualTo(new BigDecimal(rescored));
        assertThat(greenhouse.writes().get(greenhouse.writes().size() - 1).onBehalfOf()).isEqualTo(Long.toString(recruiter.id()));

        // The next result overwrites atsbridge's own value, with no conflict.
        EventOutcome next = processed(rescore(first.loopCase().interviewId(), 33, "Once more."));
        assertThat(next.status()).as(next.outcome()).isEqualTo("DONE");
        assertThat(next.outcome()).doesNotContain("conflict");
        assertThat(greenhouse.customFieldValue(CustomFieldScope.CANDIDATE, candidateId, "ai_score")).isEqualTo(new BigDecimal(33));
        assertThat(conflictsOf(candidateId, ConflictStatus.CONFLICT_STATUS_OPEN)).isEmpty();
    }

    @Test
    void aFieldSetBeforeAtsbridgeEverWroteItIsAConflictFromTheFirstResult() throws Exception {
        long candidateId = greenhouse.addCandidate(NewCandidate.builder("Grace", "Hopper").email("early@example.com").build());
        long applicationId = greenhouse.addApplication(candidateId, job.id());
        greenhouse.setCustomField(CustomFieldScope.APPLICATION, applicationId, "ai_summary", "Recruiter's own summary.");
        assertThat(processed(stageChange(applicationId)).status()).isEqualTo("DONE");
        LoopCase loopCase = loopCase(applicationId);
        EventOutcome written = processed(complete(loopCase.interviewId()));
        assertThat(written.status()).as(written.outcome()).isEqualTo("DONE");
        assertThat(greenhouse.customFieldValue(CustomFieldScope.APPLICATION, applicationId, "ai_summary"))
                .isEqualTo("Recruiter's own summary.");
        assertThat(greenhouse.customFieldValue(CustomFieldScope.CANDIDATE, candidateId, "ai_score")).isNotNull();
        assertThat(greenhouse.notes(candidateId)).hasSize(1);
        WriteConflict conflict = openConflictOf(candidateId);
        assertThat(conflict.getScope()).isEqualTo(ConflictScope.CONFLICT_SCOPE_APPLICATION);
        assertThat(conflict.getFieldKey()).isEqualTo("ai_summary");
        assertThat(conflict.getRecordId()).isEqualTo(Long.toString(applicationId));
        assertThat(conflict.getTheirs()).isEqualTo("Recruiter's own summary.");
    }

    @Test
    void aReScoredResultInterruptedByTheAtsIsRetriedAndAFailingOneLeavesTheCaseWritten() throws Exception {
        Written first = writtenCase("retry-rescore@example.com");
        long candidateId = first.candidateId();
        String second = rescore(first.loopCase().interviewId(), first.score() == 20 ? 21 : 20, "Retried.");

        greenhouse.failNextRequests(1 + io.atsbridge.connectors.http.VendorHttp.MAX_TRANSIENT_RETRIES, 503);
        worker.runOnce();
        assertThat(outcome(second).status()).isEqualTo("PENDING");
        // Released back to WRITTEN (the first result is on the record), not to INVITED.
        assertThat(cases.find(first.loopCase().id()).orElseThrow().status()).isEqualTo(LoopCaseStatus.WRITTEN);
        EventOutcome done = processed(second);
        assertThat(done.status()).as(done.outcome()).isEqualTo("DONE");
        assertThat(greenhouse.notes(candidateId)).hasSize(2);
        assertThat(greenhouse.customFieldValue(CustomFieldScope.APPLICATION, first.applicationId(), "ai_summary"))
                .isEqualTo("Retried.");

        greenhouse.failNextRequests(1, 403);
        EventOutcome refused = processed(rescore(first.loopCase().interviewId(), 99, "Refused."));
        assertThat(refused.status()).isEqualTo("FAILED");
        assertThat(refused.outcome()).contains("403");
        LoopCase after = cases.find(first.loopCase().id()).orElseThrow();
        assertThat(after.status()).isEqualTo(LoopCaseStatus.WRITTEN);
        assertThat(after.detail()).contains("403");
        assertThat(greenhouse.customFieldValue(CustomFieldScope.APPLICATION, first.applicationId(), "ai_summary"))
                .isEqualTo("Retried.");
        assertThat(greenhouse.notes(candidateId)).hasSize(2);
        // The refused result is not taken as applied: it is written when it comes again.
        EventOutcome again = processed(rescore(first.loopCase().interviewId(), 99, "Refused."));
        assertThat(again.status()).as(again.outcome()).isEqualTo("DONE");
        assertThat(greenhouse.notes(candidateId)).hasSize(3);
    }

    // ---------------------------------------------------------------- the review RPCs

    @Test
    void reviewCallsRefuseBadInputsCallersWithoutRightsAndOtherTenantsChangingNothing() throws Exception {
        Written first = writtenCase("rpc@example.com");
        greenhouse.setCustomField(CustomFieldScope.CANDIDATE, first.candidateId(), "ai_score", new BigDecimal("1.25"));
        assertThat(processed(rescore(first.loopCase().interviewId(), first.score() == 50 ? 51 : 50, "R.")).status())
                .isEqualTo("DONE");
        WriteConflict conflict = openConflictOf(first.candidateId());
        String id = conflict.getId();

        assertError(() -> adapter().resolveConflict(resolve("not-a-uuid", ConflictResolution.CONFLICT_RESOLUTION_KEEP_THEIRS, "r1")),
                Status.Code.INVALID_ARGUMENT, "CONFLICT_ID_INVALID");
        assertError(() -> adapter().resolveConflict(resolve(UUID.randomUUID().toString(),
                ConflictResolution.CONFLICT_RESOLUTION_KEEP_THEIRS, "r1")), Status.Code.NOT_FOUND, "CONFLICT_NOT_FOUND");
        assertError(() -> adapter().resolveConflict(resolve(id, ConflictResolution.CONFLICT_RESOLUTION_UNSPECIFIED, "r1")),
                Status.Code.INVALID_ARGUMENT, "RESOLUTION_INVALID");
        assertError(() -> adapter().resolveConflict(resolve(id, ConflictResolution.CONFLICT_RESOLUTION_KEEP_THEIRS, "")),
                Status.Code.INVALID_ARGUMENT, "REQUEST_ID_INVALID");
        assertError(() -> adapter().resolveConflict(resolve(id, ConflictResolution.CONFLICT_RESOLUTION_KEEP_THEIRS, "x".repeat(101))),
                Status.Code.INVALID_ARGUMENT, "REQUEST_ID_INVALID");
        assertError(() -> adapter().listConflicts(ListConflictsRequest.newBuilder().setPageSize(501).build()),
                Status.Code.INVALID_ARGUMENT, "PAGE_SIZE_INVALID");
        assertError(() -> adapter().listConflicts(ListConflictsRequest.newBuilder().setPageToken("%%%").build()),
                Status.Code.INVALID_ARGUMENT, "PAGE_TOKEN_INVALID");
        assertError(() -> adapter().listConflicts(ListConflictsRequest.newBuilder().setStatusValue(99).build()),
                Status.Code.INVALID_ARGUMENT, "STATUS_INVALID");
        // No token, no tenant, no operator role, another tenant.
        assertError(() -> TestCalls.as(AdapterServiceGrpc.newBlockingStub(channel), null, TestCalls.TENANT)
                .listConflicts(ListConflictsRequest.getDefaultInstance()), Status.Code.UNAUTHENTICATED, "TOKEN_MISSING");
        assertError(() -> TestCalls.as(AdapterServiceGrpc.newBlockingStub(channel), TestCalls.TOKEN, null)
                .resolveConflict(resolve(id, ConflictResolution.CONFLICT_RESOLUTION_KEEP_THEIRS, "r1")),
                Status.Code.INVALID_ARGUMENT, "TENANT_MISSING");
        AdapterServiceBlockingStub viewer = TestCalls.as(AdapterServiceGrpc.newBlockingStub(channel), VIEWER_TOKEN, "acme");
        assertError(() -> viewer.resolveConflict(resolve(id, ConflictResolution.CONFLICT_RESOLUTION_KEEP_THEIRS, "r1")),
                Status.Code.PERMISSION_DENIED, "ROLE_REQUIRED");
        // Conflicts hold values recruiters typed, personal data: only operators and reviewers list them.
        assertError(() -> viewer.listConflicts(ListConflictsRequest.getDefaultInstance()),
                Status.Code.PERMISSION_DENIED, "ROLE_REQUIRED");
        AdapterServiceBlockingStub outsider = TestCalls.as(AdapterServiceGrpc.newBlockingStub(channel),
                TestCalls.OTHER_TENANT_TOKEN, "other");
        assertThat(outsider.listConflicts(ListConflictsRequest.getDefaultInstance()).getConflictsList()).isEmpty();
        assertError(() -> outsider.resolveConflict(resolve(id, ConflictResolution.CONFLICT_RESOLUTION_APPLY_OURS, "r1")),
                Status.Code.NOT_FOUND, "CONFLICT_NOT_FOUND");
        assertError(() -> TestCalls.as(AdapterServiceGrpc.newBlockingStub(channel), TestCalls.OTHER_TENANT_TOKEN, "acme")
                        .listConflicts(ListConflictsRequest.getDefaultInstance()),
                Status.Code.PERMISSION_DENIED, "TENANT_NOT_PERMITTED");

        // Nothing changed.
        assertThat(openConflictOf(first.candidateId())).isEqualTo(conflict);
        assertThat(greenhouse.customFieldValue(CustomFieldScope.CANDIDATE, first.candidateId(), "ai_score"))
                .isEqualTo(new BigDecimal("1.25"));
    }

    @Test
    void theQueueIsPagedOldestFirstAndFiltersByStatus() throws Exception {
        List<String> made = new ArrayList<>();
        for (String email : List.of("page1@example.com", "page2@example.com")) {
            Written first = writtenCase(email);
            greenhouse.setCustomField(CustomFieldScope.CANDIDATE, first.candidateId(), "ai_score", new BigDecimal("2.5"));
            assertThat(processed(rescore(first.loopCase().interviewId(), first.score() == 40 ? 41 : 40, "P.")).status())
                    .isEqualTo("DONE");
            made.add(openConflictOf(first.candidateId()).getId());
        }
        List<WriteConflict> all = new ArrayList<>();
        String token = "";
        do {
            ListConflictsResponse page = adapter().listConflicts(ListConflictsRequest.newBuilder()
                    .setStatus(ConflictStatus.CONFLICT_STATUS_OPEN).setPageSize(1).setPageToken(token).build());
            assertThat(page.getConflictsCount()).isLessThanOrEqualTo(1);
            all.addAll(page.getConflictsList());
            token = page.getNextPageToken();
        } while (!token.isEmpty());
        assertThat(all).extracting(WriteConflict::getId).doesNotHaveDuplicates().containsSubsequence(made);
        assertThat(all).allSatisfy(c -> assertThat(c.getStatus()).isEqualTo(ConflictStatus.CONFLICT_STATUS_OPEN));
        for (int i = 1; i < all.size(); i++) {
            com.google.protobuf.Timestamp before = all.get(i - 1).getCreateTime();
            com.google.protobuf.Timestamp after = all.get(i).getCreateTime();
            assertThat(before.getSeconds() * 1_000_000_000L + before.getNanos())
                    .isLessThanOrEqualTo(after.getSeconds() * 1_000_000_000L + after.getNanos());
        }
        adapter().resolveConflict(resolve(made.get(0), ConflictResolution.CONFLICT_RESOLUTION_KEEP_THEIRS, "req-page"));
        assertThat(adapter().listConflicts(ListConflictsRequest.newBuilder().setStatus(ConflictStatus.CONFLICT_STATUS_OPEN)
                .setPageSize(500).build()).getConflictsList()).extracting(WriteConflict::getId)
                .doesNotContain(made.get(0)).contains(made.get(1));
        assertThat(adapter().listConflicts(ListConflictsRequest.newBuilder()
                .setStatus(ConflictStatus.CONFLICT_STATUS_KEPT_THEIRS).build()).getConflictsList())
                .extracting(WriteConflict::getId).contains(made.get(0)).doesNotContain(made.get(1));
    }

    // ---------------------------------------------------------------- helpers

    record EventOutcome(String status, String outcome) {
    }

    /** A case whose first result is written. */
    record Written(long candidateId, long applicationId, LoopCase loopCase, int score, CandidateNote note) {
    }

    private Written writtenCase(String email) throws Exception {
        long candidateId = greenhouse.addCandidate(NewCandidate.builder("Grace", "Hopper").email(email).build());
        long applicationId = greenhouse.addApplication(candidateId, job.id());
        assertThat(processed(stageChange(applicationId)).status()).isEqualTo("DONE");
        LoopCase loopCase = loopCase(applicationId);
        EventOutcome written = processed(complete(loopCase.interviewId()));
        assertThat(written.status()).as(written.outcome()).isEqualTo("DONE");
        Interview interview = sandbox.aiVendor().interview(loopCase.interviewId()).orElseThrow();
        assertThat(greenhouse.customFieldValue(CustomFieldScope.CANDIDATE, candidateId, "ai_score"))
                .isEqualTo(new BigDecimal(interview.result().score()));
        assertThat(greenhouse.notes(candidateId)).hasSize(1);
        return new Written(candidateId, applicationId, loopCase, interview.result().score(), greenhouse.notes(candidateId).get(0));
    }

    /** The AI vendor re-sends interview.completed for the interview with a changed result (new webhook id). */
    private String rescore(String interviewId, int score, String rationale) throws Exception {
        WebhookEvent last = sandbox.aiVendor().webhookEvents().stream()
                .filter(e -> e.bodyText().contains(interviewId) && e.bodyText().contains("interview.completed"))
                .reduce((a, b) -> b).orElseThrow();
        ObjectNode root = (ObjectNode) JSON.readTree(last.body());
        ObjectNode result = (ObjectNode) root.path("data").path("result");
        result.put("score", score);
        result.put("rationale", rationale);
        String webhookId = sandbox.aiVendor().sendRawWebhook("interview.completed", JSON.writeValueAsBytes(root));
        WebhookEvent sent = sandbox.aiVendor().webhookEvents().stream().filter(e -> e.id().equals(webhookId)).findFirst()
                .orElseThrow();
        return ingest(sent.body(), sent.id());
    }

    private WriteConflict openConflictOf(long candidateId) {
        List<WriteConflict> open = conflictsOf(candidateId, ConflictStatus.CONFLICT_STATUS_OPEN);
        assertThat(open).hasSize(1);
        return open.get(0);
    }

    private List<WriteConflict> conflictsOf(long candidateId, ConflictStatus status) {
        return adapter().listConflicts(ListConflictsRequest.newBuilder().setStatus(status).setPageSize(500).build())
                .getConflictsList().stream()
                .filter(c -> c.getCandidateExternalId().equals(Long.toString(candidateId))).toList();
    }

    private static ResolveConflictRequest resolve(String id, ConflictResolution resolution, String requestId) {
        return ResolveConflictRequest.newBuilder().setConflictId(id).setResolution(resolution).setRequestId(requestId).build();
    }

    private AdapterServiceBlockingStub adapter() {
        return TestCalls.asTenant(AdapterServiceGrpc.newBlockingStub(channel));
    }

    private static void assertError(Runnable call, Status.Code code, String reason) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).as(e.getStatus().toString()).isEqualTo(code);
            assertThat(GrpcErrors.errorInfo(e).orElseThrow().getReason()).as(e.getStatus().toString()).isEqualTo(reason);
            assertThat(e.getStatus().getDescription()).isNotBlank();
        });
    }

    private String stageChange(long applicationId) {
        String webhookId = greenhouse.moveApplication(applicationId, job.stageNamed("AI Interview").orElseThrow().id(),
                recruiter.id());
        byte[] body = greenhouse.webhookEvents().stream().filter(e -> e.id().equals(webhookId)).findFirst()
                .map(WebhookEvent::body).orElseThrow();
        return intake.ingest("acme", List.of(new IncomingEvent("gh-acme", Vendor.GREENHOUSE, EventType.STAGE_CHANGED,
                "candidate_stage_change", List.of(), null, webhookId, body, "application/json", null))).get(0).inboxEventId();
    }

    private String complete(String interviewId) {
        sandbox.aiVendor().complete(interviewId);
        WebhookEvent event = sandbox.aiVendor().webhookEvents().stream()
                .filter(e -> e.bodyText().contains(interviewId)).reduce((a, b) -> b).orElseThrow();
        return ingest(event.body(), event.id());
    }

    private String ingest(byte[] body, String key) {
        return intake.ingest("acme", List.of(new IncomingEvent("ai-acme", Vendor.STANDARD_WEBHOOKS,
                EventType.INTERVIEW_COMPLETED, "interview.completed", List.of(), null, key, body, "application/json", null)))
                .get(0).inboxEventId();
    }

    private LoopCase loopCase(long applicationId) {
        return cases.findByTrigger("gh-acme", Long.toString(applicationId),
                Long.toString(job.stageNamed("AI Interview").orElseThrow().id())).orElseThrow();
    }

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
        return new EventOutcome(column(inboxId, "status"), column(inboxId, "outcome"));
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

    private String keyOfInbox(String inboxId) throws SQLException {
        return column(inboxId, "delivery_key");
    }

    private String column(String inboxId, String column) throws SQLException {
        try (java.sql.Connection c = database.connect();
             PreparedStatement select = c.prepareStatement("SELECT " + column + " FROM inbox_event WHERE id = ?")) {
            select.setString(1, inboxId);
            try (ResultSet rows = select.executeQuery()) {
                assertThat(rows.next()).isTrue();
                return rows.getString(1);
            }
        }
    }
}
