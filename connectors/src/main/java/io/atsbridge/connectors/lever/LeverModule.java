package io.atsbridge.connectors.lever;

import io.atsbridge.connectors.AtsConnectorFactory;
import io.atsbridge.connectors.VendorModule;
import io.atsbridge.connectors.http.RequestBudget;
import io.atsbridge.connectors.webhook.ReplayGuard;
import io.atsbridge.connectors.webhook.VendorWebhooks;
import io.atsbridge.connectors.webhook.WebhookSettings;

import java.util.Optional;

/**
 * Lever: webhooks signed in the body with one signature token per event, told from replays by their one-time
 * {@code token}; the Data API v1 connector, paced to 10 requests a second (bursts to 20 are not relied on).
 */
public final class LeverModule implements VendorModule {

    @Override
    public String name() {
        return "LEVER";
    }

    @Override
    public Optional<VendorWebhooks> webhooks(WebhookSettings settings) {
        return Optional.of(new VendorWebhooks(new LeverSignature(settings.window(), settings.lateRetryHorizon()),
                new LeverEvents(), 200, ReplayGuard.TOKEN, null));
    }

    @Override
    public Optional<AtsConnectorFactory> atsConnectors() {
        return Optional.of((account, http) -> new LeverConnector(account.baseUrl(), account.credentials(),
                account.onBehalfOf(), http));
    }

    @Override
    public RequestBudget requestBudget() {
        return LeverConnector.CAPABILITIES.requestBudget();
    }
}
