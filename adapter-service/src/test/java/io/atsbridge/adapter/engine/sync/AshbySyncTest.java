package io.atsbridge.adapter.engine.sync;

import io.atsbridge.adapter.backfill.domain.BackfillRunner;
import io.atsbridge.adapter.backfill.domain.Backfills;
import io.atsbridge.adapter.connections.domain.Vendor;
import io.atsbridge.adapter.engine.domain.EventType;
import io.atsbridge.adapter.engine.domain.IncomingEvent;
import io.atsbridge.proto.common.v1.ExternalKind;
import io.atsbridge.proto.identity.v1.MergeCandidatesRequest;
import io.atsbridge.sandbox.SandboxSettings;
import io.atsbridge.sandbox.ashby.AshbyJob;
import io.atsbridge.sandbox.ashby.AshbySimulator;
import io.atsbridge.sandbox.http.WebhookEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sync engine on an Ashby connection against the Ashby simulator over real HTTP, on a real database: a
 * candidateMerge is handed to identity with the surviving candidate first, and a backfill whose sync token or cursor
 * Ashby no longer takes ({@code sync_token_expired}, {@code incremental_sync_too_large}, {@code next_cursor_expired})
 * starts over as a full pass instead of failing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AshbySyncTest {

    private static final String ASHBY = "ashby-acme";

    private LoopFixture fixture;
    private AshbySimulator ashby;
    private AshbyJob job;
    private BackfillRunner runner;
    private Backfills backfills;

    @BeforeAll
    void start() throws Exception {
        fixture = new LoopFixture("adapter_ashby", sandbox -> {
            Map<String, Object> p = new HashMap<>();
            p.put("atsbridge.adapter.backfill.enabled", "false");
            p.put("atsbridge.adapter.backfill.page-size", "2");
            String a = "atsbridge.connections." + ASHBY + ".";
            p.put(a + "tenant", "acme");
            p.put(a + "vendor", "ASHBY");
            p.put(a + "kind", "ATS");
            p.put(a + "base-url", sandbox.ashbyBaseUrl());
            p.put(a + "credentials", SandboxSettings.DEFAULT_ASHBY_API_KEY);
            p.put(a + "webhook-secrets", SandboxSettings.DEFAULT_ASHBY_WEBHOOK_SECRET);
            p.put(a + "trigger-stage", "AI Interview");
            p.put(a + "mapping-profile", "ashby-acme-default");
            p.put(a + "ai-connection", "ai-acme");
            p.put(a + "interview-kit", "kit-designer");
            p.put(a + "jurisdictions", "US-NY-NYC");
            return p;
        });
        ashby = fixture.sandbox.ashby();
        job = ashby.addJob("Designer", "Application Review", "AI Interview", "Offer");
        runner = fixture.context.getBean(BackfillRunner.class);
        backfills = fixture.context.getBean(Backfills.class);
    }

    @AfterAll
    void stop() throws Exception {
        fixture.close();
    }

    @Test
    void aCandidateMergeTellsIdentityWhichCandidateSurvivedAndIsAudited() throws Exception {
        String survivor = ashby.addCandidate("Hedy Lamarr", "hedy@example.com");
        String duplicate = ashby.addCandidate("Hedy Kiesler", "kiesler@example.com");
        ashby.addApplication(duplicate, job.id());
        ashby.mergeCandidates(survivor, duplicate);
        WebhookEvent merge = ashby.webhookEvents().stream().filter(e -> e.type().equals("candidateMerge"))
                .reduce((first, second) -> second).orElseThrow();

        String inboxId = fixture.intake.ingest("acme", List.of(new IncomingEvent(ASHBY, Vendor.ASHBY,
                EventType.CANDIDATE_MERGED, "candidateMerge", List.of(), null, "merge-" + survivor, merge.body(),
                "application/json", null))).get(0).inboxEventId();
        fixture.worker.drain(Duration.ofSeconds(30));

        assertThat(status(inboxId)).isEqualTo("DONE");
        assertThat(fixture.peers.merges).hasSize(1);
        MergeCandidatesRequest request = fixture.peers.merges.get(0);
        assertThat(request.getSurvivingRef().getId()).isEqualTo(survivor);
        assertThat(request.getMergedRef().getId()).isEqualTo(duplicate);
        assertThat(request.getSurvivingRef().getConnectionId()).isEqualTo(ASHBY);
        assertThat(request.getMergedRef().getKind()).isEqualTo(ExternalKind.EXTERNAL_KIND_CANDIDATE);
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!fixture.peers.auditActions(inboxId).contains(AuditRecords.CANDIDATE_MERGED) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(fixture.peers.auditActions(inboxId)).contains(AuditRecords.WEBHOOK_RECEIVED, AuditRecords.CANDIDATE_MERGED);

        // A merge body lacking the deleted candidate cannot be acted on: a dead letter, identity untouched.
        String broken = fixture.intake.ingest("acme", List.of(new IncomingEvent(ASHBY, Vendor.ASHBY,
                EventType.CANDIDATE_MERGED, "candidateMerge", List.of(), null, "merge-broken",
                ("{\"webhookActionId\":\"w\",\"action\":\"candidateMerge\",\"data\":{\"mergedCandidate\":{\"id\":\""
                        + survivor + "\"}}}").getBytes(StandardCharsets.UTF_8),
                "application/json", null))).get(0).inboxEventId();
        fixture.worker.drain(Duration.ofSeconds(30));
        assertThat(status(broken)).isEqualTo("FAILED");
        assertThat(fixture.peers.merges).hasSize(1);
    }

    @Test
    void aSyncTokenAshbyNoLongerTakesRestartsTheBackfillAsAFullPass() throws Exception {
        for (int i = 0; i < 5; i++) {
            ashby.addApplication(ashby.addCandidate("Backfill " + i, "backfill" + i + "@example.com"), job.id());
        }
        Backfills.Backfill full = runner.start("acme", ASHBY, Backfills.Mode.FULL);
        runner.runPending();
        Backfills.Backfill fullDone = backfills.find("acme", full.id()).orElseThrow();
        assertThat(fullDone.status()).isEqualTo(Backfills.Status.DONE);
        assertThat(fullDone.nextSyncToken()).isNotBlank();

        // sync_token_expired: the token is dropped and everything listed again, the pass ending DONE.
        ashby.expireSyncTokens();
        Backfills.Backfill expired = runner.start("acme", ASHBY, null);
        assertThat(expired.mode()).isEqualTo(Backfills.Mode.INCREMENTAL);
        runner.runPending();
        Backfills.Backfill expiredDone = backfills.find("acme", expired.id()).orElseThrow();
        assertThat(expiredDone.status()).as(expiredDone.error()).isEqualTo(Backfills.Status.DONE);
        assertThat(expiredDone.mode()).isEqualTo(Backfills.Mode.FULL);
        assertThat(expiredDone.seen()).isGreaterThanOrEqualTo(5);
        assertThat(expiredDone.nextSyncToken()).isNotBlank().isNotEqualTo(fullDone.nextSyncToken());
        assertThat(ashby.calls("application.list")).anyMatch(c -> "sync_token_expired".equals(c.errorCode()));

        // incremental_sync_too_large: the same.
        for (int i = 0; i < 3; i++) {
            ashby.addApplication(ashby.addCandidate("Later " + i, "later" + i + "@example.com"), job.id());
        }
        ashby.setIncrementalSyncLimit(2);
        try {
            Backfills.Backfill tooLarge = runner.start("acme", ASHBY, null);
            runner.runPending();
            Backfills.Backfill tooLargeDone = backfills.find("acme", tooLarge.id()).orElseThrow();
            assertThat(tooLargeDone.status()).as(tooLargeDone.error()).isEqualTo(Backfills.Status.DONE);
            assertThat(tooLargeDone.mode()).isEqualTo(Backfills.Mode.FULL);
            assertThat(tooLargeDone.seen()).isGreaterThanOrEqualTo(8);
            assertThat(ashby.calls("application.list")).anyMatch(c -> "incremental_sync_too_large".equals(c.errorCode()));
        } finally {
            ashby.setIncrementalSyncLimit(0);
        }
    }

    private String status(String inboxId) throws Exception {
        try (java.sql.Connection c = fixture.database.connect();
             PreparedStatement select = c.prepareStatement("SELECT status FROM inbox_event WHERE id = ?")) {
            select.setString(1, inboxId);
            try (ResultSet rows = select.executeQuery()) {
                assertThat(rows.next()).isTrue();
                return rows.getString(1);
            }
        }
    }
}
