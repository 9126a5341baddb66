package io.atsbridge.identity.domain;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where the identity directory keeps canonical candidates, applications and requisitions and the external ids
 * linked to them; persistence implements it. Everything is per tenant. Writes join the caller's transaction, so
 * that {@link IdentityDirectory} decides what is one unit of work.
 *
 * <p>At most one link exists per tenant, connection, kind and external id: adding a second fails with a
 * duplicate key (see {@link io.atsbridge.platform.database.SqlFailures#isDuplicateKey}). That unique key is what
 * lets concurrent first sightings of one external id agree on one canonical record.
 */
public interface CandidateStore {

    /** The link of an external id, if it was ever seen. */
    Optional<ExternalLink> findLink(String tenantId, ExternalId ref);

    /** Links an external id to a canonical record; fails with a duplicate key when it is linked already. */
    void addLink(String tenantId, ExternalId ref, String entityId, @Nullable String candidateId,
                 @Nullable String applicationId, Instant createTime);

    /** Up to {@code limit} of the candidate's links (candidate and application links) after link {@code afterId}, oldest first. */
    List<ExternalLink> links(String tenantId, String candidateId, long afterId, int limit);

    /**
     * Moves every link of candidate {@code fromId} to candidate {@code toId}: its candidate links then name
     * {@code toId}, and its application links count as {@code toId}'s. Returns how many links moved.
     */
    long moveLinks(String tenantId, String fromId, String toId);

    Optional<Candidate> findCandidate(String tenantId, String candidateId);

    /** Stores a new candidate and returns it as stored. */
    Candidate addCandidate(Candidate candidate);

    /** Replaces what is stored of the candidate and returns it as stored. */
    Candidate updateCandidate(Candidate candidate);

    Optional<Application> findApplication(String tenantId, String applicationId);

    /** Stores a new application and returns it as stored. */
    Application addApplication(Application application);

    /** Gives candidate {@code toId} the applications of candidate {@code fromId}, updated at {@code updateTime}. */
    void moveApplications(String tenantId, String fromId, String toId, Instant updateTime);

    /** Stores a new canonical requisition, known so far only by its links. */
    void addRequisition(String tenantId, String requisitionId, Instant createTime);
}
