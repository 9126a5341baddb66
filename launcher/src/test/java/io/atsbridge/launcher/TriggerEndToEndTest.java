package io.atsbridge.launcher;

import io.atsbridge.platform.testing.TestCalls;
import io.atsbridge.platform.testing.TestDatabase;
import io.atsbridge.proto.adapter.v1.AdapterServiceGrpc;
import io.atsbridge.proto.adapter.v1.StartScreenRequest;
import io.atsbridge.proto.adapter.v1.StartScreenResponse;
import io.atsbridge.proto.audit.v1.AuditRecord;
import io.atsbridge.proto.audit.v1.AuditServiceGrpc;
import io.atsbridge.proto.audit.v1.QueryRecordsRequest;
import io.atsbridge.proto.common.v1.ExternalKind;
import io.atsbridge.proto.common.v1.ExternalRef;
import io.atsbridge.proto.common.v1.Vendor;
import io.atsbridge.proto.identity.v1.IdentityServiceGrpc;
import io.atsbridge.proto.identity.v1.ResolveCandidateRequest;
import io.atsbridge.sandbox.aivendor.Interview;
import io.atsbridge.sandbox.greenhouse.CandidateNote;
import io.atsbridge.sandbox.greenhouse.CustomFieldScope;
import io.atsbridge.sandbox.greenhouse.GreenhouseJob;
import io.atsbridge.sandbox.greenhouse.NewCandidate;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every way a screen starts, end to end through the sandbox: entering the trigger stage (LoopEndToEndTest), a new
 * application of a job whose trigger it is, a tag the recruiter gave the candidate, an explicit StartScreen request,
 * and a re-screen asked for on purpose — and never a second screen of a candidate for a job otherwise. Each asserts
 * the Greenhouse record (the result's note) and the audit trail (what started the screen, who asked and why).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(CapturedLogs.NoLeaks.class)
class TriggerEndToEndTest {

    private static final long SEED = 20261207L;
    private static final String TAG = "AI screen";

    private final Map<String, TestDatabase> databases = new HashMap<>();
    private final AtomicLong analystJob = new AtomicLong();
    private DemoEnvironment demo;
    private ManagedChannel audit;
    private ManagedChannel identity;
    private ManagedChannel adapter;

    @BeforeAll
    void start() throws Exception {
        Map<String, Map<String, String>> properties = new HashMap<>();
        for (String service : List.of("identity", "mapping", "consent", "audit", "adapter")) {
            TestDatabase database = TestDatabase.create("trigger_" + service);
            databases.put(service, database);
            properties.put(service, new HashMap<>(database.micronautProperties()));
        }
        properties.get("adapter").put("atsbridge.adapter.worker.poll-interval", "50ms");
        demo = DemoEnvironment.start(Files.createTempDirectory("atsbridge-trigger"), Map.of(),
                List.of("US-NY-NYC", "US-NY-NYC", "US-NY-NYC", "US-NY-NYC"), SEED, 0, true, properties,
                Duration.ofMillis(200), true, (sandbox, scenario) -> {
                    var greenhouse = sandbox.greenhouse();
                    // A second job whose every new application is screened; the demo job keeps the stage (and the tag).
                    GreenhouseJob analyst = greenhouse.addJob("Data Analyst", "Application Review", "Offer");
                    analystJob.set(analyst.id());
                    // A candidate the recruiter tagged for an AI screen, in New York City like the others.
                    String email = "tess.tagged@example.com";
                    long tagged = greenhouse.addCandidate(NewCandidate.builder("Tess", "Tagged").email(email).tag(TAG).build());
                    greenhouse.setCustomField(CustomFieldScope.CANDIDATE, tagged, DemoScenario.JURISDICTION_FIELD, "US-NY-NYC");
                    long review = scenario.job.stageNamed("Application Review").orElseThrow().id();
                    scenario.seeded.add(new DemoScenario.Seeded(tagged,
                            greenhouse.addApplication(tagged, scenario.job.id(), review, "active"), "US-NY-NYC"));
                    scenario.candidatePersonalData.addAll(List.of("Tess Tagged", email));
                    String gh = "atsbridge.connections." + DemoScenario.ATS_CONNECTION + ".";
                    return Map.of(gh + "triggers", "stage,tag:" + TAG,
                            gh + "job-triggers", analyst.id() + ":new-application");
                });
        CapturedLogs.watch(demo.neverLogged());
        audit = TestCalls.channel(port("audit"));
        identity = TestCalls.channel(port("identity"));
        adapter = TestCalls.channel(port("adapter"));
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
        TestCalls.close(identity);
        TestCalls.close(adapter);
        demo.close();
        databases.values().forEach(TestDatabase::close);
    }

    @Test
    void aNewApplicationOfAJobWhoseTriggerItIsStartsAScreen() {
        DemoScenario.Seeded seeded = demo.scenario.seeded.get(0);
        long applicationId = demo.sandbox.greenhouse().newApplication(seeded.candidateId(), analystJob.get());
        DemoScenario.Seeded application = new DemoScenario.Seeded(seeded.candidateId(), applicationId, seeded.jurisdiction());

        awaitTrue("the result's note is written", () -> notes(seeded).size() == 1);
        String canonical = canonicalApplicationId(application);
        assertThat(interviewsFor(canonical)).hasSize(1);
        assertThat(notes(seeded).get(0).body()).contains("Evaluated by: ").contains("This is a suggestion only");
        AuditRecord started = startedBy(canonical);
        assertThat(started.getAttributesMap()).containsEntry("trigger", "new-application")
                .containsEntry("vendor_event_type", "new_candidate_application");
        assertThat(actions(started.getTraceId())).contains("interview.invited");
    }

    @Test
    void aTagTheRecruiterGaveTheCandidateStartsAScreenWhenTheApplicationMoves() {
        DemoScenario.Seeded tagged = demo.scenario.seeded.get(demo.scenario.seeded.size() - 1);
        long managerReview = demo.scenario.job.stageNamed("Hiring Manager Review").orElseThrow().id();
        demo.sandbox.greenhouse().moveApplication(tagged.applicationId(), managerReview, demo.scenario.recruiter.id());

        awaitTrue("the result's note is written", () -> notes(tagged).size() == 1);
        String canonical = canonicalApplicationId(tagged);
        assertThat(interviewsFor(canonical)).hasSize(1);
        assertThat(demo.sandbox.greenhouse().tags(tagged.candidateId())).contains(TAG);
        assertThat(startedBy(canonical).getAttributesMap()).containsEntry("trigger", "tag:" + TAG)
                .containsEntry("vendor_event_type", "candidate_stage_change");
    }

    @Test
    void anExplicitRequestScreensOnceAndOnlyAReScreenAskedForOnPurposeScreensAgain() {
        DemoScenario.Seeded seeded = demo.scenario.seeded.get(1);
        String application = String.valueOf(seeded.applicationId());
        StartScreenResponse first = startScreen(application, false, "", "req-explicit-1");
        assertThat(first.getDuplicate()).isFalse();
        awaitTrue("the result's note is written", () -> notes(seeded).size() == 1);
        String canonical = canonicalApplicationId(seeded);
        AuditRecord started = startedBy(canonical);
        assertThat(started.getAttributesMap()).containsEntry("trigger", "request")
                .containsEntry("request_id", "req-explicit-1").containsKey("requested_by")
                .containsEntry("vendor_event_type", "atsbridge.screen_request");
        assertThat(started.getAttributesMap().get("requested_by")).isNotBlank();

        // The same request again is the same event; another one for the screened application is refused.
        StartScreenResponse again = startScreen(application, false, "", "req-explicit-1");
        assertThat(again.getDuplicate()).isTrue();
        assertThat(again.getEventId()).isEqualTo(first.getEventId());
        assertThatThrownBy(() -> startScreen(application, false, "", "req-explicit-2"))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
                    assertThat(e.getStatus().getDescription()).contains("screened already", "re_screen");
                });

        // Entering the trigger stage afterwards starts no second screen: the candidate was screened for the job.
        String moved = demo.moveToTriggerStage(seeded.applicationId());
        awaitTrue("the stage change is audited as ignored", () -> records(canonical).stream().anyMatch(r ->
                moved.equals(r.getAttributesMap().get("delivery_key"))
                        && "IGNORED".equals(r.getAttributesMap().get("outcome"))));
        assertThat(interviewsFor(canonical)).hasSize(1);
        assertThat(notes(seeded)).hasSize(1);

        // A re-screen needs a reason; with one, the candidate is interviewed again and the result lands again.
        assertThatThrownBy(() -> startScreen(application, true, " ", "req-rescreen-0"))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getStatus().getDescription()).contains("re_screen is set without a reason");
                });
        assertThat(interviewsFor(canonical)).hasSize(1);
        startScreen(application, true, "the first interview was cut off by a vendor outage", "req-rescreen-1");
        awaitTrue("the second result's note is written", () -> notes(seeded).size() == 2);
        assertThat(interviewsFor(canonical)).hasSize(2);
        assertThat(records(canonical)).anySatisfy(r -> assertThat(r.getAttributesMap())
                .containsEntry("trigger", "re-screen").containsEntry("request_id", "req-rescreen-1")
                .containsEntry("reason", "the first interview was cut off by a vendor outage")
                .containsEntry("outcome", "TRIGGERED"));
    }

    @Test
    void aRequestForAnUnknownConnectionOrAnEmptyApplicationIsRefusedAndStartsNothing() {
        int before = demo.sandbox.aiVendor().interviews().size();
        long requests = screenRequestsStored();
        assertThatThrownBy(() -> TestCalls.as(AdapterServiceGrpc.newBlockingStub(adapter), demo.platform.operatorToken(),
                DemoScenario.TENANT).startScreen(StartScreenRequest.newBuilder().setConnectionId("gh-nowhere")
                .setApplicationExternalId("1").build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
        assertThatThrownBy(() -> startScreen(" ", false, "", ""))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
        assertThat(screenRequestsStored()).isEqualTo(requests);
        assertThat(demo.sandbox.aiVendor().interviews()).hasSize(before);
    }

    private long screenRequestsStored() {
        try (var connection = databases.get("adapter").connect(); var select = connection.prepareStatement(
                "SELECT COUNT(*) FROM inbox_event WHERE vendor_event_type = 'atsbridge.screen_request'")) {
            try (var rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot count the stored screen requests", e);
        }
    }

    private StartScreenResponse startScreen(String applicationId, boolean reScreen, String reason, String requestId) {
        return TestCalls.as(AdapterServiceGrpc.newBlockingStub(adapter), demo.platform.operatorToken(), DemoScenario.TENANT)
                .startScreen(StartScreenRequest.newBuilder().setConnectionId(DemoScenario.ATS_CONNECTION)
                        .setApplicationExternalId(applicationId).setReScreen(reScreen).setReason(reason)
                        .setRequestId(requestId).build());
    }

    /** The audit record of the event that started the application's (first) screen. */
    private AuditRecord startedBy(String canonicalApplicationId) {
        return records(canonicalApplicationId).stream()
                .filter(r -> r.getAction().equals("webhook.received") && "TRIGGERED".equals(r.getAttributesMap().get("outcome")))
                .findFirst().orElseThrow(() -> new AssertionError("no audit record of the event that started the screen of "
                        + canonicalApplicationId));
    }

    private List<CandidateNote> notes(DemoScenario.Seeded seeded) {
        return demo.sandbox.greenhouse().notes(seeded.candidateId());
    }

    private List<Interview> interviewsFor(String canonicalApplicationId) {
        return demo.sandbox.aiVendor().interviews().stream()
                .filter(i -> canonicalApplicationId.equals(i.metadata().get("application_id")))
                .toList();
    }

    private List<AuditRecord> records(String subject) {
        return TestCalls.as(AuditServiceGrpc.newBlockingStub(audit), demo.platform.operatorToken(), DemoScenario.TENANT)
                .queryRecords(QueryRecordsRequest.newBuilder().setSubjectRef(subject).setPageSize(1000).build()).getRecordsList();
    }

    private List<String> actions(String traceId) {
        return TestCalls.as(AuditServiceGrpc.newBlockingStub(audit), demo.platform.operatorToken(), DemoScenario.TENANT)
                .queryRecords(QueryRecordsRequest.newBuilder().setTraceId(traceId).setPageSize(1000).build())
                .getRecordsList().stream().map(AuditRecord::getAction).toList();
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
                + demo.sandbox.greenhouse().webhookAttempts() + ", loop " + demo.platform.service("adapter").context()
                .getBean(io.atsbridge.adapter.engine.sync.LoopReport.class).summarize(DemoScenario.TENANT));
    }
}
