package io.atsbridge.connectors.ashby;

import io.atsbridge.connectors.AtsConnectorFactory;
import io.atsbridge.connectors.VendorModule;
import io.atsbridge.connectors.http.RequestBudget;
import io.atsbridge.connectors.webhook.VendorWebhooks;
import io.atsbridge.connectors.webhook.WebhookSettings;

import java.util.Optional;

/**
 * Ashby: webhooks signed with {@code Ashby-Signature}; the public API connector, which attributes writes to the API
 * key's owner (no on-behalf-of user). Ashby documents no rate limit: 10 requests a second are assumed.
 */
public final class AshbyModule implements VendorModule {

    @Override
    public String name() {
        return "ASHBY";
    }

    @Override
    public Optional<VendorWebhooks> webhooks(WebhookSettings settings) {
        return Optional.of(VendorWebhooks.of(new AshbySignature(), new AshbyEvents()));
    }

    @Override
    public Optional<AtsConnectorFactory> atsConnectors() {
        return Optional.of((account, http) -> new AshbyConnector(account.baseUrl(), account.credentials(), http));
    }

    @Override
    public RequestBudget requestBudget() {
        return AshbyConnector.CAPABILITIES.requestBudget();
    }
}
