package io.atsbridge.audit.grpc;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.atsbridge.audit.domain.AuditLog;
import io.atsbridge.audit.domain.LogVerification;
import io.atsbridge.audit.domain.ReferenceMerkle;
import io.atsbridge.platform.error.GrpcErrors;
import io.atsbridge.platform.testing.GrpcServiceTest;
import io.atsbridge.platform.testing.TestCalls;
import io.atsbridge.proto.audit.v1.AppendRecordsRequest;
import io.atsbridge.proto.audit.v1.AppendRecordsResponse;
import io.atsbridge.proto.audit.v1.AppendResult;
import io.atsbridge.proto.audit.v1.AuditRecord;
import io.atsbridge.proto.audit.v1.AuditServiceGrpc;
import io.atsbridge.proto.audit.v1.AuditServiceGrpc.AuditServiceBlockingStub;
import io.atsbridge.proto.audit.v1.GetTreeHeadRequest;
import io.atsbridge.proto.audit.v1.QueryRecordsRequest;
import io.atsbridge.proto.audit.v1.QueryRecordsResponse;
import io.atsbridge.proto.audit.v1.TreeHead;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

// Not transactional: the test calls AuditLog.verify directly, and inside a test-wide transaction it
// would read one snapshot for the whole method and never see the rows the test tampers with.
@MicronautTest(environments = "audit", transactional = false)
class AuditGrpcServiceTest extends GrpcServiceTest {

    AuditGrpcServiceTest() {
        super("audit");
    }

    private static final long T0 = 1_714_564_800L; // 2024-05-01T12:00:00Z
    private static final byte[] EMPTY_ROOT = ReferenceMerkle.sha256(new byte[0]);

    @Inject
    AuditLog auditLog;

    /** Each test logs into its own tenant, so that sizes and sequences are its own. */
    private static String freshTenant() {
        return "t-" + unique();
    }

    private AuditServiceBlockingStub audit(String tenant) {
        return TestCalls.as(AuditServiceGrpc.newBlockingStub(channel), TestCalls.TOKEN, tenant);
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static AuditRecord.Builder record(String recordId, String traceId) {
        return AuditRecord.newBuilder()
                .setRecordId(recordId)
                .setTraceId(traceId)
                .setAction("consent.decided")
                .setActor("consent-service")
                .setSubjectRef("cand-1")
                .setConnectionId("gh-acme")
                .putAttributes("policy_version", "3")
                .putAttributes("outcome", "ALLOW")
                .setPayloadSha256(ByteString.copyFrom(ReferenceMerkle.sha256("payload".getBytes(StandardCharsets.UTF_8))))
                .setOccurTime(time(0));
    }

    private static Timestamp time(long offsetSeconds) {
        return Timestamp.newBuilder().setSeconds(T0 + offsetSeconds).build();
    }

    private static AppendRecordsRequest append(AuditRecord.Builder... records) {
        AppendRecordsRequest.Builder request = AppendRecordsRequest.newBuilder();
        for (AuditRecord.Builder record : records) {
            request.addRecords(record);
        }
        return request.build();
    }

    private static List<AuditRecord> all(AuditServiceBlockingStub stub, QueryRecordsRequest.Builder query) {
        List<AuditRecord> records = new ArrayList<>();
        String token = "";
        for (int pages = 0; pages < 100; pages++) {
            QueryRecordsResponse page = stub.queryRecords(query.setPageToken(token).build());
            records.addAll(page.getRecordsList());
            token = page.getNextPageToken();
            if (token.isEmpty()) {
                return records;
            }
        }
        throw new AssertionError("more than 100 pages");
    }

    private static List<byte[]> leafHashes(List<AuditRecord> records) {
        return records.stream().map(r -> r.getLeafHash().toByteArray()).toList();
    }

    @Test
    void appendAssignsSequencesAndTheHeadIsTheTreeHashOfTheLeaves() {
        String tenant = freshTenant();
        long before = database.count("audit_record");
        AuditRecord.Builder first = record("r1-" + unique(), "trace-1")
                .setOccurTime(Timestamp.newBuilder().setSeconds(T0).setNanos(123_456_789));

        AppendRecordsResponse response = audit(tenant).appendRecords(append(first,
                record("r2-" + unique(), "trace-1").setAction("interview.invited").clearAttributes(),
                record("r3-" + unique(), "trace-1").setSubjectRef("").setConnectionId("").clearPayloadSha256()));

        assertThat(response.getResultsList()).extracting(AppendResult::getSequence).containsExactly(0L, 1L, 2L);
        assertThat(response.getResultsList()).extracting(AppendResult::getDuplicate).containsOnly(false);
        assertThat(response.getResults(0).getRecordId()).isEqualTo(first.getRecordId());
        assertThat(response.getTreeHead().getTreeSize()).isEqualTo(3);
        assertThat(database.count("audit_record")).isEqualTo(before + 3);

        List<AuditRecord> stored = all(audit(tenant), QueryRecordsRequest.newBuilder());
        assertThat(stored).extracting(AuditRecord::getSequence).containsExactly(0L, 1L, 2L);
        byte[] independentRoot = ReferenceMerkle.root(leafHashes(stored));
        assertThat(response.getTreeHead().getRootHash().toByteArray()).isEqualTo(independentRoot);
        TreeHead head = audit(tenant).getTreeHead(GetTreeHeadRequest.getDefaultInstance()).getTreeHead();
        assertThat(head.getTreeSize()).isEqualTo(3);
        assertThat(head.getRootHash().toByteArray()).isEqualTo(independentRoot);
        assertThat(head.getUpdateTime()).isEqualTo(response.getTreeHead().getUpdateTime());

        AuditRecord firstStored = stored.get(0);
        assertThat(firstStored.getRecordId()).isEqualTo(first.getRecordId());
        assertThat(firstStored.getAttributesMap()).containsExactlyInAnyOrderEntriesOf(first.getAttributesMap());
        assertThat(firstStored.getPayloadSha256()).isEqualTo(first.getPayloadSha256());
        assertThat(firstStored.getOccurTime()).isEqualTo(Timestamp.newBuilder().setSeconds(T0).setNanos(123_456_000).build());
        assertThat(firstStored.getAppendTime()).isEqualTo(head.getUpdateTime());
        assertThat(stored.get(2).getSubjectRef()).isEmpty();
        assertThat(stored.get(2).getPayloadSha256()).isEmpty();
        assertThat(auditLog.verify(tenant).intact()).isTrue();
    }

    @Test
    void emptyLogHasSizeZeroAndTheRootOfTheEmptyTree() {
        String tenant = freshTenant();
        TreeHead head = audit(tenant).getTreeHead(GetTreeHeadRequest.getDefaultInstance()).getTreeHead();
        assertThat(head.getTreeSize()).isZero();
        assertThat(head.getRootHash().toByteArray()).isEqualTo(EMPTY_ROOT);
        assertThat(head.hasUpdateTime()).isFalse();
        QueryRecordsResponse page = audit(tenant).queryRecords(QueryRecordsRequest.getDefaultInstance());
        assertThat(page.getRecordsList()).isEmpty();
        assertThat(page.getNextPageToken()).isEmpty();
    }

    @Test
    void reappendingARecordReportsItAsADuplicateWithItsOriginalSequence() {
        String tenant = freshTenant();
        AuditRecord.Builder one = record("r1-" + unique(), "trace-d");
        AuditRecord.Builder two = record("r2-" + unique(), "trace-d");
        TreeHead afterFirst = audit(tenant).appendRecords(append(one, two)).getTreeHead();
        long rows = database.count("audit_record");

        // Resending a record exactly as QueryRecords returned it (output-only fields set) is a duplicate too.
        AuditRecord asReturned = all(audit(tenant), QueryRecordsRequest.newBuilder()).get(1);
        AppendRecordsResponse again = audit(tenant).appendRecords(append(one, asReturned.toBuilder()));
        assertThat(again.getResultsList()).extracting(AppendResult::getSequence).containsExactly(0L, 1L);
        assertThat(again.getResultsList()).extracting(AppendResult::getDuplicate).containsOnly(true);
        assertThat(again.getTreeHead()).isEqualTo(afterFirst);
        assertThat(database.count("audit_record")).isEqualTo(rows);

        // The same new record twice in one request is appended once.
        AuditRecord.Builder three = record("r3-" + unique(), "trace-d");
        AppendRecordsResponse twice = audit(tenant).appendRecords(append(three, three, one));
        assertThat(twice.getResultsList()).extracting(AppendResult::getSequence).containsExactly(2L, 2L, 0L);
        assertThat(twice.getResultsList()).extracting(AppendResult::getDuplicate).containsExactly(false, true, true);
        assertThat(twice.getTreeHead().getTreeSize()).isEqualTo(3);
        assertThat(database.count("audit_record")).isEqualTo(rows + 1);
    }

    @Test
    void reusingARecordIdForOtherContentRejectsTheWholeRequestAndStoresNothing() {
        String tenant = freshTenant();
        AuditRecord.Builder original = record("r-" + unique(), "trace-r");
        TreeHead head = audit(tenant).appendRecords(append(original)).getTreeHead();
        long rows = database.count("audit_record");
        String newTrace = "trace-new-" + unique();

        assertError(() -> audit(tenant).appendRecords(append(record("fresh-" + unique(), newTrace),
                        original.clone().setAction("consent.revoked"))),
                Status.Code.ALREADY_EXISTS, "RECORD_ID_REUSED");
        AuditRecord.Builder inRequest = record("x-" + unique(), newTrace);
        assertError(() -> audit(tenant).appendRecords(append(inRequest, inRequest.clone().setActor("someone-else"))),
                Status.Code.ALREADY_EXISTS, "RECORD_ID_REUSED");

        assertThat(database.count("audit_record")).isEqualTo(rows);
        assertThat(audit(tenant).getTreeHead(GetTreeHeadRequest.getDefaultInstance()).getTreeHead()).isEqualTo(head);
        assertThat(audit(tenant).queryRecords(QueryRecordsRequest.newBuilder().setTraceId(newTrace).build())
                .getRecordsList()).isEmpty();
    }

    @Test
    void queryKeepsRecordsMatchingEveryFilterInLogOrderAndPages() {
        String tenant = freshTenant();
        List<AuditRecord.Builder> records = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            records.add(record("a" + i + "-" + unique(), "trace-a")
                    .setAction(i % 2 == 0 ? "webhook.received" : "writeback.written")
                    .setSubjectRef(i < 3 ? "cand-s1" : "cand-s2")
                    .setOccurTime(time(i * 60L)));
        }
        records.add(record("b0-" + unique(), "trace-b").setSubjectRef("cand-s1").setOccurTime(time(30)));
        records.add(record("b1-" + unique(), "trace-b").setSubjectRef("cand-s2").setOccurTime(time(90)));
        audit(tenant).appendRecords(append(records.toArray(AuditRecord.Builder[]::new)));
        AuditServiceBlockingStub stub = audit(tenant);

        List<List<Long>> pages = new ArrayList<>();
        String token = "";
        do {
            QueryRecordsResponse page = stub.queryRecords(QueryRecordsRequest.newBuilder()
                    .setTraceId("trace-a").setPageSize(2).setPageToken(token).build());
            pages.add(page.getRecordsList().stream().map(AuditRecord::getSequence).toList());
            token = page.getNextPageToken();
        } while (!token.isEmpty() && pages.size() < 10);
        assertThat(pages).containsExactly(List.of(0L, 1L), List.of(2L, 3L), List.of(4L));

        assertThat(sequences(stub, QueryRecordsRequest.newBuilder().setSubjectRef("cand-s1"))).containsExactly(0L, 1L, 2L, 5L);
        assertThat(sequences(stub, QueryRecordsRequest.newBuilder().setAction("writeback.written"))).containsExactly(1L, 3L);
        assertThat(sequences(stub, QueryRecordsRequest.newBuilder().setTraceId("trace-a").setAction("webhook.received")
                .setSubjectRef("cand-s2"))).containsExactly(4L);
        // start_time is inclusive, end_time exclusive.
        assertThat(sequences(stub, QueryRecordsRequest.newBuilder().setStartTime(time(60)).setEndTime(time(180))))
                .containsExactly(1L, 2L, 6L);
        assertThat(sequences(stub, QueryRecordsRequest.newBuilder().setStartTime(time(61)))).containsExactly(2L, 3L, 4L, 6L);
        assertThat(sequences(stub, QueryRecordsRequest.newBuilder().setEndTime(time(30)))).containsExactly(0L);
        assertThat(sequences(stub, QueryRecordsRequest.newBuilder().setTraceId("trace-none"))).isEmpty();
        assertThat(stub.queryRecords(QueryRecordsRequest.getDefaultInstance()).getRecordsCount()).isEqualTo(7);
    }

    private static List<Long> sequences(AuditServiceBlockingStub stub, QueryRecordsRequest.Builder query) {
        return all(stub, query).stream().map(AuditRecord::getSequence).toList();
    }

    @Test
    void anotherTenantHasItsOwnLogAndCannotReadThisOne() {
        String trace = "trace-iso-" + unique();
        AuditRecord.Builder record = record("iso-" + unique(), trace);
        audit(TestCalls.TENANT).appendRecords(append(record));
        TreeHead acme = audit(TestCalls.TENANT).getTreeHead(GetTreeHeadRequest.getDefaultInstance()).getTreeHead();
        AuditServiceBlockingStub other = TestCalls.as(AuditServiceGrpc.newBlockingStub(channel),
                TestCalls.OTHER_TENANT_TOKEN, "other");

        TreeHead otherHead = other.getTreeHead(GetTreeHeadRequest.getDefaultInstance()).getTreeHead();
        assertThat(otherHead.getTreeSize()).isZero();
        assertThat(otherHead.getRootHash().toByteArray()).isEqualTo(EMPTY_ROOT);
        assertThat(other.queryRecords(QueryRecordsRequest.newBuilder().setTraceId(trace).build()).getRecordsList()).isEmpty();

        // The person's query was a read of personal data: recorded in the log it read, the other tenant's.
        assertThat(audit("other").queryRecords(QueryRecordsRequest.getDefaultInstance()).getRecordsList())
                .singleElement().satisfies(read -> {
                    assertThat(read.getAction()).isEqualTo("personal_data.read");
                    assertThat(read.getActor()).isEqualTo("outsider");
                    assertThat(read.getAttributesMap()).containsEntry("request.trace_id", trace);
                });
        // The same record id in another tenant is another record in another log (appended by a service).
        AppendRecordsResponse appended = audit("other").appendRecords(append(record));
        assertThat(appended.getResults(0).getDuplicate()).isFalse();
        assertThat(appended.getResults(0).getSequence()).isEqualTo(1);
        assertThat(audit(TestCalls.TENANT).getTreeHead(GetTreeHeadRequest.getDefaultInstance()).getTreeHead()).isEqualTo(acme);

        assertError(() -> TestCalls.as(AuditServiceGrpc.newBlockingStub(channel), TestCalls.OTHER_TENANT_TOKEN,
                        TestCalls.TENANT).queryRecords(QueryRecordsRequest.newBuilder().setTraceId(trace).build()),
                Status.Code.PERMISSION_DENIED, "TENANT_NOT_PERMITTED");
    }

    @Test
    void peopleMayReadTheLogButOnlyServicesAppend() {
        AuditServiceBlockingStub person = TestCalls.as(AuditServiceGrpc.newBlockingStub(channel),
                TestCalls.OTHER_TENANT_TOKEN, "other");
        long before = database.count("audit_record");
        assertError(() -> person.appendRecords(append(record("person-" + unique(), "trace-person"))),
                Status.Code.PERMISSION_DENIED, "ROLE_REQUIRED");
        assertThat(database.count("audit_record")).isEqualTo(before);
        assertThat(person.getTreeHead(GetTreeHeadRequest.getDefaultInstance()).hasTreeHead()).isTrue();
    }

    @Test
    void concurrentAppendsGetGaplessSequencesAndOneConsistentHead() throws Exception {
        String tenant = freshTenant();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Long> assigned = Collections.synchronizedList(new ArrayList<>());
        try {
            List<Callable<Void>> writers = new ArrayList<>();
            for (int thread = 0; thread < 4; thread++) {
                int writer = thread;
                writers.add(() -> {
                    for (int i = 0; i < 25; i++) {
                        AppendRecordsResponse response = audit(tenant).appendRecords(
                                append(record("w" + writer + "-" + i, "trace-w" + writer)));
                        assigned.add(response.getResults(0).getSequence());
                    }
                    return null;
                });
            }
            for (Future<Void> done : pool.invokeAll(writers)) {
                done.get();
            }
        } finally {
            pool.shutdownNow();
        }

        TreeHead head = audit(tenant).getTreeHead(GetTreeHeadRequest.getDefaultInstance()).getTreeHead();
        assertThat(head.getTreeSize()).isEqualTo(100);
        assertThat(assigned).containsExactlyInAnyOrderElementsOf(LongStream.range(0, 100).boxed().toList());
        List<Long> storedSequences = new ArrayList<>();
        List<byte[]> storedLeaves = new ArrayList<>();
        try (Connection connection = database.connect(); PreparedStatement select = connection.prepareStatement(
                "SELECT `sequence`, leaf_hash FROM audit_record WHERE tenant_id = ? ORDER BY `sequence`")) {
            select.setString(1, tenant);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    storedSequences.add(rows.getLong(1));
                    storedLeaves.add(rows.getBytes(2));
                }
            }
        }
        assertThat(storedSequences).containsExactlyElementsOf(LongStream.range(0, 100).boxed().toList());
        assertThat(head.getRootHash().toByteArray()).isEqualTo(ReferenceMerkle.root(storedLeaves));
        assertThat(auditLog.verify(tenant)).satisfies(v -> {
            assertThat(v.intact()).isTrue();
            assertThat(v.treeSize()).isEqualTo(100);
            assertThat(v.problem()).isEqualTo(LogVerification.Problem.NONE);
        });
    }

    @Test
    void verificationFindsRecordsChangedRemovedOrAddedBehindTheLogsBack() throws SQLException {
        String changed = appendFive();
        String removed = appendFive();
        String added = appendFive();
        String rerooted = appendFive();
        for (String tenant : List.of(changed, removed, added, rerooted)) {
            assertThat(auditLog.verify(tenant).intact()).isTrue();
        }

        tamper("UPDATE audit_record SET action = 'consent.revoked' WHERE tenant_id = ? AND `sequence` = 2", changed);
        tamper("DELETE FROM audit_record WHERE tenant_id = ? AND `sequence` = 3", removed);
        tamper("INSERT INTO audit_record (tenant_id, `sequence`, record_id, trace_id, action, actor, subject_ref, "
                + "connection_id, attributes, payload_sha256, occur_time, leaf_hash, append_time) "
                + "SELECT tenant_id, 5, 'forged', trace_id, action, actor, subject_ref, connection_id, attributes, "
                + "payload_sha256, occur_time, leaf_hash, append_time FROM audit_record WHERE tenant_id = ? AND `sequence` = 0",
                added);
        tamper("UPDATE tree_head SET root_hash = leaf_hash_placeholder WHERE tenant_id = ?"
                .replace("leaf_hash_placeholder", "X'" + "00".repeat(32) + "'"), rerooted);

        assertThat(auditLog.verify(changed)).satisfies(v -> {
            assertThat(v.intact()).isFalse();
            assertThat(v.finding()).contains("sequence 2").contains("changed after it was appended");
        });
        assertThat(auditLog.verify(removed)).satisfies(v -> {
            assertThat(v.intact()).isFalse();
            assertThat(v.finding()).contains("sequence 3 is missing");
        });
        assertThat(auditLog.verify(added)).satisfies(v -> {
            assertThat(v.intact()).isFalse();
            assertThat(v.finding()).contains("holds 6 records but its head covers 5");
        });
        assertThat(auditLog.verify(rerooted)).satisfies(v -> {
            assertThat(v.intact()).isFalse();
            assertThat(v.finding()).contains("different root");
        });
    }

    /**
     * A record whose stored attributes are no longer a JSON object of strings cannot be hashed again: verification
     * reports it as a finding rather than failing.
     */
    @Test
    void verificationFindsARecordWhoseContentCannotBeReadBack() throws SQLException {
        String tenant = appendFive();
        tamper("UPDATE audit_record SET attributes = 'not json' WHERE tenant_id = ? AND `sequence` = 1", tenant);

        assertThat(auditLog.verify(tenant)).satisfies(v -> {
            assertThat(v.intact()).isFalse();
            assertThat(v.finding()).isEqualTo("the record at sequence 1 cannot be read back: "
                    + "stored attributes are not a JSON object of strings");
        });
    }

    private String appendFive() {
        String tenant = freshTenant();
        audit(tenant).appendRecords(append(IntStream.range(0, 5)
                .mapToObj(i -> record("v" + i + "-" + unique(), "trace-v").setOccurTime(time(i)))
                .toArray(AuditRecord.Builder[]::new)));
        return tenant;
    }

    private void tamper(String sql, String tenant) throws SQLException {
        try (Connection connection = database.connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, tenant);
            assertThat(statement.executeUpdate()).isEqualTo(1);
        }
    }

    @Test
    void badInputIsRejectedAndStoresNothing() {
        String tenant = freshTenant();
        AuditServiceBlockingStub stub = audit(tenant);
        long records = database.count("audit_record");
        long heads = database.count("tree_head");
        Map<String, String> tooManyAttributes = new HashMap<>();
        for (int i = 0; i < 51; i++) {
            tooManyAttributes.put("k" + i, "v");
        }
        AuditRecord.Builder[] tooMany = IntStream.range(0, 501).mapToObj(i -> record("m" + i, "trace-m"))
                .toArray(AuditRecord.Builder[]::new);

        record Case(String reason, Supplier<AppendRecordsRequest> request) {
        }
        List<Case> cases = List.of(
                new Case("RECORDS_MISSING", () -> append()),
                new Case("RECORDS_TOO_MANY", () -> append(tooMany)),
                new Case("RECORD_ID_MISSING", () -> append(record("", "t"))),
                new Case("RECORD_ID_INVALID", () -> append(record("x".repeat(101), "t"))),
                new Case("RECORD_ID_INVALID", () -> append(record("has space", "t"))),
                new Case("TRACE_ID_MISSING", () -> append(record("r", ""))),
                new Case("TRACE_ID_INVALID", () -> append(record("r", "t".repeat(101)))),
                new Case("ACTION_MISSING", () -> append(record("r", "t").setAction(""))),
                new Case("ACTION_INVALID", () -> append(record("r", "t").setAction("Consent.Decided"))),
                new Case("ACTION_INVALID", () -> append(record("r", "t").setAction("decided"))),
                new Case("ACTOR_MISSING", () -> append(record("r", "t").setActor(""))),
                new Case("ACTOR_INVALID", () -> append(record("r", "t").setActor("Ada Lovelace"))),
                new Case("SUBJECT_REF_INVALID", () -> append(record("r", "t").setSubjectRef("ada@example.com\n"))),
                new Case("CONNECTION_ID_INVALID", () -> append(record("r", "t").setConnectionId("c".repeat(101)))),
                new Case("ATTRIBUTES_TOO_MANY", () -> append(record("r", "t").putAllAttributes(tooManyAttributes))),
                new Case("ATTRIBUTE_KEY_INVALID", () -> append(record("r", "t").putAttributes("1st", "v"))),
                new Case("ATTRIBUTE_VALUE_INVALID", () -> append(record("r", "t").putAttributes("note", "v".repeat(257)))),
                new Case("ATTRIBUTE_VALUE_INVALID", () -> append(record("r", "t").putAttributes("note", "line\nbreak"))),
                new Case("PAYLOAD_SHA256_INVALID", () -> append(record("r", "t").setPayloadSha256(ByteString.copyFrom(new byte[31])))),
                new Case("OCCUR_TIME_MISSING", () -> append(record("r", "t").clearOccurTime())),
                new Case("OCCUR_TIME_INVALID", () -> append(record("r", "t").setOccurTime(Timestamp.newBuilder().setSeconds(T0).setNanos(-1)))),
                new Case("OCCUR_TIME_INVALID", () -> append(record("r", "t").setOccurTime(Timestamp.newBuilder().setSeconds(-86_400)))),
                // A valid record before an invalid one is not stored either.
                new Case("ACTION_INVALID", () -> append(record("ok-" + unique(), "t"), record("r", "t").setAction("x"))));
        for (Case bad : cases) {
            assertError(() -> stub.appendRecords(bad.request().get()), Status.Code.INVALID_ARGUMENT, bad.reason());
        }

        assertError(() -> stub.queryRecords(QueryRecordsRequest.newBuilder().setPageSize(1001).build()),
                Status.Code.INVALID_ARGUMENT, "PAGE_SIZE_INVALID");
        assertError(() -> stub.queryRecords(QueryRecordsRequest.newBuilder().setPageSize(-1).build()),
                Status.Code.INVALID_ARGUMENT, "PAGE_SIZE_INVALID");
        assertError(() -> stub.queryRecords(QueryRecordsRequest.newBuilder().setPageToken("not-a-token").build()),
                Status.Code.INVALID_ARGUMENT, "PAGE_TOKEN_INVALID");
        assertError(() -> stub.queryRecords(QueryRecordsRequest.newBuilder().setAction("Not An Action").build()),
                Status.Code.INVALID_ARGUMENT, "ACTION_INVALID");
        assertError(() -> stub.queryRecords(QueryRecordsRequest.newBuilder().setTraceId("t".repeat(101)).build()),
                Status.Code.INVALID_ARGUMENT, "TRACE_ID_INVALID");
        assertError(() -> stub.queryRecords(QueryRecordsRequest.newBuilder().setSubjectRef("two words").build()),
                Status.Code.INVALID_ARGUMENT, "SUBJECT_REF_INVALID");
        assertError(() -> stub.queryRecords(QueryRecordsRequest.newBuilder().setStartTime(time(60)).setEndTime(time(60)).build()),
                Status.Code.INVALID_ARGUMENT, "TIME_RANGE_INVALID");
        assertError(() -> stub.queryRecords(QueryRecordsRequest.newBuilder()
                        .setStartTime(Timestamp.newBuilder().setSeconds(Long.MAX_VALUE)).build()),
                Status.Code.INVALID_ARGUMENT, "START_TIME_INVALID");
        assertError(() -> stub.queryRecords(QueryRecordsRequest.newBuilder()
                        .setEndTime(Timestamp.newBuilder().setSeconds(T0).setNanos(1_000_000_000)).build()),
                Status.Code.INVALID_ARGUMENT, "END_TIME_INVALID");

        assertThat(database.count("audit_record")).isEqualTo(records);
        assertThat(database.count("tree_head")).isEqualTo(heads);
    }

    @Test
    void callsWithoutTokenOrTenantAreRejected() {
        long records = database.count("audit_record");
        AppendRecordsRequest request = append(record("r-" + unique(), "t"));
        assertError(() -> TestCalls.as(AuditServiceGrpc.newBlockingStub(channel), null, TestCalls.TENANT)
                .appendRecords(request), Status.Code.UNAUTHENTICATED, "TOKEN_MISSING");
        assertError(() -> TestCalls.as(AuditServiceGrpc.newBlockingStub(channel), TestCalls.TOKEN, null)
                .appendRecords(request), Status.Code.INVALID_ARGUMENT, "TENANT_MISSING");
        assertError(() -> TestCalls.as(AuditServiceGrpc.newBlockingStub(channel), null, TestCalls.TENANT)
                .getTreeHead(GetTreeHeadRequest.getDefaultInstance()), Status.Code.UNAUTHENTICATED, "TOKEN_MISSING");
        assertThat(database.count("audit_record")).isEqualTo(records);
    }

    @Test
    void reflectionListsTheAuditService() throws Exception {
        assertThat(TestCalls.listServices(channel)).contains("atsbridge.audit.v1.AuditService", "grpc.health.v1.Health");
    }

    private static void assertError(Runnable call, Status.Code code, String reason) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).as(reason).isEqualTo(code);
            assertThat(GrpcErrors.errorInfo(e).orElseThrow().getReason()).isEqualTo(reason);
            assertThat(GrpcErrors.errorInfo(e).orElseThrow().getDomain()).isEqualTo("audit.atsbridge.io");
        });
    }
}
