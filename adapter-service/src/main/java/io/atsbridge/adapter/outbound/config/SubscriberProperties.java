package io.atsbridge.adapter.outbound.config;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.annotation.Nullable;

import java.util.List;

/**
 * One subscriber to outbound events as configuration declares it, {@code atsbridge.subscribers.<id>.*}:
 * {@code tenant}, {@code url}, {@code secret} ({@code whsec_...}), {@code events} (default all) and
 * {@code enabled} (default true). Checked by {@link DeclaredSubscribers} at start-up.
 * {@link #toString()} never prints the secret.
 */
@EachProperty("atsbridge.subscribers")
public final class SubscriberProperties {

    private final String id;
    @Nullable
    private String tenant;
    @Nullable
    private String url;
    @Nullable
    private String secret;
    @Nullable
    private List<String> events;
    private boolean enabled = true;

    public SubscriberProperties(@Parameter String id) {
        this.id = id;
    }

    public String getId() {
        return id;
    }

    /** The tenant whose events the subscriber receives. */
    @Nullable
    public String getTenant() {
        return tenant;
    }

    public void setTenant(@Nullable String tenant) {
        this.tenant = tenant;
    }

    /** The absolute http(s) URL events are POSTed to. */
    @Nullable
    public String getUrl() {
        return url;
    }

    public void setUrl(@Nullable String url) {
        this.url = url;
    }

    /** The Standard Webhooks signing secret, {@code whsec_} and base64 of 24..64 random bytes. */
    @Nullable
    public String getSecret() {
        return secret;
    }

    public void setSecret(@Nullable String secret) {
        this.secret = secret;
    }

    /** The event types it receives, e.g. sync.succeeded; null (not set) means all of them. */
    @Nullable
    public List<String> getEvents() {
        return events;
    }

    public void setEvents(@Nullable List<String> events) {
        this.events = events == null ? null : List.copyOf(events);
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    @Override
    public String toString() {
        // Never print the secret.
        return "SubscriberProperties[" + id + ", tenant " + tenant + ", " + url + ", events "
                + (events == null ? "all" : events) + ", secret " + (secret == null ? "none" : "set") + "]";
    }
}
