package io.atsbridge.connectors.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.core.annotation.Nullable;

import java.util.List;
import java.util.Map;

/**
 * Webhooks of vendors whose bodies are a record rather than an event envelope (Workable, JazzHR, BambooHR), each
 * described by its {@link Layout}. The event comes from a body field or a header; the delivery key is the vendor's delivery
 * id header when it has one (JazzHR {@code X-JazzHR-UUID}), else the lower-case hex SHA-256 of the
 * raw body — identical bodies are the same delivery, which is what a retry is.
 */
public final class BodyDigestEvents implements EventTranslator {

    /**
     * Where one vendor keeps its event name and ids.
     *
     * @param vendor         the vendor's name in messages, e.g. {@code JazzHR}
     * @param eventPaths     the JSON pointers of the event name in the body, first found wins (unless eventHeader)
     * @param eventHeader    the header holding the event name, or null when it is in the body
     * @param deliveryHeader the header holding the vendor's delivery id, or null to key deliveries by body digest
     * @param events         the vendor's event names to canonical event types; others are OTHER
     * @param refPaths       the JSON pointers of each kind of id the event names, first found wins
     */
    public record Layout(String vendor, List<String> eventPaths, @Nullable String eventHeader,
                         @Nullable String deliveryHeader, Map<String, String> events, Map<String, List<String>> refPaths) {
    }

    private final Layout layout;

    public BodyDigestEvents(Layout layout) {
        this.layout = layout;
    }

    @Override
    public CanonicalEvent translate(WebhookRequest request) {
        JsonNode root = JsonBodies.parse(request);
        String deliveryKey;
        if (layout.deliveryHeader() != null) {
            deliveryKey = request.header(layout.deliveryHeader());
            if (deliveryKey == null || deliveryKey.isBlank()) {
                throw new WebhookRejection(400, "DELIVERY_KEY_MISSING", "no " + layout.deliveryHeader() + " header for connection "
                        + request.connectionId() + "; " + layout.vendor() + " sends one with every delivery");
            }
        } else {
            deliveryKey = Hmac.sha256Hex(request.body());
        }
        String event = layout.eventHeader() != null ? request.header(layout.eventHeader())
                : JsonBodies.firstText(root, layout.eventPaths());
        if (event == null || event.isBlank()) {
            event = "webhook";
        }
        EventRefs refs = new EventRefs();
        layout.refPaths().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> refs.add(e.getKey(), root, e.getValue().toArray(String[]::new)));
        return new CanonicalEvent(layout.events().getOrDefault(event, "OTHER"), event.trim(), refs.toList(), null,
                deliveryKey.trim());
    }
}
