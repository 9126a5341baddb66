package io.atsbridge.connectors.bamboohr;

import io.atsbridge.connectors.VendorModule;
import io.atsbridge.connectors.webhook.BodyDigestEvents;
import io.atsbridge.connectors.webhook.VendorWebhooks;

import java.util.List;
import java.util.Map;

/**
 * BambooHR (vendors.md §9): webhooks signed over the raw body and a timestamp ({@link BambooHrSignature}); the body is
 * a record, its event in {@code type}.
 */
public final class BambooHr {

    static final BodyDigestEvents.Layout LAYOUT = new BodyDigestEvents.Layout("BambooHR", List.of("/type", "/event"),
            null, null, Map.of(), Map.of());

    /** BambooHR's webhooks; no API connector. */
    public static final VendorModule MODULE = VendorModule.builder("BAMBOOHR")
            .webhooks(settings -> VendorWebhooks.of(new BambooHrSignature(settings.window()), new BodyDigestEvents(LAYOUT)))
            .build();

    private BambooHr() {
    }
}
