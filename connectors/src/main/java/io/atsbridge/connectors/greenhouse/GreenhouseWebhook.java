package io.atsbridge.connectors.greenhouse;

import com.fasterxml.jackson.databind.JsonNode;
import io.atsbridge.connectors.AtsStageEvent;
import io.atsbridge.connectors.MalformedPayloadException;
import io.atsbridge.connectors.VendorJson;

import java.util.Set;

/** Reads Greenhouse recruiting webhook bodies ({@code {"action": ..., "payload": {...}}}). */
public final class GreenhouseWebhook {

    /** The actions whose payload is an application with its current stage. */
    public static final Set<String> STAGE_ACTIONS = Set.of("candidate_stage_change", "new_candidate_application");

    private GreenhouseWebhook() {
    }

    /** The body's action, e.g. {@code candidate_stage_change}; empty when it has none. */
    public static String action(byte[] body) {
        return VendorJson.text(VendorJson.read(body, "the Greenhouse webhook body").path("action"));
    }

    /**
     * The application and its current stage from a {@code candidate_stage_change} or
     * {@code new_candidate_application} body.
     *
     * @throws MalformedPayloadException when the body is not such a webhook or lacks an id or the stage
     */
    public static AtsStageEvent stageEvent(byte[] body) {
        JsonNode root = VendorJson.read(body, "the Greenhouse webhook body");
        String action = VendorJson.text(root.path("action"));
        if (!STAGE_ACTIONS.contains(action)) {
            throw new MalformedPayloadException("the Greenhouse webhook body has action '" + action
                    + "' (expected: one of " + STAGE_ACTIONS + ")");
        }
        JsonNode application = root.path("payload").path("application");
        JsonNode candidate = application.path("candidate");
        JsonNode stage = application.path("current_stage");
        JsonNode job = application.path("jobs").path(0);
        String email = "";
        for (JsonNode address : candidate.path("email_addresses")) {
            email = VendorJson.text(address.path("value")).trim();
            if (!email.isEmpty()) {
                break;
            }
        }
        java.util.Map<String, String> fields = new java.util.LinkedHashMap<>();
        // Webhooks key custom fields by immutable key with {name, type, value}; Harvest reads give the value alone.
        candidate.path("custom_fields").fields().forEachRemaining(field -> {
            JsonNode value = field.getValue().isObject() ? field.getValue().path("value") : field.getValue();
            String text = VendorJson.text(value);
            if (!text.isEmpty()) {
                fields.put(field.getKey(), text);
            }
        });
        String jobId = VendorJson.id(job.path("id"));
        return new AtsStageEvent(action,
                required(application.path("id"), action, "payload.application.id"),
                required(candidate.path("id"), action, "payload.application.candidate.id"),
                jobId.isEmpty() ? null : jobId,
                VendorJson.text(job.path("name")),
                required(stage.path("id"), action, "payload.application.current_stage.id"),
                requiredText(stage.path("name"), action, "payload.application.current_stage.name"),
                VendorJson.text(candidate.path("first_name")),
                VendorJson.text(candidate.path("last_name")),
                email,
                fields);
    }

    private static String required(JsonNode node, String action, String field) {
        String id = VendorJson.id(node);
        if (id.isEmpty()) {
            throw new MalformedPayloadException("the Greenhouse " + action + " body has no " + field);
        }
        return id;
    }

    private static String requiredText(JsonNode node, String action, String field) {
        String text = VendorJson.text(node);
        if (text.isBlank()) {
            throw new MalformedPayloadException("the Greenhouse " + action + " body has no " + field);
        }
        return text;
    }
}
