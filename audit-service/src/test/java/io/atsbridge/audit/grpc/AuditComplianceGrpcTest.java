package io.atsbridge.audit.grpc;

import com.google.protobuf.Timestamp;
import io.atsbridge.audit.domain.HeadSigner;
import io.atsbridge.audit.domain.ProofVerifier;
import io.atsbridge.audit.domain.ReferenceMerkle;
import io.atsbridge.platform.error.GrpcErrors;
import io.atsbridge.platform.testing.GrpcServiceTest;
import io.atsbridge.platform.testing.TestCalls;
import io.atsbridge.proto.audit.v1.AppendRecordsRequest;
import io.atsbridge.proto.audit.v1.AuditRecord;
import io.atsbridge.proto.audit.v1.AuditServiceGrpc;
import io.atsbridge.proto.audit.v1.AuditServiceGrpc.AuditServiceBlockingStub;
import io.atsbridge.proto.audit.v1.ExportRecordsRequest;
import io.atsbridge.proto.audit.v1.ExportRecordsResponse;
import io.atsbridge.proto.audit.v1.GetCandidateTimelineRequest;
import io.atsbridge.proto.audit.v1.GetCandidateTimelineResponse;
import io.atsbridge.proto.audit.v1.QueryRecordsRequest;
import io.atsbridge.proto.audit.v1.QueryRecordsResponse;
import io.atsbridge.proto.audit.v1.SignedTreeHead;
import io.atsbridge.proto.audit.v1.TimelineEntry;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Compliance queries, candidate timelines and exports over real gRPC calls against a real MariaDB/MySQL database,
 * asked by a person (whose every answered query is recorded in the log it read) and checked as an outsider would.
 */
@MicronautTest(environments = "audit", transactional = false)
class AuditComplianceGrpcTest extends GrpcServiceTest {

    private static final long T0 = 1_714_564_800L; // 2024-05-01T12:00:00Z
    private static final String OFFICER_TOKEN = "officer-token-0123456789abcdef";
    private static final byte[] KEY = new byte[32];

    static {
        Arrays.fill(KEY, (byte) 9);
    }

    AuditComplianceGrpcTest() {
        super("auditcompliance");
    }

    @Override
    protected Map<String, String> moreProperties() {
        return Map.of(
                "atsbridge.audit.signing.private-key", Base64.getEncoder().encodeToString(KEY),
                "atsbridge.audit.signing.key-id", "compliance-key",
                "atsbridge.audit.signing.interval", "1h",
                "atsbridge.auth.tokens.officer.secret", OFFICER_TOKEN,
                "atsbridge.auth.tokens.officer.kind", "PERSON",
                "atsbridge.auth.tokens.officer.tenants", "*",
                "atsbridge.auth.tokens.officer.roles", "compliance,auditor");
    }

    /** The records adapter-service writes for one loop (AuditRecords, WriteBackAudit): ids, codes and versions. */
    private static List<AuditRecord> loop(String trace, String candidate, String application, int minute) {
        return List.of(
                record(trace, "webhook.received", application, minute, Map.of("vendor", "GREENHOUSE",
                        "event_type", "STAGE_CHANGED", "vendor_event_type", "candidate_stage_change", "outcome", "TRIGGERED")),
                record(trace, "consent.decided", application, minute + 1, Map.of("action", "INTERVIEW",
                        "decision", "ALLOW", "rule_ids", "us-il-aivia-notice,us-il-aivia-consent",
                        "unsatisfied_rule_ids", "", "rule_pack_version", "2026.1", "jurisdictions", "US-IL",
                        "data_categories", "video", "candidate_id", candidate)),
                record(trace, "interview.invited", application, minute + 2, Map.of("interview_id", "iv-" + trace,
                        "ai_connection_id", "hv-acme", "interview_kit_id", "kit-1", "requisition_id", "req-" + application)),
                record(trace, "result.received", application, minute + 3, Map.of("interview_id", "iv-" + trace,
                        "model_id", "hirevue-score", "model_version", "4.2", "prompt_version", "p-17")),
                record(trace, "writeback.written", application, minute + 4, Map.of("field_keys", "score,rationale",
                        "profile_id", "default", "profile_version", "3", "application_external_id", "gh-" + application,
                        "application_id", application)));
    }

    private static AuditRecord record(String trace, String action, String subject, int minute, Map<String, String> attributes) {
        return AuditRecord.newBuilder()
                .setRecordId(UUID.randomUUID().toString())
                .setTraceId(trace)
                .setAction(action)
                .setActor("adapter-service")
                .setSubjectRef(subject)
                .setConnectionId("gh-acme")
                .putAllAttributes(attributes.entrySet().stream().filter(entry -> !entry.getValue().isEmpty())
                        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)))
                .setOccurTime(Timestamp.newBuilder().setSeconds(T0 + minute * 60L))
                .build();
    }

    @Test
    void recordsAreFoundByCandidateApplicationRequisitionActorAndTimeAndEveryQueryIsRecorded() {
        String tenant = freshTenant();
        service(tenant).appendRecords(AppendRecordsRequest.newBuilder()
                .addAllRecords(loop("tr-1", "cand-1", "app-1", 0))
                .addAllRecords(loop("tr-2", "cand-2", "app-2", 10))
                .addRecords(record("tr-3", "candidate.merged", "cand-1", 20, Map.of("candidate_id", "cand-1",
                        "merged_candidate_id", "cand-9")).toBuilder().setActor("identity-service"))
                .build());
        AuditServiceBlockingStub officer = officer(tenant);

        // By candidate: its subject_ref or its attribute candidate_id.
        assertThat(sequences(officer, QueryRecordsRequest.newBuilder().setCandidateId("cand-1"))).containsExactly(1L, 10L);
        // By application: its subject_ref or its attribute application_id.
        assertThat(sequences(officer, QueryRecordsRequest.newBuilder().setApplicationId("app-2")))
                .containsExactly(5L, 6L, 7L, 8L, 9L);
        assertThat(sequences(officer, QueryRecordsRequest.newBuilder().setRequisitionId("req-app-1"))).containsExactly(2L);
        assertThat(sequences(officer, QueryRecordsRequest.newBuilder().setActor("identity-service"))).containsExactly(10L);
        assertThat(sequences(officer, QueryRecordsRequest.newBuilder().setActor("adapter-service")
                .setAction("consent.decided").setStartTime(time(5)))).containsExactly(6L);
        assertThat(sequences(officer, QueryRecordsRequest.newBuilder().setCandidateId("cand-none"))).isEmpty();
        // Paging: one record a page, in log order, to the end.
        List<Long> paged = new ArrayList<>();
        String token = "";
        for (int page = 0; page < 10; page++) {
            QueryRecordsResponse answer = officer.queryRecords(QueryRecordsRequest.newBuilder().setApplicationId("app-1")
                    .setPageSize(2).setPageToken(token).build());
            answer.getRecordsList().forEach(record -> paged.add(record.getSequence()));
            token = answer.getNextPageToken();
            if (token.isEmpty()) {
                break;
            }
        }
        assertThat(paged).containsExactly(0L, 1L, 2L, 3L, 4L);

        // Each of the officer's answered queries is in the log, naming the candidate it asked about.
        List<AuditRecord> reads = all(service(tenant), QueryRecordsRequest.newBuilder().setAction("personal_data.read")
                .setActor("officer"));
        assertThat(reads).hasSize(9);
        assertThat(reads.get(0).getSubjectRef()).isEqualTo("cand-1");
        assertThat(reads.get(0).getAttributesMap()).containsEntry("request.candidate_id", "cand-1")
                .containsEntry("method", "atsbridge.audit.v1.AuditService/QueryRecords")
                .containsEntry("answered_records", "2");
        assertThat(reads.get(1).getAttributesMap()).containsEntry("request.application_id", "app-2");
    }

    @Test
    void malformedFiltersAreRefusedAndNothingIsRecorded() {
        String tenant = freshTenant();
        service(tenant).appendRecords(AppendRecordsRequest.newBuilder().addAllRecords(loop("tr-1", "c", "a", 0)).build());
        long before = database.count("audit_record");
        assertError(() -> officer(tenant).queryRecords(QueryRecordsRequest.newBuilder().setCandidateId("has space").build()),
                Status.Code.INVALID_ARGUMENT, "CANDIDATE_ID_INVALID");
        assertError(() -> officer(tenant).queryRecords(QueryRecordsRequest.newBuilder().setApplicationId("x".repeat(101))
                .build()), Status.Code.INVALID_ARGUMENT, "APPLICATION_ID_INVALID");
        assertError(() -> officer(tenant).queryRecords(QueryRecordsRequest.newBuilder().setRequisitionId("r\t1").build()),
                Status.Code.INVALID_ARGUMENT, "REQUISITION_ID_INVALID");
        assertError(() -> officer(tenant).queryRecords(QueryRecordsRequest.newBuilder().setActor("a b").build()),
                Status.Code.INVALID_ARGUMENT, "ACTOR_INVALID");
        assertError(() -> officer(tenant).getCandidateTimeline(GetCandidateTimelineRequest.getDefaultInstance()),
                Status.Code.INVALID_ARGUMENT, "CANDIDATE_ID_MISSING");
        assertError(() -> officer(tenant).getCandidateTimeline(GetCandidateTimelineRequest.newBuilder()
                .setCandidateId("c").setPageSize(-1).build()), Status.Code.INVALID_ARGUMENT, "PAGE_SIZE_INVALID");
        assertError(() -> officer(tenant).exportRecords(ExportRecordsRequest.newBuilder()
                .setStartTime(time(10)).setEndTime(time(5)).build()).hasNext(),
                Status.Code.INVALID_ARGUMENT, "TIME_RANGE_INVALID");
        assertThat(database.count("audit_record")).isEqualTo(before);
    }

    @Test
    void aCandidateTimelineHoldsEveryStepOfTheirLoopsInOrderAndNothingOfOthers() {
        String tenant = freshTenant();
        service(tenant).appendRecords(AppendRecordsRequest.newBuilder()
                .addAllRecords(loop("tr-a", "cand-1", "app-1", 0))
                .addAllRecords(loop("tr-b", "cand-2", "app-2", 10))
                .addAllRecords(loop("tr-c", "cand-1", "app-3", 20))
                .build());
        // A person's read about another candidate: not in cand-1's timeline.
        officer(tenant).queryRecords(QueryRecordsRequest.newBuilder().setCandidateId("cand-2").build());

        GetCandidateTimelineResponse timeline = officer(tenant).getCandidateTimeline(GetCandidateTimelineRequest.newBuilder()
                .setCandidateId("cand-1").build());

        assertThat(timeline.getTraceIdsList()).containsExactly("tr-a", "tr-c");
        assertThat(timeline.getApplicationIdsList()).containsExactly("app-1", "app-3");
        assertThat(timeline.getEntriesList()).extracting(entry -> entry.getRecord().getSequence())
                .containsExactly(0L, 1L, 2L, 3L, 4L, 10L, 11L, 12L, 13L, 14L);
        assertThat(timeline.getNextPageToken()).isEmpty();
        List<String> summaries = timeline.getEntriesList().stream().map(TimelineEntry::getSummary).toList();
        assertThat(summaries.get(0)).isEqualTo("event candidate_stage_change (STAGE_CHANGED) from GREENHOUSE received: "
                + "TRIGGERED (by adapter-service)");
        assertThat(summaries.get(1)).isEqualTo("consent ALLOW for INTERVIEW by rules us-il-aivia-notice,us-il-aivia-consent "
                + "(rule pack 2026.1, jurisdictions US-IL, data video) (by adapter-service)");
        assertThat(summaries.get(2)).isEqualTo("interview iv-tr-a invited at hv-acme with kit kit-1 (by adapter-service)");
        assertThat(summaries.get(3)).isEqualTo("result of interview iv-tr-a received, scored by model hirevue-score 4.2 "
                + "with prompt p-17 (by adapter-service)");
        assertThat(summaries.get(4)).isEqualTo("wrote fields score,rationale to application gh-app-1 with mapping profile "
                + "default v3 (by adapter-service)");

        // Paged: the same entries, then the timeline read itself is a record about cand-1 on a later read.
        List<Long> paged = new ArrayList<>();
        String token = "";
        for (int page = 0; page < 20; page++) {
            GetCandidateTimelineResponse answer = officer(tenant).getCandidateTimeline(GetCandidateTimelineRequest
                    .newBuilder().setCandidateId("cand-1").setPageSize(3).setPageToken(token).build());
            answer.getEntriesList().forEach(entry -> paged.add(entry.getRecord().getSequence()));
            token = answer.getNextPageToken();
            if (token.isEmpty()) {
                break;
            }
        }
        assertThat(paged).startsWith(0L, 1L, 2L, 3L, 4L, 10L, 11L, 12L, 13L, 14L).hasSizeGreaterThan(10);
        AuditRecord firstRead = all(service(tenant), QueryRecordsRequest.newBuilder().setAction("personal_data.read")
                .setCandidateId("cand-1")).get(0);
        assertThat(firstRead.getAttributesMap()).containsEntry("method",
                "atsbridge.audit.v1.AuditService/GetCandidateTimeline").containsEntry("answered_records", "10");
        assertThat(paged).contains(firstRead.getSequence());
    }

    @Test
    void anExportCarriesASignedHeadAndForEachRecordItsLeafBytesAndAProofToThatHead() {
        String tenant = freshTenant();
        service(tenant).appendRecords(AppendRecordsRequest.newBuilder()
                .addAllRecords(loop("tr-a", "cand-1", "app-1", 0))
                .addAllRecords(loop("tr-b", "cand-2", "app-2", 10))
                .build());

        List<ExportRecordsResponse> export = new ArrayList<>();
        officer(tenant).exportRecords(ExportRecordsRequest.newBuilder().setApplicationId("app-2").build()).forEachRemaining(export::add);

        SignedTreeHead head = export.get(0).getSignedTreeHead();
        assertThat(head.getTreeSize()).isEqualTo(10);
        assertThat(head.getKeyId()).isEqualTo("compliance-key");
        assertThat(HeadSigner.verify(AuditProofsGrpcTest.toDomain(head), HeadSigner.publicKeyOf(KEY))).isTrue();
        List<ExportRecordsResponse> records = export.subList(1, export.size());
        assertThat(records).extracting(part -> part.getRecord().getRecord().getSequence())
                .containsExactly(5L, 6L, 7L, 8L, 9L);
        for (ExportRecordsResponse part : records) {
            byte[] leafBytes = part.getRecord().getLeafBytes().toByteArray();
            byte[] leafHash = ReferenceMerkle.leafHash(leafBytes);
            AuditRecord record = part.getRecord().getRecord();
            assertThat(leafHash).isEqualTo(record.getLeafHash().toByteArray());
            assertThat(new String(leafBytes, StandardCharsets.UTF_8)).contains(record.getRecordId());
            assertThat(ProofVerifier.verifyInclusion(record.getSequence(), head.getTreeSize(), leafHash,
                    AuditProofsGrpcTest.path(part.getRecord().getAuditPathList()), head.getRootHash().toByteArray()))
                    .as("record %s", record.getSequence()).isTrue();
        }
        // The export was a read: recorded after the head was signed, so beyond it.
        AuditRecord read = all(service(tenant), QueryRecordsRequest.newBuilder().setAction("personal_data.read")).get(0);
        assertThat(read.getAttributesMap()).containsEntry("method", "atsbridge.audit.v1.AuditService/ExportRecords")
                .containsEntry("request.application_id", "app-2").containsEntry("answered_records", "6");
        assertThat(read.getSequence()).isEqualTo(10);

        // An empty log has no signed head to prove against: refused, nothing answered.
        Iterator<ExportRecordsResponse> empty = officer(freshTenant()).exportRecords(ExportRecordsRequest.getDefaultInstance());
        assertError(empty::hasNext, Status.Code.FAILED_PRECONDITION, "HEAD_NOT_SIGNED");
    }

    @Test
    void recordsStoredBeforeTheReferenceColumnsAreFoundOnceTheMigrationBackfillsThem() throws Exception {
        String tenant = freshTenant();
        service(tenant).appendRecords(AppendRecordsRequest.newBuilder().addAllRecords(loop("tr-old", "cand-old", "app-old", 0))
                .build());
        // As the rows were before V3: no reference columns filled.
        try (Connection connection = database.connect(); PreparedStatement clear = connection.prepareStatement(
                "UPDATE audit_record SET candidate_ref = '', application_ref = '', requisition_ref = '' WHERE tenant_id = ?")) {
            clear.setString(1, tenant);
            clear.executeUpdate();
        }
        assertThat(sequences(service(tenant), QueryRecordsRequest.newBuilder().setCandidateId("cand-old")
                .setAction("consent.decided"))).isEmpty();

        runBackfillOfMigrationV3();

        assertThat(sequences(service(tenant), QueryRecordsRequest.newBuilder().setCandidateId("cand-old")
                .setAction("consent.decided"))).containsExactly(1L);
        assertThat(sequences(service(tenant), QueryRecordsRequest.newBuilder().setRequisitionId("req-app-old")))
                .containsExactly(2L);
        assertThat(sequences(service(tenant), QueryRecordsRequest.newBuilder().setApplicationId("app-old")
                .setAction("writeback.written"))).containsExactly(4L);
    }

    /** The UPDATE statements of the migration, as Flyway ran them on rows stored before it; they are idempotent. */
    private void runBackfillOfMigrationV3() throws IOException, SQLException {
        String script;
        try (InputStream in = Objects.requireNonNull(getClass().getResourceAsStream("/db/audit/V3__audit_references.sql"))) {
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            int run = 0;
            for (String sql : script.replaceAll("(?m)^--.*$", "").split(";")) {
                if (sql.strip().startsWith("UPDATE")) {
                    statement.executeUpdate(sql);
                    run++;
                }
            }
            assertThat(run).isEqualTo(6);
        }
    }

    private static Timestamp time(int minute) {
        return Timestamp.newBuilder().setSeconds(T0 + minute * 60L).build();
    }

    private static List<Long> sequences(AuditServiceBlockingStub stub, QueryRecordsRequest.Builder query) {
        return all(stub, query).stream().map(AuditRecord::getSequence).toList();
    }

    private static List<AuditRecord> all(AuditServiceBlockingStub stub, QueryRecordsRequest.Builder query) {
        QueryRecordsResponse page = stub.queryRecords(query.setPageSize(1000).build());
        assertThat(page.getNextPageToken()).isEmpty();
        return page.getRecordsList();
    }

    private AuditServiceBlockingStub service(String tenant) {
        return TestCalls.as(AuditServiceGrpc.newBlockingStub(channel), TestCalls.TOKEN, tenant);
    }

    private AuditServiceBlockingStub officer(String tenant) {
        return TestCalls.as(AuditServiceGrpc.newBlockingStub(channel), OFFICER_TOKEN, tenant);
    }

    private static String freshTenant() {
        return "c-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static void assertError(Supplier<?> call, Status.Code code, String reason) {
        assertThatThrownBy(call::get).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(code);
            assertThat(GrpcErrors.errorInfo(e).map(info -> info.getReason())).contains(reason);
        });
    }
}
