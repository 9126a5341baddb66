package io.atsbridge.adapter.connections.domain;

import io.atsbridge.adapter.AdapterTestContext;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rotation on H2 in MySQL mode, the database the all-in-one launcher runs the adapter on, over more secrets than
 * one page holds: every page is read (the row value comparison of the keyset paging) and every secret sealed again.
 */
class MasterKeyRotationOnH2Test {

    private static final String SECRET = "gh-secret-0123456789abcdef";

    @Test
    void everyPageIsSealedAgainOnTheLaunchersDatabase() throws Exception {
        String keyA = AdapterTestContext.randomMasterKey();
        String keyB = AdapterTestContext.randomMasterKey();
        int underA = MasterKeyRotation.PAGE * 2 + 50;
        AdapterTestContext adapter = AdapterTestContext.onH2("rotation")
                .connection("gh-acme", "acme", "GREENHOUSE", "ATS", "https://harvest.greenhouse.io", SECRET)
                .with("atsbridge.adapter.master-key", keyB)
                .with("atsbridge.adapter.previous-master-keys", keyA)
                .with("atsbridge.adapter.outbound.enabled", "false")
                .with("atsbridge.adapter.backfill.enabled", "false")
                .withoutWorker();
        try (ApplicationContext context = adapter.start()) {
            SecretCipher onlyA = new SecretCipher(keyA);
            // The in-memory database lives while the context does; this connection writes beside it.
            String url = (String) adapter.properties().get("datasources.default.url");
            try (Connection c = DriverManager.getConnection(url, "sa", ""); PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO connection_secret (secret_id, connection_id, ciphertext, create_time, event_type) "
                            + "VALUES (?, 'gh-acme', ?, ?, ?)")) {
                for (int i = 0; i < underA; i++) {
                    String event = i % 2 == 0 ? null : "event-" + i;
                    insert.setString(1, String.format("rotated-%03d", i));
                    insert.setBytes(2, onlyA.seal(ConnectionDirectory.webhookSecretBinding("gh-acme", event),
                            ("secret-" + i).getBytes(StandardCharsets.UTF_8)));
                    insert.setTimestamp(3, Timestamp.from(Instant.parse("2026-01-01T00:00:00Z")));
                    insert.setString(4, event);
                    insert.executeUpdate();
                }
            }
            MasterKeyRotation rotation = context.getBean(MasterKeyRotation.class);

            // The declared secret was sealed under B by the declaration at start-up.
            assertThat(rotation.reseal()).isEqualTo(new MasterKeyRotation.Pass(underA, 1, 0));
            assertThat(rotation.reseal()).isEqualTo(new MasterKeyRotation.Pass(0, underA + 1, 0));
            SecretCipher onlyB = new SecretCipher(keyB);
            int opened = 0;
            for (SealedSecretStore store : context.getBeansOfType(SealedSecretStore.class)) {
                for (SealedSecret secret : store.after(null, underA * 2)) {
                    assertThat(opens(onlyB, secret)).as(secret.toString()).isTrue();
                    opened++;
                }
            }
            assertThat(opened).isEqualTo(underA + 1);
        }
    }

    private static boolean opens(SecretCipher cipher, SealedSecret secret) {
        try {
            cipher.open(secret.binding(), secret.ciphertext());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
