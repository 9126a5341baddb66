package io.atsbridge.launcher;

import io.atsbridge.platform.testing.TestCalls;
import io.atsbridge.platform.testing.TestDatabase;
import io.atsbridge.proto.audit.v1.AuditRecord;
import io.atsbridge.proto.audit.v1.AuditServiceGrpc;
import io.atsbridge.proto.audit.v1.QueryRecordsRequest;
import io.grpc.ManagedChannel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The next step after a result, end to end through the sandbox: the demo connection moves an application whose result
 * clears the threshold forward to "Hiring Manager Review". Asserts the Greenhouse record (the result's note, the new
 * stage) and the audit trail ({@code loop.next_step} saying what was done).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(CapturedLogs.NoLeaks.class)
class NextStepEndToEndTest {

    private static final long SEED = 20261208L;
    private static final String NEXT_STAGE = "Hiring Manager Review";

    private final Map<String, TestDatabase> databases = new HashMap<>();
    private DemoEnvironment demo;
    private ManagedChannel audit;

    @BeforeAll
    void start() throws Exception {
        Map<String, Map<String, String>> properties = new HashMap<>();
        for (String service : List.of("identity", "mapping", "consent", "audit", "adapter")) {
            TestDatabase database = TestDatabase.create("next_step_" + service);
            databases.put(service, database);
            properties.put(service, new HashMap<>(database.micronautProperties()));
        }
        properties.get("adapter").put("atsbridge.adapter.worker.poll-interval", "50ms");
        demo = DemoEnvironment.start(Files.createTempDirectory("atsbridge-next-step"), Map.of(),
                List.of("US-NY-NYC"), SEED, 0, true, properties, Duration.ofMillis(200), true, (sandbox, scenario) ->
                        Map.of("atsbridge.connections." + DemoScenario.ATS_CONNECTION + ".next-step", "stage:" + NEXT_STAGE + "@0"));
        CapturedLogs.watch(demo.neverLogged());
        String address = demo.platform.service("audit").address();
        audit = TestCalls.channel(Integer.parseInt(address.substring(address.lastIndexOf(':') + 1)));
    }

    @AfterAll
    void stop() throws InterruptedException {
        TestCalls.close(audit);
        demo.close();
        databases.values().forEach(TestDatabase::close);
    }

    @Test
    void aResultThatClearsTheThresholdMovesTheApplicationToTheNextStageAndSaysSo() {
        DemoScenario.Seeded seeded = demo.scenario.seeded.get(0);
        demo.moveToTriggerStage(seeded.applicationId());

        Await.until("the application is moved on", Duration.ofSeconds(60), () -> NEXT_STAGE.equals(
                demo.sandbox.greenhouse().application(seeded.applicationId()).currentStage().name()), () -> "loop "
                + demo.platform.service("adapter").context().getBean(io.atsbridge.adapter.engine.sync.LoopReport.class)
                .summarize(DemoScenario.TENANT));
        assertThat(demo.sandbox.greenhouse().notes(seeded.candidateId())).singleElement()
                .satisfies(note -> assertThat(note.body()).contains("Evaluated by: "));
        Await.until("the next step is audited", Duration.ofSeconds(60), () -> !nextSteps().isEmpty(), () -> "no loop.next_step");
        assertThat(nextSteps()).singleElement().satisfies(r -> assertThat(r.getAttributesMap())
                .containsEntry("outcome", "MOVED").containsEntry("to_stage", NEXT_STAGE)
                .containsEntry("from_stage", DemoScenario.TRIGGER_STAGE).containsEntry("next_step", "stage:" + NEXT_STAGE + "@0"));
    }

    private List<AuditRecord> nextSteps() {
        return TestCalls.as(AuditServiceGrpc.newBlockingStub(audit), demo.platform.operatorToken(), DemoScenario.TENANT)
                .queryRecords(QueryRecordsRequest.newBuilder().setPageSize(1000).build())
                .getRecordsList().stream().filter(r -> r.getAction().equals("loop.next_step")).toList();
    }
}
