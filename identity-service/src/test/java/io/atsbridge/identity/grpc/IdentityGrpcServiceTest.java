package io.atsbridge.identity.grpc;

import io.atsbridge.platform.error.GrpcErrors;
import io.atsbridge.platform.testing.GrpcServiceTest;
import io.atsbridge.platform.testing.TestCalls;
import io.atsbridge.proto.common.v1.ExternalKind;
import io.atsbridge.proto.common.v1.ExternalRef;
import io.atsbridge.proto.common.v1.Vendor;
import io.atsbridge.proto.identity.v1.CandidateLink;
import io.atsbridge.proto.identity.v1.CandidateProfile;
import io.atsbridge.proto.identity.v1.GetCandidateRequest;
import io.atsbridge.proto.identity.v1.IdentityServiceGrpc;
import io.atsbridge.proto.identity.v1.IdentityServiceGrpc.IdentityServiceBlockingStub;
import io.atsbridge.proto.identity.v1.ListCandidateLinksRequest;
import io.atsbridge.proto.identity.v1.ListCandidateLinksResponse;
import io.atsbridge.proto.identity.v1.MergeCandidatesRequest;
import io.atsbridge.proto.identity.v1.MergeCandidatesResponse;
import io.atsbridge.proto.identity.v1.ResolveCandidateRequest;
import io.atsbridge.proto.identity.v1.ResolveCandidateResponse;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@MicronautTest(environments = "identity")
class IdentityGrpcServiceTest extends GrpcServiceTest {

    IdentityGrpcServiceTest() {
        super("identity");
    }

    private IdentityServiceBlockingStub identity() {
        return TestCalls.asTenant(IdentityServiceGrpc.newBlockingStub(channel));
    }

    private static ExternalRef ref(ExternalKind kind, String id) {
        return ExternalRef.newBuilder().setConnectionId("gh-acme").setVendor(Vendor.VENDOR_GREENHOUSE)
                .setKind(kind).setId(id).build();
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void resolveCreatesOnceAndThenFindsTheSameRecords() {
        String candidateId = "c-" + unique();
        ResolveCandidateRequest request = ResolveCandidateRequest.newBuilder()
                .setCandidateRef(ref(ExternalKind.EXTERNAL_KIND_CANDIDATE, candidateId))
                .setApplicationRef(ref(ExternalKind.EXTERNAL_KIND_APPLICATION, "a-" + candidateId))
                .setRequisitionRef(ref(ExternalKind.EXTERNAL_KIND_REQUISITION, "job-42"))
                .setProfile(CandidateProfile.newBuilder().setGivenName("Ada").setFamilyName("Lovelace")
                        .setEmail("  Ada.Lovelace@Example.COM ").addJurisdictions("US-IL"))
                .build();

        ResolveCandidateResponse first = identity().resolveCandidate(request);
        ResolveCandidateResponse again = identity().resolveCandidate(request);

        assertThat(first.getCandidateCreated()).isTrue();
        assertThat(first.getApplicationCreated()).isTrue();
        assertThat(first.getCandidate().getEmail()).isEqualTo("ada.lovelace@example.com");
        assertThat(first.getCandidate().getJurisdictionsList()).containsExactly("US-IL");
        assertThat(first.getApplication().getCandidateId()).isEqualTo(first.getCandidate().getId());
        assertThat(first.getApplication().getRequisitionId()).isNotEmpty();
        assertThat(again.getCandidateCreated()).isFalse();
        assertThat(again.getApplicationCreated()).isFalse();
        assertThat(again.getCandidate().getId()).isEqualTo(first.getCandidate().getId());
        assertThat(again.getApplication().getId()).isEqualTo(first.getApplication().getId());

        var fetched = identity().getCandidate(GetCandidateRequest.newBuilder()
                .setCandidateId(first.getCandidate().getId()).build()).getCandidate();
        assertThat(fetched.getGivenName()).isEqualTo("Ada");
        assertThat(fetched.getTenantId()).isEqualTo(TestCalls.TENANT);
    }

    @Test
    void laterProfilesFillGapsButNeverEraseKnownValues() {
        String candidateId = "c-" + unique();
        ExternalRef candidate = ref(ExternalKind.EXTERNAL_KIND_CANDIDATE, candidateId);
        identity().resolveCandidate(ResolveCandidateRequest.newBuilder().setCandidateRef(candidate)
                .setProfile(CandidateProfile.newBuilder().setGivenName("Grace")).build());
        ResolveCandidateResponse second = identity().resolveCandidate(ResolveCandidateRequest.newBuilder()
                .setCandidateRef(candidate)
                .setProfile(CandidateProfile.newBuilder().setGivenName("G.").setFamilyName("Hopper")
                        .addJurisdictions("US-NY-NYC")).build());
        assertThat(second.getCandidate().getGivenName()).isEqualTo("Grace");
        assertThat(second.getCandidate().getFamilyName()).isEqualTo("Hopper");
        assertThat(second.getCandidate().getJurisdictionsList()).containsExactly("US-NY-NYC");
    }

    @Test
    void concurrentFirstSightingsCreateOneCandidate() throws Exception {
        String candidateId = "c-" + unique();
        ResolveCandidateRequest request = ResolveCandidateRequest.newBuilder()
                .setCandidateRef(ref(ExternalKind.EXTERNAL_KIND_CANDIDATE, candidateId)).build();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<String>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(() -> identity().resolveCandidate(request).getCandidate().getId());
            }
            Set<String> ids = new HashSet<>();
            for (Future<String> result : pool.invokeAll(calls)) {
                ids.add(result.get());
            }
            assertThat(ids).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The adapter and a caller resolving the same application at once, as the loop and an operator do:
     * InnoDB can answer two such inserts with a deadlock, not only a duplicate key, and either must end
     * in the one application both see.
     */
    @Test
    void concurrentSightingsOfOneApplicationResolveToIt() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 10; round++) {
                String candidateId = "c-" + unique();
                List<Callable<String>> calls = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    ResolveCandidateRequest request = ResolveCandidateRequest.newBuilder()
                            .setCandidateRef(ref(ExternalKind.EXTERNAL_KIND_CANDIDATE, candidateId))
                            .setApplicationRef(ref(ExternalKind.EXTERNAL_KIND_APPLICATION, "a-" + candidateId))
                            .setRequisitionRef(ref(ExternalKind.EXTERNAL_KIND_REQUISITION, "r-" + candidateId))
                            .setProfile(CandidateProfile.newBuilder().setGivenName("Grace").setEmail(i + "@example.com")
                                    .addJurisdictions(i % 2 == 0 ? "US-IL" : "US-NY-NYC"))
                            .build();
                    calls.add(() -> identity().resolveCandidate(request).getApplication().getId());
                }
                Set<String> ids = new HashSet<>();
                for (Future<String> result : pool.invokeAll(calls)) {
                    ids.add(result.get());
                }
                assertThat(ids).as("round %s", round).hasSize(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void linksArePagedOldestFirst() {
        String candidateId = "c-" + unique();
        ResolveCandidateResponse resolved = identity().resolveCandidate(ResolveCandidateRequest.newBuilder()
                .setCandidateRef(ref(ExternalKind.EXTERNAL_KIND_CANDIDATE, candidateId))
                .setApplicationRef(ref(ExternalKind.EXTERNAL_KIND_APPLICATION, "a1-" + candidateId)).build());
        identity().resolveCandidate(ResolveCandidateRequest.newBuilder()
                .setCandidateRef(ref(ExternalKind.EXTERNAL_KIND_CANDIDATE, candidateId))
                .setApplicationRef(ref(ExternalKind.EXTERNAL_KIND_APPLICATION, "a2-" + candidateId)).build());
        String id = resolved.getCandidate().getId();

        List<String> seen = new ArrayList<>();
        String token = "";
        int pages = 0;
        do {
            ListCandidateLinksResponse page = identity().listCandidateLinks(ListCandidateLinksRequest.newBuilder()
                    .setCandidateId(id).setPageSize(1).setPageToken(token).build());
            for (CandidateLink link : page.getLinksList()) {
                seen.add(link.getRef().getKind() + ":" + link.getRef().getId());
            }
            token = page.getNextPageToken();
            pages++;
        } while (!token.isEmpty() && pages < 10);

        assertThat(seen).containsExactly(
                "EXTERNAL_KIND_CANDIDATE:" + candidateId,
                "EXTERNAL_KIND_APPLICATION:a1-" + candidateId,
                "EXTERNAL_KIND_APPLICATION:a2-" + candidateId);
    }

    @Test
    void badInputIsRejectedAndStoresNothing() {
        long candidatesBefore = database.count("candidate");
        long linksBefore = database.count("external_link");

        assertError(() -> identity().resolveCandidate(ResolveCandidateRequest.getDefaultInstance()),
                Status.Code.INVALID_ARGUMENT, "CANDIDATE_REF_MISSING");
        assertError(() -> identity().resolveCandidate(ResolveCandidateRequest.newBuilder()
                        .setCandidateRef(ref(ExternalKind.EXTERNAL_KIND_APPLICATION, "x")).build()),
                Status.Code.INVALID_ARGUMENT, "EXTERNAL_REF_KIND_MISMATCH");
        assertError(() -> identity().resolveCandidate(ResolveCandidateRequest.newBuilder()
                        .setCandidateRef(ref(ExternalKind.EXTERNAL_KIND_CANDIDATE, "")).build()),
                Status.Code.INVALID_ARGUMENT, "EXTERNAL_REF_INCOMPLETE");
        assertError(() -> identity().resolveCandidate(ResolveCandidateRequest.newBuilder()
                        .setCandidateRef(ref(ExternalKind.EXTERNAL_KIND_CANDIDATE, "c-bad-mail"))
                        .setProfile(CandidateProfile.newBuilder().setEmail("not an address")).build()),
                Status.Code.INVALID_ARGUMENT, "EMAIL_INVALID");
        assertError(() -> identity().resolveCandidate(ResolveCandidateRequest.newBuilder()
                        .setCandidateRef(ref(ExternalKind.EXTERNAL_KIND_CANDIDATE, "c-bad-place"))
                        .setProfile(CandidateProfile.newBuilder().addJurisdictions("Illinois")).build()),
                Status.Code.INVALID_ARGUMENT, "JURISDICTION_INVALID");
        assertError(() -> identity().listCandidateLinks(ListCandidateLinksRequest.newBuilder()
                        .setCandidateId("whatever").setPageSize(9999).build()),
                Status.Code.INVALID_ARGUMENT, "PAGE_SIZE_INVALID");

        assertThat(database.count("candidate")).isEqualTo(candidatesBefore);
        assertThat(database.count("external_link")).isEqualTo(linksBefore);
    }

    @Test
    void mergingTwoKnownCandidatesMovesEveryLinkAndApplicationToTheSurvivor() {
        String survivorId = "c-" + unique();
        String mergedId = "c-" + unique();
        ResolveCandidateResponse survivor = identity().resolveCandidate(ResolveCandidateRequest.newBuilder()
                .setCandidateRef(ref(ExternalKind.EXTERNAL_KIND_CANDIDATE, survivorId))
                .setApplicationRef(ref(ExternalKind.EXTERNAL_KIND_APPLICATION, "a-" + survivorId))
                .setProfile(CandidateProfile.newBuilder().setGivenName("Hedy").addJurisdictions("US-NY")).build());
        ResolveCandidateResponse merged = identity().resolveCandidate(ResolveCandidateRequest.newBuilder()
                .setCandidateRef(ref(ExternalKind.EXTERNAL_KIND_CANDIDATE, mergedId))
                .setApplicationRef(ref(ExternalKind.EXTERNAL_KIND_APPLICATION, "a-" + mergedId))
                .setProfile(CandidateProfile.newBuilder().setGivenName("H.").setFamilyName("Lamarr")
                        .setEmail("hedy@example.com").addJurisdictions("US-IL")).build());
        MergeCandidatesRequest request = MergeCandidatesRequest.newBuilder()
                .setSurvivingRef(ref(ExternalKind.EXTERNAL_KIND_CANDIDATE, survivorId))
                .setMergedRef(ref(ExternalKind.EXTERNAL_KIND_CANDIDATE, mergedId)).build();

        MergeCandidatesResponse response = identity().mergeCandidates(request);

        String canonical = survivor.getCandidate().getId();
        assertThat(response.getCandidate().getId()).isEqualTo(canonical);
        assertThat(response.getMergedCandidateId()).isEqualTo(merged.getCandidate().getId());
        assertThat(response.getMovedLinkCount()).isEqualTo(2);
        // Known values stay, gaps are filled from the merged record; every jurisdiction of either applies.
        assertThat(response.getCandidate().getGivenName()).isEqualTo("Hedy");
        assertThat(response.getCandidate().getFamilyName()).isEqualTo("Lamarr");
        assertThat(response.getCandidate().getEmail()).isEqualTo("hedy@example.com");
        assertThat(response.getCandidate().getJurisdictionsList()).containsExactly("US-NY", "US-IL");
        assertThat(identity().listCandidateLinks(ListCandidateLinksRequest.newBuilder().setCandidateId(canonical).build())
                .getLinksList()).extracting(l -> l.getRef().getKind() + ":" + l.getRef().getId()).containsExactlyInAnyOrder(
                "EXTERNAL_KIND_CANDIDATE:" + survivorId, "EXTERNAL_KIND_APPLICATION:a-" + survivorId,
                "EXTERNAL_KIND_CANDIDATE:" + mergedId, "EXTERNAL_KIND_APPLICATION:a-" + mergedId);
        // The merged record's application, now the survivor's in the ATS, resolves with the survivor's id.
        ResolveCandidateResponse later = identity().resolveCandidate(ResolveCandidateRequest.newBuilder()
                .setCandidateRef(ref(ExternalKind.EXTERNAL_KIND_CANDIDATE, survivorId))
                .setApplicationRef(ref(ExternalKind.EXTERNAL_KIND_APPLICATION, "a-" + mergedId)).build());
        assertThat(later.getCandidate().getId()).isEqualTo(canonical);
        assertThat(later.getApplication().getId()).isEqualTo(merged.getApplication().getId());
        assertThat(later.getApplication().getCandidateId()).isEqualTo(canonical);
        assertThat(identity().resolveCandidate(ResolveCandidateRequest.newBuilder()
                .setCandidateRef(ref(ExternalKind.EXTERNAL_KIND_CANDIDATE, mergedId)).build()).getCandidate().getId())
                .isEqualTo(canonical);
        // The merged canonical candidate stays readable (work in flight may name it), with no links.
        assertThat(identity().getCandidate(GetCandidateRequest.newBuilder()
                .setCandidateId(merged.getCandidate().getId()).build()).getCandidate().getFamilyName()).isEqualTo("Lamarr");
        assertThat(identity().listCandidateLinks(ListCandidateLinksRequest.newBuilder()
                .setCandidateId(merged.getCandidate().getId()).build()).getLinksList()).isEmpty();

        // Again (Ashby retries, or the event is replayed): nothing changes.
        MergeCandidatesResponse again = identity().mergeCandidates(request);
        assertThat(again.getCandidate().getId()).isEqualTo(canonical);
        assertThat(again.getMergedCandidateId()).isEmpty();
        assertThat(again.getMovedLinkCount()).isZero();
    }

    @Test
    void mergingWithOneSideUnknownLinksTheOtherIdAndCreatesNothingWhenNeitherIsKnown() {
        String known = "c-" + unique();
        String unknown = "c-" + unique();
        ResolveCandidateResponse resolved = identity().resolveCandidate(ResolveCandidateRequest.newBuilder()
                .setCandidateRef(ref(ExternalKind.EXTERNAL_KIND_CANDIDATE, known)).build());
        long candidatesBefore = database.count("candidate");

        // Only the merged-away record was seen: the surviving id joins its canonical candidate.
        MergeCandidatesResponse response = identity().mergeCandidates(MergeCandidatesRequest.newBuilder()
                .setSurvivingRef(ref(ExternalKind.EXTERNAL_KIND_CANDIDATE, unknown))
                .setMergedRef(ref(ExternalKind.EXTERNAL_KIND_CANDIDATE, known)).build());
        assertThat(response.getCandidate().getId()).isEqualTo(resolved.getCandidate().getId());
        assertThat(response.getMovedLinkCount()).isEqualTo(1);
        ResolveCandidateResponse survivor = identity().resolveCandidate(ResolveCandidateRequest.newBuilder()
                .setCandidateRef(ref(ExternalKind.EXTERNAL_KIND_CANDIDATE, unknown)).build());
        assertThat(survivor.getCandidateCreated()).isFalse();
        assertThat(survivor.getCandidate().getId()).isEqualTo(resolved.getCandidate().getId());

        MergeCandidatesResponse neither = identity().mergeCandidates(MergeCandidatesRequest.newBuilder()
                .setSurvivingRef(ref(ExternalKind.EXTERNAL_KIND_CANDIDATE, "c-" + unique()))
                .setMergedRef(ref(ExternalKind.EXTERNAL_KIND_CANDIDATE, "c-" + unique())).build());
        assertThat(neither.hasCandidate()).isFalse();
        assertThat(neither.getMovedLinkCount()).isZero();
        assertThat(database.count("candidate")).isEqualTo(candidatesBefore);
    }

    @Test
    void badMergesAreRejectedAndChangeNothing() {
        String id = "c-" + unique();
        identity().resolveCandidate(ResolveCandidateRequest.newBuilder()
                .setCandidateRef(ref(ExternalKind.EXTERNAL_KIND_CANDIDATE, id)).build());
        long linksBefore = database.count("external_link");
        ExternalRef candidate = ref(ExternalKind.EXTERNAL_KIND_CANDIDATE, id);

        assertError(() -> identity().mergeCandidates(MergeCandidatesRequest.newBuilder().setMergedRef(candidate).build()),
                Status.Code.INVALID_ARGUMENT, "SURVIVING_REF_MISSING");
        assertError(() -> identity().mergeCandidates(MergeCandidatesRequest.newBuilder().setSurvivingRef(candidate).build()),
                Status.Code.INVALID_ARGUMENT, "MERGED_REF_MISSING");
        assertError(() -> identity().mergeCandidates(MergeCandidatesRequest.newBuilder().setSurvivingRef(candidate)
                        .setMergedRef(candidate).build()),
                Status.Code.INVALID_ARGUMENT, "MERGE_WITH_ITSELF");
        assertError(() -> identity().mergeCandidates(MergeCandidatesRequest.newBuilder().setSurvivingRef(candidate)
                        .setMergedRef(ref(ExternalKind.EXTERNAL_KIND_APPLICATION, "a-" + id)).build()),
                Status.Code.INVALID_ARGUMENT, "EXTERNAL_REF_KIND_MISMATCH");
        assertError(() -> identity().mergeCandidates(MergeCandidatesRequest.newBuilder().setSurvivingRef(candidate)
                        .setMergedRef(candidate.toBuilder().setConnectionId("lv-acme").setId("c-other")).build()),
                Status.Code.INVALID_ARGUMENT, "MERGE_ACROSS_CONNECTIONS");

        assertThat(database.count("external_link")).isEqualTo(linksBefore);
    }

    @Test
    void anotherTenantCannotSeeTheCandidate() {
        ResolveCandidateResponse resolved = identity().resolveCandidate(ResolveCandidateRequest.newBuilder()
                .setCandidateRef(ref(ExternalKind.EXTERNAL_KIND_CANDIDATE, "c-" + unique())).build());
        IdentityServiceBlockingStub other = TestCalls.as(IdentityServiceGrpc.newBlockingStub(channel), TestCalls.TOKEN, "other");
        assertError(() -> other.getCandidate(GetCandidateRequest.newBuilder()
                        .setCandidateId(resolved.getCandidate().getId()).build()),
                Status.Code.NOT_FOUND, "CANDIDATE_NOT_FOUND");
    }

    @Test
    void callsWithoutTokenOrTenantAreRejected() {
        GetCandidateRequest request = GetCandidateRequest.newBuilder().setCandidateId("x").build();
        assertError(() -> TestCalls.as(IdentityServiceGrpc.newBlockingStub(channel), null, TestCalls.TENANT)
                .getCandidate(request), Status.Code.UNAUTHENTICATED, "TOKEN_MISSING");
        assertError(() -> TestCalls.as(IdentityServiceGrpc.newBlockingStub(channel), TestCalls.TOKEN, null)
                .getCandidate(request), Status.Code.INVALID_ARGUMENT, "TENANT_MISSING");
    }

    @Test
    void reflectionListsTheIdentityService() throws Exception {
        assertThat(TestCalls.listServices(channel)).contains("atsbridge.identity.v1.IdentityService", "grpc.health.v1.Health");
    }

    private static void assertError(Runnable call, Status.Code code, String reason) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(code);
            assertThat(GrpcErrors.errorInfo(e).orElseThrow().getReason()).isEqualTo(reason);
            assertThat(GrpcErrors.errorInfo(e).orElseThrow().getDomain()).isEqualTo("identity.atsbridge.io");
        });
    }
}
