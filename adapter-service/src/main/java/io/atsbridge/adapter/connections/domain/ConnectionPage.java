package io.atsbridge.adapter.connections.domain;

import java.util.List;

/** One page of a tenant's connections, ordered by id, with the token of the next page (empty on the last). */
public record ConnectionPage(List<Connection> connections, String nextPageToken) {
}
