package io.atsbridge.connectors.http;

import io.atsbridge.connectors.VendorCallException;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Paces one connection's API calls so they run close to the vendor's limit without being refused, and
 * stops calling a vendor that keeps failing. Shared by every thread calling the connection (one per
 * connection per adapter replica).
 *
 * <p>Pacing: a token bucket (Bucket4j) sized so that no window of the vendor's length ever holds more
 * than its limit, whatever the alignment of the vendor's own windows: a small burst {@code b} plus a
 * steady refill of {@code limit - b} per window. The limit starts at the vendor's documented value and
 * follows the {@code X-RateLimit-Limit} header as soon as the vendor sends one; a 429 pauses every
 * caller until its {@code Retry-After} has passed. Several replicas each take their share only when
 * {@code replicas} is set accordingly (the vendor's headers then keep the rest honest).
 *
 * <p>Circuit breaking (Resilience4j): when at least half of the last calls failed for the vendor's
 * reasons (5xx, time-outs, unreachable) the circuit opens and calls are refused at once, as deferred,
 * for {@code openFor}; then a few trial calls decide whether it closes again. Refusals (4xx) are the
 * caller's problem, not the vendor's, and rate limiting is handled by pacing: neither counts as failure.
 */
public final class RequestGovernor {

    private static final Logger LOG = LoggerFactory.getLogger(RequestGovernor.class);

    /**
     * How a connection is paced and guarded.
     *
     * @param requestsPerWindow the vendor's limit per window (e.g. 50 per 10 s for Greenhouse)
     * @param window            the vendor's window
     * @param maxWait           the longest a call waits for its turn; longer → deferred
     * @param openFor           how long an open circuit refuses calls before trying again
     * @param replicas          how many adapter replicas share the vendor's limit
     */
    public record Limits(int requestsPerWindow, Duration window, Duration maxWait, Duration openFor, int replicas) {
        public Limits {
            if (requestsPerWindow < 1) {
                throw new IllegalArgumentException("requestsPerWindow: " + requestsPerWindow + " (expected: > 0)");
            }
            if (window.isZero() || window.isNegative()) {
                throw new IllegalArgumentException("window: " + window + " (expected: > 0)");
            }
            if (replicas < 1) {
                throw new IllegalArgumentException("replicas: " + replicas + " (expected: > 0)");
            }
        }
    }

    private final String name;
    private final Limits limits;
    private final Bucket bucket;
    private final AtomicInteger limit;
    /** System.nanoTime() until which every caller waits (after a 429); NOT_PAUSED when none is asked for. */
    private static final long NOT_PAUSED = Long.MIN_VALUE;
    private final AtomicLong pausedUntilNanos = new AtomicLong(NOT_PAUSED);
    private final CircuitBreaker circuit;

    /**
     * @param name the connection id, for messages and the circuit's name
     */
    public RequestGovernor(String name, Limits limits) {
        this.name = name;
        this.limits = limits;
        int share = Math.max(1, limits.requestsPerWindow() / limits.replicas());
        this.limit = new AtomicInteger(share);
        this.bucket = Bucket.builder().addLimit(bandwidth(share, limits.window())).build();
        this.circuit = CircuitBreaker.of(name, CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(20)
                .minimumNumberOfCalls(10)
                .failureRateThreshold(50)
                .waitDurationInOpenState(limits.openFor())
                .permittedNumberOfCallsInHalfOpenState(3)
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .build());
    }

    /** A burst of 5 % of the limit (at least 1), and the rest refilled evenly over the window. */
    private static BucketConfiguration configuration(int limit, Duration window) {
        return BucketConfiguration.builder().addLimit(bandwidth(limit, window)).build();
    }

    private static Bandwidth bandwidth(int limit, Duration window) {
        int burst = Math.max(1, limit / 20);
        int steady = Math.max(1, limit - burst);
        return Bandwidth.builder().capacity(burst).refillGreedy(steady, window).initialTokens(burst).build();
    }

    /**
     * Waits for this call's turn. Call {@link #succeeded}, {@link #failed} or {@link #refused} after it.
     *
     * @throws VendorCallException (deferred) when the circuit is open or the turn is further away than maxWait
     */
    public void acquire(String what) {
        if (!circuit.tryAcquirePermission()) {
            Duration wait = remainingOpen();
            throw VendorCallException.deferred(name + ": the vendor failed too often, calls are paused (circuit open) "
                    + "for about " + wait.toSeconds() + " s; " + what + " was not sent", 0, wait);
        }
        try {
            long until = pausedUntilNanos.get();
            long paused = until == NOT_PAUSED ? 0 : until - System.nanoTime();
            if (paused > 0) {
                if (paused > limits.maxWait().toNanos()) {
                    throw VendorCallException.deferred(name + ": the vendor asked to wait "
                            + TimeUnit.NANOSECONDS.toSeconds(paused) + " s more; " + what + " was not sent",
                            429, Duration.ofNanos(paused));
                }
                TimeUnit.NANOSECONDS.sleep(paused);
            }
            if (!bucket.asBlocking().tryConsume(1, limits.maxWait())) {
                throw VendorCallException.deferred(name + ": the request budget of " + limit.get() + " per "
                        + limits.window().toSeconds() + " s is used up for longer than "
                        + limits.maxWait().toSeconds() + " s; " + what + " was not sent", 0, limits.window());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            circuit.releasePermission();
            throw VendorCallException.retryable("interrupted while waiting to call " + name + " for " + what, 0, null, e);
        } catch (VendorCallException e) {
            circuit.releasePermission();
            throw e;
        }
    }

    /** The vendor answered 2xx: follow its announced limit. */
    public void succeeded(long durationNanos, HttpHeaders headers) {
        circuit.onSuccess(durationNanos, TimeUnit.NANOSECONDS);
        observe(headers);
    }

    /** The vendor failed the call for its own reasons (5xx, time-out, unreachable). */
    public void failed(long durationNanos, Throwable error) {
        circuit.onError(durationNanos, TimeUnit.NANOSECONDS, error);
    }

    /**
     * The vendor refused the call (4xx) or limited it (429, with the wait it asked for): not the vendor
     * failing, so the circuit counts it as a success.
     */
    public void refused(long durationNanos, HttpHeaders headers, @Nullable Duration retryAfter) {
        circuit.onSuccess(durationNanos, TimeUnit.NANOSECONDS);
        observe(headers);
        if (retryAfter != null) {
            long until = System.nanoTime() + retryAfter.toNanos();
            pausedUntilNanos.accumulateAndGet(until, Math::max);
            LOG.info("{}: vendor rate limit reached, pausing calls for {} ms", name, retryAfter.toMillis());
        }
    }

    /** The circuit's state: CLOSED, OPEN, HALF_OPEN, ... */
    public String circuitState() {
        return circuit.getState().name();
    }

    /** The limit per window being paced to now (this replica's share). */
    public int limitPerWindow() {
        return limit.get();
    }

    private void observe(HttpHeaders headers) {
        headers.findFirst("X-RateLimit-Limit").ifPresent(value -> {
            try {
                int announced = Math.max(1, Integer.parseInt(value.trim()) / limits.replicas());
                int previous = limit.getAndSet(announced);
                if (previous != announced) {
                    bucket.replaceConfiguration(configuration(announced, limits.window()),
                            TokensInheritanceStrategy.PROPORTIONALLY);
                    LOG.info("{}: vendor announces {} requests per window; pacing to {} per {} s", name, value.trim(),
                            announced, limits.window().toSeconds());
                }
            } catch (NumberFormatException ignored) {
                // A header we cannot read changes nothing: the documented limit stays in force.
            }
        });
    }

    private Duration remainingOpen() {
        // Resilience4j does not expose the time left in OPEN; the configured wait is the upper bound.
        return limits.openFor();
    }
}
