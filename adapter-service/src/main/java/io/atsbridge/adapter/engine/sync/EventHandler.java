package io.atsbridge.adapter.engine.sync;

import io.atsbridge.adapter.engine.domain.ClaimedEvent;

/** What the inbox worker does with each event it claims ({@link EventProcessor} in the service). */
@FunctionalInterface
interface EventHandler {

    /**
     * @param lastAttempt whether a failure that may pass ends the event now
     * @throws RuntimeException when the event could not be handled now; the worker classifies it with
     *                          {@link Failures#classify} and retries it or makes it a dead letter
     */
    Outcome process(ClaimedEvent event, boolean lastAttempt);
}
