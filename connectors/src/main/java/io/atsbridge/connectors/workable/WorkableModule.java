package io.atsbridge.connectors.workable;

import io.atsbridge.connectors.VendorModule;
import io.atsbridge.connectors.webhook.BodyDigestEvents;
import io.atsbridge.connectors.webhook.HexBodySignature;
import io.atsbridge.connectors.webhook.VendorWebhooks;
import io.atsbridge.connectors.webhook.WebhookSettings;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Workable (vendors.md §7): webhooks signed with {@code X-Workable-Signature}, the hex HMAC-SHA256 of the raw body;
 * the body is the candidate record, the event in {@code event_type}. No API connector.
 */
public final class WorkableModule implements VendorModule {

    static final BodyDigestEvents.Layout LAYOUT = new BodyDigestEvents.Layout("Workable", List.of("/event_type", "/event"),
            null, null,
            Map.of("candidate_created", "APPLICATION_CREATED", "candidate_moved", "STAGE_CHANGED"),
            Map.of("CANDIDATE", List.of("/data/id", "/id"),
                    "REQUISITION", List.of("/data/job/shortcode", "/job/shortcode")));

    @Override
    public String name() {
        return "WORKABLE";
    }

    @Override
    public Optional<VendorWebhooks> webhooks(WebhookSettings settings) {
        return Optional.of(VendorWebhooks.of(new HexBodySignature("X-Workable-Signature", "workable-sha256", "Workable"),
                new BodyDigestEvents(LAYOUT)));
    }
}
