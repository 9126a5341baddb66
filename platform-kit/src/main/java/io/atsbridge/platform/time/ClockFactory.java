package io.atsbridge.platform.time;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Secondary;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * The clock every service reads the time from: the system's, in UTC. Code that needs the time takes a
 * {@link Clock} by injection instead of calling {@code Instant.now()}, so a test controls time by
 * registering its own clock (a singleton given to the context builder wins over this secondary one)
 * instead of sleeping or scaling the service's waits.
 */
@Factory
final class ClockFactory {

    @Singleton
    @Secondary
    Clock clock() {
        return Clock.systemUTC();
    }
}
