package io.atsbridge.connectors.standardwebhooks;

import io.atsbridge.connectors.VendorModule;
import io.atsbridge.connectors.webhook.ReplayGuard;
import io.atsbridge.connectors.webhook.VendorWebhooks;
import io.atsbridge.connectors.webhook.WebhookSettings;

import java.util.Optional;

/**
 * Standard Webhooks v1 (standardwebhooks.com), the scheme AI vendors and custom sources send events with. Every
 * attempt is signed anew, so a replayed attempt is told from a retry by its {@code webhook-timestamp}. The AI
 * vendors' API is not tied to a vendor name: {@code io.atsbridge.connectors.aivendor} serves every AI_VENDOR
 * connection.
 */
public final class StandardWebhooksModule implements VendorModule {

    @Override
    public String name() {
        return "STANDARD_WEBHOOKS";
    }

    @Override
    public Optional<VendorWebhooks> webhooks(WebhookSettings settings) {
        return Optional.of(new VendorWebhooks(new StandardWebhooksSignature(settings.window()), new StandardWebhooksEvents(),
                200, ReplayGuard.signedAttempt(StandardWebhooksSignature.TIMESTAMP), null));
    }
}
