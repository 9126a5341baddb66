package io.atsbridge.audit.domain;

import java.util.List;

/**
 * One page of a candidate's timeline.
 *
 * @param steps          the records on this page, in log order, each with a sentence for people
 * @param nextPageToken  fetches the next page; empty on the last
 * @param traceIds       the traces tied to the candidate, sorted
 * @param applicationIds the applications tied to the candidate, sorted
 */
public record CandidateTimeline(List<Step> steps, String nextPageToken, List<String> traceIds,
                                List<String> applicationIds) {

    public CandidateTimeline {
        steps = List.copyOf(steps);
        traceIds = List.copyOf(traceIds);
        applicationIds = List.copyOf(applicationIds);
    }

    /** One record of the timeline and what it says, in one sentence. */
    public record Step(LoggedRecord record, String summary) {
    }
}
