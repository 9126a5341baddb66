package io.atsbridge.adapter.connections.persistence;

import io.atsbridge.adapter.connections.domain.ConnectionStore;
import io.atsbridge.adapter.connections.domain.StoredConnection;
import io.atsbridge.adapter.connections.domain.StoredSecret;
import io.micronaut.data.model.Pageable;
import jakarta.inject.Singleton;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The {@code connection} and {@code connection_secret} tables, through their Micronaut Data repositories. */
@Singleton
final class JdbcConnectionStore implements ConnectionStore {

    private final ConnectionRepository connections;
    private final ConnectionSecretRepository secrets;

    JdbcConnectionStore(ConnectionRepository connections, ConnectionSecretRepository secrets) {
        this.connections = connections;
        this.secrets = secrets;
    }

    @Override
    public Optional<StoredConnection> find(String tenantId, String connectionId) {
        return connections.findByIdAndTenantId(connectionId, tenantId).map(JdbcConnectionStore::stored);
    }

    @Override
    public Optional<StoredConnection> findInAnyTenant(String connectionId) {
        return connections.findById(connectionId).map(JdbcConnectionStore::stored);
    }

    @Override
    public Optional<StoredConnection> lock(String connectionId) {
        return connections.findByIdForUpdate(connectionId).map(JdbcConnectionStore::stored);
    }

    @Override
    public List<StoredConnection> page(String tenantId, String afterId, int limit) {
        return connections.findByTenantIdAndIdGreaterThanOrderByIdAsc(tenantId, afterId, Pageable.from(0, limit))
                .stream().map(JdbcConnectionStore::stored).toList();
    }

    @Override
    public List<StoredConnection> enabled() {
        return connections.findByEnabledTrueOrderByIdAsc().stream().map(JdbcConnectionStore::stored).toList();
    }

    @Override
    public void insert(StoredConnection connection) {
        connections.save(row(connection));
    }

    @Override
    public void update(StoredConnection connection) {
        connections.update(row(connection));
    }

    @Override
    public List<StoredSecret> secrets(String connectionId) {
        return secrets.findByConnectionId(connectionId).stream().map(JdbcConnectionStore::stored).toList();
    }

    @Override
    public List<StoredSecret> secrets(Collection<String> connectionIds) {
        return secrets.findByConnectionIdIn(connectionIds).stream().map(JdbcConnectionStore::stored).toList();
    }

    @Override
    public void insertSecret(StoredSecret secret) {
        secrets.save(new ConnectionSecretRow(secret.secretId(), secret.connectionId(), secret.ciphertext(),
                secret.createTime(), secret.eventType()));
    }

    @Override
    public void deleteSecret(String secretId) {
        secrets.deleteBySecretId(secretId);
    }

    private static StoredConnection stored(ConnectionRow r) {
        return new StoredConnection(r.id(), r.tenantId(), r.vendor(), r.kind(), r.displayName(), r.baseUrl(),
                r.enabled(), r.credentialsCiphertext(), r.createTime(), r.updateTime(), r.syncTriggerStage(),
                r.syncMappingProfile(), r.syncAiConnection(), r.syncOnBehalfOf(), r.syncInterviewKit(),
                r.syncJurisdictions(), r.syncJurisdictionField(), r.apiVersion(), r.tokenUrl());
    }

    private static ConnectionRow row(StoredConnection c) {
        return new ConnectionRow(c.id(), c.tenantId(), c.vendor(), c.kind(), c.displayName(), c.baseUrl(),
                c.enabled(), c.credentialsCiphertext(), c.createTime(), c.updateTime(), c.syncTriggerStage(),
                c.syncMappingProfile(), c.syncAiConnection(), c.syncOnBehalfOf(), c.syncInterviewKit(),
                c.syncJurisdictions(), c.syncJurisdictionField(), c.apiVersion(), c.tokenUrl());
    }

    private static StoredSecret stored(ConnectionSecretRow r) {
        return new StoredSecret(r.secretId(), r.connectionId(), r.ciphertext(), r.createTime(), r.eventType());
    }
}
