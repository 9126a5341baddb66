package io.atsbridge.gateway.webhook;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/**
 * Workable, JazzHR and BambooHR webhooks: vendors whose bodies are a record rather than an event
 * envelope. The event comes from a body field or a header; the delivery key is the vendor's delivery
 * id header when it has one (JazzHR {@code X-JazzHR-UUID}), else the lower-case hex SHA-256 of the
 * raw body — identical bodies are the same delivery, which is what a retry is.
 */
final class BodyDigestEvents implements EventTranslator {

    /** Where one vendor keeps its event name and ids. */
    record Layout(String vendor, List<String> eventPaths, String eventHeader, String deliveryHeader,
                  Map<String, String> events, Map<String, List<String>> refPaths) {
    }

    static final Layout WORKABLE = new Layout("Workable", List.of("/event_type", "/event"), null, null,
            Map.of("candidate_created", "APPLICATION_CREATED", "candidate_moved", "STAGE_CHANGED"),
            Map.of("CANDIDATE", List.of("/data/id", "/id"),
                    "REQUISITION", List.of("/data/job/shortcode", "/job/shortcode")));
    static final Layout JAZZHR = new Layout("JazzHR", List.of(), "X-JazzHR-Event", "X-JazzHR-UUID",
            Map.of(),
            Map.of("CANDIDATE", List.of("/candidate/id", "/applicant/id", "/id"),
                    "REQUISITION", List.of("/job/id", "/job_id")));
    static final Layout BAMBOOHR = new Layout("BambooHR", List.of("/type", "/event"), null, null,
            Map.of(),
            Map.of());

    private final Layout layout;

    BodyDigestEvents(Layout layout) {
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
