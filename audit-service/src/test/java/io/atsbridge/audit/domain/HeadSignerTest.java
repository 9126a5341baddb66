package io.atsbridge.audit.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HeadSignerTest {

    private static final byte[] OLD_KEY = seed(1);
    private static final byte[] NEW_KEY = seed(2);
    private static final TreeHead HEAD = new TreeHead(8,
            HexFormat.of().parseHex("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"), null);
    private static final Instant TIME = Instant.parse("2024-05-01T12:00:00.123456789Z");

    @Test
    void aSignedHeadVerifiesWithItsKeyAndNotWithAnother() {
        HeadSigner signer = new HeadSigner(OLD_KEY, "audit-2024", Map.of());
        SignedTreeHead head = signer.sign("acme", HEAD, TIME).orElseThrow();

        assertThat(head.keyId()).isEqualTo("audit-2024");
        assertThat(head.headTime()).isEqualTo(Instant.parse("2024-05-01T12:00:00.123456Z"));
        assertThat(head.signature()).hasSize(64);
        assertThat(signer.verify(head)).isTrue();
        assertThat(HeadSigner.verify(head, HeadSigner.publicKeyOf(OLD_KEY))).isTrue();
        assertThat(HeadSigner.verify(head, HeadSigner.publicKeyOf(NEW_KEY))).isFalse();
        assertThat(new HeadSigner(NEW_KEY, "audit-2024", Map.of()).verify(head)).as("another key under the same id").isFalse();
        assertThat(new HeadSigner(NEW_KEY, null, Map.of()).verify(head)).as("unknown key id").isFalse();
    }

    @Test
    void changingAnySignedFieldBreaksTheSignature() {
        HeadSigner signer = new HeadSigner(OLD_KEY, "k1", Map.of());
        SignedTreeHead head = signer.sign("acme", HEAD, TIME).orElseThrow();
        byte[] otherRoot = head.rootHash();
        otherRoot[31] ^= 1;
        assertThat(signer.verify(new SignedTreeHead("acme2", 8, head.rootHash(), head.headTime(), "k1", head.signature()))).isFalse();
        assertThat(signer.verify(new SignedTreeHead("acme", 9, head.rootHash(), head.headTime(), "k1", head.signature()))).isFalse();
        assertThat(signer.verify(new SignedTreeHead("acme", 8, otherRoot, head.headTime(), "k1", head.signature()))).isFalse();
        assertThat(signer.verify(new SignedTreeHead("acme", 8, head.rootHash(), head.headTime().plusNanos(1000), "k1",
                head.signature()))).isFalse();
    }

    @Test
    void afterARotationTheOldKeysHeadsStillVerify() {
        SignedTreeHead old = new HeadSigner(OLD_KEY, "k1", Map.of()).sign("acme", HEAD, TIME).orElseThrow();
        String oldPublic = Base64.getEncoder().encodeToString(HeadSigner.publicKeyOf(OLD_KEY));
        HeadSigner rotated = new HeadSigner(NEW_KEY, "k2", HeadSigner.parsePublicKeys("k1=" + oldPublic));

        SignedTreeHead fresh = rotated.sign("acme", HEAD, TIME).orElseThrow();
        assertThat(fresh.keyId()).isEqualTo("k2");
        assertThat(rotated.verify(fresh)).isTrue();
        assertThat(rotated.verify(old)).isTrue();
        assertThat(rotated.publicKeys()).containsOnlyKeys("k2", "k1");
        assertThat(new HeadSigner(NEW_KEY, "k2", Map.of()).verify(old)).as("without the old public key").isFalse();
    }

    @Test
    void theCanonicalBytesAreAsDocumented() {
        byte[] root = new byte[32];
        byte[] bytes = SignedTreeHead.signedBytes("t", 258, root, Instant.ofEpochSecond(1, 2000), "k");
        String expected = "0000001c" + HexFormat.of().formatHex("atsbridge.audit.tree_head.v1".getBytes())
                + "00000001" + "74" + "0000000000000102" + "00000020" + "00".repeat(32) + "00000000000f4242"
                + "00000001" + "6b";
        assertThat(HexFormat.of().formatHex(bytes)).isEqualTo(expected);
    }

    @Test
    void withoutAKeyNothingIsSignedAndBadKeysAreRefused() {
        HeadSigner none = new HeadSigner(null, null, Map.of());
        assertThat(none.signs()).isFalse();
        assertThat(none.sign("acme", HEAD, TIME)).isEmpty();
        assertThat(new HeadSigner(OLD_KEY, "", Map.of()).keyId())
                .isEqualTo(HeadSigner.defaultKeyId(HeadSigner.publicKeyOf(OLD_KEY))).startsWith("ed25519-").hasSize(24);
        assertThatThrownBy(() -> new HeadSigner(new SigningSettings("c2hvcnQ=", null, null, java.time.Duration.ofMinutes(1), null)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("has 5 bytes");
        assertThatThrownBy(() -> HeadSigner.parsePublicKeys("no-equals-sign"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("keyId=base64");
        assertThatThrownBy(() -> new HeadSigner(OLD_KEY, null, HeadSigner.parsePublicKeys("k=c2hvcnQ=")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("32-byte");
    }

    private static byte[] seed(int fill) {
        byte[] seed = new byte[32];
        java.util.Arrays.fill(seed, (byte) fill);
        return seed;
    }
}
