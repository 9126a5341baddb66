package io.atsbridge.adapter.engine.sync;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * How the inbox worker runs, {@code atsbridge.adapter.worker.*}; every key and its default is in
 * {@code application-adapter.yml}, and the same defaults stand here for a context built without it.
 *
 * @param enabled      whether background threads start with the service; {@link InboxWorker#runOnce()} works either way
 * @param threads      the worker threads
 * @param pollInterval the wait when nothing is claimable
 * @param batch        events per claim
 * @param lease        an event whose worker died is claimed again after this
 * @param maxAttempts  retryable failures before an event is FAILED
 * @param backoffBase  retry n waits about base * 2^(n-1), jittered ...
 * @param backoffMax   ... and at most this
 * @param invitationExpiry an invitation with no completion this long after it was sent ends EXPIRED, and the recruiter
 *                         is told
 * @param expiryCheck  how often invitations are checked for expiry
 */
@ConfigurationProperties("atsbridge.adapter.worker")
public record WorkerSettings(
        @Bindable(defaultValue = "true") boolean enabled,
        @Bindable(defaultValue = "2") int threads,
        @Bindable(defaultValue = "200ms") Duration pollInterval,
        @Bindable(defaultValue = "20") int batch,
        @Bindable(defaultValue = "60s") Duration lease,
        @Bindable(defaultValue = "5") int maxAttempts,
        @Bindable(defaultValue = "1s") Duration backoffBase,
        @Bindable(defaultValue = "5m") Duration backoffMax,
        @Bindable(defaultValue = "7d") Duration invitationExpiry,
        @Bindable(defaultValue = "1m") Duration expiryCheck) {
}
