package io.atsbridge.adapter.seamfixture.clean.engine.domain;

import io.atsbridge.adapter.seamfixture.clean.connections.domain.Connection;

/** An inbox that takes events for a connection: the engine uses connections, as it may. */
public final class Inbox {

    /** How many events wait for {@code connection}. */
    public int pending(Connection connection) {
        return connection.id().length();
    }
}
