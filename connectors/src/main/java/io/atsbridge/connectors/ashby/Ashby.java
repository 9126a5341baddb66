package io.atsbridge.connectors.ashby;

import io.atsbridge.connectors.VendorModule;
import io.atsbridge.connectors.webhook.VendorWebhooks;

/**
 * Ashby: webhooks signed with {@code Ashby-Signature}; the public API connector, which attributes writes to the API
 * key's owner (no on-behalf-of user). Its assessments integration, where atsbridge is the
 * assessment partner, is {@link AshbyAssessmentPartner}.
 */
public final class Ashby {

    /** Ashby's assessments integration, for the gateway's controller of its requests. */
    public static final AshbyAssessmentPartner ASSESSMENT_PARTNER = new AshbyAssessmentPartner();

    /**
     * Ashby's webhooks, its connector, its assessment-partner protocol, and the 10 requests a second assumed (Ashby
     * documents no limit).
     */
    public static final VendorModule MODULE = VendorModule.builder("ASHBY")
            .webhooks(settings -> VendorWebhooks.of(new AshbySignature(), new AshbyEvents()))
            .atsConnectors(() -> (account, http) -> new AshbyConnector(account.baseUrl(), account.credentials(), http))
            .requestBudget(AshbyConnector.CAPABILITIES.requestBudget())
            .assessmentPartner(ASSESSMENT_PARTNER)
            .connectionRules(AshbyConnectionRules.RULES)
            .build();

    private Ashby() {
    }
}
