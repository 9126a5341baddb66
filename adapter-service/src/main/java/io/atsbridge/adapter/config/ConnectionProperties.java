package io.atsbridge.adapter.config;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.annotation.Nullable;

import java.util.List;

/**
 * One connection as configuration declares it, {@code atsbridge.connections.<id>.*}. Checked by
 * {@link DeclaredConnections} at start-up. {@link #toString()} never prints the secrets.
 */
@EachProperty("atsbridge.connections")
public final class ConnectionProperties {

    private final String id;
    @Nullable
    private String tenant;
    @Nullable
    private String vendor;
    @Nullable
    private String kind;
    @Nullable
    private String displayName;
    @Nullable
    private String baseUrl;
    private boolean enabled = true;
    private List<String> webhookSecrets = List.of();
    @Nullable
    private String credentials;

    public ConnectionProperties(@Parameter String id) {
        this.id = id;
    }

    public String getId() {
        return id;
    }

    @Nullable
    public String getTenant() {
        return tenant;
    }

    public void setTenant(@Nullable String tenant) {
        this.tenant = tenant;
    }

    @Nullable
    public String getVendor() {
        return vendor;
    }

    public void setVendor(@Nullable String vendor) {
        this.vendor = vendor;
    }

    @Nullable
    public String getKind() {
        return kind;
    }

    public void setKind(@Nullable String kind) {
        this.kind = kind;
    }

    @Nullable
    public String getDisplayName() {
        return displayName;
    }

    public void setDisplayName(@Nullable String displayName) {
        this.displayName = displayName;
    }

    @Nullable
    public String getBaseUrl() {
        return baseUrl;
    }

    public void setBaseUrl(@Nullable String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public List<String> getWebhookSecrets() {
        return webhookSecrets;
    }

    public void setWebhookSecrets(@Nullable List<String> webhookSecrets) {
        this.webhookSecrets = webhookSecrets == null ? List.of() : List.copyOf(webhookSecrets);
    }

    @Nullable
    public String getCredentials() {
        return credentials;
    }

    public void setCredentials(@Nullable String credentials) {
        this.credentials = credentials;
    }

    @Override
    public String toString() {
        // Never print the secrets.
        return "ConnectionProperties[" + id + ", tenant " + tenant + ", " + vendor + ", " + kind + ", "
                + webhookSecrets.size() + " webhook secret(s), credentials " + (credentials == null ? "none" : "set") + "]";
    }
}
