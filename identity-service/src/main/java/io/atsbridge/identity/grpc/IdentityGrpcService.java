package io.atsbridge.identity.grpc;

import io.atsbridge.identity.domain.Application;
import io.atsbridge.identity.domain.Candidate;
import io.atsbridge.identity.domain.ExternalId;
import io.atsbridge.identity.domain.ExternalIdKind;
import io.atsbridge.identity.domain.ExternalLink;
import io.atsbridge.identity.domain.IdentityDirectory;
import io.atsbridge.identity.domain.LinkPage;
import io.atsbridge.identity.domain.Profile;
import io.atsbridge.identity.domain.Resolution;
import io.atsbridge.platform.context.CallContext;
import io.atsbridge.platform.error.DomainException;
import io.atsbridge.platform.proto.ProtoTimes;
import io.atsbridge.proto.common.v1.ExternalKind;
import io.atsbridge.proto.common.v1.ExternalRef;
import io.atsbridge.proto.common.v1.Vendor;
import io.atsbridge.proto.identity.v1.CandidateLink;
import io.atsbridge.proto.identity.v1.CandidateProfile;
import io.atsbridge.proto.identity.v1.GetCandidateRequest;
import io.atsbridge.proto.identity.v1.GetCandidateResponse;
import io.atsbridge.proto.identity.v1.IdentityServiceGrpc;
import io.atsbridge.proto.identity.v1.ListCandidateLinksRequest;
import io.atsbridge.proto.identity.v1.ListCandidateLinksResponse;
import io.atsbridge.proto.identity.v1.MergeCandidatesRequest;
import io.atsbridge.proto.identity.v1.MergeCandidatesResponse;
import io.atsbridge.proto.identity.v1.ResolveCandidateRequest;
import io.atsbridge.proto.identity.v1.ResolveCandidateResponse;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Singleton;

/** Translates identity-service RPCs to the {@link IdentityDirectory} and back. */
@Singleton
final class IdentityGrpcService extends IdentityServiceGrpc.IdentityServiceImplBase {

    private final IdentityDirectory directory;

    IdentityGrpcService(IdentityDirectory directory) {
        this.directory = directory;
    }

    @Override
    public void resolveCandidate(ResolveCandidateRequest request, StreamObserver<ResolveCandidateResponse> observer) {
        DomainException.checkArgument(request.hasCandidateRef(), "CANDIDATE_REF_MISSING",
                "candidate_ref is unset (expected: the candidate's external id)");
        CandidateProfile profile = request.getProfile();
        Resolution resolution = directory.resolve(CallContext.tenant(),
                toDomain(request.getCandidateRef()),
                request.hasApplicationRef() ? toDomain(request.getApplicationRef()) : null,
                request.hasRequisitionRef() ? toDomain(request.getRequisitionRef()) : null,
                new Profile(profile.getGivenName(), profile.getFamilyName(), profile.getEmail(), profile.getPhone(),
                        profile.getJurisdictionsList()));
        ResolveCandidateResponse.Builder response = ResolveCandidateResponse.newBuilder()
                .setCandidate(toProto(resolution.candidate()))
                .setCandidateCreated(resolution.candidateCreated())
                .setApplicationCreated(resolution.applicationCreated());
        if (resolution.application() != null) {
            response.setApplication(toProto(resolution.application()));
        }
        observer.onNext(response.build());
        observer.onCompleted();
    }

    @Override
    public void getCandidate(GetCandidateRequest request, StreamObserver<GetCandidateResponse> observer) {
        Candidate candidate = directory.getCandidate(CallContext.tenant(), request.getCandidateId());
        observer.onNext(GetCandidateResponse.newBuilder().setCandidate(toProto(candidate)).build());
        observer.onCompleted();
    }

    @Override
    public void listCandidateLinks(ListCandidateLinksRequest request, StreamObserver<ListCandidateLinksResponse> observer) {
        LinkPage page = directory.listLinks(CallContext.tenant(), request.getCandidateId(),
                request.getPageSize(), request.getPageToken());
        ListCandidateLinksResponse.Builder response = ListCandidateLinksResponse.newBuilder()
                .setNextPageToken(page.nextPageToken());
        for (ExternalLink link : page.links()) {
            CandidateLink.Builder proto = CandidateLink.newBuilder()
                    .setRef(ExternalRef.newBuilder()
                            .setConnectionId(link.ref().connectionId())
                            .setVendor(Vendor.valueOf("VENDOR_" + link.ref().vendor()))
                            .setKind(ExternalKind.valueOf("EXTERNAL_KIND_" + link.ref().kind().name()))
                            .setId(link.ref().id()))
                    .setCandidateId(link.candidateId() == null ? "" : link.candidateId())
                    .setCreateTime(ProtoTimes.toProto(link.createTime()));
            if (link.applicationId() != null) {
                proto.setApplicationId(link.applicationId());
            }
            response.addLinks(proto);
        }
        observer.onNext(response.build());
        observer.onCompleted();
    }

    @Override
    public void mergeCandidates(MergeCandidatesRequest request, StreamObserver<MergeCandidatesResponse> observer) {
        DomainException.checkArgument(request.hasSurvivingRef(), "SURVIVING_REF_MISSING",
                "surviving_ref is unset (expected: the external id of the candidate record the source system kept)");
        DomainException.checkArgument(request.hasMergedRef(), "MERGED_REF_MISSING",
                "merged_ref is unset (expected: the external id of the candidate record merged into it)");
        IdentityDirectory.MergeOutcome outcome = directory.merge(CallContext.tenant(), toDomain(request.getSurvivingRef()),
                toDomain(request.getMergedRef()));
        MergeCandidatesResponse.Builder response = MergeCandidatesResponse.newBuilder()
                .setMovedLinkCount(outcome.movedLinks());
        if (outcome.candidate() != null) {
            response.setCandidate(toProto(outcome.candidate()));
        }
        if (outcome.mergedCandidateId() != null) {
            response.setMergedCandidateId(outcome.mergedCandidateId());
        }
        observer.onNext(response.build());
        observer.onCompleted();
    }

    private static ExternalId toDomain(ExternalRef ref) {
        DomainException.checkArgument(ref.getVendor() != Vendor.VENDOR_UNSPECIFIED && ref.getVendor() != Vendor.UNRECOGNIZED,
                "EXTERNAL_REF_INCOMPLETE", "external ref %s of connection %s has no vendor (expected: e.g. VENDOR_GREENHOUSE)",
                ref.getId(), ref.getConnectionId());
        ExternalIdKind kind = switch (ref.getKind()) {
            case EXTERNAL_KIND_CANDIDATE -> ExternalIdKind.CANDIDATE;
            case EXTERNAL_KIND_APPLICATION -> ExternalIdKind.APPLICATION;
            case EXTERNAL_KIND_REQUISITION -> ExternalIdKind.REQUISITION;
            case EXTERNAL_KIND_INTERVIEW -> ExternalIdKind.INTERVIEW;
            case EXTERNAL_KIND_USER -> ExternalIdKind.USER;
            default -> throw DomainException.invalidArgument("EXTERNAL_REF_INCOMPLETE",
                    "external ref %s of connection %s has no kind (expected: e.g. EXTERNAL_KIND_CANDIDATE)",
                    ref.getId(), ref.getConnectionId());
        };
        return new ExternalId(ref.getConnectionId(), ref.getVendor().name().substring("VENDOR_".length()), kind, ref.getId());
    }

    // The domain and the contract both name these Candidate and Application; the contract's are spelled out.
    private static io.atsbridge.proto.common.v1.Candidate toProto(Candidate candidate) {
        return io.atsbridge.proto.common.v1.Candidate.newBuilder()
                .setId(candidate.id())
                .setTenantId(candidate.tenantId())
                .setGivenName(candidate.givenName())
                .setFamilyName(candidate.familyName())
                .setEmail(candidate.email())
                .setPhone(candidate.phone())
                .addAllJurisdictions(candidate.jurisdictions())
                .setCreateTime(ProtoTimes.toProto(candidate.createTime()))
                .setUpdateTime(ProtoTimes.toProto(candidate.updateTime()))
                .build();
    }

    private static io.atsbridge.proto.common.v1.Application toProto(Application application) {
        return io.atsbridge.proto.common.v1.Application.newBuilder()
                .setId(application.id())
                .setTenantId(application.tenantId())
                .setCandidateId(application.candidateId())
                .setRequisitionId(application.requisitionId() == null ? "" : application.requisitionId())
                .setCreateTime(ProtoTimes.toProto(application.createTime()))
                .setUpdateTime(ProtoTimes.toProto(application.updateTime()))
                .build();
    }
}
