package io.atsbridge.connectors.standardwebhooks;

import io.atsbridge.connectors.VendorModule;
import io.atsbridge.connectors.webhook.ReplayGuard;
import io.atsbridge.connectors.webhook.VendorWebhooks;

/**
 * Standard Webhooks v1 (standardwebhooks.com), the scheme AI vendors and custom sources send events with. The AI
 * vendors' API is not tied to a vendor name: {@code io.atsbridge.connectors.aivendor} serves every AI_VENDOR
 * connection.
 */
public final class StandardWebhooks {

    /**
     * Standard Webhooks events; every attempt is signed anew, so a replayed attempt is told from a retry by its
     * {@code webhook-timestamp}.
     */
    public static final VendorModule MODULE = VendorModule.builder("STANDARD_WEBHOOKS")
            .webhooks(settings -> new VendorWebhooks(new StandardWebhooksSignature(settings.window()),
                    new StandardWebhooksEvents(), 200, ReplayGuard.signedAttempt(StandardWebhooksSignature.TIMESTAMP), null))
            .build();

    private StandardWebhooks() {
    }
}
