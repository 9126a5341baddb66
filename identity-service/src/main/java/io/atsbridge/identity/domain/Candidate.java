package io.atsbridge.identity.domain;

import java.time.Instant;
import java.util.List;

/**
 * A canonical candidate: the one record every system's candidate ids resolve to. Empty strings are unknown.
 *
 * @param jurisdictions the jurisdiction codes that apply to the candidate, in the order they became known
 */
public record Candidate(
        String id,
        String tenantId,
        String givenName,
        String familyName,
        String email,
        String phone,
        List<String> jurisdictions,
        Instant createTime,
        Instant updateTime) {

    public Candidate {
        jurisdictions = List.copyOf(jurisdictions);
    }
}
