package io.atsbridge.launcher;

import io.atsbridge.adapter.connections.domain.ConnectionDirectory;
import io.atsbridge.adapter.connections.domain.MasterKeyRotation;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded run's master key rotation as docs/security.md tells it: {@code data/master.key} renamed to
 * {@code data/master.key.previous}, a start with the new key it makes seals the stored secrets again, and once the
 * previous key file is deleted the adapter still reads them.
 */
class MasterKeyRotationEndToEndTest {

    private static final String SECRET = "gh-secret-0123456789abcdef";
    private static final String API_KEY = "gh-api-key-0123456789abcdef";

    @Test
    void renamingTheMasterKeyFileRotatesTheKeyAndNoSecretIsLost() throws Exception {
        Path dataDir = Files.createTempDirectory("atsbridge-rotation");
        String connection = "atsbridge.connections.gh-acme.";
        LaunchOptions options = new LaunchOptions(dataDir, Map.of(), Map.of("adapter", Map.of(
                connection + "tenant", "acme",
                connection + "vendor", "GREENHOUSE",
                connection + "kind", "ATS",
                connection + "base-url", "https://harvest.greenhouse.io",
                connection + "webhook-secrets", SECRET,
                connection + "credentials", API_KEY,
                connection + "api-version", "v1")), true);
        try (EmbeddedPlatform first = EmbeddedPlatform.start(options)) {
            assertThat(first.service("adapter").context().getBean(MasterKeyRotation.class).lastPass()).isEmpty();
        }
        Path masterKey = dataDir.resolve("master.key");
        Path previous = dataDir.resolve("master.key.previous");
        String oldKey = Files.readString(masterKey).trim();

        Files.move(masterKey, previous);
        try (EmbeddedPlatform rotated = EmbeddedPlatform.start(options)) {
            assertThat(Files.readString(masterKey).trim()).isNotEqualTo(oldKey);
            MasterKeyRotation rotation = rotated.service("adapter").context().getBean(MasterKeyRotation.class);
            Await.until("the start-up pass ended", Duration.ofSeconds(30), () -> rotation.lastPass().isPresent(), () -> "");
            MasterKeyRotation.Pass pass = rotation.lastPass().orElseThrow();
            // The webhook secret and the credentials; nothing else is stored.
            assertThat(pass).isEqualTo(new MasterKeyRotation.Pass(2, 0, 0));
        }

        Files.delete(previous);
        try (EmbeddedPlatform onlyNewKey = EmbeddedPlatform.start(options)) {
            ConnectionDirectory directory = onlyNewKey.service("adapter").context().getBean(ConnectionDirectory.class);
            assertThat(directory.webhookSecrets("acme", "gh-acme")).singleElement()
                    .satisfies(secret -> assertThat(new String(secret, StandardCharsets.UTF_8)).isEqualTo(SECRET));
            assertThat(directory.credentials("acme", "gh-acme")).contains(API_KEY);
        }
    }
}
