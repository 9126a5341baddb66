package io.atsbridge.sandbox.greenhouse;

import io.atsbridge.sandbox.http.AuthorizationHeader;
import io.micronaut.core.annotation.Nullable;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Harvest v3's OAuth 2.0 client credentials grant, as https://harvestdocs.greenhouse.io/docs/authentication
 * describes it: one client id and secret, tokens for a {@code sub} (the Greenhouse user the calls act as),
 * opaque Bearer tokens that expire after the configured lifetime (Greenhouse: one hour).
 */
final class HarvestOAuth {

    /** A token's holder: the client it was issued to and the user it acts as. */
    record Grant(String clientId, long userId, Instant expiresAt) {
    }

    private final Clock clock;
    private final String clientId;
    private final String clientSecret;
    private final Duration ttl;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Grant> tokens = new ConcurrentHashMap<>();
    private final AtomicLong issued = new AtomicLong();

    HarvestOAuth(Clock clock, String clientId, String clientSecret, Duration ttl) {
        this.clock = clock;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.ttl = ttl;
    }

    Duration ttl() {
        return ttl;
    }

    /** Whether these are the client's credentials (constant-time comparison). */
    boolean authenticates(@Nullable String id, @Nullable String secret) {
        // Both compared whatever the first says, so the time taken tells nothing about which was wrong.
        boolean idMatches = AuthorizationHeader.matches(id, clientId);
        boolean secretMatches = AuthorizationHeader.matches(secret, clientSecret);
        return idMatches && secretMatches;
    }

    /** A new access token for the user; the caller has checked the client and that the user exists. */
    String issue(long userId) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        tokens.put(token, new Grant(clientId, userId, clock.instant().plus(ttl)));
        issued.incrementAndGet();
        return token;
    }

    /** The grant of a live token; empty when the token is unknown or expired. */
    Optional<Grant> resolve(@Nullable String token) {
        if (token == null) {
            return Optional.empty();
        }
        Grant grant = tokens.get(token);
        if (grant == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(grant.expiresAt())) {
            tokens.remove(token);
            return Optional.empty();
        }
        return Optional.of(grant);
    }

    long issuedCount() {
        return issued.get();
    }

    /** Makes every issued token invalid at once, as a revocation would. */
    void revokeAll() {
        tokens.clear();
    }
}
