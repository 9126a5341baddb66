package io.atsbridge.audit.domain;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Objects;

/**
 * A tree head the log signed: that the tenant's log held {@code treeSize} records with root {@code rootHash} at
 * {@code headTime}, signed with Ed25519 (RFC 8032) by the key {@code keyId}. The signature is over
 * {@link #signedBytes()}:
 *
 * <pre>
 *   str  "atsbridge.audit.tree_head.v1"   what the bytes are (so a signature can never be taken for another kind)
 *   str  tenant_id
 *   u64  tree_size
 *   bin  root_hash                        32 bytes
 *   i64  head_time                        microseconds since 1970-01-01T00:00:00Z
 *   str  key_id
 *
 *   str = u32 byte length, then the UTF-8 bytes;  bin = u32 byte length, then the bytes;
 *   all integers big-endian (the same conventions as the leaf bytes, see LeafEncoding).
 * </pre>
 *
 * <p>Anyone holding the head and the public key of {@code keyId} can check it (docs/audit.md).
 */
public record SignedTreeHead(String tenantId, long treeSize, byte[] rootHash, Instant headTime, String keyId,
                             byte[] signature) {

    /** The first field of the signed bytes. */
    public static final String CONTEXT = "atsbridge.audit.tree_head.v1";

    public SignedTreeHead {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(keyId, "keyId");
        headTime = headTime.truncatedTo(ChronoUnit.MICROS);
        rootHash = rootHash.clone();
        signature = signature.clone();
    }

    /** The canonical bytes the signature covers. */
    public byte[] signedBytes() {
        return signedBytes(tenantId, treeSize, rootHash, headTime, keyId);
    }

    /** The canonical bytes of a head, as above; the time is cut to whole microseconds. */
    public static byte[] signedBytes(String tenantId, long treeSize, byte[] rootHash, Instant headTime, String keyId) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(160);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writeString(out, CONTEXT);
            writeString(out, tenantId);
            out.writeLong(treeSize);
            out.writeInt(rootHash.length);
            out.write(rootHash);
            out.writeLong(ChronoUnit.MICROS.between(Instant.EPOCH, headTime.truncatedTo(ChronoUnit.MICROS)));
            writeString(out, keyId);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    @Override
    public byte[] rootHash() {
        return rootHash.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    private static void writeString(DataOutputStream out, String value) throws IOException {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SignedTreeHead that && tenantId.equals(that.tenantId) && treeSize == that.treeSize
                && Arrays.equals(rootHash, that.rootHash) && headTime.equals(that.headTime)
                && keyId.equals(that.keyId) && Arrays.equals(signature, that.signature);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tenantId, treeSize, Arrays.hashCode(rootHash), headTime, keyId, Arrays.hashCode(signature));
    }

    @Override
    public String toString() {
        return "SignedTreeHead[tenant " + tenantId + ", size " + treeSize + ", time " + headTime + ", key " + keyId + "]";
    }
}
