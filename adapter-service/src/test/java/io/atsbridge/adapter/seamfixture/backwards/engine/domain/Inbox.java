package io.atsbridge.adapter.seamfixture.backwards.engine.domain;

/** An inbox of the engine. */
public final class Inbox {

    /** How many events wait for the connection {@code connectionId}. */
    public int pending(String connectionId) {
        return connectionId.length();
    }
}
