package io.atsbridge.adapter.engine.sync;

import io.atsbridge.adapter.AdapterTestContext;
import io.atsbridge.adapter.connections.domain.Vendor;
import io.atsbridge.adapter.engine.domain.EventIntake;
import io.atsbridge.adapter.engine.domain.EventType;
import io.atsbridge.adapter.engine.domain.IncomingEvent;
import io.atsbridge.platform.testing.TestDatabase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.grpc.server.GrpcEmbeddedServer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The worker's background threads start with the service's server and stop with the service. */
class InboxWorkerThreadsTest {

    @Test
    void threadsStartWithTheServerProcessEventsAndStopWithTheService() throws Exception {
        try (TestDatabase database = TestDatabase.create("adapter_threads")) {
            AdapterTestContext adapter = AdapterTestContext.on(database)
                    .connection("gh-acme", "acme", "GREENHOUSE", "ATS", "https://harvest.greenhouse.io", "threads-secret-0123456789")
                    .with("atsbridge.adapter.worker.poll-interval", "50ms");

            InboxWorker worker;
            try (ApplicationContext context = adapter.start()) {
                worker = context.getBean(InboxWorker.class);
                assertThat(worker.isRunning()).as("no server started yet").isFalse();
                context.getBean(GrpcEmbeddedServer.class).start();
                assertThat(worker.isRunning()).isTrue();

                String id = context.getBean(EventIntake.class).ingest("acme", List.of(new IncomingEvent("gh-acme",
                        Vendor.GREENHOUSE, EventType.STAGE_CHANGED, "candidate_stage_change", List.of(), null,
                        UUID.randomUUID().toString(), "{}".getBytes(StandardCharsets.UTF_8), "application/json", null)))
                        .get(0).inboxEventId();
                String status = "PENDING";
                for (int i = 0; i < 100 && !status.equals("IGNORED"); i++) {
                    Thread.sleep(50);
                    status = status(database, id);
                }
                assertThat(status).isEqualTo("IGNORED");
            }
            assertThat(worker.isRunning()).isFalse();
        }
    }

    private static String status(TestDatabase database, String id) throws Exception {
        try (java.sql.Connection c = database.connect();
             PreparedStatement select = c.prepareStatement("SELECT status FROM inbox_event WHERE id = ?")) {
            select.setString(1, id);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getString(1);
            }
        }
    }
}
