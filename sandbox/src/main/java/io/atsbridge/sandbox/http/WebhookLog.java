package io.atsbridge.sandbox.http;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What a simulator's webhooks did: every event it created (kept so that tests can read and replay it byte for
 * byte) and every delivery attempt as it finished. Thread-safe; each simulator keeps one.
 */
public final class WebhookLog {

    private final String eventNoun;
    private final List<WebhookEvent> events = new CopyOnWriteArrayList<>();
    private final List<WebhookAttempt> attempts = new CopyOnWriteArrayList<>();

    /**
     * @param eventNoun what the vendor calls one event, for the error on an unknown id (e.g. "Greenhouse webhook
     *                  event", "Ashby webhook delivery")
     */
    public WebhookLog(String eventNoun) {
        this.eventNoun = eventNoun;
    }

    /** Keeps a created event; returns it. */
    public WebhookEvent created(WebhookEvent event) {
        events.add(event);
        return event;
    }

    /** Keeps a finished delivery attempt (a {@link WebhookDispatcher.Delivery}'s outcome consumer). */
    public void attempted(WebhookAttempt attempt) {
        attempts.add(attempt);
    }

    /**
     * The event with this id.
     *
     * @throws IllegalArgumentException when no such event was created
     */
    public WebhookEvent event(String id) {
        return events.stream().filter(e -> e.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no " + eventNoun + " " + id + " was sent"));
    }

    /** Every event created, oldest first. */
    public List<WebhookEvent> events() {
        return List.copyOf(events);
    }

    /** Every delivery attempt, in the order they finished. */
    public List<WebhookAttempt> attempts() {
        return List.copyOf(attempts);
    }

    /** The delivery attempts of one event, in the order they finished. */
    public List<WebhookAttempt> attemptsOf(String eventId) {
        return attempts.stream().filter(a -> a.eventId().equals(eventId)).toList();
    }
}
