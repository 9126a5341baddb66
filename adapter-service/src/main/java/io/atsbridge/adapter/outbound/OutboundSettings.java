package io.atsbridge.adapter.outbound;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/**
 * How the outbound relay runs, {@code atsbridge.adapter.outbound.*}: {@code enabled} (default true),
 * {@code poll-interval} (1s, the wait when nothing is due), {@code batch} (20 deliveries per claim, sent
 * concurrently), {@code request-timeout} (10s per delivery), {@code connect-timeout} (5s),
 * {@code disable-after-failures} (50) and {@code disable-after} (5d): a subscriber whose deliveries failed
 * that many times in a row, the first of them longer ago than that, is disabled. {@code time-scale} (1.0)
 * multiplies the {@link RetrySchedule} and {@code disable-after}, so that tests run them in seconds.
 */
@ConfigurationProperties("atsbridge.adapter.outbound")
public final class OutboundSettings {

    private boolean enabled = true;
    private Duration pollInterval = Duration.ofSeconds(1);
    private int batch = 20;
    private Duration requestTimeout = Duration.ofSeconds(10);
    private Duration connectTimeout = Duration.ofSeconds(5);
    private int disableAfterFailures = 50;
    private Duration disableAfter = Duration.ofDays(5);
    private double timeScale = 1.0;

    /** Whether the background relay starts with the service; {@link OutboundRelay#runOnce()} works either way. */
    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
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

    public Duration getRequestTimeout() {
        return requestTimeout;
    }

    public void setRequestTimeout(Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public int getDisableAfterFailures() {
        return disableAfterFailures;
    }

    public void setDisableAfterFailures(int disableAfterFailures) {
        this.disableAfterFailures = disableAfterFailures;
    }

    public Duration getDisableAfter() {
        return disableAfter;
    }

    public void setDisableAfter(Duration disableAfter) {
        this.disableAfter = disableAfter;
    }

    public double getTimeScale() {
        return timeScale;
    }

    public void setTimeScale(double timeScale) {
        this.timeScale = timeScale;
    }
}
