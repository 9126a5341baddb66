package io.atsbridge.adapter.connections.domain;

import io.atsbridge.adapter.connections.domain.SecretCipher.Purpose;
import io.atsbridge.platform.database.SqlFailures;
import io.atsbridge.platform.error.DomainException;
import io.atsbridge.platform.paging.PageRequest;
import io.atsbridge.platform.startup.MissingConfigurationException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The tenants' connections to vendors. Connections are declared in configuration and stored at
 * start-up ({@link #declare}); callers read them without secrets; the secrets themselves are
 * decrypted only for the code that verifies webhooks or calls vendors.
 */
@Singleton
public final class ConnectionDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionDirectory.class);
    private static final int PAGE_DEFAULT = 100;
    private static final int PAGE_MAX = 500;
    private static final int MAX_ATTEMPTS = 3;

    private final TransactionOperations<java.sql.Connection> transactions;
    private final ConnectionStore store;
    private final SecretCipher cipher;
    private final Clock clock;

    ConnectionDirectory(TransactionOperations<java.sql.Connection> transactions, ConnectionStore store,
                        SecretCipher cipher, Clock clock) {
        this.clock = clock;
        this.transactions = transactions;
        this.store = store;
        this.cipher = cipher;
    }

    /** The connection, if it exists in this tenant. */
    public Optional<Connection> find(String tenantId, String connectionId) {
        return store.find(tenantId, connectionId)
                .map(row -> toConnection(row, store.secrets(row.id()).size()));
    }

    /**
     * The connection of this tenant.
     *
     * @throws DomainException INVALID_ARGUMENT for a malformed id, NOT_FOUND when the tenant has no such connection
     */
    public Connection get(String tenantId, String connectionId) {
        checkId(connectionId, "connection_id");
        return find(tenantId, connectionId).orElseThrow(() -> notFound(tenantId, connectionId));
    }

    /** One page of the tenant's connections, ordered by id. */
    public ConnectionPage page(String tenantId, int pageSize, String pageToken) {
        PageRequest page = PageRequest.of(pageSize, pageToken, PAGE_DEFAULT, PAGE_MAX);
        List<StoredConnection> rows = store.page(tenantId, page.after(), page.size() + 1);
        List<StoredConnection> shown = rows.size() > page.size() ? rows.subList(0, page.size()) : rows;
        Map<String, Long> secretCounts = shown.isEmpty() ? Map.of()
                : store.secrets(shown.stream().map(StoredConnection::id).toList()).stream()
                .collect(Collectors.groupingBy(StoredSecret::connectionId, Collectors.counting()));
        List<Connection> items = shown.stream()
                .map(row -> toConnection(row, secretCounts.getOrDefault(row.id(), 0L).intValue()))
                .toList();
        String next = rows.size() > page.size() ? PageRequest.tokenAfter(shown.get(shown.size() - 1).id()) : "";
        return new ConnectionPage(items, next);
    }

    /**
     * The connection's active webhook secrets of both kinds (those for any event and those for one event type),
     * decrypted, as the UTF-8 bytes of the configured strings (a scheme that base64-encodes its key, like Standard
     * Webhooks' {@code whsec_}, decodes them itself).
     *
     * @throws DomainException NOT_FOUND when the tenant has no such connection; FAILED_PRECONDITION
     *                         when a stored secret does not decrypt with the configured master key
     */
    public List<byte[]> webhookSecrets(String tenantId, String connectionId) {
        checkId(connectionId, "connection_id");
        if (store.find(tenantId, connectionId).isEmpty()) {
            throw notFound(tenantId, connectionId);
        }
        List<byte[]> plain = new ArrayList<>();
        for (StoredSecret row : storedSecrets(connectionId)) {
            plain.add(open(row));
        }
        return plain;
    }

    /**
     * The connection's API credentials, decrypted, or empty when none are configured.
     *
     * @throws DomainException as {@link #webhookSecrets}
     */
    public Optional<String> credentials(String tenantId, String connectionId) {
        checkId(connectionId, "connection_id");
        StoredConnection row = store.find(tenantId, connectionId)
                .orElseThrow(() -> notFound(tenantId, connectionId));
        if (row.credentialsCiphertext() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new String(cipher.open(credentialsBinding(connectionId), row.credentialsCiphertext()),
                    StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw unreadable(connectionId, "the credentials");
        }
    }

    /**
     * What the edge gateway needs for a webhook that arrived for the connection id, whatever the
     * tenant: the tenant is what the lookup finds out. Disabled connections are returned too (with
     * {@code enabled} false) so that the gateway can refuse their webhooks with a clear answer.
     *
     * @throws DomainException INVALID_ARGUMENT for a malformed id; NOT_FOUND when no tenant has the
     *                         connection; FAILED_PRECONDITION when a secret does not decrypt
     */
    public WebhookConnection lookupWebhookConnection(String connectionId) {
        checkId(connectionId, "connection_id");
        StoredConnection row = store.findInAnyTenant(connectionId).orElseThrow(() -> DomainException.notFound(
                "CONNECTION_NOT_FOUND", "connection %s does not exist; check the connection id in the webhook URL "
                        + "and the connections declared in configuration", connectionId));
        List<byte[]> plain = new ArrayList<>();
        Map<String, List<byte[]>> byEvent = new LinkedHashMap<>();
        for (StoredSecret secret : storedSecrets(connectionId)) {
            if (secret.eventType() == null) {
                plain.add(open(secret));
            } else {
                byEvent.computeIfAbsent(secret.eventType(), e -> new ArrayList<>()).add(open(secret));
            }
        }
        return new WebhookConnection(row.id(), row.tenantId(), Vendor.valueOf(row.vendor()),
                ConnectionKind.valueOf(row.kind()), row.enabled(), plain, byEvent);
    }

    /**
     * Stores the connections configuration declares, idempotently: a connection is created, or
     * updated where configuration changed, and its webhook secrets become exactly the declared set
     * (secrets that stay keep their id and creation time). Declaring the same configuration again
     * changes nothing. Stored connections that configuration no longer declares are disabled, not
     * deleted, because inbox events refer to them. Secrets that no longer decrypt (the master key
     * changed and the old key is not among the previous ones) are replaced by the declared ones, encrypted with the
     * current key; those sealed under a previous key stay as they are until {@link MasterKeyRotation} seals them again.
     *
     * @throws MissingConfigurationException when a declared connection is stored for another tenant
     */
    public void declare(List<ConnectionDeclaration> declarations) {
        Set<String> declared = new HashSet<>();
        for (ConnectionDeclaration declaration : declarations) {
            declared.add(declaration.id());
            withRetries(() -> declareOne(declaration));
        }
        for (StoredConnection row : store.enabled()) {
            if (!declared.contains(row.id())) {
                withRetries(() -> disableUndeclared(row.id()));
            }
        }
    }

    private void withRetries(Runnable work) {
        // Another replica starting at the same time inserted the same connection first: look again.
        SqlFailures.writeRetrying(transactions, MAX_ATTEMPTS, () -> {
            work.run();
            return null;
        });
    }

    private void declareOne(ConnectionDeclaration d) {
        Instant now = now();
        Optional<StoredConnection> locked = store.lock(d.id());
        if (locked.isEmpty()) {
            store.insert(row(d, sealCredentials(d), now, now));
            for (SecretKey secret : declaredSecrets(d)) {
                insertSecret(d.id(), secret, now);
            }
            LOG.info("connection {} created: tenant {}, {} {}, {} webhook secret(s), credentials {}, {}", d.id(),
                    d.tenantId(), d.vendor(), d.kind(), d.secretCount(),
                    d.credentials() == null ? "none" : "set", d.enabled() ? "enabled" : "disabled");
            return;
        }
        StoredConnection row = locked.get();
        if (!row.tenantId().equals(d.tenantId())) {
            // Events and links of the old tenant refer to this id; moving it would hand them over.
            throw new MissingConfigurationException("connection " + d.id() + " belongs to tenant " + row.tenantId()
                    + " and cannot move to tenant " + d.tenantId() + "; declare it under a new id");
        }
        boolean secretsChanged = reconcileSecrets(d, now);
        boolean credentialsChanged = !Objects.equals(openCredentials(row), d.credentials());
        boolean fieldsChanged = !row.vendor().equals(d.vendor().name()) || !row.kind().equals(d.kind().name())
                || !row.displayName().equals(d.displayName()) || !row.baseUrl().equals(d.baseUrl())
                || row.enabled() != d.enabled() || !Objects.equals(syncSettings(row), d.sync());
        if (secretsChanged || credentialsChanged || fieldsChanged) {
            store.update(row(d, credentialsChanged ? sealCredentials(d) : row.credentialsCiphertext(),
                    row.createTime(), now));
            LOG.info("connection {} updated:{}{}{}", d.id(), fieldsChanged ? " settings" : "",
                    secretsChanged ? " webhook secrets (" + d.secretCount() + " active)" : "",
                    credentialsChanged ? " credentials" : "");
        }
    }

    /** A declared secret: what it verifies (an event type, or null for any event) and its text. */
    private record SecretKey(@Nullable String eventType, String secret) {
        @Override
        public String toString() {
            return "SecretKey[" + eventType + "]";
        }
    }

    /** Every secret the declaration holds, of both kinds. */
    private static List<SecretKey> declaredSecrets(ConnectionDeclaration d) {
        List<SecretKey> keys = new ArrayList<>();
        d.webhookSecrets().forEach(secret -> keys.add(new SecretKey(null, secret)));
        d.webhookEventSecrets().forEach((event, list) -> list.forEach(secret -> keys.add(new SecretKey(event, secret))));
        return keys;
    }

    /** Makes the stored secrets exactly the declared ones (each bound to the same event type); true when anything changed. */
    private boolean reconcileSecrets(ConnectionDeclaration d, Instant now) {
        Map<SecretKey, StoredSecret> stored = new LinkedHashMap<>();
        boolean changed = false;
        for (StoredSecret row : storedSecrets(d.id())) {
            String plain = openSecret(row);
            SecretKey key = plain == null ? null : new SecretKey(row.eventType(), plain);
            if (key == null || stored.containsKey(key)) {
                store.deleteSecret(row.secretId());
                changed = true;
            } else {
                stored.put(key, row);
            }
        }
        List<SecretKey> declared = declaredSecrets(d);
        Set<SecretKey> wanted = new HashSet<>(declared);
        for (Map.Entry<SecretKey, StoredSecret> entry : stored.entrySet()) {
            if (!wanted.contains(entry.getKey())) {
                store.deleteSecret(entry.getValue().secretId());
                changed = true;
            }
        }
        for (SecretKey secret : declared) {
            if (!stored.containsKey(secret)) {
                insertSecret(d.id(), secret, now);
                changed = true;
            }
        }
        return changed;
    }

    private void disableUndeclared(String connectionId) {
        store.lock(connectionId).filter(StoredConnection::enabled).ifPresent(row -> {
            store.update(new StoredConnection(row.id(), row.tenantId(), row.vendor(), row.kind(), row.displayName(),
                    row.baseUrl(), false, row.credentialsCiphertext(), row.createTime(), now(), row.syncTriggerStage(),
                    row.syncMappingProfile(), row.syncAiConnection(), row.syncOnBehalfOf(), row.syncInterviewKit(),
                    row.syncJurisdictions(), row.syncJurisdictionField(), row.apiVersion(), row.tokenUrl()));
            LOG.warn("connection {} of tenant {} is no longer declared in configuration: disabled", row.id(), row.tenantId());
        });
    }

    /** The connection's secrets, oldest first (verification tries each, so the order is only for stable output). */
    private List<StoredSecret> storedSecrets(String connectionId) {
        return store.secrets(connectionId).stream()
                .sorted(Comparator.comparing(StoredSecret::createTime).thenComparing(StoredSecret::secretId))
                .toList();
    }

    private void insertSecret(String connectionId, SecretKey key, Instant now) {
        byte[] plain = key.secret().getBytes(StandardCharsets.UTF_8);
        byte[] sealed = cipher.seal(webhookSecretBinding(connectionId, key.eventType()), plain);
        store.insertSecret(new StoredSecret(UUID.randomUUID().toString(), connectionId, sealed, now, key.eventType()));
    }

    /** A stored secret's plaintext, opened with the associated data it was sealed with (its event type, if any). */
    private byte[] openRow(StoredSecret row) throws GeneralSecurityException {
        return cipher.open(webhookSecretBinding(row.connectionId(), row.eventType()), row.ciphertext());
    }

    /** What a connection's credentials are sealed for. */
    public static SecretCipher.Binding credentialsBinding(String connectionId) {
        return SecretCipher.Binding.of(connectionId, Purpose.CREDENTIALS);
    }

    /** What a connection's webhook secret is sealed for: any event ({@code eventType} null), or the one event type. */
    public static SecretCipher.Binding webhookSecretBinding(String connectionId, @Nullable String eventType) {
        return eventType == null ? SecretCipher.Binding.of(connectionId, Purpose.WEBHOOK_SECRET)
                : new SecretCipher.Binding(connectionId, Purpose.WEBHOOK_EVENT_SECRET, eventType);
    }

    /** @throws DomainException FAILED_PRECONDITION when the secret does not decrypt with the configured master key */
    private byte[] open(StoredSecret row) {
        try {
            return openRow(row);
        } catch (GeneralSecurityException e) {
            throw unreadable(row.connectionId(), "webhook secret " + row.secretId());
        }
    }

    @Nullable
    private byte[] sealCredentials(ConnectionDeclaration d) {
        return d.credentials() == null ? null
                : cipher.seal(credentialsBinding(d.id()), d.credentials().getBytes(StandardCharsets.UTF_8));
    }

    /** The stored secret, or null when it no longer decrypts (the master key changed). */
    @Nullable
    private String openSecret(StoredSecret row) {
        try {
            return new String(openRow(row), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            return null;
        }
    }

    /** The stored credentials; null when there are none or they no longer decrypt. */
    @Nullable
    private String openCredentials(StoredConnection row) {
        if (row.credentialsCiphertext() == null) {
            return null;
        }
        try {
            return new String(cipher.open(credentialsBinding(row.id()), row.credentialsCiphertext()), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            return null;
        }
    }

    /** Fails with {@code CONNECTION_ID_INVALID} unless {@code connectionId}, the value of {@code field}, is a connection id. */
    public static void checkId(String connectionId, String field) {
        DomainException.checkArgument(!connectionId.isEmpty(), "CONNECTION_ID_MISSING",
                "%s is empty (expected: a connection id, e.g. gh-acme)", field);
        DomainException.checkArgument(ConnectionDeclaration.ID.matcher(connectionId).matches(), "CONNECTION_ID_INVALID",
                "%s: '%s' (expected: 1..100 lower-case letters, digits or '-', starting with a letter or digit)",
                field, connectionId);
    }

    /** The {@code CONNECTION_NOT_FOUND} failure for a connection the tenant does not have. */
    public static DomainException notFound(String tenantId, String connectionId) {
        return DomainException.notFound("CONNECTION_NOT_FOUND",
                "connection %s does not exist in tenant %s; check the connection id in the webhook URL "
                        + "and the connections declared in configuration", connectionId, tenantId);
    }

    private static DomainException unreadable(String connectionId, String what) {
        return DomainException.failedPrecondition("CONNECTION_SECRET_UNREADABLE",
                "%s of connection %s cannot be decrypted with the configured master keys; restart adapter-service "
                        + "with the right ATSBRIDGE_ADAPTER_MASTER_KEY (and the key it replaced in "
                        + "ATSBRIDGE_ADAPTER_PREVIOUS_MASTER_KEYS) so the declared secrets are stored again",
                what, connectionId);
    }

    private static Connection toConnection(StoredConnection row, int secretCount) {
        return new Connection(row.id(), row.tenantId(), Vendor.valueOf(row.vendor()), ConnectionKind.valueOf(row.kind()),
                row.displayName(), row.baseUrl(), row.enabled(), secretCount, row.credentialsCiphertext() != null,
                row.createTime(), row.updateTime(), syncSettings(row),
                row.apiVersion() == null ? "v1" : row.apiVersion(), row.tokenUrl());
    }

    private static StoredConnection row(ConnectionDeclaration d, @Nullable byte[] credentials, Instant created, Instant updated) {
        SyncSettings sync = d.sync();
        return new StoredConnection(d.id(), d.tenantId(), d.vendor().name(), d.kind().name(), d.displayName(), d.baseUrl(),
                d.enabled(), credentials, created, updated,
                sync == null ? null : sync.triggerStage(),
                sync == null ? null : sync.mappingProfileId(),
                sync == null ? null : sync.aiConnectionId(),
                sync == null ? null : sync.onBehalfOf(),
                sync == null ? null : sync.interviewKitId(),
                sync == null ? null : String.join(",", sync.defaultJurisdictions()),
                sync == null ? null : sync.jurisdictionField(),
                d.apiVersion(), d.tokenUrl());
    }

    /** The stored sync settings, or null when the connection has none (the trigger stage is what turns the loop on). */
    @Nullable
    private static SyncSettings syncSettings(StoredConnection row) {
        if (row.syncTriggerStage() == null) {
            return null;
        }
        String jurisdictions = row.syncJurisdictions() == null ? "" : row.syncJurisdictions();
        return new SyncSettings(row.syncTriggerStage(), Objects.requireNonNullElse(row.syncMappingProfile(), ""),
                Objects.requireNonNullElse(row.syncAiConnection(), ""), Objects.requireNonNullElse(row.syncOnBehalfOf(), ""),
                Objects.requireNonNullElse(row.syncInterviewKit(), ""),
                jurisdictions.isEmpty() ? List.of() : List.of(jurisdictions.split(",")), row.syncJurisdictionField());
    }


    /** Now, at the microsecond precision the database keeps, so stored and returned times agree. */
    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
