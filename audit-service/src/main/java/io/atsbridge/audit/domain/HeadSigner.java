package io.atsbridge.audit.domain;

import com.google.crypto.tink.subtle.Ed25519Sign;
import com.google.crypto.tink.subtle.Ed25519Verify;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Signs tree heads with the configured Ed25519 key (Tink's implementation of RFC 8032) and checks heads signed by it
 * or by an earlier key ({@link SigningSettings#previousPublicKeys()}), so heads stay verifiable after a rotation.
 */
@Singleton
public final class HeadSigner {

    private static final Logger LOG = LoggerFactory.getLogger(HeadSigner.class);
    private static final int KEY_LENGTH = 32;

    @Nullable
    private final Ed25519Sign signer;
    private final String keyId;
    /** Every key a head may name, the current one first. */
    private final Map<String, byte[]> publicKeys;

    @Inject
    HeadSigner(SigningSettings settings) {
        this(decodePrivateKey(settings.privateKey()), settings.keyId(), parsePublicKeys(settings.previousPublicKeys()));
        if (signer != null) {
            // The public key is not secret: whoever keeps heads needs it to check them (docs/audit.md).
            LOG.info("tree heads are signed with key {}, public key {} (base64 of the 32-byte Ed25519 public key)", keyId,
                    Base64.getEncoder().encodeToString(publicKeys.get(keyId)));
        }
        if (signer == null) {
            LOG.warn("tree heads are not signed: atsbridge.audit.signing.private-key (ATSBRIDGE_AUDIT_SIGNING_PRIVATE_KEY) "
                    + "is not set; set it to base64 of a 32-byte Ed25519 private key (e.g. `openssl rand -base64 32`)");
        }
    }

    /**
     * A signer with the given private key (the 32-byte RFC 8032 seed; null: signs nothing), key id (null or empty:
     * derived from the public key) and earlier public keys by key id.
     */
    public HeadSigner(byte @Nullable [] privateKey, @Nullable String keyId, Map<String, byte[]> previousPublicKeys) {
        Map<String, byte[]> keys = new LinkedHashMap<>();
        if (privateKey == null) {
            this.signer = null;
            this.keyId = "";
        } else {
            try {
                byte[] publicKey = Ed25519Sign.KeyPair.newKeyPairFromSeed(privateKey).getPublicKey();
                this.signer = new Ed25519Sign(privateKey);
                this.keyId = keyId == null || keyId.isBlank() ? defaultKeyId(publicKey) : keyId.strip();
                keys.put(this.keyId, publicKey);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("atsbridge.audit.signing.private-key is not an Ed25519 private key: "
                        + e.getMessage(), e);
            }
        }
        previousPublicKeys.forEach((id, key) -> {
            if (key.length != KEY_LENGTH) {
                throw new IllegalStateException("atsbridge.audit.signing.previous-public-keys: the key of " + id + " has "
                        + key.length + " bytes (expected: base64 of the 32-byte Ed25519 public key)");
            }
            keys.putIfAbsent(id, key.clone());
        });
        this.publicKeys = Map.copyOf(keys);
    }

    /** Whether a private key is configured, so heads get signed. */
    public boolean signs() {
        return signer != null;
    }

    /** The id of the current key; empty when none is configured. */
    public String keyId() {
        return keyId;
    }

    /** The public keys of every key a head may name, by key id. */
    public Map<String, byte[]> publicKeys() {
        Map<String, byte[]> copy = new LinkedHashMap<>();
        publicKeys.forEach((id, key) -> copy.put(id, key.clone()));
        return copy;
    }

    /** The head signed with the current key at {@code time}; empty when no key is configured. */
    public Optional<SignedTreeHead> sign(String tenantId, TreeHead head, Instant time) {
        Ed25519Sign current = signer;
        if (current == null) {
            return Optional.empty();
        }
        byte[] bytes = SignedTreeHead.signedBytes(tenantId, head.treeSize(), head.rootHash(), time, keyId);
        try {
            return Optional.of(new SignedTreeHead(tenantId, head.treeSize(), head.rootHash(), time, keyId,
                    current.sign(bytes)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing a tree head failed", e);
        }
    }

    /** Whether the head's signature verifies with the public key its key id names (false for an unknown key id). */
    public boolean verify(SignedTreeHead head) {
        byte[] key = publicKeys.get(head.keyId());
        return key != null && verify(head, key);
    }

    /** Whether the head's signature verifies with this 32-byte Ed25519 public key. */
    public static boolean verify(SignedTreeHead head, byte[] publicKey) {
        if (publicKey.length != KEY_LENGTH) {
            return false;
        }
        try {
            new Ed25519Verify(publicKey).verify(head.signature(), head.signedBytes());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** {@code ed25519-} and the first 8 bytes of SHA-256(public key), in hex. */
    public static String defaultKeyId(byte[] publicKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(publicKey);
            return "ed25519-" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** The public key of a private key (the 32-byte seed). */
    public static byte[] publicKeyOf(byte[] privateKey) {
        try {
            return Ed25519Sign.KeyPair.newKeyPairFromSeed(privateKey).getPublicKey();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 private key: " + e.getMessage(), e);
        }
    }

    private static byte @Nullable [] decodePrivateKey(@Nullable String base64) {
        if (base64 == null || base64.isBlank()) {
            return null;
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("atsbridge.audit.signing.private-key (ATSBRIDGE_AUDIT_SIGNING_PRIVATE_KEY) is not "
                    + "base64 (expected: base64 of a 32-byte Ed25519 private key, e.g. `openssl rand -base64 32`)", e);
        }
        if (key.length != KEY_LENGTH) {
            throw new IllegalStateException("atsbridge.audit.signing.private-key (ATSBRIDGE_AUDIT_SIGNING_PRIVATE_KEY) has "
                    + key.length + " bytes (expected: base64 of a 32-byte Ed25519 private key, e.g. `openssl rand -base64 32`)");
        }
        return key;
    }

    /** {@code id=base64,id=base64}; an entry without '=' before its key, or a key that is not base64, is refused. */
    static Map<String, byte[]> parsePublicKeys(@Nullable String list) {
        Map<String, byte[]> keys = new LinkedHashMap<>();
        if (list == null || list.isBlank()) {
            return keys;
        }
        for (String entry : list.split(",", 64)) {
            String trimmed = entry.strip();
            int equals = trimmed.indexOf('=');
            if (equals <= 0) {
                throw new IllegalStateException("atsbridge.audit.signing.previous-public-keys entry '" + trimmed
                        + "' (expected: keyId=base64 of the 32-byte Ed25519 public key, comma-separated)");
            }
            String id = trimmed.substring(0, equals).strip();
            try {
                keys.put(id, Base64.getDecoder().decode(trimmed.substring(equals + 1).strip()));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("atsbridge.audit.signing.previous-public-keys: the key of " + id
                        + " is not base64 (expected: base64 of the 32-byte Ed25519 public key)", e);
            }
        }
        return keys;
    }
}
