package io.atsbridge.cli.audit;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.atsbridge.proto.audit.v1.AuditRecord;
import io.atsbridge.proto.audit.v1.ExportedRecord;
import io.atsbridge.proto.audit.v1.SignedTreeHead;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The offline verifier on exports built here from first principles (RFC 6962 tree, JCA Ed25519): a good export
 * verifies in both forms, and each way of altering it afterwards fails with what is wrong. That real audit-service
 * exports verify is the launcher's AuditCliEndToEndTest.
 */
class OfflineVerifierTest {

    private static final long T0 = 1_714_564_800L;

    private final KeyPair key = ed25519();
    private final KeyPair otherKey = ed25519();

    @ParameterizedTest
    @EnumSource(ExportFile.Format.class)
    void aGoodExportVerifies(ExportFile.Format format) throws IOException {
        String export = export(format, 11, List.of(0L, 3L, 4L, 10L));

        OfflineVerifier.Result result = OfflineVerifier.verify(read(export), publicKey(key));

        assertThat(result.problems()).isEmpty();
        assertThat(result.verified()).isTrue();
        assertThat(result.recordsVerified()).isEqualTo(4);
    }

    @ParameterizedTest
    @EnumSource(ExportFile.Format.class)
    void oneAlteredByteInARecordFails(ExportFile.Format format) throws IOException {
        String export = export(format, 11, List.of(0L, 3L, 4L, 10L));
        String altered = export.replace("actor-3", "actor-8");
        assertThat(altered).isNotEqualTo(export);

        OfflineVerifier.Result result = OfflineVerifier.verify(read(altered), publicKey(key));

        assertThat(result.verified()).isFalse();
        assertThat(result.problems()).singleElement().asString().contains("sequence 3")
                .contains("the record's fields do not give its leaf bytes: the record was altered");
        assertThat(result.recordsVerified()).isEqualTo(3);
    }

    @ParameterizedTest
    @EnumSource(ExportFile.Format.class)
    void aRemovedLineFails(ExportFile.Format format) throws IOException {
        String export = export(format, 11, List.of(0L, 3L, 4L, 10L));
        List<String> lines = new ArrayList<>(export.lines().toList());
        lines.removeIf(line -> line.contains("record-4"));

        OfflineVerifier.Result result = OfflineVerifier.verify(read(String.join("\n", lines) + "\n"), publicKey(key));

        assertThat(result.problems()).containsExactly(
                "the end line counts 4 records but the export holds 3: record lines were removed or added");
        // Without the end line too: cut short.
        lines.remove(lines.size() - 1);
        assertThat(OfflineVerifier.verify(read(String.join("\n", lines) + "\n"), publicKey(key)).problems())
                .containsExactly("the export has no end line: it was cut short");
    }

    @ParameterizedTest
    @EnumSource(ExportFile.Format.class)
    void aWrongProofFails(ExportFile.Format format) throws IOException {
        String export = export(format, 11, List.of(0L, 3L, 4L, 10L));
        AuditExport good = read(export);
        AuditExport.Record third = good.records().get(2);
        List<byte[]> path = new ArrayList<>(third.auditPath());
        byte[] flipped = path.get(0).clone();
        flipped[31] ^= 1;
        path.set(0, flipped);
        String altered = export.replace(java.util.HexFormat.of().formatHex(third.auditPath().get(0)),
                java.util.HexFormat.of().formatHex(flipped));

        OfflineVerifier.Result result = OfflineVerifier.verify(read(altered), publicKey(key));

        assertThat(result.problems()).anySatisfy(problem -> assertThat(problem).contains("sequence 4")
                .contains("the inclusion proof does not lead to the head's root"));
    }

    @Test
    void aHeadSignedByAnotherKeyOrAlteredFails() throws IOException {
        String export = export(ExportFile.Format.JSONL, 11, List.of(0L, 3L));

        assertThat(OfflineVerifier.verify(read(export), publicKey(otherKey)).problems()).singleElement().asString()
                .contains("is not signed by the given public key");
        String grown = export.replace("\"tree_size\":11", "\"tree_size\":12");
        assertThat(OfflineVerifier.verify(read(grown), publicKey(key)).problems()).first().asString()
                .contains("is not signed by the given public key");
        assertThatThrownBy(() -> OfflineVerifier.verify(read(export), new byte[31]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("31 bytes");
    }

    @Test
    void aFileThatIsNoExportIsRefusedNamingTheLine() {
        assertThatThrownBy(() -> read("{\"kind\":\"record\"}\n")).isInstanceOf(ExportFile.ExportFormatException.class)
                .hasMessage("line 1 is not the head line (expected: kind head first)");
        assertThatThrownBy(() -> read("")).isInstanceOf(ExportFile.ExportFormatException.class)
                .hasMessageContaining("the export is empty");
    }

    /** An export of the records at {@code exported} from a log of {@code size} records, signed by {@link #key}. */
    private String export(ExportFile.Format format, int size, List<Long> exported) throws IOException {
        List<AuditRecord> log = new ArrayList<>();
        List<byte[]> leaves = new ArrayList<>();
        List<byte[]> leafBytes = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            AuditRecord record = AuditRecord.newBuilder().setRecordId("record-" + i).setTraceId("trace-" + (i % 3))
                    .setAction("consent.decided").setActor("actor-" + i).setSubjectRef(i % 2 == 0 ? "app-1" : "")
                    .putAttributes("rule_ids", "r" + i).putAttributes("candidate_id", "cand-1")
                    .setPayloadSha256(ByteString.copyFrom(i % 2 == 0 ? new byte[32] : new byte[0]))
                    .setOccurTime(Timestamp.newBuilder().setSeconds(T0 + i).setNanos(123_456_000)).setSequence(i)
                    .build();
            byte[] bytes = OfflineVerifier.leafBytes(new AuditExport.Record(0, i, record.getRecordId(),
                    record.getTraceId(), record.getAction(), record.getActor(), record.getSubjectRef(),
                    record.getConnectionId(), new TreeMap<>(record.getAttributesMap()), record.getPayloadSha256().toByteArray(),
                    (T0 + i) * 1_000_000L + 123_456, new byte[0], new byte[0], List.of()));
            byte[] leaf = OfflineVerifier.leafHash(bytes);
            log.add(record.toBuilder().setLeafHash(ByteString.copyFrom(leaf)).build());
            leaves.add(leaf);
            leafBytes.add(bytes);
        }
        byte[] root = root(leaves);
        AuditExport.Head head = new AuditExport.Head("acme", size, root, T0 * 1_000_000L + 7, "test-key", new byte[0]);
        byte[] signature = sign(key, OfflineVerifier.headBytes(head));
        StringWriter out = new StringWriter();
        try (ExportFile.Writer writer = new ExportFile.Writer(format, out)) {
            writer.head(SignedTreeHead.newBuilder().setTenantId("acme").setTreeSize(size)
                    .setRootHash(ByteString.copyFrom(root)).setHeadTime(Timestamp.newBuilder().setSeconds(T0).setNanos(7000))
                    .setKeyId("test-key").setSignature(ByteString.copyFrom(signature)).build());
            for (long sequence : exported) {
                int index = (int) sequence;
                ExportedRecord.Builder record = ExportedRecord.newBuilder().setRecord(log.get(index))
                        .setLeafBytes(ByteString.copyFrom(leafBytes.get(index)));
                path(index, leaves).forEach(hash -> record.addAuditPath(ByteString.copyFrom(hash)));
                writer.record(record.build());
            }
            writer.end();
        }
        return out.toString();
    }

    private static AuditExport read(String export) throws IOException {
        return ExportFile.read(new BufferedReader(new StringReader(export)));
    }

    /** RFC 6962 section 2.1: MTH. */
    private static byte[] root(List<byte[]> leaves) {
        if (leaves.size() == 1) {
            return leaves.get(0);
        }
        int k = Integer.highestOneBit(leaves.size() - 1);
        return OfflineVerifier.nodeHash(root(leaves.subList(0, k)), root(leaves.subList(k, leaves.size())));
    }

    /** RFC 6962 section 2.1.1: PATH(m, D[n]). */
    private static List<byte[]> path(int m, List<byte[]> leaves) {
        if (leaves.size() <= 1) {
            return new ArrayList<>();
        }
        int k = Integer.highestOneBit(leaves.size() - 1);
        List<byte[]> path;
        if (m < k) {
            path = path(m, leaves.subList(0, k));
            path.add(root(leaves.subList(k, leaves.size())));
        } else {
            path = path(m - k, leaves.subList(k, leaves.size()));
            path.add(root(leaves.subList(0, k)));
        }
        return path;
    }

    private static KeyPair ed25519() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The raw 32-byte key: the end of its X.509 encoding. */
    private static byte[] publicKey(KeyPair pair) {
        byte[] encoded = pair.getPublic().getEncoded();
        return Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
    }

    private static byte[] sign(KeyPair pair, byte[] bytes) {
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(pair.getPrivate());
            signer.update(bytes);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

}
