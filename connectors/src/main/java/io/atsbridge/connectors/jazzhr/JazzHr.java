package io.atsbridge.connectors.jazzhr;

import io.atsbridge.connectors.VendorModule;
import io.atsbridge.connectors.webhook.BodyDigestEvents;
import io.atsbridge.connectors.webhook.HexBodySignature;
import io.atsbridge.connectors.webhook.VendorWebhooks;

import java.util.List;
import java.util.Map;

/**
 * JazzHR (vendors.md §10): webhooks signed with {@code X-JazzHR-Signature}, the hex HMAC-SHA256 of the raw body; the
 * event in {@code X-JazzHR-Event} and the delivery id in {@code X-JazzHR-UUID}.
 */
public final class JazzHr {

    static final BodyDigestEvents.Layout LAYOUT = new BodyDigestEvents.Layout("JazzHR", List.of(), "X-JazzHR-Event",
            "X-JazzHR-UUID", Map.of(),
            Map.of("CANDIDATE", List.of("/candidate/id", "/applicant/id", "/id"),
                    "REQUISITION", List.of("/job/id", "/job_id")));

    /** JazzHR's webhooks; no API connector. */
    public static final VendorModule MODULE = VendorModule.builder("JAZZHR")
            .webhooks(settings -> VendorWebhooks.of(new HexBodySignature("X-JazzHR-Signature", "jazzhr-sha256", "JazzHR"),
                    new BodyDigestEvents(LAYOUT)))
            .build();

    private JazzHr() {
    }
}
