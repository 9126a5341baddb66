package io.atsbridge.adapter;

import io.atsbridge.adapter.connections.domain.Connection;
import io.atsbridge.adapter.connections.domain.ConnectionDirectory;
import io.atsbridge.adapter.connections.domain.Vendor;
import io.atsbridge.adapter.engine.domain.AssessmentPartners;
import io.atsbridge.adapter.engine.domain.AuditEntry;
import io.atsbridge.adapter.engine.domain.AuditOutbox;
import io.atsbridge.adapter.engine.domain.ClaimedEvent;
import io.atsbridge.adapter.engine.domain.EventIntake;
import io.atsbridge.adapter.engine.domain.EventRef;
import io.atsbridge.adapter.engine.domain.EventStatus;
import io.atsbridge.adapter.engine.domain.EventType;
import io.atsbridge.adapter.engine.domain.InboxQueue;
import io.atsbridge.adapter.engine.domain.InboxReceipt;
import io.atsbridge.adapter.engine.domain.IncomingEvent;
import io.atsbridge.adapter.engine.domain.PartnerAssessment;
import io.atsbridge.adapter.engine.domain.PartnerInterviewCancellation;
import io.atsbridge.sandbox.SandboxSettings;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service on embedded H2 in MySQL mode, as the all-in-one launcher runs it: the schema migrates,
 * connections are declared, the inbox deduplicates (H2 reports duplicate keys differently), and work joins a
 * caller's transaction (an Ashby cancellation).
 */
class AdapterOnH2Test {

    private static IncomingEvent event(String deliveryKey) {
        return new IncomingEvent("gh-acme", Vendor.GREENHOUSE, EventType.HIRED, "hire_candidate",
                List.of(new EventRef("", "", "CANDIDATE", "42")), Instant.parse("2024-01-02T03:04:05.678901Z"),
                deliveryKey, "{}".getBytes(StandardCharsets.UTF_8), "application/json", null);
    }

    /** The adapter on a fresh in-memory H2 database with one Greenhouse connection, worker off. */
    private static Map<String, Object> properties() {
        return new HashMap<>(AdapterTestContext.onH2("adapter")
                .connection("gh-acme", "acme", "GREENHOUSE", "ATS", "https://harvest.greenhouse.io", "h2-secret-0123456789")
                .withoutWorker()
                .properties());
    }

    @Test
    void serviceRunsOnEmbeddedH2() {
        Map<String, Object> properties = properties();
        try (ApplicationContext context = ApplicationContext.builder()
                .environments(AdapterApplication.ENVIRONMENT).properties(properties).start()) {
            ConnectionDirectory directory = context.getBean(ConnectionDirectory.class);
            assertThat(directory.page("acme", 0, "").connections()).hasSize(1);
            assertThat(directory.webhookSecrets("acme", "gh-acme"))
                    .extracting(secret -> new String(secret, StandardCharsets.UTF_8))
                    .containsExactly("h2-secret-0123456789");

            EventIntake intake = context.getBean(EventIntake.class);
            List<InboxReceipt> first = intake.ingest("acme", List.of(event("d-1"), event("d-1"), event("d-2")));
            List<InboxReceipt> replay = intake.ingest("acme", List.of(event("d-2")));

            assertThat(first).extracting(InboxReceipt::duplicate).containsExactly(false, true, false);
            assertThat(first.get(1).inboxEventId()).isEqualTo(first.get(0).inboxEventId());
            assertThat(replay.get(0).duplicate()).isTrue();
            assertThat(replay.get(0).inboxEventId()).isEqualTo(first.get(2).inboxEventId());

            // The sync engine's claim (FOR UPDATE SKIP LOCKED, lease, arrival order) works on H2 too.
            InboxQueue queue = context.getBean(InboxQueue.class);
            Instant now = Instant.now();
            List<ClaimedEvent> claimed = queue.claim(10, Duration.ofSeconds(60), now);
            assertThat(claimed).extracting(ClaimedEvent::id)
                    .containsExactly(first.get(0).inboxEventId(), first.get(2).inboxEventId());
            assertThat(queue.claim(10, Duration.ofSeconds(60), now)).isEmpty();
            AuditEntry audit = new AuditEntry("acme", "rec-1", "trace-1", "webhook.received", "", "gh-acme",
                    Map.of("inbox_event_id", claimed.get(0).id()), new byte[0], now);
            assertThat(queue.finish(claimed.get(0), EventStatus.IGNORED, "no action", List.of(audit), now)).isTrue();
            assertThat(queue.retryLater(claimed.get(1), now.plusSeconds(600), "later")).isTrue();
            assertThat(queue.countByStatus("acme")).containsEntry(EventStatus.IGNORED, 1L).containsEntry(EventStatus.PENDING, 1L);
            assertThat(context.getBean(AuditOutbox.class).unsent(10)).extracting(AuditEntry::recordId).containsExactly("rec-1");
        }
    }

    @Test
    void anAshbyCancellationIsEnqueuedInTheTransactionThatRecordsItOnH2() {
        Map<String, Object> properties = properties();
        String ai = "atsbridge.connections.ai-acme.";
        properties.put(ai + "tenant", "acme");
        properties.put(ai + "vendor", "STANDARD_WEBHOOKS");
        properties.put(ai + "kind", "AI_VENDOR");
        properties.put(ai + "base-url", "https://ai.example");
        properties.put(ai + "webhook-secrets", SandboxSettings.DEFAULT_AI_VENDOR_WEBHOOK_SECRET);
        properties.put(ai + "credentials", "ai-api-key-0123456789");
        properties.put(ai + "ashby-partner-api-key", "ashby-partner-key-0123456789");
        properties.put(ai + "ashby-api-key", "ashby-api-key-0123456789");
        properties.put(ai + "tests", "kit-1:Kit one");

        try (ApplicationContext context = ApplicationContext.builder()
                .environments(AdapterApplication.ENVIRONMENT).properties(properties).start()) {
            AssessmentPartners ashby = context.getBean(AssessmentPartners.class);
            Connection connection = context.getBean(ConnectionDirectory.class).find("acme", "ai-acme").orElseThrow();
            String assessment = ashby.record("acme", "ai-acme", Vendor.ASHBY, null, "kit-1", "app-1", "iv_1", null)
                    .assessment().assessmentId();

            ashby.cancel(connection, Vendor.ASHBY, assessment);
            ashby.cancel(connection, Vendor.ASHBY, assessment);

            List<ClaimedEvent> claimed = context.getBean(InboxQueue.class).claim(10, Duration.ofSeconds(60), Instant.now());
            assertThat(claimed).hasSize(1);
            assertThat(claimed.get(0).vendorEventType()).isEqualTo(PartnerInterviewCancellation.TYPE);
            assertThat(claimed.get(0).deliveryKey()).isEqualTo(PartnerInterviewCancellation.KEY_PREFIX + assessment);
            assertThat(PartnerInterviewCancellation.parse(claimed.get(0).rawBody()))
                    .contains(new PartnerInterviewCancellation(assessment, "iv_1"));
            assertThat(ashby.find("acme", "ai-acme", Vendor.ASHBY, assessment).orElseThrow().status())
                    .isEqualTo(PartnerAssessment.Status.CANCELLED);
        }
    }
}
