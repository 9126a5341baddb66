package io.atsbridge.identity.persistence;

import io.atsbridge.identity.domain.Application;
import io.atsbridge.identity.domain.Candidate;
import io.atsbridge.identity.domain.CandidateStore;
import io.atsbridge.identity.domain.ExternalId;
import io.atsbridge.identity.domain.ExternalIdKind;
import io.atsbridge.identity.domain.ExternalLink;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.model.Pageable;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The tables {@code candidate}, {@code application}, {@code requisition} and {@code external_link}. Every
 * repository call joins the caller's transaction, if any.
 */
@Singleton
final class JdbcCandidateStore implements CandidateStore {

    private final CandidateRepository candidates;
    private final ApplicationRepository applications;
    private final RequisitionRepository requisitions;
    private final ExternalLinkRepository links;

    JdbcCandidateStore(CandidateRepository candidates, ApplicationRepository applications,
                       RequisitionRepository requisitions, ExternalLinkRepository links) {
        this.candidates = candidates;
        this.applications = applications;
        this.requisitions = requisitions;
        this.links = links;
    }

    @Override
    public Optional<ExternalLink> findLink(String tenantId, ExternalId ref) {
        return links.findByTenantIdAndConnectionIdAndExternalKindAndExternalId(
                tenantId, ref.connectionId(), ref.kind().name(), ref.id()).map(JdbcCandidateStore::toDomain);
    }

    @Override
    public void addLink(String tenantId, ExternalId ref, String entityId, @Nullable String candidateId,
                        @Nullable String applicationId, Instant createTime) {
        links.save(new ExternalLinkRow(null, tenantId, ref.connectionId(), ref.vendor(), ref.kind().name(), ref.id(),
                entityId, candidateId, applicationId, createTime));
    }

    @Override
    public List<ExternalLink> links(String tenantId, String candidateId, long afterId, int limit) {
        return links.findByTenantIdAndCandidateIdAndIdGreaterThanOrderByIdAsc(
                        tenantId, candidateId, afterId, Pageable.from(0, limit))
                .stream().map(JdbcCandidateStore::toDomain).toList();
    }

    @Override
    public long moveLinks(String tenantId, String fromId, String toId) {
        // Candidate links first: once they name toId, the second statement finds only the application links.
        return links.moveCandidateLinks(tenantId, fromId, toId) + links.moveOtherLinks(tenantId, fromId, toId);
    }

    @Override
    public Optional<Candidate> findCandidate(String tenantId, String candidateId) {
        return candidates.findByIdAndTenantId(candidateId, tenantId).map(JdbcCandidateStore::toDomain);
    }

    @Override
    public Candidate addCandidate(Candidate candidate) {
        return toDomain(candidates.save(toRow(candidate)));
    }

    @Override
    public Candidate updateCandidate(Candidate candidate) {
        return toDomain(candidates.update(toRow(candidate)));
    }

    @Override
    public Optional<Application> findApplication(String tenantId, String applicationId) {
        return applications.findByIdAndTenantId(applicationId, tenantId).map(JdbcCandidateStore::toDomain);
    }

    @Override
    public Application addApplication(Application application) {
        return toDomain(applications.save(new ApplicationRow(application.id(), application.tenantId(),
                application.candidateId(), application.requisitionId(), application.createTime(),
                application.updateTime())));
    }

    @Override
    public void moveApplications(String tenantId, String fromId, String toId, Instant updateTime) {
        applications.moveApplications(tenantId, fromId, toId, updateTime);
    }

    @Override
    public void addRequisition(String tenantId, String requisitionId, Instant createTime) {
        requisitions.save(new RequisitionRow(requisitionId, tenantId, createTime));
    }

    private static CandidateRow toRow(Candidate candidate) {
        return new CandidateRow(candidate.id(), candidate.tenantId(), candidate.givenName(), candidate.familyName(),
                candidate.email(), candidate.phone(), String.join(",", candidate.jurisdictions()),
                candidate.createTime(), candidate.updateTime());
    }

    private static Candidate toDomain(CandidateRow row) {
        List<String> jurisdictions = row.jurisdictions().isEmpty() ? List.of() : Arrays.asList(row.jurisdictions().split(","));
        return new Candidate(row.id(), row.tenantId(), row.givenName(), row.familyName(), row.email(), row.phone(),
                jurisdictions, row.createTime(), row.updateTime());
    }

    private static Application toDomain(ApplicationRow row) {
        return new Application(row.id(), row.tenantId(), row.candidateId(), row.requisitionId(), row.createTime(),
                row.updateTime());
    }

    private static ExternalLink toDomain(ExternalLinkRow row) {
        return new ExternalLink(Objects.requireNonNull(row.id(), "a stored link has its id"), new ExternalId(row.connectionId(), row.vendor(),
                ExternalIdKind.valueOf(row.externalKind()), row.externalId()), row.entityId(), row.candidateId(),
                row.applicationId(), row.createTime());
    }
}
