package io.atsbridge.sandbox.lever;

/**
 * Rate-limit counters since start (or the last reset), for benchmarks.
 *
 * @param requests     authenticated requests that reached the limiter, 429s included
 * @param throttled    requests answered 429 (these take no token)
 * @param unauthorized requests answered 401 (never counted against a key)
 */
public record LeverRateLimitStats(long requests, long throttled, long unauthorized) {
}
