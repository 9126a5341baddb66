package io.atsbridge.connectors;

import io.atsbridge.connectors.http.RequestBudget;
import io.atsbridge.connectors.webhook.VendorWebhooks;
import io.atsbridge.connectors.webhook.WebhookSettings;

import java.util.Optional;

/**
 * Everything atsbridge knows about one vendor, from the vendor's own package: how its webhooks are verified and
 * translated, the connectors to its ATS API, and the request budget its API documents. Each vendor package has one
 * implementation, and {@link Vendors} lists them: adding a vendor is its package and one line there.
 *
 * <p>Implementations hold no state. What has to outlive one use, such as OAuth tokens, lives in the factories
 * {@link #atsConnectors()} makes, which their caller keeps.
 */
public interface VendorModule {

    /** The vendor's name as in {@code atsbridge.common.v1.Vendor} without its prefix, e.g. {@code GREENHOUSE}. */
    String name();

    /**
     * How the vendor's webhooks are verified, translated and acknowledged, made with the gateway's settings; empty when
     * the vendor sends no signed webhooks atsbridge accepts.
     */
    default Optional<VendorWebhooks> webhooks(WebhookSettings settings) {
        return Optional.empty();
    }

    /**
     * A new factory of connectors to the vendor's ATS API, for the caller to keep as long as it makes connectors;
     * empty when the sync engine does not read and write this vendor.
     */
    default Optional<AtsConnectorFactory> atsConnectors() {
        return Optional.empty();
    }

    /** The request budget calls to the vendor's API are paced to until the vendor's own headers say more. */
    default RequestBudget requestBudget() {
        return RequestBudget.UNDOCUMENTED;
    }
}
