package io.atsbridge.connectors.greenhouse;

import io.atsbridge.connectors.VendorModule;
import io.atsbridge.connectors.webhook.VendorWebhooks;

/**
 * Greenhouse: recruiting webhooks signed with {@code Signature: sha256 <hex>}; the Harvest API connectors, v3 with
 * OAuth client credentials or v1 with an API key for accounts not yet migrated. The Assessment Partner API,
 * where atsbridge is the partner, is {@link GreenhouseAssessmentPartner}.
 */
public final class Greenhouse {

    /** Greenhouse's Assessment Partner API, for the gateway's controller of its requests. */
    public static final GreenhouseAssessmentPartner ASSESSMENT_PARTNER = new GreenhouseAssessmentPartner();

    /** Greenhouse's webhooks, its Harvest connectors, its Assessment Partner protocol and Harvest's request budget. */
    public static final VendorModule MODULE = VendorModule.builder("GREENHOUSE")
            .webhooks(settings -> VendorWebhooks.of(new GreenhouseSignature(), new GreenhouseEvents()))
            .atsConnectors(HarvestConnectors::new)
            .requestBudget(Harvest.BUDGET)
            .assessmentPartner(ASSESSMENT_PARTNER)
            .connectionRules(GreenhouseConnectionRules.RULES)
            .build();

    private Greenhouse() {
    }
}
