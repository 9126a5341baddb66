package io.atsbridge.sandbox.greenhouse;

/**
 * Rate-limit counters since start (or the last reset), for benchmarks.
 *
 * @param requests              authenticated requests that reached the limiter, 429s included
 * @param throttled             requests answered 429 (these do not use up the window's allowance)
 * @param peakRequestsPerWindow the most requests accepted within one window
 * @param unauthorized          requests answered 401 (never counted against a key)
 */
public record RateLimitStats(long requests, long throttled, int peakRequestsPerWindow, long unauthorized) {
}
