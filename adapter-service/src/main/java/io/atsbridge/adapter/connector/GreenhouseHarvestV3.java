package io.atsbridge.adapter.connector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.core.annotation.Nullable;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Greenhouse Harvest API v3 (https://harvestdocs.greenhouse.io), the calls the sync engine makes, on the
 * same account data as {@link GreenhouseHarvest} (v1). Every call carries {@code Authorization: Bearer} with
 * an access token from {@link GreenhouseTokens} acting as the connection's user (the token's {@code sub}
 * replaces v1's On-Behalf-Of); a call answered 401 drops that token and is repeated once with a fresh one.
 *
 * <p>What the calls follow: cursor paging ({@code Link rel="next"} only, the cursor URL followed as given),
 * {@code ids}/parent-id filters and {@code updated_at=gte|<ISO-8601>} (docs/pagination, docs/list-endpoints);
 * {@code POST /v3/applications/{id}/move} with the required {@code from_stage_id} guard, 204 (reference
 * post_v3-applications-id-move); {@code GET /v3/notes} for the activity feed (READ migration guide).
 * Not documented in the sources at hand, and assumed to mirror v1: custom field and tag writes on
 * {@code PATCH /v3/candidates/{id}} and {@code /v3/applications/{id}} ({@code custom_fields[]} by
 * {@code name_key}, {@code delete_value: "true"} to clear; {@code tags[]} replaces all tags), note create
 * {@code POST /v3/notes} with {@code candidate_id}, and {@code POST /v3/applications/{id}/attachments}.
 *
 * <p>v3 resources carry their parents' ids but not their children's (docs/standardizations): a candidate's
 * application ids take one more call ({@code GET /v3/applications?candidate_id=}), and stage names one
 * more ({@code GET /v3/job_stages?ids=}, once per page of applications).
 */
public final class GreenhouseHarvestV3 implements AtsConnector {

    static final String VENDOR = "Greenhouse";
    /** v3's limits are not documented (docs/api-rate-limiting had no content in the sources); v1's 50 per 10 s assumed. */
    static final ConnectorCapabilities CAPABILITIES = new ConnectorCapabilities("GREENHOUSE", "v3",
            ConnectorCapabilities.GREENHOUSE_FIELD_TYPES, ConnectorCapabilities.GREENHOUSE_FIELD_TYPES,
            true, true, false, true, true, false, 50, Duration.ofSeconds(10), 0);
    /** Harvest's largest page (v1; v3's maximum is not documented). */
    static final int MAX_PAGE = 500;
    /** How many pages one read that follows cursors may take (notes, a candidate's applications). */
    static final int MAX_PAGES = 50;
    private static final Pattern ID = Pattern.compile("[0-9]{1,20}");

    private final String baseUrl;
    private final GreenhouseTokens tokens;
    private final String onBehalfOf;
    private final VendorHttp http;
    /** Stage id to name, filled as stages are looked up; per connector, so per use. */
    private final Map<String, String> stageNames = new HashMap<>();

    /**
     * @param baseUrl    e.g. {@code https://harvest.greenhouse.io} or {@code <sandbox>/greenhouse}; {@code /v3} is appended
     * @param tokens     the connection's token cache (keep one per connection so tokens are reused)
     * @param onBehalfOf the Greenhouse user id calls act as: the tokens' {@code sub}
     * @param http       the shared vendor HTTP client
     */
    public GreenhouseHarvestV3(String baseUrl, GreenhouseTokens tokens, String onBehalfOf, VendorHttp http) {
        String trimmed = Objects.requireNonNull(baseUrl, "baseUrl").strip();
        this.baseUrl = (trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed) + "/v3";
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.onBehalfOf = checkId("On-Behalf-Of user id (the token's sub)", Objects.requireNonNull(onBehalfOf, "onBehalfOf"));
        this.http = Objects.requireNonNull(http, "http");
    }

    @Override
    public ConnectorCapabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public AtsStageEvent stageEvent(byte[] webhookBody) {
        // Recruiting webhooks are the same whichever Harvest version the connection reads with.
        return GreenhouseWebhook.stageEvent(webhookBody);
    }

    /** {@code GET /v3/applications?ids=<id>}, and the stage's name from {@code /v3/job_stages}. */
    @Override
    public AtsApplication getApplication(String applicationId) {
        String path = "/applications?ids=" + checkId("application id", applicationId);
        JsonNode page = get(path).json(VENDOR + " answer to GET /v3" + path);
        if (!page.isArray() || page.isEmpty()) {
            throw VendorCallException.permanent(VENDOR + " has no application " + applicationId
                    + " (GET /v3/applications?ids=" + applicationId + " is empty): it was deleted or the credential"
                    + " may not see it", 404);
        }
        resolveStageNames(page);
        return application(page.get(0));
    }

    /** {@code GET /v3/jobs?ids=<id>} and its plan, {@code GET /v3/job_stages?job_id=<id>} in {@code sort_order}. */
    @Override
    public AtsJob job(String jobId) {
        String id = checkId("job id", jobId);
        String path = "/jobs?ids=" + id;
        JsonNode page = get(path).json(VENDOR + " answer to GET /v3" + path);
        if (!page.isArray() || page.isEmpty()) {
            throw VendorCallException.permanent(VENDOR + " has no job " + id + " (GET /v3" + path + " is empty): it was "
                    + "deleted or the credential may not see it", 404);
        }
        List<JsonNode> stages = all("/job_stages?job_id=" + id + "&per_page=" + MAX_PAGE, n -> n);
        stages.sort(java.util.Comparator.comparingInt(n -> n.path("sort_order").asInt()));
        List<AtsJob.Stage> plan = stages.stream()
                .map(n -> new AtsJob.Stage(VendorJson.id(n.path("id")), VendorJson.text(n.path("name")))).toList();
        JsonNode job = page.get(0);
        return new AtsJob(id, VendorJson.text(job.path("name")),
                VendorJson.text(job.path("status")).toLowerCase(java.util.Locale.ROOT), plan);
    }

    /** {@code GET /v3/custom_fields} for candidates and for applications, every page. */
    @Override
    public List<CustomFieldDefinition> customFieldDefinitions() {
        List<CustomFieldDefinition> definitions = new ArrayList<>();
        for (String scope : List.of(CustomFieldDefinition.CANDIDATE, CustomFieldDefinition.APPLICATION)) {
            definitions.addAll(all("/custom_fields?field_type=" + scope + "&per_page=" + MAX_PAGE, GreenhouseHarvest::definition));
        }
        return definitions;
    }

    /**
     * v3 grants access per OAuth client and endpoint; the scope's exact name for custom fields is not in the
     * sources at hand, so the endpoint is named instead.
     */
    @Override
    public String customFieldReadAccess() {
        return "the Harvest v3 OAuth client's access to list custom fields (GET /v3/custom_fields), acting as "
                + "Greenhouse user " + onBehalfOf;
    }

    /** {@code GET /v3/candidates?ids=<id>} and its application ids from {@code GET /v3/applications?candidate_id=}. */
    @Override
    public AtsCandidate getCandidate(String candidateId) {
        checkId("candidate id", candidateId);
        String path = "/candidates?ids=" + candidateId;
        JsonNode page = get(path).json(VENDOR + " answer to GET /v3" + path);
        if (!page.isArray() || page.isEmpty()) {
            throw VendorCallException.permanent(VENDOR + " has no candidate " + candidateId
                    + " (GET /v3/candidates?ids=" + candidateId + " is empty): it was deleted, merged or is private", 404);
        }
        JsonNode node = page.get(0);
        List<String> emails = new ArrayList<>();
        for (JsonNode email : node.path("email_addresses")) {
            String value = VendorJson.text(email.path("value"));
            if (!value.isEmpty()) {
                emails.add(value);
            }
        }
        List<String> applicationIds = new ArrayList<>();
        for (JsonNode application : all("/applications?candidate_id=" + candidateId + "&per_page=" + MAX_PAGE, n -> n)) {
            applicationIds.add(VendorJson.id(application.path("id")));
        }
        return new AtsCandidate(VendorJson.id(node.path("id")), VendorJson.text(node.path("first_name")),
                VendorJson.text(node.path("last_name")), emails, VendorJson.texts(node.path("tags")), applicationIds,
                keyedValues(node), VendorJson.text(node.path("updated_at")));
    }

    /**
     * {@code PATCH /v3/candidates/{id}}: custom fields, and the full merged tag list when a tag is new
     * (tags[] replaces all of them, as in v1). A {@link CustomFieldWrite} whose value is JSON null clears
     * the field ({@code delete_value: "true"}). No call when there is nothing to change.
     */
    @Override
    public void updateCandidate(AtsCandidate current, AtsApplication application, List<CustomFieldWrite> fields,
                                List<String> addTags) {
        String path = "/candidates/" + checkId("candidate id", current.id());
        List<String> tags = GreenhouseHarvest.mergeTags(current.tags(), addTags);
        ObjectNode body = VendorJson.object();
        if (!fields.isEmpty()) {
            body.set("custom_fields", customFields(fields));
        }
        if (tags.size() != current.tags().size()) {
            ArrayNode array = body.putArray("tags");
            tags.forEach(array::add);
        }
        if (!body.isEmpty()) {
            send("PATCH", path, body);
        }
    }

    /** {@code PATCH /v3/applications/{id}} with custom fields (null value clears); no call when there are none. */
    @Override
    public void updateApplication(AtsApplication current, List<CustomFieldWrite> fields) {
        String path = "/applications/" + checkId("application id", current.id());
        if (fields.isEmpty()) {
            return;
        }
        ObjectNode body = VendorJson.object();
        body.set("custom_fields", customFields(fields));
        send("PATCH", path, body);
    }

    /** {@code GET /v3/notes?candidate_id=}, every page, oldest first as Greenhouse lists them. */
    @Override
    public List<AtsNote> notes(AtsApplication application) {
        return all("/notes?candidate_id=" + checkId("candidate id", application.candidateId()) + "&per_page=" + MAX_PAGE,
                GreenhouseHarvestV3::note);
    }

    /** {@code POST /v3/notes} {candidate_id, body, visibility}; the author is the token's user. */
    @Override
    public AtsNote addNote(AtsApplication application, String body, NoteVisibility visibility) {
        ObjectNode request = VendorJson.object();
        request.put("candidate_id", Long.parseLong(checkId("candidate id", application.candidateId())));
        request.put("body", body);
        request.put("visibility", switch (visibility) {
            case RESTRICTED -> "admin_only";
            case PRIVATE -> "private";
            case PUBLIC -> "public";
        });
        return note(send("POST", "/notes", request).json(VENDOR + " answer to POST /v3/notes"));
    }

    /** {@code POST /v3/applications/{id}/move} {from_stage_id, to_stage_id}: Greenhouse refuses (422) when the stage moved meanwhile. */
    @Override
    public void moveStage(AtsApplication application, String toStageId) {
        String path = "/applications/" + checkId("application id", application.id()) + "/move";
        if (application.currentStageId() == null) {
            throw VendorCallException.permanent("application " + application.id() + " is in no stage (a prospect?): "
                    + "nothing to move from", 0);
        }
        ObjectNode body = VendorJson.object();
        body.put("from_stage_id", Long.parseLong(checkId("stage id", application.currentStageId())));
        body.put("to_stage_id", Long.parseLong(checkId("stage id", toStageId)));
        send("POST", path, body);
    }

    /**
     * {@code GET /v3/applications?status=active&per_page=<n>} (with {@code updated_at=gte|<since>} for an
     * incremental pass); later pages follow the {@code Link rel="next"} URL exactly as given, since v3
     * refuses a cursor with any other parameter. The cursor must point at this connection's Harvest host.
     */
    @Override
    public AtsPage listApplications(@Nullable String cursor, @Nullable Instant updatedSince, @Nullable String syncToken,
                                    int pageSize) {
        URI uri;
        String what;
        if (cursor == null) {
            StringBuilder query = new StringBuilder("/applications?status=active&per_page=")
                    .append(Math.max(1, Math.min(MAX_PAGE, pageSize)));
            if (updatedSince != null) {
                query.append("&updated_at=").append(URLEncoder.encode("gte|" + updatedSince, StandardCharsets.UTF_8));
            }
            uri = URI.create(baseUrl + query);
            what = "GET /v3/applications";
        } else {
            if (!cursor.startsWith(baseUrl + "/applications?")) {
                throw new IllegalArgumentException("cursor: not a Harvest v3 applications page of " + baseUrl);
            }
            uri = URI.create(cursor);
            what = "GET /v3/applications (next page)";
        }
        VendorHttp.Response response = authorized(what, token -> http.request(uri)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .GET()
                .build());
        JsonNode page = response.json(VENDOR + " answer to " + what);
        resolveStageNames(page);
        List<AtsApplication> applications = new ArrayList<>();
        for (JsonNode node : page) {
            applications.add(application(node));
        }
        return new AtsPage(applications, response.link("next"), null);
    }

    /**
     * {@code POST /v3/applications/{id}/attachments} (mirrors v1): {@code filename}, {@code type}, and
     * {@code url} or base64 {@code content} with {@code content_type}.
     */
    @Override
    public void addAttachment(AtsApplication application, Attachment attachment) {
        String path = "/applications/" + checkId("application id", application.id()) + "/attachments";
        send("POST", path, GreenhouseHarvest.attachmentBody(attachment));
    }

    // ---- calls ----

    private VendorHttp.Response get(String pathAndQuery) {
        URI uri = URI.create(baseUrl + pathAndQuery);
        String what = "GET /v3" + pathAndQuery;
        return authorized(what, token -> http.request(uri)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .GET()
                .build());
    }

    private VendorHttp.Response send(String method, String path, ObjectNode body) {
        URI uri = URI.create(baseUrl + path);
        byte[] bytes = VendorJson.write(body);
        return authorized(method + " /v3" + path, token -> http.request(uri)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build());
    }

    /**
     * Sends with the cached token; on 401 drops it and repeats once with a fresh one (the token may have
     * been revoked or expired early). A second 401 is permanent.
     */
    private VendorHttp.Response authorized(String what, Function<String, HttpRequest> request) {
        String token = tokens.accessToken(onBehalfOf);
        try {
            return http.send(VENDOR, what, request.apply(token));
        } catch (VendorCallException e) {
            if (e.status() != 401) {
                throw e;
            }
            tokens.invalidate(onBehalfOf, token);
            String fresh = tokens.accessToken(onBehalfOf);
            return http.send(VENDOR, what, request.apply(fresh));
        }
    }

    /** Every element of every page of a list, following next links up to {@link #MAX_PAGES} pages. */
    private <T> List<T> all(String firstPathAndQuery, Function<JsonNode, T> convert) {
        List<T> out = new ArrayList<>();
        String next = baseUrl + firstPathAndQuery;
        String what = "GET /v3" + firstPathAndQuery;
        for (int page = 0; next != null; page++) {
            if (page == MAX_PAGES) {
                throw VendorCallException.permanent(VENDOR + " listed more than " + MAX_PAGES + " pages for " + what
                        + "; stopping rather than reading without end", 0);
            }
            URI uri = URI.create(next);
            if (!next.startsWith(baseUrl + "/")) {
                throw VendorCallException.permanent(VENDOR + " sent a next link off the Harvest host for " + what, 0);
            }
            VendorHttp.Response response = authorized(what, token -> http.request(uri)
                    .header("Authorization", "Bearer " + token)
                    .header("Accept", "application/json")
                    .GET()
                    .build());
            for (JsonNode node : response.json(VENDOR + " answer to " + what)) {
                out.add(convert.apply(node));
            }
            next = response.link("next");
        }
        return out;
    }

    /** Looks up the names of stages on this page not seen yet, with one {@code GET /v3/job_stages?ids=}. */
    private void resolveStageNames(JsonNode applications) {
        Set<String> missing = new LinkedHashSet<>();
        for (JsonNode application : applications) {
            String stage = VendorJson.id(application.path("current_stage_id"));
            if (!stage.isEmpty() && !stageNames.containsKey(stage)) {
                missing.add(stage);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        for (JsonNode stage : all("/job_stages?ids=" + String.join(",", missing) + "&per_page=" + MAX_PAGE, n -> n)) {
            stageNames.put(VendorJson.id(stage.path("id")), VendorJson.text(stage.path("name")));
        }
    }

    private AtsApplication application(JsonNode node) {
        String jobId = VendorJson.id(node.path("job_id"));
        String stageId = VendorJson.id(node.path("current_stage_id"));
        Instant updated = VendorJson.instant(node.path("updated_at"));
        return new AtsApplication(VendorJson.id(node.path("id")), VendorJson.id(node.path("candidate_id")),
                VendorJson.text(node.path("status")), jobId.isEmpty() ? List.of() : List.of(jobId),
                stageId.isEmpty() ? null : stageId, stageId.isEmpty() ? null : stageNames.get(stageId),
                keyedValues(node), updated != null ? updated : VendorJson.instant(node.path("last_activity_at")));
    }

    private static AtsNote note(JsonNode node) {
        return new AtsNote(VendorJson.id(node.path("id")), VendorJson.text(node.path("body")),
                VendorJson.id(node.path("user_id")), VendorJson.text(node.path("visibility")),
                VendorJson.text(node.path("created_at")));
    }

    /** custom_fields[] elements by name_key; a JSON null value becomes {@code delete_value: "true"} (a string, as Harvest requires). */
    static ArrayNode customFields(List<CustomFieldWrite> writes) {
        ArrayNode array = VendorJson.MAPPER.createArrayNode();
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

    /** keyed_custom_fields {key: {name, type, value}} as key to value; falls back to custom_fields {key: value}. */
    private static Map<String, JsonNode> keyedValues(JsonNode record) {
        Map<String, JsonNode> values = new LinkedHashMap<>();
        JsonNode keyed = record.path("keyed_custom_fields");
        if (keyed.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = keyed.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                values.put(field.getKey(), field.getValue().isObject() ? field.getValue().path("value") : field.getValue());
            }
            return values;
        }
        JsonNode plain = record.path("custom_fields");
        if (plain.isObject()) {
            plain.fields().forEachRemaining(field -> values.put(field.getKey(), field.getValue()));
        }
        return values;
    }

    private static String checkId(String what, String id) {
        // Ids go into paths and queries: only Greenhouse's numeric ids, so nothing can change the request.
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException(what + ": '" + id + "' (expected: a numeric Greenhouse id)");
        }
        return id;
    }

    @Override
    public String toString() {
        return "GreenhouseHarvestV3[" + baseUrl + ", as user " + onBehalfOf + "]";
    }
}
