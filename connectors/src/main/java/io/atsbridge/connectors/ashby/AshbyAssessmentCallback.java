package io.atsbridge.connectors.ashby;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atsbridge.connectors.VendorCallException;
import io.atsbridge.connectors.VendorJson;
import io.atsbridge.connectors.http.VendorHttp;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Tells Ashby how an assessment it started through the partner API stands: {@code POST <base>/assessment.update}
 * (developers.ashbyhq.com docs/assessmentupdate, and the assessment.update schema of Ashby's OpenAPI), HTTP Basic
 * with the customer's Ashby API key as user name and a blank password (reference/authentication; the key needs
 * candidatesWrite). The body carries {@code assessment_id}, {@code timestamp} (ms since the epoch) and
 * AssessmentDataValue objects {@code {identifier, label, description?, type, value}}; {@code assessment_status}
 * is required unless {@code cancelled_reason} is given, {@code assessment_profile_url} (type url) is required
 * with {@code assessment_result}, whose presence tells Ashby the assessment is complete.
 *
 * <p>Ashby answers would-be errors with HTTP 200 and {@code {"success": false, "errorInfo": {code, message}}}
 * (reference/responses); any other 2xx answer is success (the answer's body is not documented). Errors are
 * permanent failures, except error codes that plainly name a passing condition
 * (containing {@code rate_limit}, {@code timeout}, {@code unavailable} or {@code internal}): which codes
 * assessment.update returns is not documented, so that split is assumed. HTTP 5xx, 408, 429 and network errors
 * are retryable as for every vendor call. Called through {@link AshbyAssessmentPartner}, the protocol the module
 * registers.
 */
final class AshbyAssessmentCallback {

    static final String VENDOR = "Ashby (assessment partner)";

    /** The AssessmentDataValue types Ashby's OpenAPI lists. */
    public static final List<String> TYPES = List.of("numeric_score", "numeric_duration_minutes", "url", "string",
            "boolean_success");

    /**
     * One AssessmentDataValue.
     *
     * @param identifier  unique per partner among the update's values
     * @param description shown with the value, or null
     * @param type        one of {@link #TYPES}
     * @param value       a String, Number or Boolean fitting the type
     */
    public record DataValue(String identifier, String label, @Nullable String description, String type, Object value) {
        public DataValue {
            Objects.requireNonNull(identifier, "identifier");
            Objects.requireNonNull(label, "label");
            if (!TYPES.contains(type)) {
                throw new IllegalArgumentException("type: " + type + " (expected: one of " + TYPES + ")");
            }
            if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
                throw new IllegalArgumentException("value: " + value + " (expected: a string, number or boolean)");
            }
        }
    }

    /**
     * One assessment.update.
     *
     * @param timestampMillis when the update occurred, ms since the epoch
     * @param status          assessment_status (e.g. Started, Completed), or null with a cancelledReason
     * @param result          assessment_result (completes the assessment), or null
     * @param profileUrl      assessment_profile_url, type url; required with a result
     * @param cancelledReason cancelled_reason, or null
     */
    public record Update(String assessmentId, long timestampMillis, @Nullable DataValue status, @Nullable DataValue result,
                         @Nullable DataValue profileUrl, @Nullable DataValue cancelledReason, List<DataValue> metadata) {
        public Update {
            metadata = List.copyOf(metadata);
            if (status == null && cancelledReason == null) {
                throw new IllegalArgumentException("assessment.update needs assessment_status unless cancelled_reason is set");
            }
            if (result != null && (profileUrl == null || !profileUrl.type().equals("url"))) {
                throw new IllegalArgumentException("assessment.update needs an assessment_profile_url of type url with a result");
            }
        }
    }

    private final VendorHttp http;

    /**
     * @param http the client of the connection the assessment belongs to, governed by its request governor
     */
    AshbyAssessmentCallback(VendorHttp http) {
        this.http = Objects.requireNonNull(http, "http");
    }

    /**
     * Sends the update.
     *
     * @param baseUrl Ashby's API base URL without a trailing '/'
     * @param apiKey  the customer's Ashby API key; never part of a message
     * @throws VendorCallException when Ashby did not take the update
     */
    void update(String baseUrl, String apiKey, Update update) {
        HttpRequest<byte[]> request = HttpRequest.POST(URI.create(baseUrl + "/assessment.update"), VendorJson.write(body(update)))
                .header("Authorization", VendorHttp.basicAuthorization(apiKey))
                .header("Accept", "application/json; version=1")
                .header("Content-Type", "application/json");
        String what = "POST /assessment.update for assessment " + update.assessmentId();
        VendorHttp.Response response;
        try {
            response = http.send(VENDOR, what, request);
        } catch (VendorCallException e) {
            if (e.code().filter(AshbyConnector.MISSING_PERMISSION::equals).isPresent()) {
                // reference/authentication: 403 missing_endpoint_permission; the OpenAPI names the permission.
                throw VendorCallException.permanent(VENDOR + " refused " + what + " (" + e.status() + " "
                        + AshbyConnector.MISSING_PERMISSION + "): the API key lacks the "
                        + AshbyConnector.PERMISSIONS.get("assessment.update") + " permission; an Ashby admin grants it "
                        + "under Admin > Integrations > API Keys, then replay", e.status(), AshbyConnector.MISSING_PERMISSION);
            }
            throw e;
        }
        // The answer's body is not documented (the OpenAPI gives no schema): a 2xx is taken as accepted unless it
        // is Ashby's error envelope, {"success": false, ...}.
        JsonNode answer = VendorJson.tryRead(response.body()).orElse(null);
        if (answer != null && answer.isObject() && answer.has("success") && !answer.path("success").asBoolean(false)) {
            String code = VendorJson.text(answer.path("errorInfo").path("code"));
            String message = VendorJson.text(answer.path("errorInfo").path("message"));
            if (code.isEmpty() && message.isEmpty()) {
                message = String.join("; ", VendorJson.texts(answer.path("errors")));
            }
            String text = VENDOR + " refused " + what + (code.isEmpty() ? "" : " (code " + code + ")")
                    + (message.isEmpty() ? " (success: false, no error details)" : ": " + cut(message));
            if (passing(code)) {
                throw VendorCallException.retryable(text, response.status(), null, null);
            }
            if (AshbyConnector.MISSING_PERMISSION.equals(code)) {
                text = text + " (the API key lacks the " + AshbyConnector.PERMISSIONS.get("assessment.update")
                        + " permission; an Ashby admin grants it under Admin > Integrations > API Keys)";
            }
            throw VendorCallException.permanent(text, response.status(), code.isEmpty() ? null : code);
        }
    }

    /** The request body, as Ashby's OpenAPI names the fields. */
    static ObjectNode body(Update update) {
        ObjectNode body = VendorJson.object();
        body.put("assessment_id", update.assessmentId());
        body.put("timestamp", update.timestampMillis());
        put(body, "assessment_status", update.status());
        put(body, "assessment_result", update.result());
        put(body, "assessment_profile_url", update.profileUrl());
        put(body, "cancelled_reason", update.cancelledReason());
        if (!update.metadata().isEmpty()) {
            ArrayNode metadata = body.putArray("metadata");
            update.metadata().forEach(v -> metadata.add(value(v)));
        }
        return body;
    }

    private static void put(ObjectNode body, String field, @Nullable DataValue value) {
        if (value != null) {
            body.set(field, value(value));
        }
    }

    private static ObjectNode value(DataValue v) {
        ObjectNode node = VendorJson.object();
        node.put("identifier", v.identifier());
        node.put("label", v.label());
        if (v.description() != null) {
            node.put("description", v.description());
        }
        node.put("type", v.type());
        if (v.value() instanceof Boolean b) {
            node.put("value", b);
        } else if (v.value() instanceof Number n) {
            double d = n.doubleValue();
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                node.put("value", (long) d);
            } else {
                node.put("value", d);
            }
        } else {
            node.put("value", (String) v.value());
        }
        return node;
    }

    private static boolean passing(String code) {
        String c = code.toLowerCase(Locale.ROOT);
        return c.contains("rate_limit") || c.contains("timeout") || c.contains("unavailable") || c.contains("internal");
    }

    private static String cut(String text) {
        return text.length() > 600 ? text.substring(0, 600) + "..." : text;
    }
}
