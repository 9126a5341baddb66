package io.atsbridge.connectors.greenhouse;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

import static io.atsbridge.connectors.greenhouse.Harvest.MAX_PAGE;
import static io.atsbridge.connectors.greenhouse.Harvest.VENDOR;
import static io.atsbridge.connectors.greenhouse.Harvest.checkId;

/**
 * Greenhouse Harvest API v3 (https://harvestdocs.greenhouse.io), the calls the sync engine makes, on the
 * same account data as {@link GreenhouseHarvest} (v1). Every call carries {@code Authorization: Bearer} with
 * an access token from {@link GreenhouseTokens} acting as the connection's user (the token's {@code sub}
 * replaces v1's On-Behalf-Of); a call answered 401 drops that token and is repeated once with a fresh one,
 * and a call answered 403 is a permanent failure naming the OAuth scope to grant ({@link #scopeAdvice}).
 *
 * <p>What the calls follow (the contract file {@code contracts/greenhouse-harvest-v3/operations.yml} in the
 * sandbox lists each with its source and whether it is documented): cursor paging ({@code Link rel="next"}
 * only, the cursor URL followed as given); list filters {@code ids} and parents in the plural, comma-separated,
 * at most {@value #MAX_FILTER_IDS} ids a request ({@code candidate_ids}, {@code application_ids},
 * {@code job_ids}), and {@code updated_at=gte|<ISO-8601>} (docs/list-endpoints, docs/pagination; Greenhouse's
 * PHP client: {@code job_ids=12345,23456,34567}); stages from {@code GET /v3/job_interview_stages?job_ids=};
 * an application's stage is {@code job_interview_stage_id} with {@code stage_name} (when only the
 * application-stage id {@code stage_id} is there, the plan stage is read from
 * {@code GET /v3/application_stages?application_ids=&current=true}); statuses {@code in_process},
 * {@code rejected}, {@code hired}, {@code converted} (listed with {@code status=active});
 * {@code custom_fields} keyed by {@code name_key} with {@code {name, type, value}} values;
 * {@code POST /v3/applications/{id}/move} with the required {@code from_stage_id} guard, 204;
 * {@code POST /v3/attachments} with {@code application_id}; {@code GET /v3/notes} for the activity feed.
 *
 * <p>Not documented in the material at hand, and assumed (the simulator can be switched to the other answers):
 * custom field writes on {@code PATCH /v3/candidates/{id}} and {@code /v3/applications/{id}} as in v1
 * ({@code custom_fields[]} by {@code name_key}, {@code delete_value: "true"} to clear); tags added one by one
 * with {@code POST /v3/applied_candidate_tags} {candidate_id, candidate_tag_id}, a missing tag first created
 * with {@code POST /v3/candidate_tags} {name}; the note body {candidate_id, application_id, user_id, body,
 * visibility, note_type: NOTE}; a select field's options read from {@code GET /v3/custom_field_options} when
 * {@code GET /v3/custom_fields} does not embed them; each endpoint's scope name ({@link #scopeAdvice}).
 */
public final class GreenhouseHarvestV3 extends Harvest {

    /** The most ids one {@code ids} or parent filter takes (docs/list-endpoints). */
    static final int MAX_FILTER_IDS = 50;

    // The OAuth scope of each endpoint called: harvest:<resource>:<action>, the form Greenhouse documents
    // (docs/authentication, docs/harvest-partner-oauth: harvest:candidates:list, harvest:notes:create, ...); the
    // names of the others are from third-party readings of the v3 reference pages and third-party clients.
    static final String SCOPE_APPLICATIONS_LIST = "harvest:applications:list";
    static final String SCOPE_APPLICATIONS_UPDATE = "harvest:applications:update";
    static final String SCOPE_APPLICATIONS_MOVE = "harvest:applications:move";
    static final String SCOPE_APPLICATION_STAGES_LIST = "harvest:application_stages:list";
    static final String SCOPE_CANDIDATES_LIST = "harvest:candidates:list";
    static final String SCOPE_CANDIDATES_UPDATE = "harvest:candidates:update";
    static final String SCOPE_JOBS_LIST = "harvest:jobs:list";
    static final String SCOPE_JOB_INTERVIEW_STAGES_LIST = "harvest:job_interview_stages:list";
    static final String SCOPE_CUSTOM_FIELDS_LIST = "harvest:custom_fields:list";
    static final String SCOPE_CUSTOM_FIELD_OPTIONS_LIST = "harvest:custom_field_options:list";
    static final String SCOPE_NOTES_LIST = "harvest:notes:list";
    static final String SCOPE_NOTES_CREATE = "harvest:notes:create";
    static final String SCOPE_ATTACHMENTS_CREATE = "harvest:attachments:create";
    static final String SCOPE_CANDIDATE_TAGS_LIST = "harvest:candidate_tags:list";
    static final String SCOPE_CANDIDATE_TAGS_CREATE = "harvest:candidate_tags:create";
    static final String SCOPE_APPLIED_CANDIDATE_TAGS_LIST = "harvest:applied_candidate_tags:list";
    static final String SCOPE_APPLIED_CANDIDATE_TAGS_CREATE = "harvest:applied_candidate_tags:create";

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
        super("v3");
        String trimmed = Objects.requireNonNull(baseUrl, "baseUrl").strip();
        this.baseUrl = VendorHttp.withoutTrailingSlash(trimmed) + "/v3";
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.onBehalfOf = checkId("On-Behalf-Of user id (the token's sub)", Objects.requireNonNull(onBehalfOf, "onBehalfOf"));
        this.http = Objects.requireNonNull(http, "http");
    }

    /** {@code GET /v3/applications?ids=<id>}, its stage's name from the application or {@code /v3/job_interview_stages}. */
    @Override
    public AtsApplication getApplication(String applicationId) {
        String path = "/applications?ids=" + checkId("application id", applicationId);
        JsonNode page = get(path, SCOPE_APPLICATIONS_LIST).json(VENDOR + " answer to GET /v3" + path);
        if (!page.isArray() || page.isEmpty()) {
            throw VendorCallException.permanent(VENDOR + " has no application " + applicationId
                    + " (GET /v3/applications?ids=" + applicationId + " is empty): it was deleted or the credential"
                    + " may not see it", 404);
        }
        return applications(page).get(0);
    }

    /**
     * {@code GET /v3/jobs?ids=<id>} and its plan, {@code GET /v3/job_interview_stages?job_ids=<id>}: the active
     * stages in {@code sort_order}.
     */
    @Override
    public AtsJob job(String jobId) {
        String id = checkId("job id", jobId);
        String path = "/jobs?ids=" + id;
        JsonNode page = get(path, SCOPE_JOBS_LIST).json(VENDOR + " answer to GET /v3" + path);
        if (!page.isArray() || page.isEmpty()) {
            throw VendorCallException.permanent(VENDOR + " has no job " + id + " (GET /v3" + path + " is empty): it was "
                    + "deleted or the credential may not see it", 404);
        }
        List<JsonNode> stages = new ArrayList<>(all("/job_interview_stages?job_ids=" + id + "&per_page=" + MAX_PAGE,
                SCOPE_JOB_INTERVIEW_STAGES_LIST, n -> n));
        // Inactive stages are kept so that old application stages still resolve; they are not in the plan.
        stages.removeIf(n -> !n.path("active").asBoolean(true));
        stages.sort(Comparator.comparingInt(n -> n.path("sort_order").asInt()));
        List<AtsJob.Stage> plan = new ArrayList<>();
        for (JsonNode n : stages) {
            stageNames.put(VendorJson.id(n.path("id")), VendorJson.text(n.path("name")));
            plan.add(new AtsJob.Stage(VendorJson.id(n.path("id")), VendorJson.text(n.path("name"))));
        }
        JsonNode job = page.get(0);
        return new AtsJob(id, VendorJson.text(job.path("name")),
                VendorJson.text(job.path("status")).toLowerCase(Locale.ROOT), plan);
    }

    /**
     * {@code GET /v3/custom_fields} for candidates and for applications, every page; the options of select fields
     * that do not embed them from {@code GET /v3/custom_field_options?custom_field_ids=} (v3 does not embed
     * children with an endpoint of their own, docs/standardizations).
     */
    @Override
    public List<CustomFieldDefinition> customFieldDefinitions() {
        List<JsonNode> fields = new ArrayList<>();
        for (String scope : List.of(CustomFieldDefinition.CANDIDATE, CustomFieldDefinition.APPLICATION)) {
            fields.addAll(all("/custom_fields?field_type=" + scope + "&per_page=" + MAX_PAGE, SCOPE_CUSTOM_FIELDS_LIST, n -> n));
        }
        List<String> withoutOptions = new ArrayList<>();
        for (JsonNode field : fields) {
            String type = VendorJson.text(field.path("value_type"));
            if ((type.equals("single_select") || type.equals("multi_select")) && !field.path("custom_field_options").isArray()) {
                withoutOptions.add(VendorJson.id(field.path("id")));
            }
        }
        Map<String, List<CustomFieldDefinition.Option>> options = new HashMap<>();
        for (List<String> chunk : chunks(withoutOptions)) {
            for (JsonNode option : all("/custom_field_options?custom_field_ids=" + String.join(",", chunk) + "&per_page="
                    + MAX_PAGE, SCOPE_CUSTOM_FIELD_OPTIONS_LIST, n -> n)) {
                if (option.path("active").asBoolean(true)) {
                    options.computeIfAbsent(VendorJson.id(option.path("custom_field_id")), k -> new ArrayList<>())
                            .add(new CustomFieldDefinition.Option(VendorJson.id(option.path("id")), VendorJson.text(option.path("name"))));
                }
            }
        }
        List<CustomFieldDefinition> definitions = new ArrayList<>();
        for (JsonNode field : fields) {
            CustomFieldDefinition definition = Harvest.definition(field);
            List<CustomFieldDefinition.Option> read = options.get(VendorJson.id(field.path("id")));
            definitions.add(read == null ? definition : new CustomFieldDefinition(definition.scope(), definition.key(),
                    definition.name(), definition.type(), read, definition.active()));
        }
        return definitions;
    }

    /** Named as a Greenhouse admin grants it: the credential's scopes, and a Site Admin to act as (v3 list endpoints need one). */
    @Override
    public String customFieldReadAccess() {
        return "the Harvest v3 scopes " + SCOPE_CUSTOM_FIELDS_LIST + " and " + SCOPE_CUSTOM_FIELD_OPTIONS_LIST
                + " on the connection's OAuth credential (Greenhouse: Dev Center > API Credentials > Manage Scopes), acting as "
                + "Greenhouse user " + onBehalfOf + " (v3 list endpoints need a Site Admin)";
    }

    /** {@code GET /v3/candidates?ids=<id>} and its application ids from {@code GET /v3/applications?candidate_ids=}. */
    @Override
    public AtsCandidate getCandidate(String candidateId) {
        checkId("candidate id", candidateId);
        String path = "/candidates?ids=" + candidateId;
        JsonNode page = get(path, SCOPE_CANDIDATES_LIST).json(VENDOR + " answer to GET /v3" + path);
        if (!page.isArray() || page.isEmpty()) {
            throw VendorCallException.permanent(VENDOR + " has no candidate " + candidateId
                    + " (GET /v3/candidates?ids=" + candidateId + " is empty): it was deleted, merged or is private", 404);
        }
        JsonNode node = page.get(0);
        List<String> emails = Harvest.emails(node);
        List<String> applicationIds = new ArrayList<>();
        for (JsonNode application : all("/applications?candidate_ids=" + candidateId + "&per_page=" + MAX_PAGE,
                SCOPE_APPLICATIONS_LIST, n -> n)) {
            applicationIds.add(VendorJson.id(application.path("id")));
        }
        return new AtsCandidate(VendorJson.id(node.path("id")), VendorJson.text(node.path("first_name")),
                VendorJson.text(node.path("last_name")), emails, VendorJson.texts(node.path("tags")), applicationIds,
                Harvest.fieldValues(node.path("custom_fields")), VendorJson.text(node.path("updated_at")));
    }

    /**
     * {@code PATCH /v3/candidates/{id}} with the custom fields (a {@link CustomFieldWrite} whose value is JSON null
     * clears the field, {@code delete_value: "true"}), then each new tag (compared ignoring case) with
     * {@code POST /v3/applied_candidate_tags}, creating the organization's tag first when it has none of that
     * name. No call when there is nothing to change.
     */
    @Override
    public void updateCandidate(AtsCandidate current, AtsApplication application, List<CustomFieldWrite> fields,
                                List<String> addTags) {
        String id = checkId("candidate id", current.id());
        if (!fields.isEmpty()) {
            ObjectNode body = VendorJson.object();
            body.set("custom_fields", Harvest.customFields(fields));
            send("PATCH", "/candidates/" + id, body, SCOPE_CANDIDATES_UPDATE);
        }
        List<String> added = Tags.missing(current.tags(), addTags);
        if (added.isEmpty()) {
            return;
        }
        Map<String, String> tagIds = candidateTagIds();
        for (String tag : added) {
            String tagId = tagIds.get(tag.toLowerCase(Locale.ROOT));
            if (tagId == null) {
                tagId = createCandidateTag(tag);
            }
            ObjectNode apply = VendorJson.object();
            apply.put("candidate_id", Long.parseLong(id));
            apply.put("candidate_tag_id", Long.parseLong(checkId("candidate tag id", tagId)));
            try {
                send("POST", "/applied_candidate_tags", apply, SCOPE_APPLIED_CANDIDATE_TAGS_CREATE);
            } catch (VendorCallException e) {
                // Tagged meanwhile (another application of the same candidate written back at once): that is the goal.
                if (e.retryable() || e.status() != 422 || all("/applied_candidate_tags?candidate_ids=" + id
                        + "&candidate_tag_ids=" + tagId, SCOPE_APPLIED_CANDIDATE_TAGS_LIST, n -> n).isEmpty()) {
                    throw e;
                }
            }
        }
    }

    /** The organization's candidate tags, lower-cased name to id ({@code GET /v3/candidate_tags}, every page). */
    private Map<String, String> candidateTagIds() {
        Map<String, String> tagIds = new HashMap<>();
        for (JsonNode tag : all("/candidate_tags?per_page=" + MAX_PAGE, SCOPE_CANDIDATE_TAGS_LIST, n -> n)) {
            tagIds.putIfAbsent(VendorJson.text(tag.path("name")).toLowerCase(Locale.ROOT), VendorJson.id(tag.path("id")));
        }
        return tagIds;
    }

    /**
     * {@code POST /v3/candidate_tags} {name}; the new tag's id. When Greenhouse refuses because another write-back
     * created the same tag since the list was read (two candidates getting a new skill tag at once), the tag is looked
     * up again and that one is used.
     */
    private String createCandidateTag(String tag) {
        ObjectNode create = VendorJson.object();
        create.put("name", tag);
        try {
            return VendorJson.id(send("POST", "/candidate_tags", create, SCOPE_CANDIDATE_TAGS_CREATE)
                    .json(VENDOR + " answer to POST /v3/candidate_tags").path("id"));
        } catch (VendorCallException e) {
            if (e.retryable() || e.status() != 422) {
                throw e;
            }
            String existing = candidateTagIds().get(tag.toLowerCase(Locale.ROOT));
            if (existing == null) {
                throw e;
            }
            return existing;
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
        body.set("custom_fields", Harvest.customFields(fields));
        send("PATCH", path, body, SCOPE_APPLICATIONS_UPDATE);
    }

    /** {@code GET /v3/notes?candidate_ids=}, every page, as Greenhouse lists them. */
    @Override
    public List<AtsNote> notes(AtsApplication application) {
        return all("/notes?candidate_ids=" + checkId("candidate id", application.candidateId()) + "&per_page=" + MAX_PAGE,
                SCOPE_NOTES_LIST, GreenhouseHarvestV3::note);
    }

    /**
     * {@code POST /v3/notes} {candidate_id, application_id, user_id, body, visibility, note_type: NOTE}; the author
     * is the connection's user, who is also the token's {@code sub}.
     */
    @Override
    public AtsNote addNote(AtsApplication application, String body, NoteVisibility visibility) {
        ObjectNode request = VendorJson.object();
        request.put("candidate_id", Long.parseLong(checkId("candidate id", application.candidateId())));
        request.put("application_id", Long.parseLong(checkId("application id", application.id())));
        request.put("user_id", Long.parseLong(onBehalfOf));
        request.put("body", body);
        request.put("visibility", Harvest.visibility(visibility));
        request.put("note_type", "NOTE");
        return note(send("POST", "/notes", request, SCOPE_NOTES_CREATE).json(VENDOR + " answer to POST /v3/notes"));
    }

    /** {@code POST /v3/applications/{id}/move} {from_stage_id, to_stage_id}: Greenhouse refuses (422) when the stage moved meanwhile. */
    @Override
    public void moveStage(AtsApplication application, String toStageId) {
        String path = "/applications/" + checkId("application id", application.id()) + "/move";
        if (application.currentStageId() == null) {
            throw VendorCallException.permanent("application " + application.id() + " is in no interview stage (a prospect,"
                    + " or " + VENDOR + " gave neither job_interview_stage_id nor a current application stage): nothing to"
                    + " move from", 0);
        }
        send("POST", path, Harvest.moveBody(application, toStageId), SCOPE_APPLICATIONS_MOVE);
    }

    /**
     * {@code GET /v3/applications?status=active&per_page=<n>} (with {@code updated_at=gte|<since>} for an
     * incremental pass; {@code active} is how the filter names applications in process); later pages follow the
     * {@code Link rel="next"} URL exactly as given, since v3 refuses a cursor with any other parameter. The
     * cursor must point at this connection's Harvest host.
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
        VendorHttp.Response response = authorized(what, SCOPE_APPLICATIONS_LIST, getRequest(uri));
        return new AtsPage(applications(response.json(VENDOR + " answer to " + what)), response.link("next"), null);
    }

    /**
     * {@code POST /v3/attachments}: {@code application_id}, {@code filename}, {@code type}, and {@code url} or
     * base64 {@code content} with {@code content_type}, checked as v1 documents them ({@link Harvest#attachmentBody}).
     */
    @Override
    public void addAttachment(AtsApplication application, Attachment attachment) {
        ObjectNode body = VendorJson.object();
        body.put("application_id", Long.parseLong(checkId("application id", application.id())));
        body.setAll(Harvest.attachmentBody(attachment));
        send("POST", "/attachments", body, SCOPE_ATTACHMENTS_CREATE);
    }

    // ---- calls ----

    private VendorHttp.Response get(String pathAndQuery, String scope) {
        URI uri = URI.create(baseUrl + pathAndQuery);
        String what = "GET /v3" + pathAndQuery;
        return authorized(what, scope, getRequest(uri));
    }

    /** The GET of the URL, made with whichever access token {@link #authorized} hands it. */
    private Function<String, HttpRequest<?>> getRequest(URI uri) {
        return token -> HttpRequest.GET(uri)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
    }

    private VendorHttp.Response send(String method, String path, ObjectNode body, String scope) {
        URI uri = URI.create(baseUrl + path);
        byte[] bytes = VendorJson.write(body);
        return authorized(method + " /v3" + path, scope, token -> HttpRequest.create(HttpMethod.parse(method), uri.toString())
                .body(bytes)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json"));
    }

    /**
     * Sends with the cached token; on 401 drops it and repeats once with a fresh one (the token may have
     * been revoked or expired early); a second 401 is permanent. A 403 is permanent and names the scope to grant.
     */
    private VendorHttp.Response authorized(String what, String scope, Function<String, HttpRequest<?>> request) {
        String token = tokens.accessToken(onBehalfOf);
        try {
            try {
                return http.send(VENDOR, what, request.apply(token));
            } catch (VendorCallException e) {
                if (e.status() != 401 || e.retryable()) {
                    throw e;
                }
                tokens.invalidate(onBehalfOf, token);
                String fresh = tokens.accessToken(onBehalfOf);
                return http.send(VENDOR, what, request.apply(fresh));
            }
        } catch (VendorCallException e) {
            if (e.status() == 403 && !e.retryable()) {
                throw VendorCallException.permanent(scopeAdvice(what, scope) + " (" + e.getMessage() + ")", 403);
            }
            throw e;
        }
    }

    /**
     * What to do about a 403: Greenhouse refuses a call whose endpoint scope the OAuth credential lacks, at once
     * when a scope is removed (docs/handling-scope-changes), and v3 list endpoints refuse users who are not Site
     * Admins (docs/authentication). Both are fixed in Greenhouse, then the dead letter is replayed.
     */
    String scopeAdvice(String what, String scope) {
        return VENDOR + " refused " + what + " (403) for the connection's Harvest v3 OAuth credential acting as user "
                + onBehalfOf + ": grant the credential the scope " + scope + " (Greenhouse: Dev Center > API Credentials >"
                + " Manage Scopes) and check that user " + onBehalfOf + " may do this (v3 list endpoints need a Site Admin),"
                + " then replay this dead letter";
    }

    /** Every element of every page of a list, following next links ({@link Harvest#all}). */
    private <T> List<T> all(String firstPathAndQuery, String scope, Function<JsonNode, T> convert) {
        String what = "GET /v3" + firstPathAndQuery;
        return Harvest.all(baseUrl + firstPathAndQuery, baseUrl + "/", what, uri -> authorized(what, scope, getRequest(uri)),
                convert);
    }

    /** The ids in requests of at most {@link #MAX_FILTER_IDS}. */
    private static List<List<String>> chunks(List<String> ids) {
        List<List<String>> chunks = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += MAX_FILTER_IDS) {
            chunks.add(ids.subList(i, Math.min(ids.size(), i + MAX_FILTER_IDS)));
        }
        return chunks;
    }

    /**
     * A page of applications with each one's plan stage and its name: {@code job_interview_stage_id} and
     * {@code stage_name} when the application has them; otherwise the stage of its current
     * {@code /v3/application_stages} row, and the name from {@code /v3/job_interview_stages?ids=} (once per stage
     * per connector). Lookups go {@value #MAX_FILTER_IDS} ids a request.
     */
    private List<AtsApplication> applications(JsonNode page) {
        Map<String, String> stageOf = new HashMap<>();
        List<String> unresolved = new ArrayList<>();
        for (JsonNode node : page) {
            String id = VendorJson.id(node.path("id"));
            String stage = VendorJson.id(node.path("job_interview_stage_id"));
            if (!stage.isEmpty()) {
                stageOf.put(id, stage);
                String name = VendorJson.text(node.path("stage_name"));
                if (!name.isEmpty()) {
                    stageNames.put(stage, name);
                }
            } else if (!VendorJson.id(node.path("stage_id")).isEmpty()) {
                unresolved.add(id);
            }
        }
        for (List<String> chunk : chunks(unresolved)) {
            for (JsonNode row : all("/application_stages?application_ids=" + String.join(",", chunk) + "&current=true&per_page="
                    + MAX_PAGE, SCOPE_APPLICATION_STAGES_LIST, n -> n)) {
                if (row.path("current").asBoolean(true)) {
                    stageOf.put(VendorJson.id(row.path("application_id")), VendorJson.id(row.path("job_interview_stage_id")));
                }
            }
        }
        Set<String> missing = new LinkedHashSet<>();
        for (JsonNode node : page) {
            String stage = stageOf.get(VendorJson.id(node.path("id")));
            if (stage != null && !stage.isEmpty() && !stageNames.containsKey(stage)) {
                String name = VendorJson.text(node.path("stage_name"));
                if (name.isEmpty()) {
                    missing.add(stage);
                } else {
                    stageNames.put(stage, name);
                }
            }
        }
        for (List<String> chunk : chunks(new ArrayList<>(missing))) {
            for (JsonNode stage : all("/job_interview_stages?ids=" + String.join(",", chunk) + "&per_page=" + MAX_PAGE,
                    SCOPE_JOB_INTERVIEW_STAGES_LIST, n -> n)) {
                stageNames.put(VendorJson.id(stage.path("id")), VendorJson.text(stage.path("name")));
            }
        }
        List<AtsApplication> applications = new ArrayList<>();
        for (JsonNode node : page) {
            applications.add(application(node, stageOf.get(VendorJson.id(node.path("id")))));
        }
        return applications;
    }

    private AtsApplication application(JsonNode node, @Nullable String stageId) {
        String jobId = VendorJson.id(node.path("job_id"));
        boolean staged = stageId != null && !stageId.isEmpty();
        Instant updated = VendorJson.instant(node.path("updated_at"));
        return new AtsApplication(VendorJson.id(node.path("id")), VendorJson.id(node.path("candidate_id")),
                VendorJson.text(node.path("status")).toLowerCase(Locale.ROOT), jobId.isEmpty() ? List.of() : List.of(jobId),
                staged ? stageId : null, staged ? stageNames.get(stageId) : null,
                Harvest.fieldValues(node.path("custom_fields")), updated != null ? updated : VendorJson.instant(node.path("last_activity_at")));
    }

    private static AtsNote note(JsonNode node) {
        return new AtsNote(VendorJson.id(node.path("id")), VendorJson.text(node.path("body")),
                VendorJson.id(node.path("user_id")), VendorJson.text(node.path("visibility")),
                VendorJson.text(node.path("created_at")));
    }

    @Override
    public String toString() {
        return "GreenhouseHarvestV3[" + baseUrl + ", as user " + onBehalfOf + "]";
    }
}
