package io.atsbridge.audit.domain;

import io.atsbridge.platform.error.DomainException;
import io.atsbridge.platform.paging.PageRequest;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.TreeSet;

/**
 * A candidate's timeline: every record about the person, in log order. The loop's steps name the candidate only in
 * some records (consent decisions carry attribute candidate_id); the others of the same loop share its trace and name
 * the application as subject. So the timeline is the records naming the candidate, plus every record of the traces
 * and applications those records tie to the candidate.
 */
@Singleton
public final class CandidateTimelines {

    /** Most traces and applications one candidate's timeline follows; a person has a handful of applications. */
    static final int MAX_TRACES = 500;
    private static final int PAGE_DEFAULT = 100;
    private static final int PAGE_MAX = 1000;

    private final LogStore store;

    CandidateTimelines(LogStore store) {
        this.store = store;
    }

    /**
     * One page of the candidate's timeline.
     *
     * @throws DomainException INVALID_ARGUMENT when the candidate id, page size or page token is malformed;
     *                         FAILED_PRECONDITION when more traces than can be followed are tied to the candidate
     */
    public CandidateTimeline timeline(String tenantId, String candidateId, int pageSize, String pageToken) {
        DomainException.checkArgument(!candidateId.isEmpty(), "CANDIDATE_ID_MISSING",
                "candidate_id is empty (expected: the canonical candidate id whose timeline to show)");
        DomainException.checkArgument(FieldRules.isId(candidateId, FieldRules.MAX_ID_LENGTH), "CANDIDATE_ID_INVALID",
                "candidate_id: %s (expected: 1..%s visible ASCII characters without spaces)",
                FieldRules.shown(candidateId), FieldRules.MAX_ID_LENGTH);
        PageRequest page = PageRequest.of(pageSize, pageToken, PAGE_DEFAULT, PAGE_MAX);
        long after = page.first() ? -1 : AuditLog.parseSequence(page.after());
        List<LogStore.CandidateTrace> tied = store.candidateTraces(tenantId, candidateId, MAX_TRACES + 1);
        if (tied.size() > MAX_TRACES) {
            throw DomainException.failedPrecondition("TIMELINE_TOO_LARGE",
                    "candidate %s is tied to more than %s traces; query the log by candidate_id and time range instead",
                    candidateId, MAX_TRACES);
        }
        TreeSet<String> traces = new TreeSet<>();
        TreeSet<String> applications = new TreeSet<>();
        for (LogStore.CandidateTrace trace : tied) {
            traces.add(trace.traceId());
            if (!trace.subjectRef().isEmpty() && !trace.subjectRef().equals(candidateId)) {
                applications.add(trace.subjectRef());
            }
        }
        List<LoggedRecord> records = store.timeline(tenantId, candidateId, traces, applications, after, page.size() + 1);
        PageRequest.Page<LoggedRecord> shown = page.slice(records, record -> String.valueOf(record.sequence()));
        return new CandidateTimeline(shown.items().stream()
                .map(record -> new CandidateTimeline.Step(record, TimelineSummary.of(record.content()))).toList(),
                shown.nextPageToken(), List.copyOf(traces), List.copyOf(applications));
    }
}
