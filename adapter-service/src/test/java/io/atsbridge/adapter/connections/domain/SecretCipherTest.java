package io.atsbridge.adapter.connections.domain;

import io.atsbridge.adapter.connections.domain.SecretCipher.Purpose;
import io.atsbridge.platform.startup.MissingConfigurationException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretCipherTest {

    private static final byte[] SECRET = "webhook-secret-0123456789".getBytes(StandardCharsets.UTF_8);

    private static String key(int bytes) {
        byte[] key = new byte[bytes];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private final SecretCipher cipher = new SecretCipher(key(32));

    @Test
    void sealedSecretOpensForItsConnectionAndPurpose() throws GeneralSecurityException {
        byte[] sealed = cipher.seal("gh-acme", Purpose.WEBHOOK_SECRET, SECRET);

        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("webhook-secret");
        assertThat(sealed).hasSize(SECRET.length + 12 + 16);
        assertThat(cipher.open("gh-acme", Purpose.WEBHOOK_SECRET, sealed)).isEqualTo(SECRET);
    }

    @Test
    void sealingTwiceGivesDifferentCiphertexts() {
        assertThat(cipher.seal("gh-acme", Purpose.WEBHOOK_SECRET, SECRET))
                .isNotEqualTo(cipher.seal("gh-acme", Purpose.WEBHOOK_SECRET, SECRET));
    }

    @Test
    void ciphertextDoesNotOpenForAnotherConnectionPurposeOrKey() {
        byte[] sealed = cipher.seal("gh-acme", Purpose.WEBHOOK_SECRET, SECRET);

        assertThatThrownBy(() -> cipher.open("gh-acme2", Purpose.WEBHOOK_SECRET, sealed))
                .isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> cipher.open("gh-acme", Purpose.CREDENTIALS, sealed))
                .isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> new SecretCipher(key(32)).open("gh-acme", Purpose.WEBHOOK_SECRET, sealed))
                .isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void alteredCiphertextDoesNotOpen() {
        byte[] sealed = cipher.seal("gh-acme", Purpose.CREDENTIALS, SECRET);
        sealed[sealed.length / 2] ^= 1;
        assertThatThrownBy(() -> cipher.open("gh-acme", Purpose.CREDENTIALS, sealed))
                .isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void unusableMasterKeysAreRefusedWithOneLine() {
        assertThatThrownBy(() -> new SecretCipher((String) null))
                .isInstanceOf(MissingConfigurationException.class).hasMessage(SecretCipher.MISSING_KEY);
        assertThatThrownBy(() -> new SecretCipher("  "))
                .isInstanceOf(MissingConfigurationException.class).hasMessage(SecretCipher.MISSING_KEY);
        String shortKey = key(31);
        assertThatThrownBy(() -> new SecretCipher(shortKey))
                .isInstanceOf(MissingConfigurationException.class)
                .hasMessageContaining("31 bytes long").hasMessageNotContaining(shortKey);
        assertThatThrownBy(() -> new SecretCipher(key(33)))
                .isInstanceOf(MissingConfigurationException.class).hasMessageContaining("33 bytes long");
        assertThatThrownBy(() -> new SecretCipher("###"))
                .isInstanceOf(MissingConfigurationException.class).hasMessageContaining("not valid base64");
    }
}
