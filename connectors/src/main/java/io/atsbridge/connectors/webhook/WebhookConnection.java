package io.atsbridge.connectors.webhook;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the gateway knows about the connection a webhook arrived for.
 *
 * @param id           the connection id from the URL
 * @param tenantId     the owning tenant
 * @param vendor       the vendor name as in {@code atsbridge.common.v1.Vendor} without prefix, e.g. GREENHOUSE
 * @param enabled      false when switched off
 * @param secrets      the active webhook secrets that verify any event; never logged
 * @param eventSecrets the active secrets that verify one event type each, by the vendor's event name (Lever's
 *                     signature tokens, one per webhook); never logged
 */
public record WebhookConnection(String id, String tenantId, String vendor, boolean enabled, List<byte[]> secrets,
                                Map<String, List<byte[]>> eventSecrets) {

    public WebhookConnection {
        secrets = List.copyOf(secrets);
        Map<String, List<byte[]>> byEvent = new LinkedHashMap<>();
        eventSecrets.forEach((event, list) -> byEvent.put(event, List.copyOf(list)));
        eventSecrets = Collections.unmodifiableMap(byEvent);
    }

    /** A connection whose secrets verify any event. */
    public WebhookConnection(String id, String tenantId, String vendor, boolean enabled, List<byte[]> secrets) {
        this(id, tenantId, vendor, enabled, secrets, Map.of());
    }

    @Override
    public String toString() {
        return "WebhookConnection[" + id + ", tenant " + tenantId + ", " + vendor + ", enabled " + enabled
                + ", " + secrets.size() + " secret(s)" + (eventSecrets.isEmpty() ? "" : ", event secrets for "
                + eventSecrets.keySet()) + "]";
    }
}
