package io.atsbridge.connectors.aivendor;

import com.fasterxml.jackson.databind.JsonNode;
import io.atsbridge.connectors.MalformedPayloadException;
import io.atsbridge.connectors.VendorJson;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads an AI vendor's {@code interview.completed} event (Standard Webhooks envelope
 * {@code {"type", "timestamp", "data": {...}}}): the interview id, the candidate and job external ids,
 * the metadata atsbridge sent with the invitation, and {@code data.result}.
 */
public final class InterviewCompletion {

    /** The event type this reads. */
    public static final String TYPE = "interview.completed";
    /** Competency scores come on 1..5 unless the vendor states their scale. */
    static final double COMPETENCY_MIN = 1;
    static final double COMPETENCY_MAX = 5;

    private InterviewCompletion() {
    }

    /** The event's type, e.g. {@code interview.completed}; empty when it has none. */
    public static String type(byte[] body) {
        return VendorJson.text(VendorJson.read(body, "the AI vendor event body").path("type"));
    }

    /**
     * The interview and its result.
     *
     * @throws MalformedPayloadException when the body is not an {@code interview.completed} event or
     *                                   lacks the interview id, the score or a valid scale
     */
    public static InterviewResult parse(byte[] body) {
        JsonNode root = VendorJson.read(body, "the AI vendor event body");
        String type = VendorJson.text(root.path("type"));
        if (!TYPE.equals(type)) {
            throw new MalformedPayloadException("the AI vendor event has type '" + type + "' (expected: " + TYPE + ")");
        }
        JsonNode data = root.path("data");
        String interviewId = VendorJson.id(data.path("interview_id"));
        if (interviewId.isEmpty()) {
            interviewId = VendorJson.id(data.path("id"));
        }
        if (interviewId.isEmpty()) {
            throw new MalformedPayloadException("the " + TYPE + " event has no data.interview_id");
        }
        JsonNode result = data.path("result");
        if (!result.isObject()) {
            throw new MalformedPayloadException("the " + TYPE + " event of interview " + interviewId + " has no data.result");
        }
        JsonNode score = result.path("score");
        JsonNode scale = result.path("scale");
        if (!score.isNumber() || !scale.path("min").isNumber() || !scale.path("max").isNumber()
                || scale.path("max").asDouble() <= scale.path("min").asDouble()) {
            throw new MalformedPayloadException("the " + TYPE + " event of interview " + interviewId
                    + " has no numeric data.result.score with a scale {min, max} where max > min");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        data.path("metadata").fields().forEachRemaining(field -> metadata.put(field.getKey(), VendorJson.text(field.getValue())));
        List<InterviewResult.CompetencyResult> competencies = new ArrayList<>();
        for (JsonNode competency : result.path("competencies")) {
            if (!competency.path("score").isNumber()) {
                continue;
            }
            JsonNode own = competency.path("scale");
            boolean stated = own.path("min").isNumber() && own.path("max").isNumber();
            competencies.add(new InterviewResult.CompetencyResult(
                    VendorJson.text(competency.path("name")),
                    competency.path("score").asDouble(),
                    stated ? own.path("min").asDouble() : COMPETENCY_MIN,
                    stated ? own.path("max").asDouble() : COMPETENCY_MAX,
                    VendorJson.text(competency.path("rationale"))));
        }
        String recommendation = VendorJson.textOrNull(result.path("recommendation"));
        JsonNode model = result.path("model");
        return new InterviewResult(
                interviewId,
                VendorJson.id(data.path("candidate").path("external_id")),
                VendorJson.id(data.path("job").path("external_id")),
                metadata,
                score.asDouble(),
                scale.path("min").asDouble(),
                scale.path("max").asDouble(),
                recommendation == null ? null : recommendation.trim().toLowerCase(Locale.ROOT),
                competencies,
                VendorJson.text(result.path("rationale")),
                result.path("confidence").isNumber() ? result.path("confidence").asDouble() : 0,
                VendorJson.texts(result.path("skills")),
                VendorJson.textOrNull(result.path("transcript_url")),
                VendorJson.textOrNull(result.path("recording_url")),
                VendorJson.text(model.path("id")),
                VendorJson.text(model.path("version")),
                VendorJson.text(result.path("prompt_version")),
                instant(result.path("completed_at").isMissingNode() ? data.path("completed_at") : result.path("completed_at")));
    }

    @io.micronaut.core.annotation.Nullable
    private static Instant instant(JsonNode node) {
        String text = VendorJson.text(node);
        if (text.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
