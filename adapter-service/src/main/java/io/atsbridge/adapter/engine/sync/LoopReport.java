package io.atsbridge.adapter.engine.sync;

import io.atsbridge.adapter.engine.domain.AuditOutbox;
import io.atsbridge.adapter.engine.domain.EventStatus;
import io.atsbridge.adapter.engine.domain.InboxQueue;
import io.atsbridge.adapter.engine.domain.LoopCaseStatus;
import io.atsbridge.adapter.engine.domain.LoopStore;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * How the loop is doing for a tenant, in plain Java for in-process callers (the launcher's demo):
 * cases and inbox events by status, and how long it took from the stage change arriving to the
 * results being on the ATS record.
 */
@Singleton
public final class LoopReport {

    /** The most written cases the latencies are taken from (the most recent ones). */
    static final int MAX_LATENCY_SAMPLES = 100_000;

    /**
     * @param casesByStatus        every case status, zero when none
     * @param eventsByStatus       every inbox event status, zero when none
     * @param writtenCases         how many cases the latencies are taken from
     * @param medianWriteLatency   median of write_time - trigger_receive_time over WRITTEN cases; null when none
     * @param worstWriteLatency    the longest of them; null when none
     * @param auditRecordsPending  audit records still waiting in the outbox
     */
    public record Summary(
            String tenantId,
            Map<LoopCaseStatus, Long> casesByStatus,
            Map<EventStatus, Long> eventsByStatus,
            int writtenCases,
            @Nullable Duration medianWriteLatency,
            @Nullable Duration worstWriteLatency,
            long auditRecordsPending) {
    }

    private final LoopStore cases;
    private final InboxQueue inbox;
    private final AuditOutbox outbox;

    LoopReport(LoopStore cases, InboxQueue inbox, AuditOutbox outbox) {
        this.cases = cases;
        this.inbox = inbox;
        this.outbox = outbox;
    }

    public Summary summarize(String tenantId) {
        Map<LoopCaseStatus, Long> caseCounts = new EnumMap<>(LoopCaseStatus.class);
        for (LoopCaseStatus status : LoopCaseStatus.values()) {
            caseCounts.put(status, 0L);
        }
        caseCounts.putAll(cases.countByStatus(tenantId));
        Map<EventStatus, Long> eventCounts = new EnumMap<>(EventStatus.class);
        for (EventStatus status : EventStatus.values()) {
            eventCounts.put(status, 0L);
        }
        eventCounts.putAll(inbox.countByStatus(tenantId));
        List<Duration> latencies = new ArrayList<>(cases.writeLatencies(tenantId, MAX_LATENCY_SAMPLES));
        Collections.sort(latencies);
        Duration median = latencies.isEmpty() ? null : median(latencies);
        Duration worst = latencies.isEmpty() ? null : latencies.get(latencies.size() - 1);
        return new Summary(tenantId, Collections.unmodifiableMap(caseCounts), Collections.unmodifiableMap(eventCounts),
                latencies.size(), median, worst, outbox.unsentCount(tenantId));
    }

    /** The median of sorted durations: the middle one, or the mean of the two middle ones. */
    static Duration median(List<Duration> sorted) {
        int middle = sorted.size() / 2;
        if (sorted.size() % 2 == 1) {
            return sorted.get(middle);
        }
        return sorted.get(middle - 1).plus(sorted.get(middle)).dividedBy(2);
    }
}
