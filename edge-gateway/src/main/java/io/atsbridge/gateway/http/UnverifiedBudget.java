package io.atsbridge.gateway.http;

import io.atsbridge.gateway.config.GatewaySettings;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.OptionalLong;

/**
 * The budget of webhook requests that did not verify (no such connection, bad or missing signature, stale, not
 * JSON ...), per connection and per source address, apart from the budget of verified deliveries
 * ({@link ConnectionRateLimiter}). A request is charged only once it failed, so junk never spends what a vendor's
 * correctly signed deliveries need, and a delivery signed right is never refused because of junk: its signature is
 * always checked (that costs one HMAC over at most the body limit), whatever the junk budgets say.
 *
 * <p>What an exhausted budget changes is the answer to junk: 429 with Retry-After instead of the reason, and no log
 * line per request, so a flood costs little and says nothing. One exception spares the adapter: a request for an id
 * the adapter has not confirmed as a connection within the last day, from a source whose budget is spent, is
 * answered 429 without asking the adapter (so only a vendor's very first delivery to a new connection, from an
 * address that has been sending junk, waits for the vendor's retry).
 */
@Singleton
final class UnverifiedBudget {

    private final KeyedBuckets perConnection;
    private final KeyedBuckets perSource;

    @Inject
    UnverifiedBudget(GatewaySettings settings) {
        this(settings.rateLimit().unverified());
    }

    UnverifiedBudget(GatewaySettings.RateLimit.Unverified settings) {
        this.perConnection = new KeyedBuckets("atsbridge.gateway.rate-limit.unverified (per connection)",
                settings.perConnectionPerSecond(), settings.perConnectionBurst());
        this.perSource = new KeyedBuckets("atsbridge.gateway.rate-limit.unverified (per source)",
                settings.perSourcePerSecond(), settings.perSourceBurst());
    }

    /** Empty while the source has budget left; else the whole seconds until it has again (nothing is taken). */
    OptionalLong sourceSpent(String source) {
        return perSource.spent(source);
    }

    /**
     * Charges a request that did not verify to its source and, when it named a known connection, to that connection.
     *
     * @return empty while both budgets had room; else the whole seconds until the spent one has room again
     */
    OptionalLong charge(@Nullable String connectionId, String source) {
        OptionalLong bySource = perSource.tryAcquire(source);
        OptionalLong byConnection = connectionId == null ? OptionalLong.empty() : perConnection.tryAcquire(connectionId);
        if (bySource.isPresent() && byConnection.isPresent()) {
            return OptionalLong.of(Math.max(bySource.getAsLong(), byConnection.getAsLong()));
        }
        return bySource.isPresent() ? bySource : byConnection;
    }
}
