package io.atsbridge.audit.grpc;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.atsbridge.audit.domain.HeadSigner;
import io.atsbridge.audit.domain.LeafEncoding;
import io.atsbridge.audit.domain.ProofVerifier;
import io.atsbridge.audit.domain.RecordContent;
import io.atsbridge.audit.domain.ReferenceMerkle;
import io.atsbridge.audit.domain.SignedHeads;
import io.atsbridge.audit.domain.TreeHead;
import io.atsbridge.audit.persistence.UtcDateTimeText;
import io.atsbridge.platform.error.GrpcErrors;
import io.atsbridge.platform.testing.GrpcServiceTest;
import io.atsbridge.platform.testing.TestCalls;
import io.atsbridge.proto.audit.v1.AppendRecordsRequest;
import io.atsbridge.proto.audit.v1.AuditRecord;
import io.atsbridge.proto.audit.v1.AuditServiceGrpc;
import io.atsbridge.proto.audit.v1.AuditServiceGrpc.AuditServiceBlockingStub;
import io.atsbridge.proto.audit.v1.GetConsistencyProofRequest;
import io.atsbridge.proto.audit.v1.GetConsistencyProofResponse;
import io.atsbridge.proto.audit.v1.GetInclusionProofRequest;
import io.atsbridge.proto.audit.v1.GetInclusionProofResponse;
import io.atsbridge.proto.audit.v1.GetTreeHeadRequest;
import io.atsbridge.proto.audit.v1.LogProblem;
import io.atsbridge.proto.audit.v1.QueryRecordsRequest;
import io.atsbridge.proto.audit.v1.SignedTreeHead;
import io.atsbridge.proto.audit.v1.VerifyLogRequest;
import io.atsbridge.proto.audit.v1.VerifyLogResponse;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Signed heads, inclusion and consistency proofs and VerifyLog over real gRPC calls against a real MariaDB/MySQL
 * database; every proof is checked with {@link ProofVerifier} against a signed head, as an outsider would, and every
 * tamper is done with plain JDBC behind the service's back.
 */
@MicronautTest(environments = "audit", transactional = false)
class AuditProofsGrpcTest extends GrpcServiceTest {

    private static final long T0 = 1_714_564_800L; // 2024-05-01T12:00:00Z
    private static final byte[] OLD_KEY = seed(6);
    private static final byte[] KEY = seed(7);
    private static final Path HEAD_DIRECTORY = temporaryDirectory();

    @Inject
    SignedHeads signedHeads;

    AuditProofsGrpcTest() {
        super("auditproofs");
    }

    @Override
    protected Map<String, String> moreProperties() {
        return Map.of(
                "atsbridge.audit.signing.private-key", Base64.getEncoder().encodeToString(KEY),
                "atsbridge.audit.signing.key-id", "test-key-2",
                "atsbridge.audit.signing.previous-public-keys",
                "test-key-1=" + Base64.getEncoder().encodeToString(HeadSigner.publicKeyOf(OLD_KEY)),
                "atsbridge.audit.signing.interval", "1h",
                "atsbridge.audit.signing.head-directory", HEAD_DIRECTORY.toString());
    }

    @Test
    void everyRecordIsProvenInTheSignedHeadAndTheLogOnlyGrew() {
        String tenant = freshTenant();
        AuditServiceBlockingStub audit = audit(tenant);
        io.atsbridge.proto.audit.v1.TreeHead atFive = audit.appendRecords(records(0, 5)).getTreeHead();
        audit.appendRecords(records(5, 13));

        SignedTreeHead signed = audit.getTreeHead(GetTreeHeadRequest.getDefaultInstance()).getSignedTreeHead();
        assertThat(signed.getTreeSize()).isEqualTo(13);
        assertThat(signed.getKeyId()).isEqualTo("test-key-2");
        assertThat(HeadSigner.verify(toDomain(signed), HeadSigner.publicKeyOf(KEY))).isTrue();
        assertThat(HeadSigner.verify(toDomain(signed), HeadSigner.publicKeyOf(OLD_KEY))).isFalse();
        byte[] root = signed.getRootHash().toByteArray();

        List<AuditRecord> stored = audit.queryRecords(QueryRecordsRequest.newBuilder().setPageSize(100).build()).getRecordsList();
        assertThat(stored).hasSize(13);
        for (AuditRecord record : stored) {
            GetInclusionProofResponse proof = audit.getInclusionProof(
                    GetInclusionProofRequest.newBuilder().setSequence(record.getSequence()).build());
            assertThat(proof.getTreeSize()).isEqualTo(13);
            assertThat(proof.getLeafHash()).isEqualTo(record.getLeafHash());
            assertThat(proof.getRootHash().toByteArray()).isEqualTo(root);
            assertThat(ProofVerifier.verifyInclusion(record.getSequence(), 13, record.getLeafHash().toByteArray(),
                    path(proof.getAuditPathList()), root)).as("record %s", record.getSequence()).isTrue();
        }

        // By record id, in the tree as it was at size 5.
        AuditRecord third = stored.get(3);
        GetInclusionProofResponse atSizeFive = audit.getInclusionProof(GetInclusionProofRequest.newBuilder()
                .setRecordId(third.getRecordId()).setTreeSize(5).build());
        assertThat(atSizeFive.getSequence()).isEqualTo(3);
        assertThat(atSizeFive.getRootHash()).isEqualTo(atFive.getRootHash());
        List<byte[]> path = path(atSizeFive.getAuditPathList());
        byte[] leaf = third.getLeafHash().toByteArray();
        byte[] rootFive = atFive.getRootHash().toByteArray();
        assertThat(ProofVerifier.verifyInclusion(3, 5, leaf, path, rootFive)).isTrue();
        // Wrong index, wrong size, altered path, another root: each fails.
        assertThat(ProofVerifier.verifyInclusion(2, 5, leaf, path, rootFive)).isFalse();
        assertThat(ProofVerifier.verifyInclusion(3, 13, leaf, path, root)).isFalse();
        List<byte[]> altered = new ArrayList<>(path);
        altered.set(0, flipped(altered.get(0)));
        assertThat(ProofVerifier.verifyInclusion(3, 5, leaf, altered, rootFive)).isFalse();
        assertThat(ProofVerifier.verifyInclusion(3, 5, leaf, path, root)).isFalse();

        GetConsistencyProofResponse consistency = audit.getConsistencyProof(
                GetConsistencyProofRequest.newBuilder().setFirstTreeSize(5).build());
        assertThat(consistency.getSecondTreeSize()).isEqualTo(13);
        assertThat(consistency.getFirstRootHash()).isEqualTo(atFive.getRootHash());
        assertThat(consistency.getSecondRootHash().toByteArray()).isEqualTo(root);
        List<byte[]> proof = path(consistency.getProofList());
        assertThat(ProofVerifier.verifyConsistency(5, 13, rootFive, root, proof)).isTrue();
        assertThat(ProofVerifier.verifyConsistency(6, 13, rootFive, root, proof)).isFalse();
        assertThat(ProofVerifier.verifyConsistency(5, 26, rootFive, root, proof)).isFalse();
        List<byte[]> alteredProof = new ArrayList<>(proof);
        alteredProof.set(alteredProof.size() - 1, flipped(alteredProof.get(alteredProof.size() - 1)));
        assertThat(ProofVerifier.verifyConsistency(5, 13, rootFive, root, alteredProof)).isFalse();

        // Equal sizes and the empty tree need no proof.
        assertThat(audit.getConsistencyProof(GetConsistencyProofRequest.newBuilder().setFirstTreeSize(13)
                .setSecondTreeSize(13).build()).getProofCount()).isZero();
        assertThat(audit.getConsistencyProof(GetConsistencyProofRequest.newBuilder().setFirstTreeSize(0).build())
                .getFirstRootHash().toByteArray()).isEqualTo(ReferenceMerkle.sha256(new byte[0]));
    }

    @Test
    void badProofRequestsAreRefused() {
        String tenant = freshTenant();
        AuditServiceBlockingStub audit = audit(tenant);
        audit.appendRecords(records(0, 4));
        assertError(() -> audit.getInclusionProof(GetInclusionProofRequest.newBuilder().setSequence(4).build()),
                Status.Code.INVALID_ARGUMENT, "SEQUENCE_INVALID");
        assertError(() -> audit.getInclusionProof(GetInclusionProofRequest.newBuilder().setSequence(-1).build()),
                Status.Code.INVALID_ARGUMENT, "SEQUENCE_INVALID");
        assertError(() -> audit.getInclusionProof(GetInclusionProofRequest.newBuilder().setSequence(1).setTreeSize(5).build()),
                Status.Code.INVALID_ARGUMENT, "TREE_SIZE_INVALID");
        assertError(() -> audit.getInclusionProof(GetInclusionProofRequest.newBuilder().setSequence(3).setTreeSize(3).build()),
                Status.Code.INVALID_ARGUMENT, "SEQUENCE_INVALID");
        assertError(() -> audit.getInclusionProof(GetInclusionProofRequest.newBuilder().setRecordId("no-such-record").build()),
                Status.Code.NOT_FOUND, "RECORD_NOT_FOUND");
        assertError(() -> audit.getInclusionProof(GetInclusionProofRequest.newBuilder().setRecordId("two words").build()),
                Status.Code.INVALID_ARGUMENT, "RECORD_ID_INVALID");
        assertError(() -> audit.getInclusionProof(GetInclusionProofRequest.getDefaultInstance()),
                Status.Code.INVALID_ARGUMENT, "LEAF_MISSING");
        assertError(() -> audit.getConsistencyProof(GetConsistencyProofRequest.newBuilder().setFirstTreeSize(3)
                .setSecondTreeSize(2).build()), Status.Code.INVALID_ARGUMENT, "FIRST_TREE_SIZE_INVALID");
        assertError(() -> audit.getConsistencyProof(GetConsistencyProofRequest.newBuilder().setFirstTreeSize(-1).build()),
                Status.Code.INVALID_ARGUMENT, "FIRST_TREE_SIZE_INVALID");
        assertError(() -> audit.getConsistencyProof(GetConsistencyProofRequest.newBuilder().setSecondTreeSize(9).build()),
                Status.Code.INVALID_ARGUMENT, "TREE_SIZE_INVALID");
        // An empty log has nothing to prove.
        assertError(() -> audit(freshTenant()).getInclusionProof(GetInclusionProofRequest.newBuilder().setSequence(0).build()),
                Status.Code.INVALID_ARGUMENT, "SEQUENCE_INVALID");
        // Only auditors and compliance verify the log; a service may not.
        assertError(() -> TestCalls.as(AuditServiceGrpc.newBlockingStub(channel), null, tenant)
                .verifyLog(VerifyLogRequest.getDefaultInstance()), Status.Code.UNAUTHENTICATED, "TOKEN_MISSING");
    }

    @Test
    void headsAreSignedOncePerSizeOnDemandAndOnScheduleAndWrittenToTheDirectory() throws IOException {
        String tenant = freshTenant();
        AuditServiceBlockingStub audit = audit(tenant);
        assertThat(audit.getTreeHead(GetTreeHeadRequest.getDefaultInstance()).hasSignedTreeHead())
                .as("an empty log has no signed head").isFalse();
        assertThat(signedHeadCount(tenant)).isZero();
        audit.appendRecords(records(0, 3));
        SignedTreeHead first = audit.getTreeHead(GetTreeHeadRequest.getDefaultInstance()).getSignedTreeHead();
        assertThat(audit.getTreeHead(GetTreeHeadRequest.getDefaultInstance()).getSignedTreeHead())
                .as("no growth, no new head").isEqualTo(first);
        assertThat(signedHeadCount(tenant)).isEqualTo(1);

        audit.appendRecords(records(3, 7));
        signedHeads.signGrownLogs();
        assertThat(signedHeadCount(tenant)).isEqualTo(2);
        SignedTreeHead scheduled = audit.getTreeHead(GetTreeHeadRequest.getDefaultInstance()).getSignedTreeHead();
        assertThat(scheduled.getTreeSize()).isEqualTo(7);
        assertThat(signedHeadCount(tenant)).as("the scheduled head is the current one").isEqualTo(2);
        signedHeads.signGrownLogs();
        assertThat(signedHeadCount(tenant)).as("nothing grew").isEqualTo(2);

        Path file = HEAD_DIRECTORY.resolve(tenant).resolve("7-test-key-2.json");
        String json = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(json).contains("\"tree_size\":7").contains("\"key_id\":\"test-key-2\"")
                .contains("\"signature\":\"" + Base64.getEncoder().encodeToString(scheduled.getSignature().toByteArray()) + "\"");
        assertThat(HEAD_DIRECTORY.resolve(tenant).resolve("3-test-key-2.json")).exists();
    }

    @Test
    void headsSignedWithTheOldKeyStillVerifyAndAForgedHeadIsNamed() throws SQLException {
        String rotated = freshTenant();
        io.atsbridge.proto.audit.v1.TreeHead head = audit(rotated).appendRecords(records(0, 4)).getTreeHead();
        HeadSigner old = new HeadSigner(OLD_KEY, "test-key-1", Map.of());
        storeSignedHead(old.sign(rotated, new TreeHead(4, head.getRootHash().toByteArray(), null),
                Instant.parse("2024-01-01T00:00:00Z")).orElseThrow());
        audit(rotated).appendRecords(records(4, 6));
        audit(rotated).getTreeHead(GetTreeHeadRequest.getDefaultInstance());

        VerifyLogResponse intact = audit(rotated).verifyLog(VerifyLogRequest.getDefaultInstance());
        assertThat(intact.getIntact()).as(intact.getFinding()).isTrue();
        assertThat(intact.getProblem()).isEqualTo(LogProblem.LOG_PROBLEM_UNSPECIFIED);
        assertThat(intact.getSignedHeadsChecked()).isEqualTo(2);
        assertThat(intact.getTreeHead().getTreeSize()).isEqualTo(6);

        String forged = freshTenant();
        io.atsbridge.proto.audit.v1.TreeHead forgedHead = audit(forged).appendRecords(records(0, 4)).getTreeHead();
        HeadSigner rogue = new HeadSigner(seed(9), "test-key-2", Map.of());
        storeSignedHead(rogue.sign(forged, new TreeHead(4, forgedHead.getRootHash().toByteArray(), null),
                Instant.parse("2024-01-01T00:00:00Z")).orElseThrow());
        VerifyLogResponse named = audit(forged).verifyLog(VerifyLogRequest.getDefaultInstance());
        assertThat(named.getIntact()).isFalse();
        assertThat(named.getProblem()).isEqualTo(LogProblem.LOG_PROBLEM_SIGNATURE_INVALID);
        assertThat(named.getContradictedHead().getKeyId()).isEqualTo("test-key-2");
    }

    @Test
    void verifyNamesAChangedByteADeletedRowTwoSwappedRowsAndAnInsertedRow() throws SQLException {
        String changed = signedLogOfEight();
        String deleted = signedLogOfEight();
        String swapped = signedLogOfEight();
        String inserted = signedLogOfEight();
        String rewritten = signedLogOfEight();
        for (String tenant : List.of(changed, deleted, swapped, inserted, rewritten)) {
            assertThat(audit(tenant).verifyLog(VerifyLogRequest.getDefaultInstance()).getIntact()).isTrue();
        }

        // One changed byte: subject_ref cand-1 becomes cand-2.
        tamper("UPDATE audit_record SET subject_ref = 'cand-2' WHERE tenant_id = ? AND `sequence` = 2", changed);
        tamper("DELETE FROM audit_record WHERE tenant_id = ? AND `sequence` = 3", deleted);
        tamper("UPDATE audit_record SET `sequence` = -1 WHERE tenant_id = ? AND `sequence` = 4", swapped);
        tamper("UPDATE audit_record SET `sequence` = 4 WHERE tenant_id = ? AND `sequence` = 5", swapped);
        tamper("UPDATE audit_record SET `sequence` = 5 WHERE tenant_id = ? AND `sequence` = -1", swapped);
        // A whole forged record, self-consistent (its leaf hash is right for its content), slipped in at sequence 2.
        tamperAll("UPDATE audit_record SET `sequence` = `sequence` + 1 WHERE tenant_id = ? AND `sequence` >= 2 "
                + "ORDER BY `sequence` DESC", inserted);
        insertRecord(inserted, 2, content("forged-" + unique(), 2));
        // A changed record whose leaf hash was rewritten to match: only the signed head can tell.
        RecordContent rewrittenContent = content(recordIdAt(rewritten, 6), 6);
        try (Connection connection = database.connect(); PreparedStatement update = connection.prepareStatement(
                "UPDATE audit_record SET actor = ?, leaf_hash = ? WHERE tenant_id = ? AND `sequence` = 6")) {
            RecordContent forgedActor = new RecordContent(rewrittenContent.recordId(), rewrittenContent.traceId(),
                    rewrittenContent.action(), "someone-else", rewrittenContent.subjectRef(), rewrittenContent.connectionId(),
                    rewrittenContent.attributes(), rewrittenContent.payloadSha256(), rewrittenContent.occurTime());
            update.setString(1, "someone-else");
            update.setBytes(2, LeafEncoding.leafHash(forgedActor));
            update.setString(3, rewritten);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }

        assertThat(verify(changed)).satisfies(v -> {
            assertThat(v.getProblem()).isEqualTo(LogProblem.LOG_PROBLEM_CHANGED);
            assertThat(v.getSequence()).isEqualTo(2);
            assertThat(v.getRecordId()).isEqualTo(recordIdAt(changed, 2));
            assertThat(v.getFinding()).contains("sequence 2").contains("changed after it was appended");
            assertThat(v.getContradictedHead().getTreeSize()).isEqualTo(8);
        });
        assertThat(verify(deleted)).satisfies(v -> {
            assertThat(v.getProblem()).isEqualTo(LogProblem.LOG_PROBLEM_DELETED);
            assertThat(v.getSequence()).isEqualTo(3);
            assertThat(v.getFinding()).contains("sequence 3 is missing");
            assertThat(v.getContradictedHead().getTreeSize()).isEqualTo(8);
        });
        assertThat(verify(swapped)).satisfies(v -> {
            assertThat(v.getProblem()).isEqualTo(LogProblem.LOG_PROBLEM_REORDERED);
            assertThat(v.getSequence()).isEqualTo(4);
            assertThat(v.getRecordId()).isEqualTo(recordIdAt(swapped, 4));
            assertThat(v.getFinding()).contains("sequences 4 and 5 were reordered");
            assertThat(v.getContradictedHead().getTreeSize()).isEqualTo(8);
        });
        assertThat(verify(inserted)).satisfies(v -> {
            assertThat(v.getProblem()).isEqualTo(LogProblem.LOG_PROBLEM_INSERTED);
            assertThat(v.getSequence()).isEqualTo(2);
            assertThat(v.getRecordId()).startsWith("forged-");
            assertThat(v.getFinding()).contains("was inserted").contains("holds 9 records but its head covers 8");
            assertThat(v.getContradictedHead().getTreeSize()).isEqualTo(8);
        });
        assertThat(verify(rewritten)).satisfies(v -> {
            assertThat(v.getProblem()).isEqualTo(LogProblem.LOG_PROBLEM_ROOT_MISMATCH);
            assertThat(v.getFinding()).contains("signed head of that size");
            assertThat(v.getContradictedHead().getTreeSize()).isEqualTo(8);
            assertThat(v.getContradictedHead().getKeyId()).isEqualTo("test-key-2");
        });
    }

    @Test
    void aTamperedSubtreeHashIsNamedAndItsProofsFail() throws SQLException {
        String tenant = signedLogOfEight();
        tamper("UPDATE audit_tree_node SET hash = X'" + "00".repeat(32) + "' WHERE tenant_id = ? AND node_level = 1 "
                + "AND node_index = 2", tenant);

        VerifyLogResponse named = verify(tenant);
        assertThat(named.getProblem()).isEqualTo(LogProblem.LOG_PROBLEM_NODE_MISMATCH);
        assertThat(named.getSequence()).isEqualTo(4);
        assertThat(named.getFinding()).contains("records 4..5 (level 1, index 2) does not match the records");
        // The service cannot make a false proof out of it: the proof of record 6 uses that node and fails.
        SignedTreeHead head = audit(tenant).getTreeHead(GetTreeHeadRequest.getDefaultInstance()).getSignedTreeHead();
        GetInclusionProofResponse proof = audit(tenant).getInclusionProof(
                GetInclusionProofRequest.newBuilder().setSequence(6).build());
        assertThat(ProofVerifier.verifyInclusion(6, 8, proof.getLeafHash().toByteArray(), path(proof.getAuditPathList()),
                head.getRootHash().toByteArray())).isFalse();
    }

    @Test
    void aLogThatGrewBeforeNodesWereStoredIsCaughtUpOnItsFirstProof() throws SQLException {
        String tenant = freshTenant();
        AuditServiceBlockingStub audit = audit(tenant);
        audit.appendRecords(records(0, 11));
        tamperAll("DELETE FROM audit_tree_node WHERE tenant_id = ?", tenant);
        tamper("UPDATE tree_head SET node_size = 0 WHERE tenant_id = ?", tenant);

        SignedTreeHead head = audit.getTreeHead(GetTreeHeadRequest.getDefaultInstance()).getSignedTreeHead();
        GetInclusionProofResponse proof = audit.getInclusionProof(GetInclusionProofRequest.newBuilder().setSequence(9).build());
        assertThat(ProofVerifier.verifyInclusion(9, 11, proof.getLeafHash().toByteArray(), path(proof.getAuditPathList()),
                head.getRootHash().toByteArray())).isTrue();
        assertThat(database.count("audit_tree_node")).isPositive();

        // Appends after the catch-up keep proofs right.
        audit.appendRecords(records(11, 16));
        SignedTreeHead grown = audit.getTreeHead(GetTreeHeadRequest.getDefaultInstance()).getSignedTreeHead();
        GetConsistencyProofResponse consistency = audit.getConsistencyProof(
                GetConsistencyProofRequest.newBuilder().setFirstTreeSize(11).build());
        assertThat(ProofVerifier.verifyConsistency(11, 16, head.getRootHash().toByteArray(),
                grown.getRootHash().toByteArray(), path(consistency.getProofList()))).isTrue();
    }

    private String signedLogOfEight() {
        String tenant = freshTenant();
        audit(tenant).appendRecords(records(0, 8));
        assertThat(audit(tenant).getTreeHead(GetTreeHeadRequest.getDefaultInstance()).getSignedTreeHead().getTreeSize())
                .isEqualTo(8);
        return tenant;
    }

    private VerifyLogResponse verify(String tenant) {
        VerifyLogResponse response = audit(tenant).verifyLog(VerifyLogRequest.getDefaultInstance());
        assertThat(response.getIntact()).isFalse();
        assertThat(response.getTreeHead().getTreeSize()).isEqualTo(8);
        return response;
    }

    /** The content of the i-th test record (see {@link #records}), with the given record id. */
    private static RecordContent content(String recordId, int i) {
        return RecordContent.of(recordId, "trace-p", "consent.decided", "consent-service", "cand-1", "gh-acme",
                new TreeMap<>(Map.of("n", String.valueOf(i))), new byte[0], Instant.ofEpochSecond(T0 + i));
    }

    private String recordIdAt(String tenant, long sequence) {
        return audit(tenant).queryRecords(QueryRecordsRequest.newBuilder().setPageSize(100).build()).getRecordsList()
                .stream().filter(r -> r.getSequence() == sequence).findFirst().orElseThrow().getRecordId();
    }

    private void insertRecord(String tenant, long sequence, RecordContent content) throws SQLException {
        try (Connection connection = database.connect(); PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO audit_record (tenant_id, `sequence`, record_id, trace_id, action, actor, subject_ref, "
                        + "connection_id, attributes, payload_sha256, occur_time, leaf_hash, append_time) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, tenant);
            insert.setLong(2, sequence);
            insert.setString(3, content.recordId());
            insert.setString(4, content.traceId());
            insert.setString(5, content.action());
            insert.setString(6, content.actor());
            insert.setString(7, content.subjectRef());
            insert.setString(8, content.connectionId());
            insert.setString(9, "{\"n\":\"" + content.attributes().get("n") + "\"}");
            insert.setBytes(10, content.payloadSha256());
            insert.setString(11, UtcDateTimeText.format(content.occurTime()));
            insert.setBytes(12, LeafEncoding.leafHash(content));
            insert.setString(13, UtcDateTimeText.format(Instant.now()));
            assertThat(insert.executeUpdate()).isEqualTo(1);
        }
    }

    private void storeSignedHead(io.atsbridge.audit.domain.SignedTreeHead head) throws SQLException {
        try (Connection connection = database.connect(); PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO audit_signed_head (tenant_id, tree_size, root_hash, head_time, key_id, signature) "
                        + "VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, head.tenantId());
            insert.setLong(2, head.treeSize());
            insert.setBytes(3, head.rootHash());
            insert.setString(4, UtcDateTimeText.format(head.headTime()));
            insert.setString(5, head.keyId());
            insert.setBytes(6, head.signature());
            insert.executeUpdate();
        }
    }

    private long signedHeadCount(String tenant) {
        try (Connection connection = database.connect(); PreparedStatement select = connection.prepareStatement(
                "SELECT COUNT(*) FROM audit_signed_head WHERE tenant_id = ?")) {
            select.setString(1, tenant);
            try (var rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void tamper(String sql, String tenant) throws SQLException {
        assertThat(tamperAll(sql, tenant)).isEqualTo(1);
    }

    private int tamperAll(String sql, String tenant) throws SQLException {
        try (Connection connection = database.connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, tenant);
            return statement.executeUpdate();
        }
    }

    static io.atsbridge.audit.domain.SignedTreeHead toDomain(SignedTreeHead head) {
        return new io.atsbridge.audit.domain.SignedTreeHead(head.getTenantId(), head.getTreeSize(),
                head.getRootHash().toByteArray(),
                Instant.ofEpochSecond(head.getHeadTime().getSeconds(), head.getHeadTime().getNanos()), head.getKeyId(),
                head.getSignature().toByteArray());
    }

    /** Records i in [from, to): each with attribute n = i and occur_time T0 + i. */
    private static AppendRecordsRequest records(int from, int to) {
        AppendRecordsRequest.Builder request = AppendRecordsRequest.newBuilder();
        IntStream.range(from, to).forEach(i -> request.addRecords(AuditRecord.newBuilder()
                .setRecordId("p" + i + "-" + unique())
                .setTraceId("trace-p")
                .setAction("consent.decided")
                .setActor("consent-service")
                .setSubjectRef("cand-1")
                .setConnectionId("gh-acme")
                .putAttributes("n", String.valueOf(i))
                .setOccurTime(Timestamp.newBuilder().setSeconds(T0 + i))));
        return request.build();
    }

    static List<byte[]> path(List<ByteString> hashes) {
        return hashes.stream().map(ByteString::toByteArray).toList();
    }

    private static byte[] flipped(byte[] hash) {
        byte[] copy = hash.clone();
        copy[0] ^= 1;
        return copy;
    }

    private AuditServiceBlockingStub audit(String tenant) {
        return TestCalls.as(AuditServiceGrpc.newBlockingStub(channel), TestCalls.TOKEN, tenant);
    }

    private static String freshTenant() {
        return "p-" + unique();
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static byte[] seed(int fill) {
        byte[] seed = new byte[32];
        Arrays.fill(seed, (byte) fill);
        return seed;
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("audit-heads");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertError(Runnable call, Status.Code code, String reason) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).as(reason).isEqualTo(code);
            assertThat(GrpcErrors.errorInfo(e).orElseThrow().getReason()).isEqualTo(reason);
        });
    }
}
