package io.atsbridge.adapter.seamfixture.backwards.connections.domain;

import io.atsbridge.adapter.seamfixture.backwards.engine.domain.Inbox;

/** Connections that ask the engine's inbox before deleting one: a seam using the one above it. */
public final class Connections {

    /** Whether the connection {@code connectionId} can be deleted now. */
    public boolean deletable(String connectionId, Inbox inbox) {
        return inbox.pending(connectionId) == 0;
    }
}
