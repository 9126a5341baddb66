package io.atsbridge.adapter.outbound.domain;

import io.atsbridge.adapter.connections.domain.SecretCipher;
import jakarta.inject.Singleton;

import java.security.GeneralSecurityException;

/**
 * Seals the signing secrets of outbound-event subscribers with the same master key and AEAD as
 * connection secrets ({@link SecretCipher}). The associated data names {@code subscriber:<id>}, which no
 * connection id can be (connection ids have no ':'), so a subscriber's ciphertext never opens as a
 * connection's secret or another subscriber's.
 */
@Singleton
public final class OutboundSecrets {

    private final SecretCipher cipher;

    OutboundSecrets(SecretCipher cipher) {
        this.cipher = cipher;
    }

    /** The ciphertext of the subscriber's signing secret. */
    public byte[] seal(String subscriberId, byte[] secret) {
        return cipher.seal(binding(subscriberId), secret);
    }

    /**
     * The subscriber's signing secret.
     *
     * @throws GeneralSecurityException when the ciphertext was made with none of the configured master keys, for
     *                                  another subscriber, or was altered
     */
    public byte[] open(String subscriberId, byte[] ciphertext) throws GeneralSecurityException {
        return cipher.open(binding(subscriberId), ciphertext);
    }

    /** What the subscriber's signing secret is sealed for. */
    public static SecretCipher.Binding binding(String subscriberId) {
        return SecretCipher.Binding.of("subscriber:" + subscriberId, SecretCipher.Purpose.WEBHOOK_SECRET);
    }
}
