package io.atsbridge.adapter.connections.domain;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.atsbridge.adapter.AdapterTestContext;
import io.atsbridge.adapter.engine.domain.AssessmentPartners;
import io.atsbridge.adapter.outbound.domain.OutboundSecrets;
import io.atsbridge.platform.testing.TestDatabase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.grpc.server.GrpcEmbeddedServer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rotating the master key on a real database: every stored secret of every kind (connection webhook secrets, one
 * verifying a single event, credentials, partner and callback keys, subscriber secrets, those of connections and
 * subscribers no longer declared too) sealed under key A is sealed again under key B by the start-up pass of an
 * adapter running with B and previous A, so that an adapter with B alone reads them all; a second pass changes
 * nothing; a secret under an unrelated key C is counted unreadable and left as it is.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MasterKeyRotationTest {

    private static final String GH_SECRET_1 = "gh-secret-1-0123456789abcdef";
    private static final String GH_SECRET_2 = "gh-secret-2-0123456789abcdef";
    private static final String GH_API_KEY = "gh-api-key-0123456789abcdef";
    private static final String LEVER_SECRET = "lever-token-0123456789abcdef";
    private static final String OLD_SECRET = "old-secret-0123456789abcdef";
    private static final String OLD_API_KEY = "old-api-key-0123456789abcdef";
    private static final String AI_SECRET = "ai-secret-0123456789abcdef";
    private static final String AI_API_KEY = "ai-api-key-0123456789abcdef";
    private static final String GH_PARTNER_KEY = "gh-partner-key-0123456789abcdef";
    private static final String ASHBY_PARTNER_KEY = "ashby-partner-key-0123456789abcdef";
    private static final String ASHBY_API_KEY = "ashby-api-key-0123456789abcdef";
    private static final String ERP_SECRET = "whsec_" + AdapterTestContext.randomMasterKey();
    private static final String ERP_OLD_SECRET = "whsec_" + AdapterTestContext.randomMasterKey();
    private static final String UNRELATED_SECRET = "unrelated-0123456789abcdef";

    private final TestDatabase database = TestDatabase.create("adapter_rotation");
    private final String keyA = AdapterTestContext.randomMasterKey();
    private final String keyB = AdapterTestContext.randomMasterKey();
    private final String keyC = AdapterTestContext.randomMasterKey();

    @AfterAll
    void close() {
        database.close();
    }

    /** The adapter with every kind of secret declared; {@code old} adds a connection and a subscriber dropped later. */
    private AdapterTestContext adapter(boolean old) {
        String lever = "atsbridge.connections.lever-acme.";
        String ai = "atsbridge.connections.ai-acme.";
        AdapterTestContext adapter = AdapterTestContext.on(database)
                .connection("gh-acme", "acme", "GREENHOUSE", "ATS", "https://harvest.greenhouse.io",
                        GH_SECRET_1 + "," + GH_SECRET_2)
                .with("atsbridge.connections.gh-acme.credentials", GH_API_KEY)
                .with("atsbridge.connections.gh-acme.api-version", "v1")
                // Lever signs each webhook (one event each) with its own signature token.
                .with(lever + "tenant", "acme")
                .with(lever + "vendor", "LEVER")
                .with(lever + "kind", "ATS")
                .with(lever + "base-url", "https://api.lever.co/v1")
                .with(lever + "webhook-event-secrets", "candidateStageChange:" + LEVER_SECRET)
                .connection("ai-acme", "acme", "STANDARD_WEBHOOKS", "AI_VENDOR", "https://interviews.example.com", AI_SECRET)
                .with(ai + "credentials", AI_API_KEY)
                .with(ai + "partner-api-key", GH_PARTNER_KEY)
                .with(ai + "tests", "kit-1:Designer interview")
                .with(ai + "ashby-partner-api-key", ASHBY_PARTNER_KEY)
                .with(ai + "ashby-api-key", ASHBY_API_KEY)
                .with(ai + "ashby-base-url", "https://api.ashbyhq.com")
                .with("atsbridge.subscribers.erp.tenant", "acme")
                .with("atsbridge.subscribers.erp.url", "https://erp.acme.example/hooks")
                .with("atsbridge.subscribers.erp.secret", ERP_SECRET)
                .with("atsbridge.adapter.outbound.enabled", "false")
                .with("atsbridge.adapter.backfill.enabled", "false")
                .withoutWorker();
        if (old) {
            adapter.connection("gh-old", "acme", "GREENHOUSE", "ATS", "https://harvest.greenhouse.io", OLD_SECRET)
                    .with("atsbridge.connections.gh-old.credentials", OLD_API_KEY)
                    .with("atsbridge.connections.gh-old.api-version", "v1")
                    .with("atsbridge.subscribers.erp-old.tenant", "acme")
                    .with("atsbridge.subscribers.erp-old.url", "https://old-erp.acme.example/hooks")
                    .with("atsbridge.subscribers.erp-old.secret", ERP_OLD_SECRET);
        }
        return adapter;
    }

    @Test
    void everyStoredSecretIsSealedAgainUnderTheNewKeyOnceAndTheOldKeyCanGo() throws Exception {
        SecretCipher onlyA = new SecretCipher(keyA);
        SecretCipher onlyB = new SecretCipher(keyB);
        // Everything stored under A, including what a later configuration no longer declares.
        try (ApplicationContext underA = adapter(true).with("atsbridge.adapter.master-key", keyA).start()) {
            Map<String, SealedSecret> stored = stored(underA);
            assertThat(stored).hasSize(13);
            for (SealedSecret secret : stored.values()) {
                assertThat(opens(onlyA, secret)).as(secret.toString()).isTrue();
            }
            // Without previous keys there is nothing to rotate, and no pass runs.
            assertThat(underA.getBean(MasterKeyRotation.class).lastPass()).isEmpty();
        }
        byte[] unrelated = insertUnrelatedSecret("gh-old");
        Logger logger = (Logger) LoggerFactory.getLogger(MasterKeyRotation.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        Level level = logger.getLevel();
        logger.setLevel(Level.INFO);

        // Key B with A as the previous key; gh-old and erp-old are no longer declared (disabled, their secrets kept).
        try (ApplicationContext rotated = adapter(false).with("atsbridge.adapter.master-key", keyB)
                .with("atsbridge.adapter.previous-master-keys", keyA).start()) {
            // As in production, the pass starts with the service (its gRPC server), in the background.
            rotated.getBean(GrpcEmbeddedServer.class).start();
            MasterKeyRotation rotation = rotated.getBean(MasterKeyRotation.class);
            MasterKeyRotation.Pass pass = Awaitility.await("the start-up pass").atMost(Duration.ofSeconds(30))
                    .until(rotation::lastPass, java.util.Optional::isPresent).orElseThrow();
            // The partner settings are sealed anew by their declaration at every start: already current.
            assertThat(pass).isEqualTo(new MasterKeyRotation.Pass(10, 3, 1));
            // The one line an operator waits for: counts, never a key or a secret.
            assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage).singleElement().asString()
                    .startsWith("master key rotation: re-sealed 10, already current 3, unreadable 1 stored secret(s) in ")
                    .contains("nothing stored needs a previous master key any more")
                    .doesNotContain(keyA, keyB, keyC, GH_SECRET_1, GH_API_KEY, OLD_SECRET, UNRELATED_SECRET);

            Map<String, SealedSecret> after = stored(rotated);
            assertThat(after).hasSize(14);
            for (Map.Entry<String, SealedSecret> secret : after.entrySet()) {
                if (isUnrelated(secret.getValue())) {
                    assertThat(secret.getValue().ciphertext()).as("left as it was").isEqualTo(unrelated);
                    assertThat(opens(onlyB, secret.getValue())).isFalse();
                } else {
                    assertThat(opens(onlyB, secret.getValue())).as(secret.getKey()).isTrue();
                }
            }

            // A second pass finds nothing to do and changes nothing.
            assertThat(rotation.reseal()).isEqualTo(new MasterKeyRotation.Pass(0, 13, 1));
            assertThat(ciphertexts(stored(rotated))).isEqualTo(ciphertexts(after));

            // Keys of the engine's columns sealed under A (as a replica still on A would have declared them) are sealed
            // again too, by replicas running at once, each secret once.
            setPartnerKeys(onlyA);
            List<MasterKeyRotation.Pass> concurrent = List.of(
                    CompletableFuture.supplyAsync(rotation::reseal), CompletableFuture.supplyAsync(rotation::reseal))
                    .stream().map(CompletableFuture::join).toList();
            assertThat(concurrent.stream().mapToInt(MasterKeyRotation.Pass::resealed).sum()).isEqualTo(3);
            assertThat(concurrent).allSatisfy(p -> assertThat(p.unreadable()).isEqualTo(1));
            assertThat(concurrent).allSatisfy(p -> assertThat(p.resealed() + p.current()).isEqualTo(13));
            for (SealedSecret secret : stored(rotated).values()) {
                assertThat(opens(onlyB, secret) || isUnrelated(secret)).as(secret.toString()).isTrue();
            }
        } finally {
            logger.detachAppender(lines);
            logger.setLevel(level);
        }

        // The previous key removed: the services read every secret with B alone.
        try (ApplicationContext onlyNewKey = adapter(false).with("atsbridge.adapter.master-key", keyB).start()) {
            ConnectionDirectory directory = onlyNewKey.getBean(ConnectionDirectory.class);
            assertThat(text(directory.webhookSecrets("acme", "gh-acme"))).containsExactlyInAnyOrder(GH_SECRET_1, GH_SECRET_2);
            assertThat(directory.credentials("acme", "gh-acme")).contains(GH_API_KEY);
            assertThat(text(directory.lookupWebhookConnection("lever-acme").webhookEventSecrets().get("candidateStageChange")))
                    .containsExactly(LEVER_SECRET);
            assertThat(text(directory.webhookSecrets("acme", "ai-acme"))).containsExactly(AI_SECRET);
            assertThat(directory.credentials("acme", "ai-acme")).contains(AI_API_KEY);
            assertThat(directory.credentials("acme", "gh-old")).contains(OLD_API_KEY);
            AssessmentPartners partners = onlyNewKey.getBean(AssessmentPartners.class);
            assertThat(partners.verifyKey("acme", "ai-acme", Vendor.GREENHOUSE, GH_PARTNER_KEY)).isTrue();
            assertThat(partners.verifyKey("acme", "ai-acme", Vendor.ASHBY, ASHBY_PARTNER_KEY)).isTrue();
            OutboundSecrets subscribers = onlyNewKey.getBean(OutboundSecrets.class);
            assertThat(new String(subscribers.open("erp", ciphertext("subscriber", "id", "erp", "secret_ciphertext")),
                    StandardCharsets.UTF_8)).isEqualTo(ERP_SECRET);
            assertThat(new String(subscribers.open("erp-old", ciphertext("subscriber", "id", "erp-old", "secret_ciphertext")),
                    StandardCharsets.UTF_8)).isEqualTo(ERP_OLD_SECRET);
            onlyNewKey.getBean(GrpcEmbeddedServer.class).start();
            assertThat(onlyNewKey.getBean(MasterKeyRotation.class).lastPass()).isEmpty();
        }
    }

    @Test
    void anUnusablePreviousKeyStopsTheStartWithOneLineThatNeverPrintsAKey() {
        byte[] sixteen = new byte[16];
        new java.security.SecureRandom().nextBytes(sixteen);
        String shortKey = java.util.Base64.getEncoder().encodeToString(sixteen);
        Map<String, Object> properties = AdapterTestContext.onH2("rotation_config")
                .with("atsbridge.adapter.previous-master-keys", keyA + "," + shortKey).properties();

        assertThat(AdapterTestContext.startupFailure(properties))
                .startsWith("previous master key 2 for connection secrets is 16 bytes long: set "
                        + "ATSBRIDGE_ADAPTER_PREVIOUS_MASTER_KEYS to the master keys this one replaced")
                .doesNotContain(shortKey, keyA);
    }

    // ---------------------------------------------------------------- plumbing

    /** Every stored secret, by store and row key, read through the stores the rotation reads. */
    private static Map<String, SealedSecret> stored(ApplicationContext context) {
        Map<String, SealedSecret> all = new TreeMap<>();
        Collection<SealedSecretStore> stores = context.getBeansOfType(SealedSecretStore.class);
        assertThat(stores).hasSize(5);
        for (SealedSecretStore store : stores) {
            for (SealedSecret secret : store.after(null, 1000)) {
                all.put(store.what() + " " + secret.rowKey(), secret);
            }
        }
        return all;
    }

    private static Map<String, String> ciphertexts(Map<String, SealedSecret> stored) {
        Map<String, String> hex = new TreeMap<>();
        stored.forEach((key, secret) -> hex.put(key, java.util.HexFormat.of().formatHex(secret.ciphertext())));
        return hex;
    }

    private static boolean opens(SecretCipher cipher, SealedSecret secret) {
        try {
            cipher.open(secret.binding(), secret.ciphertext());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private boolean isUnrelated(SealedSecret secret) {
        return secret.rowKey().equals(List.of("unrelated-secret"));
    }

    /** A webhook secret of the connection sealed under key C, which the adapter is never given; its ciphertext. */
    private byte[] insertUnrelatedSecret(String connectionId) throws SQLException {
        byte[] sealed = new SecretCipher(keyC).seal(ConnectionDirectory.webhookSecretBinding(connectionId, null),
                UNRELATED_SECRET.getBytes(StandardCharsets.UTF_8));
        try (Connection c = database.connect(); PreparedStatement insert = c.prepareStatement(
                "INSERT INTO connection_secret (secret_id, connection_id, ciphertext, create_time, event_type) "
                        + "VALUES ('unrelated-secret', ?, ?, ?, NULL)")) {
            insert.setString(1, connectionId);
            insert.setBytes(2, sealed);
            insert.setTimestamp(3, Timestamp.from(Instant.parse("2026-01-01T00:00:00Z")));
            insert.executeUpdate();
        }
        return sealed;
    }

    /** Seals ai-acme's Greenhouse partner key and Ashby partner and callback keys with {@code cipher}. */
    private void setPartnerKeys(SecretCipher cipher) throws SQLException {
        try (Connection c = database.connect(); PreparedStatement update = c.prepareStatement(
                "UPDATE assessment_partner SET partner_key_ciphertext = ?, api_key_ciphertext = ? "
                        + "WHERE connection_id = 'ai-acme' AND protocol = ?")) {
            update.setBytes(1, cipher.seal(AssessmentPartners.partnerKeyBinding(Vendor.GREENHOUSE, "ai-acme"),
                    GH_PARTNER_KEY.getBytes(StandardCharsets.UTF_8)));
            update.setBytes(2, null);
            update.setString(3, "GREENHOUSE");
            assertThat(update.executeUpdate()).isEqualTo(1);
            update.setBytes(1, cipher.seal(AssessmentPartners.partnerKeyBinding(Vendor.ASHBY, "ai-acme"),
                    ASHBY_PARTNER_KEY.getBytes(StandardCharsets.UTF_8)));
            update.setBytes(2, cipher.seal(AssessmentPartners.callbackKeyBinding(Vendor.ASHBY, "ai-acme"),
                    ASHBY_API_KEY.getBytes(StandardCharsets.UTF_8)));
            update.setString(3, "ASHBY");
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }

    private byte[] ciphertext(String table, String keyColumn, String key, String column) throws SQLException {
        try (Connection c = database.connect(); PreparedStatement select = c.prepareStatement(
                "SELECT " + column + " FROM " + table + " WHERE " + keyColumn + " = ?")) {
            select.setString(1, key);
            try (ResultSet rows = select.executeQuery()) {
                assertThat(rows.next()).as(table + " " + key).isTrue();
                return rows.getBytes(1);
            }
        }
    }

    private static List<String> text(List<byte[]> secrets) {
        List<String> text = new ArrayList<>();
        secrets.forEach(secret -> text.add(new String(secret, StandardCharsets.UTF_8)));
        return text;
    }
}
