package io.atsbridge.connectors.workable;

import io.atsbridge.connectors.VendorModule;
import io.atsbridge.connectors.webhook.BodyDigestEvents;
import io.atsbridge.connectors.webhook.HexBodySignature;
import io.atsbridge.connectors.webhook.VendorWebhooks;

import java.util.List;
import java.util.Map;

/**
 * Workable (vendors.md §7): webhooks signed with {@code X-Workable-Signature}, the hex HMAC-SHA256 of the raw body;
 * the body is the candidate record, its event in {@code event_type}.
 */
public final class Workable {

    static final BodyDigestEvents.Layout LAYOUT = new BodyDigestEvents.Layout("Workable", List.of("/event_type", "/event"),
            null, null,
            Map.of("candidate_created", "APPLICATION_CREATED", "candidate_moved", "STAGE_CHANGED"),
            Map.of("CANDIDATE", List.of("/data/id", "/id"),
                    "REQUISITION", List.of("/data/job/shortcode", "/job/shortcode")));

    /** Workable's webhooks; no API connector. */
    public static final VendorModule MODULE = VendorModule.builder("WORKABLE")
            .webhooks(settings -> VendorWebhooks.of(new HexBodySignature("X-Workable-Signature", "workable-sha256", "Workable"),
                    new BodyDigestEvents(LAYOUT)))
            .build();

    private Workable() {
    }
}
