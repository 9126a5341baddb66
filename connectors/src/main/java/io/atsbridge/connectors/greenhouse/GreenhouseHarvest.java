package io.atsbridge.connectors.greenhouse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atsbridge.connectors.AtsApplication;
import io.atsbridge.connectors.AtsCandidate;
import io.atsbridge.connectors.AtsJob;
import io.atsbridge.connectors.AtsNote;
import io.atsbridge.connectors.CustomFieldDefinition;
import io.atsbridge.connectors.CustomFieldWrite;
import io.atsbridge.connectors.Tags;
import io.atsbridge.connectors.VendorCallException;
import io.atsbridge.connectors.VendorJson;
import io.atsbridge.connectors.http.VendorHttp;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static io.atsbridge.connectors.greenhouse.Harvest.MAX_PAGE;
import static io.atsbridge.connectors.greenhouse.Harvest.VENDOR;
import static io.atsbridge.connectors.greenhouse.Harvest.checkId;

/**
 * Greenhouse Harvest API v1 (for accounts not yet migrated to v3), the calls the sync engine makes:
 * read applications (one, or pages of open ones) and candidates, write custom fields and tags, add and
 * read activity-feed notes, move stages. HTTP Basic with the Harvest API key as
 * user name and a blank password; every write carries {@code On-Behalf-Of} (the Greenhouse user id the
 * write is attributed to), as Harvest requires for auditing.
 *
 * <p>{@code PATCH /v1/candidates/{id}} with {@code tags} replaces all of the candidate's tags, so
 * callers pass the full merged list (see {@link Tags#merge}).
 */
public final class GreenhouseHarvest extends Harvest {

    /** The note visibilities Harvest accepts. */
    public static final Set<String> VISIBILITIES = Set.of("admin_only", "private", "public");

    // The Dev Center permission each endpoint needs: keys made after 2017-01-18 are granted endpoints one by one
    // (harvest _introduction.md, "Setting permissions for API Keys"); named by the docs' endpoint headings.
    static final String PERMISSION_RETRIEVE_APPLICATION = "Applications: GET: Retrieve Application";
    static final String PERMISSION_LIST_APPLICATIONS = "Applications: GET: List Applications";
    static final String PERMISSION_UPDATE_APPLICATION = "Applications: PATCH: Update Application";
    static final String PERMISSION_MOVE_APPLICATION = "Applications: POST: Move Application (Same Job)";
    static final String PERMISSION_ADD_ATTACHMENT = "Applications: POST: Add Attachment to Application";
    static final String PERMISSION_RETRIEVE_CANDIDATE = "Candidates: GET: Retrieve Candidate";
    static final String PERMISSION_EDIT_CANDIDATE = "Candidates: PATCH: Edit Candidate";
    static final String PERMISSION_ADD_NOTE = "Candidates: POST: Add Note";
    static final String PERMISSION_ACTIVITY_FEED = "Activity Feed: GET: Retrieve Activity Feed";
    static final String PERMISSION_RETRIEVE_JOB = "Jobs: GET: Retrieve Job";
    static final String PERMISSION_JOB_STAGES = "Job Stages: GET: List Job Stages for Job";
    static final String PERMISSION_CUSTOM_FIELDS = "Custom Fields: GET: List Custom Fields";

    private final String baseUrl;
    private final String authorization;
    @Nullable
    private final String onBehalfOf;
    private final VendorHttp http;

    /**
     * @param baseUrl    e.g. {@code https://harvest.greenhouse.io} (the {@code /v1} paths are appended)
     * @param apiKey     the Harvest API key
     * @param onBehalfOf the Greenhouse user id writes are attributed to; null allows reads only
     */
    public GreenhouseHarvest(String baseUrl, String apiKey, @Nullable String onBehalfOf, VendorHttp http) {
        super("v1");
        this.baseUrl = VendorHttp.withoutTrailingSlash(baseUrl);
        this.authorization = VendorHttp.basicAuthorization(apiKey);
        this.onBehalfOf = onBehalfOf;
        this.http = Objects.requireNonNull(http, "http");
    }

    /** {@code GET /v1/applications/{id}}. */
    @Override
    public AtsApplication getApplication(String applicationId) {
        return application(get("/v1/applications/" + checkId("application id", applicationId), PERMISSION_RETRIEVE_APPLICATION));
    }

    private static AtsApplication application(JsonNode node) {
        List<String> jobIds = new ArrayList<>();
        for (JsonNode job : node.path("jobs")) {
            String id = VendorJson.id(job.path("id"));
            if (!id.isEmpty()) {
                jobIds.add(id);
            }
        }
        JsonNode stage = node.path("current_stage");
        return new AtsApplication(VendorJson.id(node.path("id")), VendorJson.id(node.path("candidate_id")),
                VendorJson.text(node.path("status")), jobIds,
                stage.isObject() ? VendorJson.id(stage.path("id")) : null,
                stage.isObject() ? VendorJson.text(stage.path("name")) : null,
                keyedValues(node), VendorJson.instant(node.path("last_activity_at")));
    }

    /** {@code GET /v1/candidates/{id}}. */
    @Override
    public AtsCandidate getCandidate(String candidateId) {
        String path = "/v1/candidates/" + checkId("candidate id", candidateId);
        JsonNode node = get(path, PERMISSION_RETRIEVE_CANDIDATE);
        List<String> emails = Harvest.emails(node);
        List<String> applicationIds = new ArrayList<>();
        for (JsonNode id : node.path("application_ids")) {
            applicationIds.add(VendorJson.id(id));
        }
        return new AtsCandidate(VendorJson.id(node.path("id")), VendorJson.text(node.path("first_name")),
                VendorJson.text(node.path("last_name")), emails, VendorJson.texts(node.path("tags")), applicationIds,
                keyedValues(node), VendorJson.text(node.path("updated_at")));
    }

    /**
     * {@code PATCH /v1/candidates/{id}}: custom fields and, when {@code tags} is not null, the
     * candidate's complete tag list (Harvest replaces all tags with it).
     */
    public void patchCandidate(String candidateId, List<CustomFieldWrite> customFields, @Nullable List<String> tags) {
        String path = "/v1/candidates/" + checkId("candidate id", candidateId);
        ObjectNode body = VendorJson.object();
        if (!customFields.isEmpty()) {
            body.set("custom_fields", Harvest.customFields(customFields));
        }
        if (tags != null) {
            ArrayNode array = body.putArray("tags");
            tags.forEach(array::add);
        }
        if (body.isEmpty()) {
            return;
        }
        write("PATCH", path, body, PERMISSION_EDIT_CANDIDATE);
    }

    /** {@code PATCH /v1/applications/{id}} with custom fields (application custom fields are Enterprise-only at Greenhouse). */
    public void patchApplication(String applicationId, List<CustomFieldWrite> customFields) {
        String path = "/v1/applications/" + checkId("application id", applicationId);
        if (customFields.isEmpty()) {
            return;
        }
        ObjectNode body = VendorJson.object();
        body.set("custom_fields", Harvest.customFields(customFields));
        write("PATCH", path, body, PERMISSION_UPDATE_APPLICATION);
    }

    /**
     * {@code POST /v1/candidates/{id}/activity_feed/notes}.
     *
     * @param userId     the Greenhouse user the note is attributed to
     * @param visibility {@code admin_only}, {@code private} or {@code public}
     */
    public AtsNote addNote(String candidateId, String userId, String body, String visibility) {
        String path = "/v1/candidates/" + checkId("candidate id", candidateId) + "/activity_feed/notes";
        if (!VISIBILITIES.contains(visibility)) {
            throw new IllegalArgumentException("visibility: " + visibility + " (expected: one of " + VISIBILITIES + ")");
        }
        ObjectNode request = VendorJson.object();
        request.put("user_id", checkId("user id", userId));
        request.put("body", body);
        request.put("visibility", visibility);
        return note(write("POST", path, request, PERMISSION_ADD_NOTE).json(VENDOR + " answer to POST " + path));
    }

    /** The notes of the candidate's activity feed ({@code GET /v1/candidates/{id}/activity_feed}), as Greenhouse orders them. */
    public List<AtsNote> notes(String candidateId) {
        String path = "/v1/candidates/" + checkId("candidate id", candidateId) + "/activity_feed";
        List<AtsNote> notes = new ArrayList<>();
        for (JsonNode note : get(path, PERMISSION_ACTIVITY_FEED).path("notes")) {
            notes.add(note(note));
        }
        return notes;
    }

    // ---- AtsConnector ----

    @Override
    public void updateCandidate(AtsCandidate current, AtsApplication application, List<CustomFieldWrite> fields,
                                List<String> addTags) {
        List<String> tags = Tags.merge(current.tags(), addTags);
        patchCandidate(current.id(), fields, tags.size() != current.tags().size() ? tags : null);
    }

    @Override
    public void updateApplication(AtsApplication current, List<CustomFieldWrite> fields) {
        patchApplication(current.id(), fields);
    }

    @Override
    public List<AtsNote> notes(AtsApplication application) {
        return notes(application.candidateId());
    }

    @Override
    public AtsNote addNote(AtsApplication application, String body, NoteVisibility visibility) {
        if (onBehalfOf == null) {
            throw new IllegalStateException("no On-Behalf-Of user to attribute the note to");
        }
        return addNote(application.candidateId(), onBehalfOf, body, Harvest.visibility(visibility));
    }

    /** {@code POST /v1/applications/{id}/move} with {@code from_stage_id} as the stale-move guard. */
    @Override
    public void moveStage(AtsApplication application, String toStageId) {
        String path = "/v1/applications/" + checkId("application id", application.id()) + "/move";
        if (application.currentStageId() == null) {
            throw VendorCallException.permanent("application " + application.id() + " is in no stage (a prospect?): "
                    + "nothing to move from", 0);
        }
        write("POST", path, Harvest.moveBody(application, toStageId), PERMISSION_MOVE_APPLICATION);
    }

    /**
     * {@code GET /v1/applications?status=active} (and {@code last_activity_after} for an incremental
     * pass), following the {@code Link: rel="next"} header; the cursor is the next page's URL, which
     * must point at this connection's Harvest host.
     */
    @Override
    public AtsPage listApplications(@Nullable String cursor, @Nullable java.time.Instant updatedSince,
                                   @Nullable String syncToken, int pageSize) {
        URI uri;
        if (cursor == null) {
            StringBuilder query = new StringBuilder("/v1/applications?status=active&per_page=")
                    .append(Math.max(1, Math.min(MAX_PAGE, pageSize)));
            if (updatedSince != null) {
                query.append("&last_activity_after=").append(updatedSince);
            }
            uri = uri(query.toString());
        } else {
            uri = URI.create(cursor);
            if (!cursor.startsWith(baseUrl + "/v1/applications")) {
                throw new IllegalArgumentException("cursor: not a Harvest applications page of " + baseUrl);
            }
        }
        VendorHttp.Response response = call("GET /v1/applications", getRequest(uri), PERMISSION_LIST_APPLICATIONS);
        List<AtsApplication> applications = new ArrayList<>();
        for (JsonNode node : response.json(VENDOR + " answer to GET /v1/applications")) {
            applications.add(application(node));
        }
        return new AtsPage(applications, response.link("next"), null);
    }

    /** {@code GET /v1/jobs/{id}} and its plan, {@code GET /v1/jobs/{id}/stages}. */
    @Override
    public AtsJob job(String jobId) {
        String id = checkId("job id", jobId);
        JsonNode job = get("/v1/jobs/" + id, PERMISSION_RETRIEVE_JOB);
        List<AtsJob.Stage> stages = new ArrayList<>();
        for (JsonNode stage : get("/v1/jobs/" + id + "/stages", PERMISSION_JOB_STAGES)) {
            stages.add(new AtsJob.Stage(VendorJson.id(stage.path("id")), VendorJson.text(stage.path("name"))));
        }
        return new AtsJob(id, VendorJson.text(job.path("name")), VendorJson.text(job.path("status")).toLowerCase(Locale.ROOT),
                stages);
    }

    /**
     * {@code GET /v1/custom_fields/candidate} and {@code /v1/custom_fields/application}, following next links.
     * Harvest leaves out inactive (deleted) fields unless asked with {@code include_inactive=true}; they are
     * asked for, so that a write to one is refused as inactive rather than as undefined.
     */
    @Override
    public List<CustomFieldDefinition> customFieldDefinitions() {
        List<CustomFieldDefinition> definitions = new ArrayList<>();
        for (String scope : List.of(CustomFieldDefinition.CANDIDATE, CustomFieldDefinition.APPLICATION)) {
            String what = "GET /v1/custom_fields/" + scope;
            definitions.addAll(Harvest.all(baseUrl + "/v1/custom_fields/" + scope + "?include_inactive=true&per_page=" + MAX_PAGE,
                    baseUrl + "/v1/custom_fields/", what, uri -> call(what, getRequest(uri), PERMISSION_CUSTOM_FIELDS),
                    Harvest::definition));
        }
        return definitions;
    }

    /** Named as Greenhouse lists the permissions of a Harvest API key (per endpoint, grouped by resource). */
    @Override
    public String customFieldReadAccess() {
        return "the Harvest API key's permission " + PERMISSION_CUSTOM_FIELDS + " (Greenhouse: Dev Center > API Credential "
                + "Management > Manage Permissions)";
    }

    /**
     * {@code POST /v1/applications/{id}/attachments}, On-Behalf-Of the connection's user: {@code filename},
     * {@code type}, and {@code url} (Greenhouse fetches it) or base64 {@code content} with {@code content_type}.
     */
    @Override
    public void addAttachment(AtsApplication application, Attachment attachment) {
        String path = "/v1/applications/" + checkId("application id", application.id()) + "/attachments";
        write("POST", path, Harvest.attachmentBody(attachment), PERMISSION_ADD_ATTACHMENT);
    }

    private JsonNode get(String path, String permission) {
        return call("GET " + path, getRequest(uri(path)), permission).json(VENDOR + " answer to GET " + path);
    }

    private HttpRequest<?> getRequest(URI uri) {
        return HttpRequest.GET(uri)
                .header("Authorization", authorization)
                .header("Accept", "application/json");
    }

    private VendorHttp.Response write(String method, String path, ObjectNode body, String permission) {
        if (onBehalfOf == null) {
            throw new IllegalStateException("no On-Behalf-Of user for " + method + " " + path
                    + "; Harvest requires one on every write");
        }
        HttpRequest<byte[]> request = HttpRequest.<byte[]>create(HttpMethod.parse(method), uri(path).toString())
                .body(VendorJson.write(body))
                .header("Authorization", authorization)
                .header("On-Behalf-Of", onBehalfOf)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json");
        return call(method + " " + path, request, permission);
    }

    /**
     * Sends; a 401 or 403 becomes a permanent failure saying what to change: Greenhouse answers 401 to a wrong key
     * and to "a valid Harvest API key with the correct permissions" missing (its error table), 403 to a record the
     * key or the On-Behalf-Of user may not access.
     */
    private VendorHttp.Response call(String what, HttpRequest<?> request, String permission) {
        try {
            return http.send(VENDOR, what, request);
        } catch (VendorCallException e) {
            if (e.retryable() || (e.status() != 401 && e.status() != 403)) {
                throw e;
            }
            String advice = e.status() == 401
                    ? "the Harvest API key is wrong or revoked, or it lacks the endpoint permission " + permission
                            + ": check the key configured for the connection and grant the permission (Greenhouse: Dev Center"
                            + " > API Credential Management > Manage Permissions)"
                    : "the key or the On-Behalf-Of user " + onBehalfOf + " may not access this record: grant the key the"
                            + " endpoint permission " + permission + " and the user access to the job";
            throw VendorCallException.permanent(VENDOR + " refused " + what + " (" + e.status() + "): " + advice
                    + ", then replay this dead letter (" + e.getMessage() + ")", e.status());
        }
    }

    private URI uri(String path) {
        return URI.create(baseUrl + path);
    }

    private static AtsNote note(JsonNode node) {
        // The legacy key "visiblity" (sic) is what older responses carry; prefer the correct one.
        String visibility = VendorJson.text(node.path("visibility"));
        if (visibility.isEmpty()) {
            visibility = VendorJson.text(node.path("visiblity"));
        }
        return new AtsNote(VendorJson.id(node.path("id")), VendorJson.text(node.path("body")),
                VendorJson.id(node.path("user").path("id")), visibility, VendorJson.text(node.path("created_at")));
    }

    /** keyed_custom_fields {key: {name, type, value}} as key to value; falls back to custom_fields {key: value}. */
    private static Map<String, JsonNode> keyedValues(JsonNode record) {
        JsonNode keyed = record.path("keyed_custom_fields");
        if (keyed.isObject()) {
            return Harvest.fieldValues(keyed);
        }
        Map<String, JsonNode> values = new LinkedHashMap<>();
        JsonNode plain = record.path("custom_fields");
        if (plain.isObject()) {
            plain.fields().forEachRemaining(field -> values.put(field.getKey(), field.getValue()));
        }
        return values;
    }
}
