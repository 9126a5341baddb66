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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Encrypts connection secrets at rest with Tink's AES-256-GCM, keyed by the master key from
 * {@code atsbridge.adapter.master-key}. The associated data names the connection and what the secret
 * is for ({@link Binding}), so a ciphertext copied to another connection's row (or from a webhook secret into the
 * credentials column) does not decrypt. Created eagerly so that a service without a usable key
 * refuses to start, with one line that says what to set; the key itself is never printed.
 *
 * <p>The master key can be rotated: the keys it replaced ({@code atsbridge.adapter.previous-master-keys}) still open
 * what they sealed, while everything is sealed under the current key, and {@link #resealed} seals a stored secret
 * again under the current key ({@link MasterKeyRotation} does so for every stored secret).
 */
@Context
public final class SecretCipher {

    static final int KEY_BYTES = 32;
    static final String MISSING_KEY = "no master key for connection secrets: set ATSBRIDGE_ADAPTER_MASTER_KEY "
            + "to base64 of 32 random bytes, e.g. `openssl rand -base64 32`";
    static final String PREVIOUS_KEYS = "ATSBRIDGE_ADAPTER_PREVIOUS_MASTER_KEYS";

    /** What a sealed secret is used for; part of the associated data. */
    public enum Purpose {
        WEBHOOK_SECRET, CREDENTIALS, PARTNER_KEY,
        /** A webhook secret that verifies one event type; the event is part of the associated data too. */
        WEBHOOK_EVENT_SECRET
    }

    /**
     * What a secret is sealed for, its associated data: a sealed secret opens only for the binding it was sealed with.
     *
     * @param owner   whose secret it is: a connection id, or a name no connection id can be ({@code subscriber:<id>},
     *                {@code ashby-partner:<connection id>}: connection ids have neither ':' nor '/')
     * @param purpose what the secret is used for
     * @param scope   what else it is bound to (the event type a webhook event secret verifies), or null
     */
    public record Binding(String owner, Purpose purpose, @Nullable String scope) {

        /** The binding of a secret without a scope. */
        public static Binding of(String owner, Purpose purpose) {
            return new Binding(owner, purpose, null);
        }

        private byte[] associatedData() {
            // Owners cannot contain '/', so "<owner>/<purpose>" is unambiguous; a scope follows after another '/'
            // (purposes have none), and secrets without one keep the associated data they were sealed with.
            return ("atsbridge-connection:" + owner + "/" + purpose.name() + (scope == null ? "" : "/" + scope))
                    .getBytes(StandardCharsets.UTF_8);
        }
    }

    /** The current master key: everything is sealed with it. */
    private final Aead current;
    /** The current key first, then the previous ones in the order configured: opening tries each in turn. */
    private final List<Aead> openers;

    @Inject
    SecretCipher(AdapterSettings settings) {
        this(settings.masterKey(), settings.previousMasterKeys());
    }

    SecretCipher(@Nullable String masterKey) {
        this(masterKey, null);
    }

    /**
     * @param previousMasterKeys the master keys the current one replaced (each base64 of 32 bytes; blank entries are
     *                           left out), or null for none
     */
    SecretCipher(@Nullable String masterKey, @Nullable List<String> previousMasterKeys) {
        this.current = aead(decodeKey(masterKey));
        List<Aead> keys = new ArrayList<>();
        keys.add(current);
        List<String> previous = previousMasterKeys == null ? List.of()
                : previousMasterKeys.stream().filter(key -> key != null && !key.isBlank()).toList();
        for (int i = 0; i < previous.size(); i++) {
            keys.add(aead(decodePreviousKey(previous.get(i), i + 1)));
        }
        this.openers = List.copyOf(keys);
    }

    /** How many previous master keys still open what they sealed. */
    public int previousKeyCount() {
        return openers.size() - 1;
    }

    // A hand loop over one primitive per key rather than Tink's keyset (a KeysetHandle of RAW keys tries each key the
    // same way): Tink's keysets are protobuf messages generated for protobuf 4, and this platform runs protobuf 3.25
    // (see the root pom), on which building a keyset fails. The single-key AesGcmJce needs no protobuf.
    private static Aead aead(byte[] key) {
        try {
            AesGcmParameters parameters = AesGcmParameters.builder()
                    .setKeySizeBytes(KEY_BYTES)
                    .setIvSizeBytes(12)
                    .setTagSizeBytes(16)
                    .setVariant(AesGcmParameters.Variant.NO_PREFIX)
                    .build();
            return AesGcmJce.create(aesGcmKey(parameters, key));
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

    /** The previous master key in position {@code position} (from 1) of the list, checked like the master key. */
    private static byte[] decodePreviousKey(String previousKey, int position) {
        String expected = ": set " + PREVIOUS_KEYS + " to the master keys this one replaced, comma-separated, each "
                + "base64 of 32 bytes as ATSBRIDGE_ADAPTER_MASTER_KEY was (or leave it empty once no secret needs them)";
        byte[] key;
        try {
            key = Base64.getDecoder().decode(previousKey.trim());
        } catch (IllegalArgumentException e) {
            throw new MissingConfigurationException("previous master key " + position + " for connection secrets is not "
                    + "valid base64" + expected);
        }
        if (key.length != KEY_BYTES) {
            int length = key.length;
            Arrays.fill(key, (byte) 0);
            throw new MissingConfigurationException("previous master key " + position + " for connection secrets is "
                    + length + " bytes long" + expected);
        }
        return key;
    }

    /** The ciphertext of a secret, sealed under the current master key for its binding. */
    public byte[] seal(Binding binding, byte[] plaintext) {
        try {
            return current.encrypt(plaintext, binding.associatedData());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt a " + binding.purpose() + " of " + binding.owner(), e);
        }
    }

    /**
     * The plaintext of a secret sealed for the binding, under the current master key or a previous one.
     *
     * @throws GeneralSecurityException when the ciphertext was made with none of the configured keys, for another
     *                                  binding (connection, purpose, scope), or was altered
     */
    public byte[] open(Binding binding, byte[] ciphertext) throws GeneralSecurityException {
        return open(openers, binding, ciphertext);
    }

    private static byte[] open(List<Aead> keys, Binding binding, byte[] ciphertext) throws GeneralSecurityException {
        byte[] associatedData = binding.associatedData();
        for (Aead key : keys) {
            try {
                return key.decrypt(ciphertext, associatedData);
            } catch (GeneralSecurityException e) {
                // Sealed under another key, or not for this binding: the next key may open it.
            }
        }
        throw new GeneralSecurityException("the " + binding.purpose() + " of " + binding.owner() + " opens under none of "
                + keys.size() + " master key(s) tried");
    }

    /**
     * The secret sealed again under the current master key when it opens only under a previous one; empty when it is
     * sealed under the current key already (and then stays as it is).
     *
     * @throws GeneralSecurityException when it opens under none of the configured keys
     */
    public Optional<byte[]> resealed(Binding binding, byte[] ciphertext) throws GeneralSecurityException {
        try {
            Arrays.fill(current.decrypt(ciphertext, binding.associatedData()), (byte) 0);
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            // Not under the current key: a previous one may open it.
        }
        byte[] plain = open(openers.subList(1, openers.size()), binding, ciphertext);
        try {
            return Optional.of(seal(binding, plain));
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }
}
