package io.atsbridge.mapping.grpc;

import io.atsbridge.mapping.domain.MappingProfile;
import io.atsbridge.mapping.domain.MappingProfiles;
import io.atsbridge.mapping.domain.WriteBackPlanner;
import io.atsbridge.mapping.domain.WriteCapabilities;
import io.atsbridge.mapping.domain.WritePlan;
import io.atsbridge.platform.context.CallContext;
import io.atsbridge.platform.error.DomainException;
import io.atsbridge.proto.mapping.v1.GetMappingProfileRequest;
import io.atsbridge.proto.mapping.v1.GetMappingProfileResponse;
import io.atsbridge.proto.mapping.v1.MappingServiceGrpc;
import io.atsbridge.proto.mapping.v1.PlanWriteBackRequest;
import io.atsbridge.proto.mapping.v1.PlanWriteBackResponse;
import io.atsbridge.proto.mapping.v1.UpsertMappingProfileRequest;
import io.atsbridge.proto.mapping.v1.UpsertMappingProfileResponse;
import io.grpc.stub.StreamObserver;
import jakarta.inject.Singleton;

/** Translates mapping-service RPCs to {@link MappingProfiles} and {@link WriteBackPlanner} and back. */
@Singleton
final class MappingGrpcService extends MappingServiceGrpc.MappingServiceImplBase {

    private final MappingProfiles profiles;
    private final WriteBackPlanner planner;

    MappingGrpcService(MappingProfiles profiles, WriteBackPlanner planner) {
        this.profiles = profiles;
        this.planner = planner;
    }

    @Override
    public void planWriteBack(PlanWriteBackRequest request, StreamObserver<PlanWriteBackResponse> observer) {
        DomainException.checkArgument(request.hasAssessment(), "ASSESSMENT_MISSING",
                "assessment is unset (expected: the AI result to plan the write-back for)");
        WritePlan plan = planner.plan(CallContext.tenant(), request.getProfileId(), request.getProfileVersion(),
                PlanMessages.toDomain(request.getAssessment()), request.getAuditReference(),
                request.hasCapabilities() ? PlanMessages.toDomain(request.getCapabilities()) : WriteCapabilities.UNLIMITED);
        observer.onNext(PlanWriteBackResponse.newBuilder().setPlan(PlanMessages.toProto(plan)).build());
        observer.onCompleted();
    }

    @Override
    public void getMappingProfile(GetMappingProfileRequest request, StreamObserver<GetMappingProfileResponse> observer) {
        MappingProfile profile = profiles.get(CallContext.tenant(), request.getProfileId(), request.getVersion());
        observer.onNext(GetMappingProfileResponse.newBuilder().setProfile(ProfileMessages.toProto(profile)).build());
        observer.onCompleted();
    }

    @Override
    public void upsertMappingProfile(UpsertMappingProfileRequest request, StreamObserver<UpsertMappingProfileResponse> observer) {
        DomainException.checkArgument(request.hasProfile(), "PROFILE_MISSING",
                "profile is unset (expected: the profile's content with id, connection_id and field_mappings)");
        MappingProfile profile = profiles.upsert(CallContext.tenant(), request.getRequestId(),
                ProfileMessages.toDraft(request.getProfile()));
        observer.onNext(UpsertMappingProfileResponse.newBuilder().setProfile(ProfileMessages.toProto(profile)).build());
        observer.onCompleted();
    }
}
