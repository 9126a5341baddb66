package io.atsbridge.connectors.greenhouse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atsbridge.connectors.AtsApplication;
import io.atsbridge.connectors.AtsConnector;
import io.atsbridge.connectors.AtsStageEvent;
import io.atsbridge.connectors.ConnectorCapabilities;
import io.atsbridge.connectors.CustomFieldDefinition;
import io.atsbridge.connectors.CustomFieldWrite;
import io.atsbridge.connectors.VendorCallException;
import io.atsbridge.connectors.VendorJson;
import io.atsbridge.connectors.http.RequestBudget;
import io.atsbridge.connectors.http.VendorHttp;
import io.micronaut.core.annotation.Nullable;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What Harvest v1 ({@link GreenhouseHarvest}) and v3 ({@link GreenhouseHarvestV3}) have in common: ids, limits and
 * capabilities, the recruiting webhooks both read alike, and the bodies both versions read and write alike (custom
 * fields, stage moves, attachments).
 */
abstract sealed class Harvest implements AtsConnector permits GreenhouseHarvest, GreenhouseHarvestV3 {

    static final String VENDOR = "Greenhouse";
    /** Harvest's largest page, v1 and v3 (docs/pagination: per_page 1..500). */
    static final int MAX_PAGE = 500;
    /** How many pages one read that follows next links may take: a guard against a vendor's endless next links. */
    static final int MAX_PAGES = 50;
    /** The field types Greenhouse custom fields take that atsbridge writes. */
    static final Set<String> FIELD_TYPES =
            Set.of("number", "short_text", "long_text", "single_select", "multi_select", "url", "date", "boolean");
    /** Greenhouse's {@code value_type}s that atsbridge names otherwise; the others are atsbridge's names already. */
    static final Map<String, String> RENAMED_FIELD_TYPES = Map.of("yes_no", "boolean");
    /**
     * 50 requests per 10 s, paced to until X-RateLimit-Limit says more; also for v3, whose own limits
     * (docs/api-rate-limiting) were not readable in the sources at hand (a third-party reading reports a fixed 30 s
     * window with 75 as the doc's example).
     */
    static final RequestBudget BUDGET = new RequestBudget(50, Duration.ofSeconds(10));
    private static final Pattern ID = Pattern.compile("[0-9]{1,20}");

    /**
     * The attachment types Harvest takes on an application. Three have preconditions Greenhouse checks (422
     * otherwise): {@code take_home_test} needs an outstanding test on the application, {@code offer_letter} an
     * existing offer (and restarts its approvals), {@code signed_offer_letter} an approved, sent offer letter.
     */
    static final Set<String> ATTACHMENT_TYPES = Set.of("resume", "cover_letter", "other", "take_home_test",
            "offer_letter", "signed_offer_letter");

    /**
     * The content types Harvest accepts for an uploaded attachment, verbatim from the {@code content_type} row of
     * POST: Add Attachment to Application (grnhse/greenhouse-api-docs {@code source/includes/harvest/_applications.md}).
     */
    static final Set<String> CONTENT_TYPES = Set.of("application/atom+xml", "application/javascript",
            "application/json", "application/msgpack", "application/msword", "application/pdf", "application/rss+xml",
            "application/vnd.ms-excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/vnd.ms-powerpoint",
            "application/xml", "application/x-www-form-urlencoded", "application/x-yaml", "application/zip",
            "multipart/form-data", "image/bmp", "image/gif", "image/jpeg", "image/png", "image/tiff", "text/calendar",
            "text/css", "text/csv", "text/html", "text/javascript", "text/plain", "text/vcard", "video/mpeg");

    private final ConnectorCapabilities capabilities;

    Harvest(String apiVersion) {
        this.capabilities = capabilities(apiVersion);
    }

    @Override
    public final ConnectorCapabilities capabilities() {
        return capabilities;
    }

    /**
     * The application and its current stage from the webhook body: Greenhouse's candidate_stage_change and
     * new_candidate_application carry everything the loop needs, and recruiting webhooks are the same whichever
     * Harvest version the connection reads with.
     */
    @Override
    public final AtsStageEvent stageEvent(byte[] webhookBody) {
        return GreenhouseWebhook.stageEvent(webhookBody);
    }

    /**
     * Harvest, either version: typed custom fields on candidates and (Enterprise) applications, tags, plain-text notes,
     * stage moves and attachments, within {@link #BUDGET}.
     */
    static ConnectorCapabilities capabilities(String apiVersion) {
        return new ConnectorCapabilities("GREENHOUSE", apiVersion, FIELD_TYPES, FIELD_TYPES,
                true, true, false, true, true, false, BUDGET.requests(), BUDGET.window(), 0);
    }

    /** The id, checked to be one of Greenhouse's numeric ids, since ids go into paths and queries. */
    static String checkId(String what, @Nullable String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException(what + ": '" + id + "' (expected: a numeric Greenhouse id)");
        }
        return id;
    }

    /** The candidate's e-mail addresses ({@code email_addresses[].value}), in order, without blanks. */
    static List<String> emails(JsonNode candidate) {
        List<String> emails = new ArrayList<>();
        for (JsonNode email : candidate.path("email_addresses")) {
            String value = VendorJson.text(email.path("value"));
            if (!value.isEmpty()) {
                emails.add(value);
            }
        }
        return emails;
    }

    /** Harvest's name of the note visibility. */
    static String visibility(AtsConnector.NoteVisibility visibility) {
        return switch (visibility) {
            case RESTRICTED -> "admin_only";
            case PRIVATE -> "private";
            case PUBLIC -> "public";
        };
    }

    /** The move body {from_stage_id, to_stage_id}: the stage the application is in as read guards against stale moves. */
    static ObjectNode moveBody(AtsApplication application, String toStageId) {
        ObjectNode body = VendorJson.object();
        body.put("from_stage_id", Long.parseLong(checkId("stage id", application.currentStageId())));
        body.put("to_stage_id", Long.parseLong(checkId("stage id", toStageId)));
        return body;
    }

    /** custom_fields[] elements by name_key; a JSON null value becomes {@code delete_value: "true"} (a string, as Harvest requires). */
    static ArrayNode customFields(List<CustomFieldWrite> writes) {
        ArrayNode array = VendorJson.array();
        for (CustomFieldWrite write : writes) {
            ObjectNode field = array.addObject();
            field.put("name_key", write.nameKey());
            if (write.value().isNull()) {
                field.put("delete_value", "true");
            } else {
                field.set("value", write.value());
            }
        }
        return array;
    }

    /** Custom field values keyed {key: {name, type, value}}, read as key to value; a plain value is taken as it is. */
    static Map<String, JsonNode> fieldValues(JsonNode fields) {
        Map<String, JsonNode> values = new LinkedHashMap<>();
        if (fields.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = fields.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                values.put(field.getKey(), field.getValue().isObject() ? field.getValue().path("value") : field.getValue());
            }
        }
        return values;
    }

    /** A Harvest custom field (v1 and v3 alike): name_key, field_type (the scope), value_type, active, options. */
    static CustomFieldDefinition definition(JsonNode field) {
        List<CustomFieldDefinition.Option> options = new ArrayList<>();
        for (JsonNode option : field.path("custom_field_options")) {
            options.add(new CustomFieldDefinition.Option(VendorJson.id(option.path("id")), VendorJson.text(option.path("name"))));
        }
        return new CustomFieldDefinition(VendorJson.text(field.path("field_type")), VendorJson.text(field.path("name_key")),
                VendorJson.text(field.path("name")), CustomFieldDefinition.type(VendorJson.text(field.path("value_type")), RENAMED_FIELD_TYPES),
                options, field.path("active").asBoolean(true));
    }

    /** The JSON body of an application attachment upload (v1; v3 mirrors it), checked before anything is sent. */
    static ObjectNode attachmentBody(AtsConnector.Attachment attachment) {
        if (attachment.filename() == null || attachment.filename().isBlank()) {
            throw new IllegalArgumentException("attachment filename is blank (expected: e.g. ai-interview-report.pdf)");
        }
        if (!ATTACHMENT_TYPES.contains(attachment.type())) {
            throw new IllegalArgumentException("attachment type: " + attachment.type() + " (expected: one of "
                    + new TreeSet<>(ATTACHMENT_TYPES) + ")");
        }
        if ((attachment.url() == null) == (attachment.content() == null)) {
            throw new IllegalArgumentException("attachment " + attachment.filename()
                    + ": give either a url or the content, exactly one");
        }
        ObjectNode body = VendorJson.object();
        body.put("filename", attachment.filename());
        body.put("type", attachment.type());
        if (attachment.url() != null) {
            body.put("url", attachment.url());
        } else {
            if (attachment.contentType() == null || attachment.contentType().isBlank()) {
                throw new IllegalArgumentException("attachment " + attachment.filename()
                        + ": content needs its content type (e.g. application/pdf)");
            }
            body.put("content", Base64.getEncoder().encodeToString(attachment.content()));
        }
        if (attachment.contentType() != null && !attachment.contentType().isBlank()) {
            if (!CONTENT_TYPES.contains(attachment.contentType())) {
                throw new IllegalArgumentException("attachment " + attachment.filename() + ": content type "
                        + attachment.contentType() + " is not one Greenhouse accepts (expected: one of " + new TreeSet<>(CONTENT_TYPES)
                        + ")");
            }
            body.put("content_type", attachment.contentType());
        }
        return body;
    }

    /**
     * Every element of every page of a list, following {@code Link rel="next"} up to {@link #MAX_PAGES} pages; each
     * next link must stay under {@code within}, the connection's Harvest host and path.
     *
     * @param first the first page's URL
     * @param what  method and path for messages, e.g. {@code GET /v3/notes}
     * @param get   sends the GET of one page's URL, authorized as the version does
     */
    static <T> List<T> all(String first, String within, String what, Function<URI, VendorHttp.Response> get,
                           Function<JsonNode, T> convert) {
        List<T> out = new ArrayList<>();
        String next = first;
        for (int page = 0; next != null; page++) {
            if (page == MAX_PAGES) {
                throw VendorCallException.permanent(VENDOR + " listed more than " + MAX_PAGES + " pages for " + what
                        + "; stopping rather than reading without end", 0);
            }
            URI uri = URI.create(next);
            if (!next.startsWith(within)) {
                throw VendorCallException.permanent(VENDOR + " sent a next link off the Harvest host for " + what, 0);
            }
            VendorHttp.Response response = get.apply(uri);
            for (JsonNode node : response.json(VENDOR + " answer to " + what)) {
                out.add(convert.apply(node));
            }
            next = response.link("next");
        }
        return out;
    }
}
