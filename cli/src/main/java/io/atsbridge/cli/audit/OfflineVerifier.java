package io.atsbridge.cli.audit;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Checks an audit export with nothing but the export and the public key of the key that signed its head, as
 * docs/audit.md ("Verifying an export offline") describes: the head's Ed25519 signature over its canonical bytes;
 * each record's fields against its leaf bytes, its leaf hash, and its RFC 9162 inclusion proof to the head's root;
 * records in log order within the head; and the record count of the end line.
 *
 * <p>This is deliberately a second implementation of the documented encodings, written from docs/audit.md and
 * RFC 9162 and sharing no code with audit-service: an outsider's check must not rest on the code it checks, and the
 * launcher's end-to-end test shows the two agree.
 */
public final class OfflineVerifier {

    /** Most problems reported; a badly broken export would otherwise list every line. */
    static final int MAX_PROBLEMS = 20;
    private static final String HEAD_CONTEXT = "atsbridge.audit.tree_head.v1";
    private static final int LEAF_FORMAT = 1;
    private static final int HASH_LENGTH = 32;
    private static final int PUBLIC_KEY_LENGTH = 32;
    /** The DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410) before the 32 key bytes. */
    private static final byte[] ED25519_SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private OfflineVerifier() {
    }

    /**
     * What verification found.
     *
     * @param problems        what is wrong, one sentence each, the first {@link #MAX_PROBLEMS}; empty when the export
     *                        verifies
     * @param recordsVerified how many records verified
     */
    public record Result(List<String> problems, long recordsVerified) {

        public Result {
            problems = List.copyOf(problems);
        }

        public boolean verified() {
            return problems.isEmpty();
        }
    }

    /**
     * Verifies the export against the head-signing public key (the 32-byte Ed25519 public key).
     *
     * @throws IllegalArgumentException when the public key is not 32 bytes
     */
    public static Result verify(AuditExport export, byte[] publicKey) {
        if (publicKey.length != PUBLIC_KEY_LENGTH) {
            throw new IllegalArgumentException("the public key has " + publicKey.length
                    + " bytes (expected: the 32-byte Ed25519 public key, base64)");
        }
        List<String> problems = new ArrayList<>();
        AuditExport.Head head = export.head();
        if (!signatureValid(head, publicKey)) {
            problems.add("the head (tenant " + head.tenantId() + ", size " + head.treeSize() + ", key " + head.keyId()
                    + ") is not signed by the given public key: the head was altered or signed by another key");
        }
        long verified = 0;
        long previous = -1;
        for (AuditExport.Record record : export.records()) {
            String at = "line " + record.line() + " (sequence " + record.sequence() + ", record " + record.recordId() + "): ";
            String problem = null;
            if (record.sequence() <= previous) {
                problem = at + "not after the previous record's sequence " + previous
                        + ": records were reordered or repeated";
            } else if (record.sequence() >= head.treeSize()) {
                problem = at + "beyond the head's size " + head.treeSize();
            } else if (!Arrays.equals(leafBytes(record), record.leafBytes())) {
                problem = at + "the record's fields do not give its leaf bytes: the record was altered";
            } else if (!Arrays.equals(leafHash(record.leafBytes()), record.leafHash())) {
                problem = at + "the leaf hash is not SHA-256(0x00 || leaf bytes): the leaf bytes or hash were altered";
            } else if (!inclusionValid(record.sequence(), head.treeSize(), record.leafHash(), record.auditPath(),
                    head.rootHash())) {
                problem = at + "the inclusion proof does not lead to the head's root: the proof is wrong or the record "
                        + "is not the one the log holds";
            }
            if (problem == null) {
                verified++;
            } else {
                problems.add(problem);
            }
            previous = Math.max(previous, record.sequence());
        }
        if (export.declaredCount() < 0) {
            problems.add("the export has no end line: it was cut short");
        } else if (export.declaredCount() != export.records().size()) {
            problems.add("the end line counts " + export.declaredCount() + " records but the export holds "
                    + export.records().size() + ": record lines were removed or added");
        }
        return new Result(problems.size() > MAX_PROBLEMS ? problems.subList(0, MAX_PROBLEMS) : problems, verified);
    }

    /** The head's canonical bytes (docs/audit.md, "Signed tree heads"), rebuilt from its fields. */
    static byte[] headBytes(AuditExport.Head head) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writeString(out, HEAD_CONTEXT);
            writeString(out, head.tenantId());
            out.writeLong(head.treeSize());
            writeBytes(out, head.rootHash());
            out.writeLong(head.headTimeMicros());
            writeString(out, head.keyId());
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    /** The record's canonical leaf bytes, format 1 (docs/audit.md, "Leaves"), rebuilt from its fields. */
    static byte[] leafBytes(AuditExport.Record record) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(LEAF_FORMAT);
            writeString(out, record.recordId());
            writeString(out, record.traceId());
            writeString(out, record.action());
            writeString(out, record.actor());
            writeString(out, record.subjectRef());
            writeString(out, record.connectionId());
            out.writeInt(record.attributes().size());
            for (Map.Entry<String, String> attribute : record.attributes().entrySet()) {
                writeString(out, attribute.getKey());
                writeString(out, attribute.getValue());
            }
            writeBytes(out, record.payloadSha256());
            out.writeLong(record.occurTimeMicros());
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    static byte[] leafHash(byte[] leafBytes) {
        MessageDigest sha256 = sha256();
        sha256.update((byte) 0x00);
        return sha256.digest(leafBytes);
    }

    static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest sha256 = sha256();
        sha256.update((byte) 0x01);
        sha256.update(left);
        return sha256.digest(right);
    }

    /** RFC 9162 section 2.1.3.2. */
    static boolean inclusionValid(long index, long size, byte[] leafHash, List<byte[]> path, byte[] root) {
        if (index < 0 || index >= size || leafHash.length != HASH_LENGTH || root.length != HASH_LENGTH) {
            return false;
        }
        long fn = index;
        long sn = size - 1;
        byte[] r = leafHash;
        for (byte[] p : path) {
            if (sn == 0 || p.length != HASH_LENGTH) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = nodeHash(p, r);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                r = nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && MessageDigest.isEqual(r, root);
    }

    private static boolean signatureValid(AuditExport.Head head, byte[] publicKey) {
        try {
            byte[] encoded = Arrays.copyOf(ED25519_SPKI_PREFIX, ED25519_SPKI_PREFIX.length + publicKey.length);
            System.arraycopy(publicKey, 0, encoded, ED25519_SPKI_PREFIX.length, publicKey.length);
            PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded));
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(headBytes(head));
            return verifier.verify(head.signature());
        } catch (GeneralSecurityException e) {
            // A malformed key or signature verifies nothing.
            return false;
        }
    }

    private static void writeString(DataOutputStream out, String value) throws IOException {
        writeBytes(out, value.getBytes(StandardCharsets.UTF_8));
    }

    private static void writeBytes(DataOutputStream out, byte[] value) throws IOException {
        out.writeInt(value.length);
        out.write(value);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }
}
