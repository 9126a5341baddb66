package io.atsbridge.connectors.lever;

import io.atsbridge.connectors.VendorModule;
import io.atsbridge.connectors.webhook.ReplayGuard;
import io.atsbridge.connectors.webhook.VendorWebhooks;

/**
 * Lever: webhooks signed in the body with one signature token per event, told from replays by their one-time
 * {@code token}; the Data API v1 connector.
 */
public final class Lever {

    /** Lever's webhooks, its connector, and 10 requests a second (bursts to 20 are not relied on). */
    /** The vendor's name in configuration and the registry. */
    public static final String NAME = "LEVER";

    public static final VendorModule MODULE = VendorModule.builder(NAME)
            .webhooks(settings -> new VendorWebhooks(new LeverSignature(settings.signedTimes(NAME)),
                    new LeverEvents(), 200, ReplayGuard.TOKEN, null))
            .atsConnectors(() -> (account, http) -> new LeverConnector(account.baseUrl(), account.credentials(),
                    account.onBehalfOf(), http))
            .requestBudget(LeverConnector.CAPABILITIES.requestBudget())
            .connectionRules(LeverConnectionRules.RULES)
            .build();

    private Lever() {
    }
}
