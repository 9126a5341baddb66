package io.atsbridge.connectors.teamtailor;

import io.atsbridge.connectors.VendorModule;
import io.atsbridge.connectors.webhook.VendorWebhooks;

/** Teamtailor (vendors.md §8): company and partner webhooks, each signed its own way. */
public final class Teamtailor {

    /** Teamtailor's webhooks; no API connector. */
    /** The vendor's name in configuration and the registry. */
    public static final String NAME = "TEAMTAILOR";

    public static final VendorModule MODULE = VendorModule.builder(NAME)
            .webhooks(settings -> VendorWebhooks.of(new TeamtailorSignature(settings.signedTimes(NAME)), new TeamtailorEvents()))
            .build();

    private Teamtailor() {
    }
}
