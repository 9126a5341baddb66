package io.atsbridge.adapter.seamfixture.clean.connections.domain;

/** A connection, below the engine. */
public record Connection(String id) {
}
