package io.atsbridge.adapter.sync;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/**
 * How the inbox worker runs, {@code atsbridge.adapter.worker.*}: {@code enabled} (default true),
 * {@code threads} (2), {@code poll-interval} (200ms, the wait when nothing is claimable),
 * {@code batch} (20 events per claim), {@code lease} (60s), {@code max-attempts} (5),
 * {@code backoff-base} (1s) and {@code backoff-max} (5m) for retries.
 */
@ConfigurationProperties("atsbridge.adapter.worker")
public final class WorkerSettings {

    private boolean enabled = true;
    private int threads = 2;
    private Duration pollInterval = Duration.ofMillis(200);
    private int batch = 20;
    private Duration lease = Duration.ofSeconds(60);
    private int maxAttempts = 5;
    private Duration backoffBase = Duration.ofSeconds(1);
    private Duration backoffMax = Duration.ofMinutes(5);

    /** Whether background threads start with the service; {@link InboxWorker#runOnce()} works either way. */
    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public int getThreads() {
        return threads;
    }

    public void setThreads(int threads) {
        this.threads = threads;
    }

    public Duration getPollInterval() {
        return pollInterval;
    }

    public void setPollInterval(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }

    public int getBatch() {
        return batch;
    }

    public void setBatch(int batch) {
        this.batch = batch;
    }

    public Duration getLease() {
        return lease;
    }

    public void setLease(Duration lease) {
        this.lease = lease;
    }

    public int getMaxAttempts() {
        return maxAttempts;
    }

    public void setMaxAttempts(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    public Duration getBackoffBase() {
        return backoffBase;
    }

    public void setBackoffBase(Duration backoffBase) {
        this.backoffBase = backoffBase;
    }

    public Duration getBackoffMax() {
        return backoffMax;
    }

    public void setBackoffMax(Duration backoffMax) {
        this.backoffMax = backoffMax;
    }
}
