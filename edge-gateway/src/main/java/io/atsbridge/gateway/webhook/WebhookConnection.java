package io.atsbridge.gateway.webhook;

import java.util.List;

/**
 * What the gateway knows about the connection a webhook arrived for.
 *
 * @param id       the connection id from the URL
 * @param tenantId the owning tenant
 * @param vendor   the vendor name as in {@code atsbridge.common.v1.Vendor} without prefix, e.g. GREENHOUSE
 * @param enabled  false when switched off
 * @param secrets  the active webhook secrets; never logged
 */
public record WebhookConnection(String id, String tenantId, String vendor, boolean enabled, List<byte[]> secrets) {

    @Override
    public String toString() {
        return "WebhookConnection[" + id + ", tenant " + tenantId + ", " + vendor + ", enabled " + enabled
                + ", " + secrets.size() + " secret(s)]";
    }
}
