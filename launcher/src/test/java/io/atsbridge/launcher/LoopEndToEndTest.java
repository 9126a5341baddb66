package io.atsbridge.launcher;

import io.atsbridge.platform.testing.TestCalls;
import io.atsbridge.platform.testing.TestDatabase;
import io.atsbridge.proto.audit.v1.AuditRecord;
import io.atsbridge.proto.audit.v1.AuditServiceGrpc;
import io.atsbridge.proto.audit.v1.QueryRecordsRequest;
import io.atsbridge.proto.common.v1.ExternalKind;
import io.atsbridge.proto.common.v1.ExternalRef;
import io.atsbridge.proto.common.v1.Vendor;
import io.atsbridge.proto.identity.v1.IdentityServiceGrpc;
import io.atsbridge.proto.identity.v1.ResolveCandidateRequest;
import io.atsbridge.sandbox.aivendor.Interview;
import io.atsbridge.sandbox.aivendor.InterviewResult;
import io.atsbridge.sandbox.greenhouse.CandidateNote;
import io.atsbridge.sandbox.greenhouse.CustomFieldScope;
import io.grpc.ManagedChannel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The loop end to end, every service on its own MariaDB / MySQL database: a Greenhouse stage change
 * arrives as a real signed webhook, the AI vendor interviews the candidate, and the typed results and
 * the attributed note land on the Greenhouse record, with one audit trace across the whole path.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(CapturedLogs.NoLeaks.class)
class LoopEndToEndTest {

    private static final long SEED = 20261122L;

    private final Map<String, TestDatabase> databases = new HashMap<>();
    private DemoEnvironment demo;
    private ManagedChannel audit;
    private ManagedChannel identity;

    @BeforeAll
    void start() throws Exception {
        Map<String, Map<String, String>> properties = new HashMap<>();
        for (String service : List.of("identity", "mapping", "consent", "audit", "adapter")) {
            TestDatabase database = TestDatabase.create("loop_" + service);
            databases.put(service, database);
            properties.put(service, new HashMap<>(database.micronautProperties()));
        }
        properties.get("adapter").put("atsbridge.adapter.worker.poll-interval", "50ms");
        demo = DemoEnvironment.start(Files.createTempDirectory("atsbridge-loop"), Map.of(),
                List.of("US-NY-NYC", "US-NY-NYC", "US-IL", "US-NY-NYC", "US-NY-NYC", "US-NY-NYC"), SEED, 0, true, properties,
                Duration.ofMillis(200));
        CapturedLogs.watch(demo.neverLogged());
        audit = TestCalls.channel(port("audit"));
        identity = TestCalls.channel(port("identity"));
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
    void stop() throws InterruptedException {
        TestCalls.close(audit);
        TestCalls.close(identity);
        demo.close();
        databases.values().forEach(TestDatabase::close);
    }

    @Test
    void stageChangeEndsWithTypedFieldsAnAttributedNoteAndOneAuditTrace() {
        DemoScenario.Seeded seeded = demo.scenario.seeded.get(0);
        demo.moveToTriggerStage(seeded.applicationId());

        awaitTrue("the note is written", () -> !demo.sandbox.greenhouse().notes(seeded.candidateId()).isEmpty());
        Interview interview = interviewOf(seeded);
        InterviewResult result = interview.result();
        assertThat(result).isNotNull();

        var greenhouse = demo.sandbox.greenhouse();
        Object score = greenhouse.customFieldValue(CustomFieldScope.CANDIDATE, seeded.candidateId(), "ai_match_score");
        assertThat(new BigDecimal(String.valueOf(score))).isEqualByComparingTo(BigDecimal.valueOf(result.score()));
        String expectedLabel = switch (result.recommendation()) {
            case "advance" -> "Advance";
            case "maybe" -> "Maybe";
            default -> "Pass";
        };
        assertThat(String.valueOf(greenhouse.customFieldValue(CustomFieldScope.CANDIDATE, seeded.candidateId(), "ai_recommendation")))
                .contains(expectedLabel);
        String reasoning = String.valueOf(greenhouse.customFieldValue(CustomFieldScope.CANDIDATE, seeded.candidateId(), "ai_reasoning"));
        assertThat(reasoning).isNotBlank().hasSizeLessThanOrEqualTo(200);
        assertThat(result.rationale()).startsWith(reasoning.replace("…", "").strip());
        assertThat(greenhouse.customFieldValue(CustomFieldScope.CANDIDATE, seeded.candidateId(), "ai_transcript"))
                .isEqualTo(result.transcriptUrl());
        assertThat(greenhouse.tags(seeded.candidateId())).anySatisfy(tag -> assertThat(tag).startsWith("ai-skill:"));

        List<CandidateNote> notes = greenhouse.notes(seeded.candidateId());
        assertThat(notes).hasSize(1);
        CandidateNote note = notes.get(0);
        assertThat(note.userId()).isEqualTo(demo.scenario.recruiter.id());
        assertThat(note.visibility()).isEqualTo("private");
        assertThat(note.body())
                .contains("Evaluated by: ")
                .contains("Model: " + result.modelId() + ", version " + result.modelVersion() + ", prompt " + result.promptVersion())
                .containsPattern("Confidence: \\d+(\\.\\d+)?%")
                .contains("This is a suggestion only");

        String applicationId = canonicalApplicationId(seeded);
        List<AuditRecord> records = TestCalls.as(AuditServiceGrpc.newBlockingStub(audit), demo.platform.operatorToken(),
                DemoScenario.TENANT).queryRecords(QueryRecordsRequest.newBuilder().setSubjectRef(applicationId).build()).getRecordsList();
        Set<String> traces = records.stream().map(AuditRecord::getTraceId).collect(Collectors.toSet());
        assertThat(traces).hasSize(1);
        assertThat(note.body()).contains("Audit reference: " + traces.iterator().next());
        // The write is recorded after the note is added, and relayed to audit-service after that: wait for it.
        String traceId = traces.iterator().next();
        awaitTrue("the write-back is in the audit trace", () -> TestCalls.as(AuditServiceGrpc.newBlockingStub(audit),
                demo.platform.operatorToken(), DemoScenario.TENANT).queryRecords(QueryRecordsRequest.newBuilder()
                .setTraceId(traceId).build()).getRecordsList().stream().anyMatch(r -> r.getAction().equals("writeback.written")));
        List<AuditRecord> trace = TestCalls.as(AuditServiceGrpc.newBlockingStub(audit), demo.platform.operatorToken(),
                DemoScenario.TENANT).queryRecords(QueryRecordsRequest.newBuilder().setTraceId(traceId).build()).getRecordsList();
        assertThat(trace).extracting(AuditRecord::getAction)
                .contains("webhook.received", "consent.decided", "interview.invited", "result.received", "writeback.written");
    }

    @Test
    void aStageMoveRunsOnHarvestV3EvenWhenApplicationsCarryOnlyTheirApplicationStage() {
        var greenhouse = demo.sandbox.greenhouse();
        // The third-party reading of the v3 reference: no job_interview_stage_id on applications, only stage_id and stage_name.
        greenhouse.v3Options().applicationJobInterviewStageId(false);
        try {
            DemoScenario.Seeded seeded = demo.scenario.seeded.get(3);
            demo.moveToTriggerStage(seeded.applicationId());
            awaitTrue("the note is written", () -> !greenhouse.notes(seeded.candidateId()).isEmpty());
            awaitTrue("the tags are written", () -> greenhouse.tags(seeded.candidateId()).stream().anyMatch(t -> t.startsWith("ai-skill:")));
            List<String> paths = greenhouse.writes().stream().map(w -> w.method() + " " + w.path()).toList();
            assertThat(paths).as("every write is Harvest v3").allSatisfy(p -> assertThat(p).contains(" /v3/"))
                    .contains("POST /v3/notes", "PATCH /v3/candidates/" + seeded.candidateId())
                    .anySatisfy(p -> assertThat(p).isEqualTo("POST /v3/applied_candidate_tags"));
        } finally {
            greenhouse.v3Options().reset();
        }
    }

    @Test
    void aMissingHarvestV3ScopeIsADeadLetterNamingTheScopeAndItsReplayWrites() {
        var greenhouse = demo.sandbox.greenhouse();
        var adapter = demo.platform.service("adapter").context();
        var deadLetters = adapter.getBean(io.atsbridge.adapter.engine.domain.DeadLetters.class);
        greenhouse.access().revokeScopes(List.of("harvest:notes:create"));
        try {
            DemoScenario.Seeded seeded = demo.scenario.seeded.get(4);
            demo.moveToTriggerStage(seeded.applicationId());
            awaitTrue("a dead letter names the scope to grant", () -> deadLetters.list(DemoScenario.TENANT, DemoScenario.AI_CONNECTION,
                    500, "").items().stream().anyMatch(l -> l.error().contains("scope harvest:notes:create")));
            var letter = deadLetters.list(DemoScenario.TENANT, DemoScenario.AI_CONNECTION, 500, "").items().stream()
                    .filter(l -> l.error().contains("scope harvest:notes:create")).findFirst().orElseThrow();
            assertThat(letter.error()).contains("Manage Scopes", "then replay this dead letter");
            assertThat(greenhouse.notes(seeded.candidateId())).isEmpty();

            greenhouse.access().grantAll();
            deadLetters.replay(DemoScenario.TENANT, letter.eventId(), "operator-test");
            awaitTrue("the replay writes the note", () -> greenhouse.notes(seeded.candidateId()).size() == 1);
        } finally {
            greenhouse.access().grantAll();
        }
    }

    @Test
    void replayedDeliveriesCreateNoSecondInterviewOrNote() {
        DemoScenario.Seeded seeded = demo.scenario.seeded.get(1);
        String eventId = demo.moveToTriggerStage(seeded.applicationId());
        awaitTrue("the note is written", () -> !demo.sandbox.greenhouse().notes(seeded.candidateId()).isEmpty());
        Interview interview = interviewOf(seeded);
        String completion = demo.sandbox.aiVendor().webhookEvents().stream()
                .filter(e -> new String(e.body(), StandardCharsets.UTF_8).contains(interview.id()))
                .findFirst().orElseThrow().id();

        demo.sandbox.greenhouse().replayWebhook(eventId);
        demo.sandbox.aiVendor().resendVerbatim(completion).join();
        awaitTrue("the replays are answered 200", () ->
                demo.sandbox.greenhouse().webhookAttempts(eventId).stream().filter(a -> a.statusCode() == 200).count() >= 2);
        // A new delivery of the same stage change (another event id) must not start a second interview either.
        byte[] original = demo.sandbox.greenhouse().webhookEvents().stream().filter(e -> e.id().equals(eventId))
                .findFirst().orElseThrow().body();
        String resent = demo.sandbox.greenhouse().sendRawWebhook("candidate_stage_change", original);
        awaitTrue("the new delivery is answered 200", () ->
                demo.sandbox.greenhouse().webhookAttempts(resent).stream().anyMatch(a -> a.statusCode() == 200));
        Await.pause(Duration.ofSeconds(2));

        assertThat(interviewsFor(canonicalApplicationId(seeded))).hasSize(1);
        assertThat(demo.sandbox.greenhouse().notes(seeded.candidateId())).hasSize(1);
    }

    @Test
    void consentBlocksTheIllinoisVideoInterview() {
        DemoScenario.Seeded seeded = demo.scenario.seeded.get(2);
        assertThat(seeded.jurisdiction()).isEqualTo("US-IL");
        demo.moveToTriggerStage(seeded.applicationId());
        String applicationId = awaitCanonicalApplication(seeded);
        awaitTrue("the consent decision is audited", () -> auditActions(applicationId).contains("consent.decided"));
        Await.pause(Duration.ofSeconds(1));
        assertThat(auditActions(applicationId)).doesNotContain("interview.invited");
        assertThat(interviewsFor(applicationId)).isEmpty();
        // The recruiter is told on the record, never by a rejection: one attributed note, a tag, the stage unchanged.
        awaitTrue("the recruiter is told", () -> auditActions(applicationId).contains("loop.ending_noted"));
        assertThat(demo.sandbox.greenhouse().notes(seeded.candidateId())).singleElement().satisfies(note -> {
            assertThat(note.body()).contains("AI interview not started", "consent or notice", "alternative process",
                    "Audit reference: ");
            assertThat(note.userId()).isEqualTo(demo.scenario.recruiter.id());
        });
        assertThat(demo.sandbox.greenhouse().tags(seeded.candidateId())).contains("AI interview: consent needed");
    }

    @Test
    void aCaseAtsbridgeCannotStartIsToldOnTheRecord() {
        DemoScenario.Seeded seeded = demo.scenario.seeded.get(5);
        // The AI vendor refuses the invitation for good: the case fails, the operator gets a dead letter, and the
        // recruiter a note saying nothing was decided.
        demo.sandbox.aiVendor().failNextRequests(1, 422);
        demo.moveToTriggerStage(seeded.applicationId());
        String applicationId = awaitCanonicalApplication(seeded);

        awaitTrue("the recruiter is told", () -> auditActions(applicationId).contains("loop.ending_noted"));
        assertThat(interviewsFor(applicationId)).isEmpty();
        assertThat(demo.sandbox.greenhouse().notes(seeded.candidateId())).singleElement().satisfies(note ->
                assertThat(note.body()).contains("could not be completed by atsbridge", "Nothing was decided"));
        assertThat(demo.sandbox.greenhouse().tags(seeded.candidateId())).contains("AI interview: not completed");
    }

    @Test
    void wrongSignatureIsRefusedAndNothingIsStored() throws Exception {
        long before = databases.get("adapter").count("inbox_event");
        byte[] body = "{\"action\":\"candidate_stage_change\",\"payload\":{\"application\":{\"id\":1}}}".getBytes(StandardCharsets.UTF_8);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("not-the-configured-secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(URI.create(demo.platform.service("gateway").address() + "/webhooks/" + DemoScenario.ATS_CONNECTION))
                        .header("Content-Type", "application/json")
                        .header("Greenhouse-Event-ID", "forged-1")
                        .header("Signature", "sha256 " + HexFormat.of().formatHex(mac.doFinal(body)))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("\"reason\":\"SIGNATURE_INVALID\"").contains("gh-demo")
                .doesNotContain(demo.sandbox.settings().greenhouseWebhookSecret());
        assertThat(databases.get("adapter").count("inbox_event")).isEqualTo(before);
    }

    /** The AI vendor knows the candidate only by atsbridge's canonical ids (pseudonymous), never the ATS's. */
    private Interview interviewOf(DemoScenario.Seeded seeded) {
        String applicationId = canonicalApplicationId(seeded);
        awaitTrue("the interview is completed", () -> interviewsFor(applicationId).stream().anyMatch(i -> i.result() != null));
        return interviewsFor(applicationId).get(0);
    }

    private List<Interview> interviewsFor(String canonicalApplicationId) {
        return demo.sandbox.aiVendor().interviews().stream()
                .filter(i -> canonicalApplicationId.equals(i.metadata().get("application_id")))
                .toList();
    }

    private List<String> auditActions(String applicationId) {
        return TestCalls.as(AuditServiceGrpc.newBlockingStub(audit), demo.platform.operatorToken(), DemoScenario.TENANT)
                .queryRecords(QueryRecordsRequest.newBuilder().setSubjectRef(applicationId).build())
                .getRecordsList().stream().map(AuditRecord::getAction).toList();
    }

    private String awaitCanonicalApplication(DemoScenario.Seeded seeded) {
        awaitTrue("the application is resolved", () -> !auditActions(canonicalApplicationId(seeded)).isEmpty());
        return canonicalApplicationId(seeded);
    }

    /** Resolving is idempotent: asking identity for the Greenhouse ids returns the canonical application. */
    private String canonicalApplicationId(DemoScenario.Seeded seeded) {
        return TestCalls.as(IdentityServiceGrpc.newBlockingStub(identity), demo.platform.serviceToken(), DemoScenario.TENANT)
                .resolveCandidate(ResolveCandidateRequest.newBuilder()
                        .setCandidateRef(ref(ExternalKind.EXTERNAL_KIND_CANDIDATE, seeded.candidateId()))
                        .setApplicationRef(ref(ExternalKind.EXTERNAL_KIND_APPLICATION, seeded.applicationId()))
                        .build())
                .getApplication().getId();
    }

    private static ExternalRef ref(ExternalKind kind, long id) {
        return ExternalRef.newBuilder().setConnectionId(DemoScenario.ATS_CONNECTION).setVendor(Vendor.VENDOR_GREENHOUSE)
                .setKind(kind).setId(String.valueOf(id)).build();
    }

    private int port(String service) {
        String address = demo.platform.service(service).address();
        return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
    }

    private void awaitTrue(String what, BooleanSupplier condition) {
        Await.until(what, Duration.ofSeconds(60), condition, () -> "Greenhouse webhook attempts "
                + demo.sandbox.greenhouse().webhookAttempts() + ", AI vendor webhook attempts "
                + demo.sandbox.aiVendor().webhookAttempts() + ", loop " + demo.platform.service("adapter").context()
                .getBean(io.atsbridge.adapter.engine.sync.LoopReport.class).summarize(DemoScenario.TENANT));
    }

}
