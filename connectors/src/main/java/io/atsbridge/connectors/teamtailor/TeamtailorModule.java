package io.atsbridge.connectors.teamtailor;

import io.atsbridge.connectors.VendorModule;
import io.atsbridge.connectors.webhook.VendorWebhooks;
import io.atsbridge.connectors.webhook.WebhookSettings;

import java.util.Optional;

/** Teamtailor (vendors.md §8): company and partner webhooks, each signed its own way. No API connector. */
public final class TeamtailorModule implements VendorModule {

    @Override
    public String name() {
        return "TEAMTAILOR";
    }

    @Override
    public Optional<VendorWebhooks> webhooks(WebhookSettings settings) {
        return Optional.of(VendorWebhooks.of(new TeamtailorSignature(settings.window()), new TeamtailorEvents()));
    }
}
