package io.atsbridge.adapter.engine.sync;

import io.atsbridge.adapter.backfill.domain.BackfillRunner;
import io.atsbridge.adapter.backfill.domain.Backfills;
import io.atsbridge.adapter.connections.domain.Vendor;
import io.atsbridge.adapter.engine.domain.DeadLetter;
import io.atsbridge.adapter.engine.domain.DeadLetters;
import io.atsbridge.adapter.engine.domain.EventType;
import io.atsbridge.adapter.engine.domain.InboxReceipt;
import io.atsbridge.adapter.engine.domain.IncomingEvent;
import io.atsbridge.sandbox.Sandbox;
import io.atsbridge.sandbox.SandboxSettings;
import io.atsbridge.sandbox.http.WebhookEvent;
import io.atsbridge.sandbox.lever.LeverPosting;
import io.atsbridge.sandbox.lever.LeverSimulator;
import io.atsbridge.sandbox.lever.LeverStage;
import io.atsbridge.sandbox.lever.NewOpportunity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lever's confidential opportunities on a real database with the Lever simulator: lists leave them out unless asked
 * with {@code confidentiality} and only a key generated with access to confidential data reads them (Lever's
 * documentation, "Confidential Data"; help.lever.co, "How do I create an API key with access to confidential data?").
 * A backfill with a key that has access selects a confidential opportunity in the trigger stage like any other; with a
 * key without access (Lever: "any request to retrieve confidential data will return an access error"; the simulator's
 * default answers 403) the pass fails naming the access to grant, and a webhook naming a confidential opportunity becomes a dead letter that names it too — never passed over.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LeverConfidentialTest {

    private static final String KEY_WITHOUT_ACCESS = "lever-key-without-confidential-access";

    private LoopFixture fixture;
    private LeverSimulator lever;
    private LeverPosting cfo;
    private List<LeverStage> stages;

    @BeforeAll
    void start() throws Exception {
        fixture = new LoopFixture("adapter_lever_confidential", sandbox -> {
            Map<String, Object> p = new HashMap<>();
            p.put("atsbridge.adapter.backfill.enabled", "false");
            connection(p, sandbox, "lever-granted", SandboxSettings.DEFAULT_LEVER_API_KEY);
            connection(p, sandbox, "lever-nokey", KEY_WITHOUT_ACCESS);
            return p;
        });
        lever = fixture.sandbox.lever();
        lever.addApiKey(KEY_WITHOUT_ACCESS, false);
        stages = lever.addStages("New applicant", "AI Interview", "Offer");
        cfo = lever.addConfidentialPosting("Chief Financial Officer", "Finance", "New York");
        lever.addOpportunity(NewOpportunity.builder("Confidential Candidate").email("cfo.candidate@example.com")
                .posting(cfo.id()).stage(stages.get(1).id()).build());
        lever.addOpportunity(NewOpportunity.builder("Open Candidate").stage(stages.get(0).id()).build());
    }

    @AfterAll
    void stop() throws Exception {
        fixture.close();
    }

    private static void connection(Map<String, Object> p, Sandbox sandbox, String id, String apiKey) {
        String prefix = "atsbridge.connections." + id + ".";
        p.put(prefix + "tenant", "acme");
        p.put(prefix + "vendor", "LEVER");
        p.put(prefix + "kind", "ATS");
        p.put(prefix + "base-url", sandbox.leverBaseUrl() + "/v1");
        p.put(prefix + "credentials", apiKey);
        p.put(prefix + "webhook-event-secrets", "candidateStageChange:"
                + sandbox.settings().leverWebhookSignatureToken("candidateStageChange"));
        p.put(prefix + "trigger-stage", "AI Interview");
        p.put(prefix + "mapping-profile", "lever-acme-default");
        p.put(prefix + "ai-connection", "ai-acme");
        p.put(prefix + "on-behalf-of", sandbox.lever().apiUser().id());
        p.put(prefix + "interview-kit", "kit-cfo");
    }

    @Test
    void aBackfillWithAKeyGrantedAccessSelectsAConfidentialOpportunityInTheTriggerStage() {
        BackfillRunner runner = fixture.context.getBean(BackfillRunner.class);
        Backfills.Backfill pass = runner.start("acme", "lever-granted", Backfills.Mode.FULL);
        runner.runPending();

        Backfills.Backfill done = fixture.context.getBean(Backfills.class).find("acme", pass.id()).orElseThrow();
        assertThat(done.status()).as(done.error()).isEqualTo(Backfills.Status.DONE);
        assertThat(done.seen()).as("both opportunities (and the webhook test's, if it ran first)").isGreaterThanOrEqualTo(2);
        assertThat(done.enqueued()).as("the confidential opportunity in AI Interview").isEqualTo(1);
    }

    @Test
    void aBackfillWithAKeyWithoutAccessFailsNamingTheAccessToGrant() {
        BackfillRunner runner = fixture.context.getBean(BackfillRunner.class);
        Backfills.Backfill pass = runner.start("acme", "lever-nokey", Backfills.Mode.FULL);
        runner.runPending();

        Backfills.Backfill failed = fixture.context.getBean(Backfills.class).find("acme", pass.id()).orElseThrow();
        assertThat(failed.status()).isEqualTo(Backfills.Status.FAILED);
        assertThat(failed.enqueued()).isZero();
        assertThat(failed.error()).contains("listing page 1 failed", "Lever answered 403", "passed over",
                "Allow access to confidential data", "set it as this connection's credentials").doesNotContain(KEY_WITHOUT_ACCESS);
    }

    @Test
    void aWebhookNamingAConfidentialOpportunityIsADeadLetterNamingTheAccessToGrant() throws Exception {
        String confidential = lever.addOpportunity(NewOpportunity.builder("Second Confidential Candidate").posting(cfo.id())
                .stage(stages.get(0).id()).build());
        lever.moveStage(confidential, stages.get(2).id(), lever.apiUser().id());
        WebhookEvent webhook = lever.webhookEvents().get(lever.webhookEvents().size() - 1);
        InboxReceipt receipt = fixture.intake.ingest("acme", List.of(new IncomingEvent("lever-nokey", Vendor.LEVER,
                EventType.STAGE_CHANGED, "candidateStageChange", List.of(), null, "confidential-" + webhook.id(), webhook.body(),
                "application/json", null))).get(0);

        fixture.worker.drain(Duration.ofSeconds(30));

        List<DeadLetter> letters = fixture.context.getBean(DeadLetters.class).list("acme", "lever-nokey", 500, "").items();
        assertThat(letters).filteredOn(letter -> letter.eventId().equals(receipt.inboxEventId())).singleElement()
                .satisfies(letter -> {
                    assertThat(letter.attempts()).as("permanent: not retried").isEqualTo(1);
                    assertThat(letter.error()).contains("Lever answered 403", confidential, "Allow access to confidential data")
                            .doesNotContain(KEY_WITHOUT_ACCESS);
                });
    }
}
