package io.atsbridge.adapter.connections.domain;

import io.atsbridge.adapter.connections.domain.SecretCipher.Binding;
import io.atsbridge.adapter.connections.domain.SecretCipher.Purpose;
import io.atsbridge.platform.startup.MissingConfigurationException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretCipherTest {

    private static final byte[] SECRET = "webhook-secret-0123456789".getBytes(StandardCharsets.UTF_8);
    private static final Binding WEBHOOK = Binding.of("gh-acme", Purpose.WEBHOOK_SECRET);

    private static String key(int bytes) {
        byte[] key = new byte[bytes];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private final SecretCipher cipher = new SecretCipher(key(32));

    @Test
    void sealedSecretOpensForItsConnectionAndPurpose() throws GeneralSecurityException {
        byte[] sealed = cipher.seal(WEBHOOK, SECRET);

        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("webhook-secret");
        assertThat(sealed).hasSize(SECRET.length + 12 + 16);
        assertThat(cipher.open(WEBHOOK, sealed)).isEqualTo(SECRET);
    }

    @Test
    void sealingTwiceGivesDifferentCiphertexts() {
        assertThat(cipher.seal(WEBHOOK, SECRET)).isNotEqualTo(cipher.seal(WEBHOOK, SECRET));
    }

    @Test
    void ciphertextDoesNotOpenForAnotherConnectionPurposeScopeOrKey() {
        byte[] sealed = cipher.seal(WEBHOOK, SECRET);
        byte[] scoped = cipher.seal(new Binding("lv-acme", Purpose.WEBHOOK_EVENT_SECRET, "candidateStageChange"), SECRET);

        assertThatThrownBy(() -> cipher.open(Binding.of("gh-acme2", Purpose.WEBHOOK_SECRET), sealed))
                .isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> cipher.open(Binding.of("gh-acme", Purpose.CREDENTIALS), sealed))
                .isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> cipher.open(new Binding("lv-acme", Purpose.WEBHOOK_EVENT_SECRET, "applicationCreated"),
                scoped)).isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> new SecretCipher(key(32)).open(WEBHOOK, sealed))
                .isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void alteredCiphertextDoesNotOpen() {
        byte[] sealed = cipher.seal(WEBHOOK, SECRET);
        sealed[sealed.length / 2] ^= 1;
        assertThatThrownBy(() -> cipher.open(WEBHOOK, sealed)).isInstanceOf(GeneralSecurityException.class);
    }

    // ---------------------------------------------------------------- rotation

    @Test
    void aSecretSealedUnderAPreviousKeyOpensAndIsSealedAgainUnderTheCurrentOne() throws GeneralSecurityException {
        String keyA = key(32);
        String keyB = key(32);
        byte[] underA = new SecretCipher(keyA).seal(WEBHOOK, SECRET);
        SecretCipher rotated = new SecretCipher(keyB, List.of(keyA));

        assertThat(rotated.previousKeyCount()).isEqualTo(1);
        assertThat(rotated.open(WEBHOOK, underA)).isEqualTo(SECRET);
        byte[] underB = rotated.resealed(WEBHOOK, underA).orElseThrow();
        assertThat(new SecretCipher(keyB).open(WEBHOOK, underB)).isEqualTo(SECRET);
        assertThatThrownBy(() -> new SecretCipher(keyA).open(WEBHOOK, underB)).isInstanceOf(GeneralSecurityException.class);
        // Sealed under the current key already: nothing to do.
        assertThat(rotated.resealed(WEBHOOK, underB)).isEmpty();
        // New secrets are sealed under the current key only.
        assertThat(new SecretCipher(keyB).open(WEBHOOK, rotated.seal(WEBHOOK, SECRET))).isEqualTo(SECRET);
    }

    @Test
    void aSecretSealedUnderTheNewKeyDoesNotOpenUnderTheOldKeyAlone() {
        String keyA = key(32);
        String keyB = key(32);
        byte[] underB = new SecretCipher(keyB, List.of(keyA)).seal(WEBHOOK, SECRET);

        assertThatThrownBy(() -> new SecretCipher(keyA).open(WEBHOOK, underB)).isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void aSecretUnderNoConfiguredKeyIsUnreadableAndNotSealedAgain() {
        byte[] underC = new SecretCipher(key(32)).seal(WEBHOOK, SECRET);
        SecretCipher rotated = new SecretCipher(key(32), List.of(key(32), key(32)));

        assertThatThrownBy(() -> rotated.open(WEBHOOK, underC)).isInstanceOf(GeneralSecurityException.class)
                .hasMessageContaining("none of 3");
        assertThatThrownBy(() -> rotated.resealed(WEBHOOK, underC)).isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void previousKeysOpenInAnyOrderAndBlankEntriesAreLeftOut() throws GeneralSecurityException {
        String keyA = key(32);
        String keyB = key(32);
        byte[] underA = new SecretCipher(keyA).seal(WEBHOOK, SECRET);
        byte[] underB = new SecretCipher(keyB).seal(WEBHOOK, SECRET);
        SecretCipher rotated = new SecretCipher(key(32), Arrays.asList(" ", keyB, "", " " + keyA + " "));

        assertThat(rotated.previousKeyCount()).isEqualTo(2);
        assertThat(rotated.open(WEBHOOK, underA)).isEqualTo(SECRET);
        assertThat(rotated.open(WEBHOOK, underB)).isEqualTo(SECRET);
        assertThat(new SecretCipher(key(32), List.of("")).previousKeyCount()).isZero();
        assertThat(new SecretCipher(key(32), null).previousKeyCount()).isZero();
    }

    // ---------------------------------------------------------------- configuration

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

    @Test
    void unusablePreviousKeysAreRefusedWithOneLineNamingTheirPositionNeverTheKey() {
        String good = key(32);
        String shortKey = key(16);
        assertThatThrownBy(() -> new SecretCipher(key(32), List.of(good, shortKey)))
                .isInstanceOf(MissingConfigurationException.class)
                .hasMessageStartingWith("previous master key 2 for connection secrets is 16 bytes long: set "
                        + "ATSBRIDGE_ADAPTER_PREVIOUS_MASTER_KEYS to the master keys this one replaced, comma-separated, "
                        + "each base64 of 32 bytes")
                .hasMessageNotContaining(shortKey).hasMessageNotContaining(good);
        String notBase64 = "not-base64-" + good;
        assertThatThrownBy(() -> new SecretCipher(key(32), List.of(notBase64)))
                .isInstanceOf(MissingConfigurationException.class)
                .hasMessageStartingWith("previous master key 1 for connection secrets is not valid base64: set "
                        + "ATSBRIDGE_ADAPTER_PREVIOUS_MASTER_KEYS")
                .hasMessageNotContaining(notBase64);
    }
}
