package io.atsbridge.sandbox.faults;

import io.micronaut.core.annotation.Nullable;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The faults set for one path prefix ({@code /greenhouse}, {@code /lever}, ...) and what they did. Every
 * setter replaces the previous setting of its kind and returns {@code this}, so settings chain:
 * {@code faults.on("/greenhouse").latency(Duration.ofMillis(200)).failFraction(0.1, 42)}. Thread-safe.
 *
 * <p>Per request, in this order: an outage refuses it (503 or a dropped connection); else a 429 storm with
 * requests left refuses it; else the 5xx share may refuse it; latency is added before whichever happens,
 * also to requests that go on to the endpoint. A refused request never reaches the endpoint, so it
 * changes no state and uses none of the vendor's own rate limit.
 */
public final class VendorFaults {

    /** The statuses {@link #failFraction(double, long)} answers with, chosen at random. */
    public static final List<Integer> DEFAULT_STATUSES = List.of(500, 502, 503);

    private final String prefix;
    private double failFraction;
    private Random random = new Random(0);
    private List<Integer> failStatuses = DEFAULT_STATUSES;
    private Duration latency = Duration.ZERO;
    @Nullable
    private OutageMode outage;
    @Nullable
    private Instant outageUntil;
    private int stormLeft;
    private Duration stormRetryAfter = Duration.ZERO;
    private long requests;
    private final Map<FaultKind, Long> counts = new EnumMap<>(FaultKind.class);

    VendorFaults(String prefix) {
        this.prefix = prefix;
    }

    /** The path prefix these faults apply to, e.g. {@code /greenhouse}. */
    public String prefix() {
        return prefix;
    }

    /**
     * Answers this share of requests with 500, 502 or 503 (chosen at random), reproducibly for a seed.
     *
     * @param fraction 0 (none, the default) to 1 (every request)
     */
    public VendorFaults failFraction(double fraction, long seed) {
        return failFraction(fraction, seed, DEFAULT_STATUSES);
    }

    /** Answers this share of requests with one of {@code statuses} (each 500..599), chosen at random. */
    public synchronized VendorFaults failFraction(double fraction, long seed, List<Integer> statuses) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("fraction: " + fraction + " (expected: 0..1)");
        }
        if (statuses.isEmpty() || statuses.stream().anyMatch(s -> s < 500 || s > 599)) {
            throw new IllegalArgumentException("statuses: " + statuses + " (expected: one or more of 500..599)");
        }
        this.failFraction = fraction;
        this.random = new Random(seed);
        this.failStatuses = List.copyOf(statuses);
        return this;
    }

    /** Holds every request this long before it goes on ({@link Duration#ZERO}: none, the default). */
    public synchronized VendorFaults latency(Duration delay) {
        if (delay == null || delay.isNegative()) {
            throw new IllegalArgumentException("latency: " + delay + " (expected: >= 0)");
        }
        this.latency = delay;
        return this;
    }

    /** Takes the vendor down until {@link #up()}. */
    public VendorFaults down(OutageMode mode) {
        return downUntil(mode, null);
    }

    /**
     * Takes the vendor down until {@code until} (or {@link #up()}); null means until told otherwise.
     */
    public synchronized VendorFaults downUntil(OutageMode mode, @Nullable Instant until) {
        if (mode == null) {
            throw new IllegalArgumentException("outage mode: null (expected: UNAVAILABLE or DROP_CONNECTION)");
        }
        this.outage = mode;
        this.outageUntil = until;
        return this;
    }

    /** Ends an outage. */
    public synchronized VendorFaults up() {
        this.outage = null;
        this.outageUntil = null;
        return this;
    }

    /** The next {@code requests} requests are answered 429 with {@code Retry-After} of {@code retryAfter} (whole seconds). */
    public synchronized VendorFaults rateLimitStorm(int requests, Duration retryAfter) {
        if (requests < 0) {
            throw new IllegalArgumentException("storm requests: " + requests + " (expected: >= 0)");
        }
        if (retryAfter == null || retryAfter.isNegative()) {
            throw new IllegalArgumentException("storm Retry-After: " + retryAfter + " (expected: >= 0)");
        }
        this.stormLeft = requests;
        this.stormRetryAfter = retryAfter;
        return this;
    }

    /** Removes every fault setting (counters stay; see {@link #resetStats()}). */
    public synchronized VendorFaults clear() {
        failFraction = 0;
        failStatuses = DEFAULT_STATUSES;
        latency = Duration.ZERO;
        outage = null;
        outageUntil = null;
        stormLeft = 0;
        return this;
    }

    /** Whether the vendor is down now. */
    public synchronized boolean isDown() {
        return outageAt(Instant.now()) != null;
    }

    /** Requests and injected faults since start or the last reset. */
    public synchronized FaultStats stats() {
        return new FaultStats(requests, counts);
    }

    /** Sets the counters to zero. */
    public synchronized void resetStats() {
        requests = 0;
        counts.clear();
    }

    /** What happens to one request now; counts it. */
    synchronized Decision decide(Instant now) {
        requests++;
        Duration delay = latency;
        if (!delay.isZero()) {
            count(FaultKind.LATENCY);
        }
        OutageMode mode = outageAt(now);
        if (mode != null) {
            count(mode == OutageMode.UNAVAILABLE ? FaultKind.OUTAGE : FaultKind.CONNECTION_DROPPED);
            return new Decision(delay, mode == OutageMode.UNAVAILABLE ? FaultKind.OUTAGE : FaultKind.CONNECTION_DROPPED,
                    503, null);
        }
        if (stormLeft > 0) {
            stormLeft--;
            count(FaultKind.RATE_LIMIT_STORM);
            return new Decision(delay, FaultKind.RATE_LIMIT_STORM, 429, stormRetryAfter);
        }
        // Draw for every request while a share is set, so a seed fixes the whole sequence of outcomes.
        if (failFraction > 0 && random.nextDouble() < failFraction) {
            count(FaultKind.SERVER_ERROR);
            return new Decision(delay, FaultKind.SERVER_ERROR, failStatuses.get(random.nextInt(failStatuses.size())), null);
        }
        return new Decision(delay, null, 0, null);
    }

    @Nullable
    private OutageMode outageAt(Instant now) {
        if (outage != null && outageUntil != null && !now.isBefore(outageUntil)) {
            outage = null;
            outageUntil = null;
        }
        return outage;
    }

    private void count(FaultKind kind) {
        counts.merge(kind, 1L, Long::sum);
    }

    /**
     * What to do with one request.
     *
     * @param delay      how long to hold it first
     * @param refusal    the fault that keeps it from the endpoint; null lets it through
     * @param status     the status to answer a refused request with
     * @param retryAfter the Retry-After of a 429
     */
    record Decision(Duration delay, @Nullable FaultKind refusal, int status, @Nullable Duration retryAfter) {
    }
}
