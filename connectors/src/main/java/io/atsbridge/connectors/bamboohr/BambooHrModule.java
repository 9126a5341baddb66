package io.atsbridge.connectors.bamboohr;

import io.atsbridge.connectors.VendorModule;
import io.atsbridge.connectors.webhook.BodyDigestEvents;
import io.atsbridge.connectors.webhook.VendorWebhooks;
import io.atsbridge.connectors.webhook.WebhookSettings;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * BambooHR (vendors.md §9): webhooks signed over the raw body and a timestamp ({@link BambooHrSignature}); the body
 * is a record, its event in {@code type}. No API connector.
 */
public final class BambooHrModule implements VendorModule {

    static final BodyDigestEvents.Layout LAYOUT = new BodyDigestEvents.Layout("BambooHR", List.of("/type", "/event"),
            null, null,
            Map.of(),
            Map.of());

    @Override
    public String name() {
        return "BAMBOOHR";
    }

    @Override
    public Optional<VendorWebhooks> webhooks(WebhookSettings settings) {
        return Optional.of(VendorWebhooks.of(new BambooHrSignature(settings.window()), new BodyDigestEvents(LAYOUT)));
    }
}
