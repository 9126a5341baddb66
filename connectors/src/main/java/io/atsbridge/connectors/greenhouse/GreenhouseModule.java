package io.atsbridge.connectors.greenhouse;

import io.atsbridge.connectors.AtsConnectorFactory;
import io.atsbridge.connectors.VendorModule;
import io.atsbridge.connectors.http.RequestBudget;
import io.atsbridge.connectors.webhook.VendorWebhooks;
import io.atsbridge.connectors.webhook.WebhookSettings;

import java.util.Optional;

/**
 * Greenhouse: recruiting webhooks signed with {@code Signature: sha256 <hex>}; the Harvest API connectors, v3 with
 * OAuth client credentials or v1 with an API key for accounts not yet migrated; 50 requests per 10 s. The
 * Assessment Partner API lives here too ({@link GreenhouseAssessmentCallback}), though no registry routes to it.
 */
public final class GreenhouseModule implements VendorModule {

    @Override
    public String name() {
        return "GREENHOUSE";
    }

    @Override
    public Optional<VendorWebhooks> webhooks(WebhookSettings settings) {
        return Optional.of(VendorWebhooks.of(new GreenhouseSignature(), new GreenhouseEvents()));
    }

    @Override
    public Optional<AtsConnectorFactory> atsConnectors() {
        return Optional.of(new HarvestConnectors());
    }

    @Override
    public RequestBudget requestBudget() {
        return GreenhouseHarvest.CAPABILITIES.requestBudget();
    }
}
