package io.atsbridge.adapter.backfill.domain;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atsbridge.adapter.backfill.domain.Backfills.Backfill;
import io.atsbridge.adapter.connections.connector.Connectors;
import io.atsbridge.adapter.connections.domain.Connection;
import io.atsbridge.adapter.connections.domain.ConnectionDirectory;
import io.atsbridge.adapter.connections.domain.ConnectionKind;
import io.atsbridge.adapter.connections.domain.SyncSettings;
import io.atsbridge.adapter.engine.domain.ApplicationStates;
import io.atsbridge.adapter.engine.domain.AuditEntry;
import io.atsbridge.adapter.engine.domain.EventRef;
import io.atsbridge.adapter.engine.domain.EventType;
import io.atsbridge.adapter.engine.domain.Inbox;
import io.atsbridge.adapter.engine.domain.InboxEvent;
import io.atsbridge.adapter.engine.domain.InboxReceipt;
import io.atsbridge.adapter.engine.sync.LoopIds;
import io.atsbridge.connectors.AtsApplication;
import io.atsbridge.connectors.AtsConnector;
import io.atsbridge.connectors.VendorCallException;
import io.atsbridge.platform.error.DomainException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.runtime.event.ApplicationStartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Backfill: pages through a connection's open applications and enqueues, through the inbox like any
 * webhook, those the trigger rules select (an application sitting in the trigger stage that no webhook
 * brought in — the connection was added late, or webhooks were lost). Each page is committed as a
 * checkpoint, so a stopped or crashed pass resumes after the last committed page; enqueueing is
 * idempotent (one delivery key per application and stage, and the loop's own case key), so a page
 * listed twice changes nothing. A FULL pass records every application it saw and, at its end, marks
 * the ones atsbridge knew as open but no longer saw as gone; an INCREMENTAL pass lists only what
 * changed since the previous pass began (Ashby: since its sync token).
 *
 * <p>One background thread per replica takes RUNNING passes whose lease ran out, so a pass survives
 * the death of the replica running it; {@link #runPending()} runs synchronously for tests.
 */
@Singleton
public final class BackfillRunner {

    static final String APPLICATION_GONE = "application.gone";
    private static final Logger LOG = LoggerFactory.getLogger(BackfillRunner.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_PAGE_FAILURES = 8;
    /** How often one run starts over as a full pass when the vendor refuses its token or cursor. */
    private static final int MAX_FULL_RESTARTS = 3;
    private static final int INBOX_BATCH = 100;

    private final Backfills backfills;
    private final ApplicationStates states;
    private final ConnectionDirectory directory;
    private final Connectors connectors;
    private final Inbox inbox;
    private final boolean enabled;
    private final int pageSize;
    private final Duration lease;
    private final Duration pollInterval;
    /** Incremental passes look this much further back than the previous start, for clock skew and in-flight writes. */
    private final Duration incrementalOverlap;
    private final Clock clock;
    private volatile boolean running;
    @Nullable
    private Thread thread;

    BackfillRunner(Backfills backfills, ApplicationStates states, ConnectionDirectory directory, Connectors connectors,
                   Inbox inbox, BackfillSettings settings, Clock clock) {
        this.clock = clock;
        int pageSize = settings.pageSize();
        if (pageSize < 1 || pageSize > 500) {
            throw new io.atsbridge.platform.startup.MissingConfigurationException(
                    "atsbridge.adapter.backfill.page-size: " + pageSize + " (expected: 1..500)");
        }
        this.backfills = backfills;
        this.states = states;
        this.directory = directory;
        this.connectors = connectors;
        this.inbox = inbox;
        this.enabled = settings.enabled();
        this.pageSize = pageSize;
        this.lease = settings.lease();
        this.pollInterval = settings.pollInterval();
        this.incrementalOverlap = settings.incrementalOverlap();
    }

    @EventListener
    void onStartup(ApplicationStartupEvent event) {
        if (enabled) {
            start();
        }
    }

    /** Starts the background thread (once). */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::loop, "adapter-backfill");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops the background thread after the page in progress; the pass stays RUNNING and is taken over later. */
    @PreDestroy
    public synchronized void stopRunner() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
    }

    /**
     * Starts a pass of an ATS connection that runs the loop.
     *
     * @param mode FULL, INCREMENTAL, or null to choose (INCREMENTAL after a finished pass, else FULL)
     */
    public Backfill start(String tenantId, String connectionId, @Nullable Backfills.Mode mode) {
        Connection connection = directory.find(tenantId, connectionId).orElseThrow(() -> DomainException.notFound(
                "CONNECTION_NOT_FOUND", "connection %s does not exist in tenant %s", connectionId, tenantId));
        if (connection.kind() != ConnectionKind.ATS || connection.sync() == null) {
            throw DomainException.failedPrecondition("CONNECTION_NOT_SYNCING", "connection %s does not run the loop "
                    + "(an ATS connection with a trigger-stage): there is nothing a backfill could select", connectionId);
        }
        Optional<Backfill> previous = backfills.lastDone(connectionId);
        Backfills.Mode chosen = mode != null ? mode : previous.isPresent() ? Backfills.Mode.INCREMENTAL : Backfills.Mode.FULL;
        Instant updatedSince = null;
        String sinceToken = null;
        if (chosen == Backfills.Mode.INCREMENTAL) {
            if (previous.isEmpty()) {
                throw DomainException.failedPrecondition("BACKFILL_NO_PREVIOUS_PASS", "connection %s has no finished "
                        + "backfill to continue from: start a FULL pass first", connectionId);
            }
            updatedSince = previous.get().startTime().minus(incrementalOverlap);
            sinceToken = previous.get().nextSyncToken();
        }
        Instant now = now();
        Backfill created = new Backfill(UUID.randomUUID().toString(), tenantId, connectionId, chosen,
                Backfills.Status.RUNNING, null, updatedSince, sinceToken, null, 0, 0, 0, 0, null, now, now, null);
        Backfill stored = backfills.create(created);
        if (!stored.id().equals(created.id())) {
            throw DomainException.failedPrecondition("BACKFILL_RUNNING", "connection %s already has backfill %s (%s): "
                    + "stop it and resume it, or wait for it to finish", connectionId, stored.id(), stored.status());
        }
        LOG.info("backfill {} of {} started ({})", stored.id(), connectionId, chosen);
        return stored;
    }

    /**
     * Runs every pass that is RUNNING and not held by another replica, to its end or until stopped.
     *
     * @return how many passes were run
     */
    public int runPending() {
        List<Backfill> claimed = backfills.claim(4, now().plus(lease), now());
        for (Backfill backfill : claimed) {
            run(backfill);
        }
        return claimed.size();
    }

    private void loop() {
        while (running) {
            try {
                if (runPending() == 0) {
                    Thread.sleep(pollInterval.toMillis());
                }
            } catch (InterruptedException e) {
                if (!running) {
                    return;
                }
            } catch (RuntimeException e) {
                LOG.warn("backfill runner could not claim or run a pass: {}", e.toString());
                try {
                    Thread.sleep(Math.max(1000, pollInterval.toMillis()));
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }

    private void run(Backfill claimed) {
        Backfill backfill = claimed;
        int restarts = 0;
        Optional<Connection> found = directory.find(backfill.tenantId(), backfill.connectionId());
        if (found.isEmpty() || found.get().sync() == null) {
            backfills.finish(backfill.id(), Backfills.Status.FAILED, 0, null, "connection " + backfill.connectionId()
                    + " no longer exists or no longer runs the loop", now());
            return;
        }
        Connection connection = found.get();
        SyncSettings sync = Objects.requireNonNull(connection.sync(), "a connection without sync settings ended the pass above");
        AtsConnector ats = connectors.ats(connection, sync.onBehalfOf());
        String cursor = backfill.cursor();
        boolean first = backfill.pages() == 0;
        if (!first && cursor == null) {
            // Stopped after its last page was committed: everything was listed.
            finish(backfill, connection, null);
            return;
        }
        int failures = 0;
        while (!Thread.currentThread().isInterrupted()) {
            AtsConnector.AtsPage page;
            try {
                page = ats.listApplications(first ? null : cursor,
                        backfill.mode() == Backfills.Mode.INCREMENTAL ? backfill.updatedSince() : null,
                        backfill.mode() == Backfills.Mode.INCREMENTAL ? backfill.sinceToken() : null, pageSize);
            } catch (VendorCallException e) {
                if (e.restartSync() && restarts < MAX_FULL_RESTARTS) {
                    // The vendor cannot go on from the token or cursor (expired, or too much changed): that is no
                    // failure, the documented remedy is to drop them and list everything again.
                    restarts++;
                    String note = "restarted as a FULL pass (" + restarts + " of at most " + MAX_FULL_RESTARTS + "): "
                            + e.code().orElse("") + ": " + e.getMessage();
                    if (!backfills.restartFull(backfill.id(), note, now().plus(lease), now())) {
                        LOG.info("backfill {} of {} stopped before it could restart", backfill.id(), connection.id());
                        return;
                    }
                    LOG.info("backfill {} of {}: {}", backfill.id(), connection.id(), note);
                    backfill = backfills.find(backfill.tenantId(), backfill.id()).orElseThrow();
                    cursor = null;
                    first = true;
                    failures = 0;
                    continue;
                }
                if (!e.retryable() || ++failures > MAX_PAGE_FAILURES) {
                    backfills.finish(backfill.id(), Backfills.Status.FAILED, 0, null, "listing page " + (backfill.pages() + 1)
                            + " failed" + (e.retryable() ? " " + failures + " times" : "") + ": " + e.getMessage(), now());
                    LOG.warn("backfill {} of {} FAILED: {}", backfill.id(), connection.id(), e.getMessage());
                    return;
                }
                if (!pause(e.retryAfter().orElse(Duration.ofSeconds(Math.min(60, 1L << failures))))) {
                    return;
                }
                continue;
            }
            failures = 0;
            first = false;
            long enqueued = enqueue(backfill, connection, sync, page.applications());
            for (AtsApplication application : page.applications()) {
                states.apply(connection.tenantId(), connection.id(), application.id(),
                        application.updatedAt() != null ? application.updatedAt() : backfill.startTime(),
                        "backfill:" + backfill.id(), application.currentStageId());
            }
            if (backfill.mode() == Backfills.Mode.FULL) {
                backfills.recordSeen(backfill.id(), page.applications().stream().map(AtsApplication::id).toList());
            }
            cursor = page.nextCursor();
            if (!backfills.checkpoint(backfill.id(), cursor, page.applications().size(), enqueued, now().plus(lease), now())) {
                LOG.info("backfill {} of {} stopped at its checkpoint", backfill.id(), connection.id());
                return;
            }
            if (cursor == null) {
                finish(backfill, connection, page.syncToken());
                return;
            }
        }
    }

    private void finish(Backfill backfill, Connection connection, @Nullable String syncToken) {
        long gone = 0;
        if (backfill.mode() == Backfills.Mode.FULL) {
            Instant now = now();
            gone = states.markUnseenGone(connection.id(), backfill.id(), now, state -> gone(backfill, state, now)).size();
        }
        backfills.finish(backfill.id(), Backfills.Status.DONE, gone, syncToken, null, now());
        LOG.info("backfill {} of {} done ({} gone)", backfill.id(), connection.id(), gone);
    }

    private static AuditEntry gone(Backfill backfill, ApplicationStates.ApplicationState state, Instant now) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("application_external_id", state.applicationId());
        attributes.put("backfill_id", backfill.id());
        attributes.put("last_applied", state.appliedTime().toString());
        String recordId = LoopIds.sha256Hex("application.gone/" + backfill.id() + "/" + state.applicationId());
        return new AuditEntry(backfill.tenantId(), recordId, recordId, APPLICATION_GONE, "", state.connectionId(),
                attributes, new byte[0], now);
    }

    /** Enqueues the applications in the trigger stage; returns how many the inbox took as new. */
    private long enqueue(Backfill backfill, Connection connection, SyncSettings sync, List<AtsApplication> applications) {
        List<InboxEvent> events = new ArrayList<>();
        Instant now = now();
        for (AtsApplication application : applications) {
            if (!application.active() || application.currentStageName() == null
                    || !sync.isTriggerStage(application.currentStageName())) {
                continue;
            }
            ObjectNode body = JSON.createObjectNode()
                    .put("application_id", application.id())
                    .put("candidate_id", application.candidateId())
                    .put("stage_id", application.currentStageId())
                    .put("backfill_id", backfill.id());
            List<EventRef> refs = List.of(
                    new EventRef(connection.id(), connection.vendor().name(), "APPLICATION", application.id()),
                    new EventRef(connection.id(), connection.vendor().name(), "CANDIDATE", application.candidateId()));
            events.add(new InboxEvent(connection.tenantId(), connection.id(), connection.vendor(), EventType.STAGE_CHANGED,
                    InboxEvent.BACKFILL_TYPE, refs, application.updatedAt() == null ? null : application.updatedAt().truncatedTo(ChronoUnit.MICROS),
                    "backfill:" + application.id() + ":" + application.currentStageId(),
                    body.toString().getBytes(StandardCharsets.UTF_8), "application/json", now));
        }
        long added = 0;
        for (int from = 0; from < events.size(); from += INBOX_BATCH) {
            for (InboxReceipt receipt : inbox.append(events.subList(from, Math.min(events.size(), from + INBOX_BATCH)))) {
                if (!receipt.duplicate()) {
                    added++;
                }
            }
        }
        return added;
    }

    private boolean pause(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
