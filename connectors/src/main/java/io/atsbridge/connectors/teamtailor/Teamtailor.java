package io.atsbridge.connectors.teamtailor;

import io.atsbridge.connectors.VendorModule;
import io.atsbridge.connectors.webhook.VendorWebhooks;

/** Teamtailor (vendors.md §8): company and partner webhooks, each signed its own way. */
public final class Teamtailor {

    /** Teamtailor's webhooks; no API connector. */
    public static final VendorModule MODULE = VendorModule.builder("TEAMTAILOR")
            .webhooks(settings -> VendorWebhooks.of(new TeamtailorSignature(settings.window()), new TeamtailorEvents()))
            .build();

    private Teamtailor() {
    }
}
