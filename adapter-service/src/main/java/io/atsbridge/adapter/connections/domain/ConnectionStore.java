package io.atsbridge.adapter.connections.domain;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Where {@link ConnectionDirectory} keeps connections and their webhook secrets. The directory owns this
 * interface and persistence implements it, so that the domain never sees tables, rows or repositories. Every
 * method runs in the caller's transaction when there is one (the directory declares a connection inside one).
 */
public interface ConnectionStore {

    /** The connection, if this tenant has it. */
    Optional<StoredConnection> find(String tenantId, String connectionId);

    /** The connection whatever its tenant: only for the tenant-free webhook lookup, which finds the tenant out. */
    Optional<StoredConnection> findInAnyTenant(String connectionId);

    /** The connection, locked until the transaction ends, so that replicas starting together declare it one at a time. */
    Optional<StoredConnection> lock(String connectionId);

    /** Up to {@code limit} of the tenant's connections whose ids come after {@code afterId}, ordered by id. */
    List<StoredConnection> page(String tenantId, String afterId, int limit);

    /** Every enabled connection of every tenant, ordered by id. */
    List<StoredConnection> enabled();

    void insert(StoredConnection connection);

    void update(StoredConnection connection);

    /** The connection's webhook secrets, in no particular order. */
    List<StoredSecret> secrets(String connectionId);

    /** The webhook secrets of these connections, in no particular order. */
    List<StoredSecret> secrets(Collection<String> connectionIds);

    void insertSecret(StoredSecret secret);

    void deleteSecret(String secretId);
}
