package io.atsbridge.adapter.engine.domain;

import java.util.List;

/**
 * The durable inbox every vendor event passes through before atsbridge acts on it. An event is
 * identified by its connection and delivery key: a delivery that is already stored is reported as a
 * duplicate and never stored twice, whether it came earlier, in the same batch, or concurrently from
 * another replica. The JDBC implementation keeps it in the service's database; a log-based one
 * (Kafka) may replace it when one database is no longer enough.
 */
public interface Inbox {

    /**
     * Stores checked events, all or nothing. When it returns, every accepted event is durable and
     * the caller may acknowledge the vendor. Called inside a write transaction of the service's database,
     * the events join it: they are stored if and only if the caller's own writes are (work enqueued with a
     * state change), and a deadlock is left to the caller, whose transaction it rolled back.
     *
     * @param events 1..100 events, checked by the caller
     * @return one receipt per event, in the order of {@code events}
     */
    List<InboxReceipt> append(List<InboxEvent> events);

    /** The id of the event stored under (connection, delivery key), if one is. */
    java.util.Optional<String> find(String connectionId, String deliveryKey);
}
