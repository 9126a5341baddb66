package io.atsbridge.connectors.jazzhr;

import io.atsbridge.connectors.VendorModule;
import io.atsbridge.connectors.webhook.BodyDigestEvents;
import io.atsbridge.connectors.webhook.HexBodySignature;
import io.atsbridge.connectors.webhook.VendorWebhooks;
import io.atsbridge.connectors.webhook.WebhookSettings;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * JazzHR (vendors.md §10): webhooks signed with {@code X-JazzHR-Signature}, the hex HMAC-SHA256 of the raw body;
 * the event in {@code X-JazzHR-Event} and the delivery id in {@code X-JazzHR-UUID}. No API connector.
 */
public final class JazzHrModule implements VendorModule {

    static final BodyDigestEvents.Layout LAYOUT = new BodyDigestEvents.Layout("JazzHR", List.of(), "X-JazzHR-Event",
            "X-JazzHR-UUID",
            Map.of(),
            Map.of("CANDIDATE", List.of("/candidate/id", "/applicant/id", "/id"),
                    "REQUISITION", List.of("/job/id", "/job_id")));

    @Override
    public String name() {
        return "JAZZHR";
    }

    @Override
    public Optional<VendorWebhooks> webhooks(WebhookSettings settings) {
        return Optional.of(VendorWebhooks.of(new HexBodySignature("X-JazzHR-Signature", "jazzhr-sha256", "JazzHR"),
                new BodyDigestEvents(LAYOUT)));
    }
}
