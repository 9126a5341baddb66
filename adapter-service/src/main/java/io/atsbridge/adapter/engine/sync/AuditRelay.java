package io.atsbridge.adapter.engine.sync;

import com.google.protobuf.ByteString;
import io.atsbridge.adapter.engine.domain.AuditEntry;
import io.atsbridge.adapter.engine.domain.AuditOutbox;
import io.atsbridge.platform.proto.ProtoTimes;
import io.atsbridge.proto.audit.v1.AppendRecordsRequest;
import io.atsbridge.proto.audit.v1.AuditRecord;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Relays the audit outbox to audit-service, oldest first, one AppendRecords call per run of records of
 * the same tenant. At least once: a record relayed twice (two replicas, a crash before marking it) is
 * a duplicate there. A bias outcome ({@link BiasOutcomes}) is sent alone to BiasService.RecordOutcome instead,
 * which merges repeats. A record audit-service refuses for good is marked refused so it cannot hold up
 * the others; an unreachable audit-service leaves everything for the next run.
 */
@Singleton
public final class AuditRelay {

    private static final Logger LOG = LoggerFactory.getLogger(AuditRelay.class);
    static final int BATCH = 100;
    private static final int MAX_BATCHES_PER_RUN = 20;
    private static final Duration FIRST_PAUSE = Duration.ofSeconds(1);
    private static final Duration MAX_PAUSE = Duration.ofMinutes(1);

    private final AuditOutbox outbox;
    private final LoopPeers peers;
    /** One relay at a time in this process; other replicas may relay concurrently, which only makes duplicates. */
    private final ReentrantLock running = new ReentrantLock();
    private final Clock clock;
    /** After audit-service could not be reached, no relay before this (doubling pauses), so it is not hammered. */
    private Instant pausedUntil = Instant.EPOCH;
    private Duration pause = Duration.ZERO;

    AuditRelay(AuditOutbox outbox, LoopPeers peers, Clock clock) {
        this.clock = clock;
        this.outbox = outbox;
        this.peers = peers;
    }

    /**
     * Relays what is waiting, up to 2,000 records.
     *
     * @return how many records were relayed (or refused); 0 when another thread is relaying or audit-service is unreachable
     */
    public int relayPending() {
        if (!running.tryLock()) {
            return 0;
        }
        try {
            if (clock.instant().isBefore(pausedUntil)) {
                return 0;
            }
            int relayed = 0;
            for (int batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
                List<AuditEntry> pending = outbox.unsent(BATCH);
                if (pending.isEmpty()) {
                    break;
                }
                int done = relay(pending);
                relayed += done;
                if (done < pending.size()) {
                    break;
                }
            }
            return relayed;
        } finally {
            running.unlock();
        }
    }

    /** Relays records in order, a run of one tenant per call; stops at the first retryable failure. */
    private int relay(List<AuditEntry> pending) {
        int done = 0;
        int start = 0;
        while (start < pending.size()) {
            String tenant = pending.get(start).tenantId();
            int end = start + 1;
            // A bias outcome goes alone to BiasService; a run of log records stops before one.
            if (!isOutcome(pending.get(start))) {
                while (end < pending.size() && pending.get(end).tenantId().equals(tenant) && !isOutcome(pending.get(end))) {
                    end++;
                }
            }
            List<AuditEntry> run = pending.subList(start, end);
            try {
                append(tenant, run);
                outbox.markSent(run, clock.instant());
                pause = Duration.ZERO;
                done += run.size();
            } catch (SyncFailure failure) {
                if (!refused(failure)) {
                    waiting(failure);
                    return done;
                }
                // One of the records is refused: send them one by one so the others still go.
                for (AuditEntry entry : run) {
                    try {
                        append(tenant, List.of(entry));
                        outbox.markSent(List.of(entry), clock.instant());
                    } catch (SyncFailure single) {
                        if (!refused(single)) {
                            waiting(single);
                            return done;
                        }
                        LOG.error("audit-service refused record {} ({} of trace {}), which is left out of the log: {}",
                                entry.recordId(), entry.action(), entry.traceId(), single.getMessage());
                        outbox.markRefused(entry, single.getMessage(), clock.instant());
                    }
                    done++;
                }
            }
            start = end;
        }
        return done;
    }

    /** Pauses relaying, doubling the pause each time in a row (1 s up to 1 min), and says why once per pause. */
    private void waiting(SyncFailure failure) {
        pause = pause.isZero() ? FIRST_PAUSE : pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
        pausedUntil = clock.instant().plus(pause);
        LOG.warn("audit records wait in the outbox (next relay in {} s): {}", pause.toSeconds(), failure.getMessage());
    }

    /**
     * Whether audit-service itself refused the records as they are (a malformed record, or a record id
     * used for other content). Anything else, including missing configuration or credentials, is
     * something an operator fixes, and the records wait for it.
     */
    private static boolean refused(SyncFailure failure) {
        return failure.getCause() instanceof StatusRuntimeException status
                && (status.getStatus().getCode() == Status.Code.INVALID_ARGUMENT
                || status.getStatus().getCode() == Status.Code.ALREADY_EXISTS);
    }

    private static boolean isOutcome(AuditEntry entry) {
        return BiasOutcomes.ACTION.equals(entry.action());
    }

    private void append(String tenant, List<AuditEntry> entries) {
        if (entries.size() == 1 && isOutcome(entries.get(0))) {
            peers.recordOutcome(tenant, entries.get(0).traceId(), BiasOutcomes.request(entries.get(0)));
            return;
        }
        List<AuditRecord> records = new ArrayList<>(entries.size());
        for (AuditEntry entry : entries) {
            records.add(AuditRecord.newBuilder()
                    .setRecordId(entry.recordId())
                    .setTraceId(entry.traceId())
                    .setAction(entry.action())
                    .setActor(AuditRecords.ACTOR)
                    .setSubjectRef(entry.subjectRef())
                    .setConnectionId(entry.connectionId())
                    .putAllAttributes(entry.attributes())
                    .setPayloadSha256(ByteString.copyFrom(entry.payloadSha256()))
                    .setOccurTime(ProtoTimes.toProto(entry.occurTime()))
                    .build());
        }
        peers.appendRecords(tenant, entries.get(0).traceId(),
                AppendRecordsRequest.newBuilder().addAllRecords(records).build());
    }
}
