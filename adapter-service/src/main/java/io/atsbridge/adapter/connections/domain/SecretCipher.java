package io.atsbridge.adapter.connections.domain;

import com.google.crypto.tink.AccessesPartialKey;
import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.aead.AesGcmKey;
import com.google.crypto.tink.aead.AesGcmParameters;
import com.google.crypto.tink.subtle.AesGcmJce;
import com.google.crypto.tink.util.SecretBytes;
import io.atsbridge.platform.startup.MissingConfigurationException;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;

/**
 * Encrypts connection secrets at rest with Tink's AES-256-GCM, keyed by the master key from
 * {@code atsbridge.adapter.master-key}. The associated data names the connection and what the secret
 * is for, so a ciphertext copied to another connection's row (or from a webhook secret into the
 * credentials column) does not decrypt. Created eagerly so that a service without a usable key
 * refuses to start, with one line that says what to set; the key itself is never printed.
 */
@Context
public final class SecretCipher {

    static final int KEY_BYTES = 32;
    static final String MISSING_KEY = "no master key for connection secrets: set ATSBRIDGE_ADAPTER_MASTER_KEY "
            + "to base64 of 32 random bytes, e.g. `openssl rand -base64 32`";

    /** What a sealed secret is used for; part of the associated data. */
    public enum Purpose {
        WEBHOOK_SECRET, CREDENTIALS, PARTNER_KEY,
        /** A webhook secret that verifies one event type; the event is part of the associated data too. */
        WEBHOOK_EVENT_SECRET
    }

    private final Aead aead;

    @Inject
    SecretCipher(AdapterSettings settings) {
        this(settings.masterKey());
    }

    SecretCipher(@Nullable String masterKey) {
        byte[] key = decodeKey(masterKey);
        try {
            AesGcmParameters parameters = AesGcmParameters.builder()
                    .setKeySizeBytes(KEY_BYTES)
                    .setIvSizeBytes(12)
                    .setTagSizeBytes(16)
                    .setVariant(AesGcmParameters.Variant.NO_PREFIX)
                    .build();
            this.aead = AesGcmJce.create(aesGcmKey(parameters, key));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is not available in this JVM", e);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    // Tink restricts building a key from raw bytes; the master key is raw bytes by design (configured as base64).
    @AccessesPartialKey
    private static AesGcmKey aesGcmKey(AesGcmParameters parameters, byte[] key) throws GeneralSecurityException {
        return AesGcmKey.builder()
                .setParameters(parameters)
                .setKeyBytes(SecretBytes.copyFrom(key, InsecureSecretKeyAccess.get()))
                .build();
    }

    private static byte[] decodeKey(@Nullable String masterKey) {
        if (masterKey == null || masterKey.isBlank()) {
            throw new MissingConfigurationException(MISSING_KEY);
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(masterKey.trim());
        } catch (IllegalArgumentException e) {
            throw new MissingConfigurationException("the master key for connection secrets is not valid base64: "
                    + "set ATSBRIDGE_ADAPTER_MASTER_KEY to base64 of 32 random bytes, e.g. `openssl rand -base64 32`");
        }
        if (key.length != KEY_BYTES) {
            int length = key.length;
            Arrays.fill(key, (byte) 0);
            throw new MissingConfigurationException("the master key for connection secrets is " + length
                    + " bytes long: set ATSBRIDGE_ADAPTER_MASTER_KEY to base64 of 32 random bytes, "
                    + "e.g. `openssl rand -base64 32`");
        }
        return key;
    }

    /** The ciphertext of a secret of the given connection. */
    public byte[] seal(String connectionId, Purpose purpose, byte[] plaintext) {
        return seal(connectionId, purpose, null, plaintext);
    }

    /**
     * The ciphertext of a secret of the given connection bound to a scope as well (the event type a webhook event
     * secret verifies), so that it does not decrypt under another scope.
     */
    public byte[] seal(String connectionId, Purpose purpose, @Nullable String scope, byte[] plaintext) {
        try {
            return aead.encrypt(plaintext, associatedData(connectionId, purpose, scope));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt a " + purpose + " of connection " + connectionId, e);
        }
    }

    /**
     * The plaintext of a secret of the given connection.
     *
     * @throws GeneralSecurityException when the ciphertext was made with another key, for another
     *                                  connection or purpose, or was altered
     */
    public byte[] open(String connectionId, Purpose purpose, byte[] ciphertext) throws GeneralSecurityException {
        return open(connectionId, purpose, null, ciphertext);
    }

    /** The plaintext of a secret sealed with a scope ({@link #seal(String, Purpose, String, byte[])}). */
    public byte[] open(String connectionId, Purpose purpose, @Nullable String scope, byte[] ciphertext) throws GeneralSecurityException {
        return aead.decrypt(ciphertext, associatedData(connectionId, purpose, scope));
    }

    private static byte[] associatedData(String connectionId, Purpose purpose, @Nullable String scope) {
        // Connection ids cannot contain '/', so "<id>/<purpose>" is unambiguous; a scope follows after another '/'
        // (purposes have none), and secrets without one keep the associated data they were sealed with.
        return ("atsbridge-connection:" + connectionId + "/" + purpose.name() + (scope == null ? "" : "/" + scope))
                .getBytes(StandardCharsets.UTF_8);
    }
}
