package io.atsbridge.connectors.lever;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atsbridge.connectors.AtsApplication;
import io.atsbridge.connectors.AtsCandidate;
import io.atsbridge.connectors.AtsConnector;
import io.atsbridge.connectors.AtsJob;
import io.atsbridge.connectors.AtsNote;
import io.atsbridge.connectors.AtsStageEvent;
import io.atsbridge.connectors.ConnectorCapabilities;
import io.atsbridge.connectors.CustomFieldDefinition;
import io.atsbridge.connectors.CustomFieldWrite;
import io.atsbridge.connectors.MalformedPayloadException;
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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Lever Data API v1 ({@code https://api.lever.co/v1}), the calls the sync engine makes. An atsbridge
 * application is a Lever opportunity, its candidate the opportunity's contact. HTTP Basic with the API key as
 * user name and a blank password; writes carry {@code perform_as} (the Lever user they are attributed to) when
 * the connection names one, else Lever attributes them to the key's owner.
 *
 * <p>Based on Lever's documentation (hire.lever.co/developer/documentation, as summarised in
 * {@code reference/vendors.md}): list envelopes {@code {"data": [...], "next": "<token>", "hasNext": bool}}
 * with {@code limit} 1..100 and the opaque token passed back as {@code offset}; epoch-millisecond times;
 * errors {@code {"code", "message"}}; 10 requests a second per key with bursts to 20 and no rate-limit
 * headers. Lever has no custom-field write API (its custom data lives in forms and feedback), so field
 * writes are refused, and no conditional writes (no ETag, no from-stage guard), so stage moves re-read first.
 *
 * <p>Confidential hiring: Lever's lists leave confidential opportunities out unless asked with
 * {@code confidentiality} (documented default {@code non-confidential}), and only a key generated with access to
 * confidential data may read them (hire.lever.co/developer/documentation, "Confidential Data"; help.lever.co, "How do
 * I create an API key with access to confidential data?"). Lists here ask for {@code confidentiality=all}, so nothing is
 * passed over; for a key without access "any request to retrieve confidential data will return an access error"
 * (documented), which is reported as a permanent failure that names the access to grant. The error's status is not
 * documented: a 403 is read as missing access; should it come as a not-found (a 404 for an opportunity a webhook named),
 * the failure says that this may be the cause.
 */
public final class LeverConnector implements AtsConnector {

    static final String VENDOR = "Lever";
    /** The access a key needs for confidential opportunities, as a Lever Super Admin grants it. */
    static final String CONFIDENTIAL_ACCESS = "access to confidential data, which Lever grants only when a key is generated "
            + "(Settings > Integrations and API > API Credentials > Generate new key with \"Allow access to confidential data\"; "
            + "a key's access cannot be edited): generate such a key and set it as this connection's credentials";

    /** Lever's largest page. */
    static final int MAX_PAGE = 100;
    /** A bound on the pages of notes read for one opportunity (100 notes a page). */
    static final int MAX_NOTE_PAGES = 50;
    /** Lever's ids are UUIDs; anything else never reaches a URL path. */
    private static final Pattern ID = Pattern.compile("[0-9A-Za-z][0-9A-Za-z-]{0,63}");
    /** Lever: no custom-field types, tags and plain-text notes, stage moves, archive, 10 requests a second with bursts to 20. */
    static final ConnectorCapabilities CAPABILITIES = new ConnectorCapabilities("LEVER", "v1", Set.of(), Set.of(),
            true, true, false, true, false, true, 10, Duration.ofSeconds(1), 20);

    private final String baseUrl;
    private final String authorization;
    @Nullable
    private final String performAs;
    private final VendorHttp http;

    /**
     * @param baseUrl   e.g. {@code https://api.lever.co/v1} or the sandbox's {@code <base>/lever/v1}
     *                  (endpoint paths such as {@code /opportunities} are appended)
     * @param apiKey    the Lever API key
     * @param performAs the Lever user id writes are attributed to ({@code perform_as}); null for the key's owner
     */
    public LeverConnector(String baseUrl, String apiKey, @Nullable String performAs, VendorHttp http) {
        this.baseUrl = VendorHttp.withoutTrailingSlash(baseUrl);
        this.authorization = VendorHttp.basicAuthorization(apiKey);
        this.performAs = performAs == null || performAs.isBlank() ? null : checkId("perform_as user id", performAs);
        this.http = Objects.requireNonNull(http, "http");
    }

    @Override
    public ConnectorCapabilities capabilities() {
        return CAPABILITIES;
    }

    /** {@code GET /opportunities/:id?expand=applications}, with the stage's name from {@code GET /stages/:id}. */
    @Override
    public AtsApplication getApplication(String applicationId) {
        JsonNode opportunity = opportunity(applicationId);
        String stageId = VendorJson.textOrNull(opportunity.path("stage"));
        return application(opportunity, stageId == null ? null : stageName(stageId), postingIds(opportunity));
    }

    /**
     * {@code GET /contacts/:id}: the person behind opportunities. Lever keeps one {@code name}; it is split at
     * the first space into first and last name (a one-word name has an empty last name). Lever's tags are on
     * opportunities, not contacts, so the tags are empty; the contact lists no opportunities either.
     */
    @Override
    public AtsCandidate getCandidate(String candidateId) {
        JsonNode contact = data(get("/contacts/" + checkId("contact id", candidateId)), "/contacts/" + candidateId);
        String[] names = splitName(VendorJson.text(contact.path("name")));
        return new AtsCandidate(VendorJson.id(contact.path("id")), names[0], names[1],
                VendorJson.texts(contact.path("emails")), List.of(), List.of(), Map.of(), "");
    }

    /**
     * Adds the tags the opportunity does not carry yet ({@code POST /opportunities/:id/addTags}); Lever keeps
     * tags on the opportunity, so the current tags are read from it ({@code GET /opportunities/:id}) just
     * before, and compared ignoring case. No call when nothing is new.
     *
     * @throws UnsupportedOperationException when fields are given: Lever has no custom-field write API
     */
    @Override
    public void updateCandidate(AtsCandidate current, AtsApplication application, List<CustomFieldWrite> fields,
                                List<String> addTags) {
        refuseFields(fields, "candidate");
        if (addTags.isEmpty()) {
            return;
        }
        List<String> existing = VendorJson.texts(opportunity(application.id()).path("tags"));
        List<String> missing = missingTags(existing, addTags);
        if (missing.isEmpty()) {
            return;
        }
        ObjectNode body = VendorJson.object();
        ArrayNode tags = body.putArray("tags");
        missing.forEach(tags::add);
        write("POST", "/opportunities/" + checkId("opportunity id", application.id()) + "/addTags", body);
    }

    /**
     * Nothing to write without fields.
     *
     * @throws UnsupportedOperationException when fields are given: Lever has no custom-field write API
     */
    @Override
    public void updateApplication(AtsApplication current, List<CustomFieldWrite> fields) {
        refuseFields(fields, "opportunity");
    }

    /**
     * Every note of the opportunity ({@code GET /opportunities/:id/notes}, following {@code next} for at most
     * {@link #MAX_NOTE_PAGES} pages). The body is the text of the note's first field, or its {@code text}.
     */
    @Override
    public List<AtsNote> notes(AtsApplication application) {
        String path = "/opportunities/" + checkId("opportunity id", application.id()) + "/notes";
        List<AtsNote> notes = new ArrayList<>();
        String offset = null;
        for (int page = 0; page < MAX_NOTE_PAGES; page++) {
            JsonNode body = get(path + "?limit=" + MAX_PAGE + (offset == null ? "" : "&offset=" + encode(offset)));
            for (JsonNode note : body.path("data")) {
                notes.add(note(note));
            }
            offset = next(body);
            if (offset == null) {
                return notes;
            }
        }
        throw VendorCallException.permanent("Lever listed more than " + MAX_NOTE_PAGES * MAX_PAGE + " notes for GET "
                + path + "; stopped reading (raise LeverConnector.MAX_NOTE_PAGES if such opportunities are expected)", 0);
    }

    /**
     * {@code GET /postings/:id} as the job, with the account's stages ({@code GET /stages}, following {@code next}):
     * Lever's pipeline is one for every posting.
     */
    @Override
    public AtsJob job(String jobId) {
        String path = "/postings/" + checkId("posting id", jobId);
        JsonNode posting = data(get(path), path);
        List<AtsJob.Stage> stages = new ArrayList<>();
        String offset = null;
        for (int page = 0; page < MAX_NOTE_PAGES; page++) {
            JsonNode body = get("/stages?limit=" + MAX_PAGE + (offset == null ? "" : "&offset=" + encode(offset)));
            for (JsonNode stage : body.path("data")) {
                stages.add(new AtsJob.Stage(VendorJson.id(stage.path("id")), VendorJson.text(stage.path("text"))));
            }
            offset = next(body);
            if (offset == null) {
                break;
            }
        }
        return new AtsJob(VendorJson.id(posting.path("id")), VendorJson.text(posting.path("text")),
                VendorJson.text(posting.path("state")).toLowerCase(Locale.ROOT), stages);
    }

    /** None: Lever's opportunities carry no custom fields this connector writes (see {@link #capabilities()}). */
    @Override
    public List<CustomFieldDefinition> customFieldDefinitions() {
        return List.of();
    }

    /**
     * {@code POST /opportunities/:id/notes?perform_as=}: Lever notes are plain text and either visible to the
     * hiring team or {@code secret} (only users with sensitive-information privileges); RESTRICTED and PRIVATE
     * become secret, PUBLIC not.
     */
    @Override
    public AtsNote addNote(AtsApplication application, String body, NoteVisibility visibility) {
        String path = "/opportunities/" + checkId("opportunity id", application.id()) + "/notes";
        boolean secret = visibility != NoteVisibility.PUBLIC;
        ObjectNode request = VendorJson.object();
        request.put("value", body);
        request.put("secret", secret);
        request.put("notifyFollowers", false);
        JsonNode answer = write("POST", path, request).json(VENDOR + " answer to POST " + path);
        String noteId = VendorJson.id(answer.path("data").path("noteId"));
        if (noteId.isEmpty()) {
            throw new MalformedPayloadException("Lever's answer to POST " + path + " has no data.noteId");
        }
        return new AtsNote(noteId, body, performAs == null ? "" : performAs, secret ? "secret" : "public",
                Long.toString(Instant.now().toEpochMilli()));
    }

    /**
     * {@code PUT /opportunities/:id/stage?perform_as=} {@code {stage}}. Lever takes no from-stage guard, so the
     * opportunity is read first and a move from a stage it is no longer in is refused (permanent): someone moved
     * it meanwhile. A move between that read and the PUT (milliseconds) is not detected; the sync engine's
     * per-application ordering keeps atsbridge's own moves from racing, a person's move in that window is not.
     */
    @Override
    public void moveStage(AtsApplication application, String toStageId) {
        String id = checkId("opportunity id", application.id());
        String to = checkId("stage id", toStageId);
        if (application.currentStageId() == null) {
            throw VendorCallException.permanent("opportunity " + id + " was read in no stage: nothing to move from", 0);
        }
        String now = VendorJson.text(opportunity(id).path("stage"));
        if (!now.equals(application.currentStageId())) {
            throw VendorCallException.permanent("Lever opportunity " + id + " is in stage " + now + ", not "
                    + application.currentStageId() + " as read: someone moved it meanwhile, so the move to " + to
                    + " was not made (stale move refused); read the opportunity again and decide anew", 0);
        }
        ObjectNode body = VendorJson.object();
        body.put("stage", to);
        write("PUT", "/opportunities/" + id + "/stage", body);
    }

    /**
     * {@code PUT /opportunities/:id/archived?perform_as=} {@code {reason}}: archives the opportunity with one of the
     * account's archive reasons ({@code GET /archive_reasons}). The opportunity is read first: archiving one
     * already archived for the same reason makes no call (a repeat), for another reason is refused (permanent)
     * rather than silently re-reasoned.
     */
    @Override
    public void archive(AtsApplication application, String reasonId) {
        String id = checkId("opportunity id", application.id());
        String reason = checkId("archive reason id", reasonId);
        JsonNode archived = opportunity(id).path("archived");
        if (archived.isObject()) {
            String now = VendorJson.text(archived.path("reason"));
            if (now.equals(reason)) {
                return;
            }
            throw VendorCallException.permanent("Lever opportunity " + id + " is already archived with reason " + now
                    + ", not archived again with " + reason + "; restore it first if the reason is to change", 0);
        }
        ObjectNode body = VendorJson.object();
        body.put("reason", reason);
        write("PUT", "/opportunities/" + id + "/archived", body);
    }

    /**
     * {@code PUT /opportunities/:id/archived?perform_as=} {@code {reason: null}}, Lever's way of unarchiving; no call
     * when the opportunity, read first, is not archived.
     */
    @Override
    public void restore(AtsApplication application) {
        String id = checkId("opportunity id", application.id());
        if (!opportunity(id).path("archived").isObject()) {
            return;
        }
        ObjectNode body = VendorJson.object();
        body.putNull("reason");
        write("PUT", "/opportunities/" + id + "/archived", body);
    }

    /** The account's archive reasons ({@code GET /archive_reasons}): id to text. */
    @Override
    public Map<String, String> archiveReasons() {
        Map<String, String> reasons = new LinkedHashMap<>();
        for (JsonNode reason : get("/archive_reasons").path("data")) {
            reasons.put(VendorJson.id(reason.path("id")), VendorJson.text(reason.path("text")));
        }
        return reasons;
    }

    /**
     * {@code GET /opportunities?archived=false&confidentiality=all&limit=&updated_at_start=} for the first page, then
     * the same query with {@code offset=<next>}. The cursor is Lever's opaque token; the sync token is not used (Lever
     * filters by {@code updated_at_start}). {@code confidentiality=all} because Lever's default leaves confidential
     * opportunities out; a key without access to them is refused (403), which is reported naming the access to grant
     * rather than passed over. Stage names come from one {@code GET /stages} per page (the account's pipeline), not
     * one call per opportunity.
     */
    @Override
    public AtsPage listApplications(@Nullable String cursor, @Nullable Instant updatedSince, @Nullable String syncToken,
                                   int pageSize) {
        StringBuilder query = new StringBuilder("/opportunities?archived=false&confidentiality=all&limit=")
                .append(Math.max(1, Math.min(MAX_PAGE, pageSize)));
        if (updatedSince != null) {
            query.append("&updated_at_start=").append(updatedSince.toEpochMilli());
        }
        if (cursor != null) {
            query.append("&offset=").append(encode(cursor));
        }
        JsonNode body;
        try {
            body = get(query.toString());
        } catch (VendorCallException e) {
            if (e.status() == 403) {
                throw VendorCallException.permanent(e.getMessage() + ": Lever refused to list confidential opportunities "
                        + "(confidentiality=all), so they would be passed over; the API key needs " + CONFIDENTIAL_ACCESS, 403);
            }
            throw e;
        }
        Map<String, String> stageNames = body.path("data").isEmpty() ? Map.of() : stageNames();
        List<AtsApplication> applications = new ArrayList<>();
        for (JsonNode opportunity : body.path("data")) {
            String stageId = VendorJson.textOrNull(opportunity.path("stage"));
            applications.add(application(opportunity, stageId == null ? null : stageNames.get(stageId), List.of()));
        }
        return new AtsPage(applications, next(body), null);
    }

    /**
     * A {@code candidateStageChange} or {@code applicationCreated} webhook, completed from the API: Lever sends
     * ids only. The opportunity ({@code GET /opportunities/:id?expand=applications}) gives names, e-mail, contact and
     * applications; the stage is {@code data.toStageId} (applicationCreated: the opportunity's current stage) named by
     * {@code GET /stages/:id}; the job is the first application with a posting ({@code GET /postings/:id}), none for a
     * sourced candidate.
     * The signature is checked by the receiver before this is called, not here.
     *
     * @throws MalformedPayloadException when the body is not such a webhook or lacks the opportunity id
     */
    @Override
    public AtsStageEvent stageEvent(byte[] webhookBody) {
        JsonNode root = VendorJson.read(webhookBody, "the Lever webhook body");
        String event = VendorJson.text(root.path("event"));
        if (!LeverWebhook.STAGE_EVENTS.contains(event)) {
            throw new MalformedPayloadException("the Lever webhook body has event '" + event
                    + "' (expected: one of " + LeverWebhook.STAGE_EVENTS + ")");
        }
        JsonNode data = root.path("data");
        String opportunityId = VendorJson.text(data.path("opportunityId"));
        if (opportunityId.isEmpty() || !ID.matcher(opportunityId).matches()) {
            throw new MalformedPayloadException("the Lever " + event + " webhook has no usable data.opportunityId");
        }
        String stageId = VendorJson.text(data.path("toStageId"));
        if (event.equals("candidateStageChange") && (stageId.isEmpty() || !ID.matcher(stageId).matches())) {
            throw new MalformedPayloadException("the Lever candidateStageChange webhook has no usable data.toStageId");
        }
        JsonNode opportunity = opportunity(opportunityId);
        if (stageId.isEmpty()) {
            stageId = VendorJson.text(opportunity.path("stage"));
        }
        String jobId = null;
        String jobName = "";
        for (String postingId : postingIds(opportunity)) {
            jobId = postingId;
            jobName = VendorJson.text(data(get("/postings/" + checkId("posting id", postingId)), "/postings/" + postingId)
                    .path("text"));
            break;
        }
        String[] names = splitName(VendorJson.text(opportunity.path("name")));
        List<String> emails = VendorJson.texts(opportunity.path("emails"));
        return new AtsStageEvent(event, opportunityId, VendorJson.text(opportunity.path("contact")), jobId, jobName,
                stageId, stageId.isEmpty() ? "" : stageName(stageId), names[0], names[1],
                emails.isEmpty() ? "" : emails.get(0).trim(), Map.of());
    }

    /**
     * The added tags the opportunity does not carry yet, compared ignoring case, each once, in the order given; blank
     * ones are left out.
     */
    static List<String> missingTags(List<String> existing, List<String> added) {
        return Tags.missing(existing, added.stream().filter(tag -> !tag.isBlank()).toList());
    }

    // ---- reading ----

    /**
     * {@code GET /opportunities/:id?expand=applications}: the opportunity with its applications as objects (Lever
     * deprecated {@code GET /opportunities/:id/applications} for this). A refusal that may come from confidentiality is
     * a permanent failure naming the access to grant.
     */
    private JsonNode opportunity(String opportunityId) {
        String path = "/opportunities/" + checkId("opportunity id", opportunityId);
        try {
            return data(get(path + "?expand=applications"), path);
        } catch (VendorCallException e) {
            if (e.status() == 403) {
                throw VendorCallException.permanent(e.getMessage() + ": the API key may not read opportunity " + opportunityId
                        + "; if it is confidential (a confidential posting's candidate), the key needs " + CONFIDENTIAL_ACCESS
                        + "; otherwise it needs read access to opportunities", 403);
            }
            if (e.status() == 404) {
                throw VendorCallException.permanent(e.getMessage() + ": opportunity " + opportunityId + " was deleted, or it "
                        + "is confidential and Lever hides it from a key without access to confidential data (Lever does not "
                        + "document which it does); if it exists in Lever, the key needs " + CONFIDENTIAL_ACCESS, 404);
            }
            throw e;
        }
    }

    /** The posting ids of the opportunity's applications ({@code expand=applications}), in Lever's order, each once. */
    private static List<String> postingIds(JsonNode opportunity) {
        List<String> postings = new ArrayList<>();
        for (JsonNode application : opportunity.path("applications")) {
            String posting = application.isObject() ? VendorJson.text(application.path("posting")) : "";
            if (!posting.isEmpty() && !postings.contains(posting)) {
                postings.add(posting);
            }
        }
        return postings;
    }

    /** The account's pipeline ({@code GET /stages}, following {@code next}): stage id to name. */
    private Map<String, String> stageNames() {
        Map<String, String> names = new LinkedHashMap<>();
        String offset = null;
        for (int page = 0; page < MAX_NOTE_PAGES; page++) {
            JsonNode body = get("/stages?limit=" + MAX_PAGE + (offset == null ? "" : "&offset=" + encode(offset)));
            for (JsonNode stage : body.path("data")) {
                names.put(VendorJson.id(stage.path("id")), VendorJson.text(stage.path("text")));
            }
            offset = next(body);
            if (offset == null) {
                break;
            }
        }
        return names;
    }

    private String stageName(String stageId) {
        String path = "/stages/" + checkId("stage id", stageId);
        return VendorJson.text(data(get(path), path).path("text"));
    }

    /** An opportunity as an application: archived ones are {@code archived}, the others {@code active}. */
    private static AtsApplication application(JsonNode opportunity, @Nullable String stageName, List<String> postingIds) {
        boolean archived = opportunity.path("archived").isObject();
        return new AtsApplication(VendorJson.id(opportunity.path("id")), VendorJson.text(opportunity.path("contact")),
                archived ? "archived" : "active", postingIds, VendorJson.textOrNull(opportunity.path("stage")),
                stageName, Map.of(), VendorJson.instant(opportunity.path("updatedAt")));
    }

    private static AtsNote note(JsonNode note) {
        String body = VendorJson.text(note.path("fields").path(0).path("value"));
        if (body.isEmpty()) {
            body = VendorJson.text(note.path("text"));
        }
        JsonNode created = note.path("createdAt");
        return new AtsNote(VendorJson.id(note.path("id")), body, VendorJson.text(note.path("user")),
                note.path("secret").asBoolean(false) ? "secret" : "public",
                created.isIntegralNumber() ? Long.toString(created.asLong()) : VendorJson.text(created));
    }

    /** Lever's next-page token, or null on the last page. */
    @Nullable
    private static String next(JsonNode list) {
        return list.path("hasNext").asBoolean(false) ? VendorJson.textOrNull(list.path("next")) : null;
    }

    private static JsonNode data(JsonNode body, String path) {
        JsonNode data = body.path("data");
        if (!data.isObject()) {
            throw new MalformedPayloadException("Lever's answer to GET " + path + " has no data object");
        }
        return data;
    }

    private static String[] splitName(String name) {
        String trimmed = name.trim();
        int space = trimmed.indexOf(' ');
        return space < 0 ? new String[]{trimmed, ""} : new String[]{trimmed.substring(0, space), trimmed.substring(space + 1).trim()};
    }

    // ---- HTTP ----

    private JsonNode get(String pathAndQuery) {
        HttpRequest<?> request = HttpRequest.GET(uri(pathAndQuery))
                .header("Authorization", authorization)
                .header("Accept", "application/json");
        String what = "GET " + withoutQuery(pathAndQuery);
        return http.send(VENDOR, what, request).json(VENDOR + " answer to " + what);
    }

    private VendorHttp.Response write(String method, String path, ObjectNode body) {
        String target = performAs == null ? path : path + "?perform_as=" + encode(performAs);
        HttpRequest<byte[]> request = HttpRequest.<byte[]>create(HttpMethod.parse(method), uri(target).toString())
                .body(VendorJson.write(body))
                .header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json");
        return http.send(VENDOR, method + " " + path, request);
    }

    private URI uri(String pathAndQuery) {
        return URI.create(baseUrl + pathAndQuery);
    }

    private static String withoutQuery(String pathAndQuery) {
        int query = pathAndQuery.indexOf('?');
        return query < 0 ? pathAndQuery : pathAndQuery.substring(0, query);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static void refuseFields(List<CustomFieldWrite> fields, String record) {
        if (!fields.isEmpty()) {
            throw new UnsupportedOperationException("Lever has no custom-field write API (its custom data lives in "
                    + "forms and feedback), so " + fields.size() + " field write(s) on the " + record
                    + " cannot be made; the mapping should not plan field writes for LEVER connections");
        }
    }

    private static String checkId(String what, String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException(what + ": " + id + " (expected: a Lever id such as a UUID)");
        }
        return id;
    }
}
