package io.atsbridge.connectors.ashby;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
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
import io.micronaut.http.HttpRequest;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Ashby's public API (https://api.ashbyhq.com, RPC style: {@code POST /<method>} with a JSON body), the calls the
 * sync engine makes. HTTP Basic with the API key as user name and a blank password
 * (developers.ashbyhq.com reference/authentication), {@code Accept: application/json; version=1}. Ashby answers
 * would-be 4xx errors with HTTP 200 and {@code {"success": false, "errors": [code], "errorInfo": {"code",
 * "message"}}} (reference/responses; the error response of Ashby's OpenAPI): those become permanent
 * {@link VendorCallException}s carrying the code and message; no error code is documented as meaning "try again",
 * so none is treated as retryable. A key lacking the permission a method needs is answered 403
 * {@code missing_endpoint_permission} (reference/authentication): the failure names the permission
 * ({@link #PERMISSIONS}, from the OpenAPI's "Requires the ... permission") so the dead letter says what to grant.
 * Writes are attributed to the API key's owner (Ashby has no On-Behalf-Of).
 *
 * <p>Custom fields are addressed by their Ashby field id ({@link CustomFieldWrite#nameKey()}), and values are
 * typed as {@code customField.setValue} documents per field type: Number a number, String/LongText/Url a string,
 * ValueSelect the option's value string, MultiValueSelect an array of values, Boolean, Date an ISO string. Ashby's
 * options have a label apart from the value and setValue takes only the value: an option named by its label is
 * sent as its value.
 *
 * <p>Private notes need the key's "Allow access to non-offer private fields?" setting to be written and to be read
 * (candidate.createNote {@code isPrivate}); without it atsbridge could not see a note it wrote and would write it
 * again, so a private note the key cannot write or cannot read back fails permanently, naming the setting.
 */
public final class AshbyConnector implements AtsConnector {

    static final String VENDOR = "Ashby";
    /**
     * Ashby v1: custom fields on candidates and applications (customField.setValue; Ashby's Number, String,
     * LongText, ValueSelect, MultiValueSelect, Boolean, Date and Url types by atsbridge's names), tags, notes
     * with an HTML subset, stage moves; no attachments through this connector. Ashby documents no rate limit:
     * assumed 10 requests per second with a burst of 10.
     */
    static final ConnectorCapabilities CAPABILITIES = new ConnectorCapabilities("ASHBY", "v1",
            Set.of("number", "short_text", "long_text", "single_select", "multi_select", "boolean", "date", "url"),
            Set.of("number", "short_text", "long_text", "single_select", "multi_select", "boolean", "date", "url"),
            true, true, true, true, false, false, 10, Duration.ofSeconds(1), 10);
    /** Ashby's page size maximum ({@code limit}). */
    static final int MAX_PAGE = 100;
    /** Bounds the pages read for one answer (notes, tags): 50 pages of 100. */
    static final int MAX_PAGES = 50;
    /** The webhook actions whose {@code data.application} is an application in its current stage. */
    public static final Set<String> STAGE_ACTIONS = Set.of("candidateStageChange", "applicationSubmit");

    /**
     * The permission each method needs (Ashby's OpenAPI: "Requires the [`...`](authentication#permissions-...)
     * permission" in each operation), to name it when Ashby answers {@code missing_endpoint_permission}.
     */
    static final Map<String, String> PERMISSIONS = Map.ofEntries(
            Map.entry("candidate.info", "candidatesRead"),
            Map.entry("candidate.listNotes", "candidatesRead"),
            Map.entry("candidate.createNote", "candidatesWrite"),
            Map.entry("candidate.addTag", "candidatesWrite"),
            Map.entry("candidateTag.list", "hiringProcessMetadataRead"),
            Map.entry("candidateTag.create", "hiringProcessMetadataWrite"),
            Map.entry("application.info", "candidatesRead"),
            Map.entry("application.list", "candidatesRead"),
            Map.entry("application.changeStage", "candidatesWrite"),
            Map.entry("customField.list", "hiringProcessMetadataRead"),
            Map.entry("customField.setValue", "candidatesWrite"),
            Map.entry("interviewStage.list", "interviewsRead"),
            Map.entry("job.info", "jobsRead"),
            Map.entry("assessment.update", "candidatesWrite"));
    /** Ashby's answer to a key lacking a permission (reference/authentication). */
    static final String MISSING_PERMISSION = "missing_endpoint_permission";
    /** The API key setting private notes need, as Ashby's web app names it. */
    static final String PRIVATE_FIELDS_SETTING = "\"Allow access to non-offer private fields?\"";
    /**
     * The codes with which Ashby refuses an incremental or continued listing and asks for a full one: drop the
     * sync token (and cursor) and list everything again (developers.ashbyhq.com changelog, 2026-05-14 and 2026-08-04;
     * the codes appear in Ashby's pagination guide and in client libraries).
     */
    static final Set<String> RESTART_SYNC = Set.of("incremental_sync_too_large", "sync_token_expired", "next_cursor_expired");

    /** Ashby field types whose values are strings. */
    private static final Set<String> TEXT_TYPES = Set.of("ValueSelect", "String", "LongText", "Url", "Email", "Phone");
    /** Ashby's {@code fieldType}s (lower-cased) that atsbridge names otherwise; the others are atsbridge's names already. */
    static final Map<String, String> RENAMED_FIELD_TYPES = Map.of("string", "short_text", "longtext", "long_text",
            "valueselect", "single_select", "multivalueselect", "multi_select");
    /** Ashby ids are UUIDs; anything else never reaches a request body. */
    private static final Pattern ID = Pattern.compile("[0-9A-Za-z][0-9A-Za-z_-]{0,63}");
    /** The HTML tags Ashby's note renderer supports (b, i, u, a, ul, ol, li, code, pre), plus p and br. */
    private static final Pattern HTML = Pattern.compile("(?is).*</?(b|i|u|a|ul|ol|li|code|pre|p|br)(\\s[^>]*)?/?>.*");

    private final String baseUrl;
    private final String authorization;
    private final VendorHttp http;

    /**
     * @param baseUrl e.g. {@code https://api.ashbyhq.com} (methods are appended as {@code /<method>})
     * @param apiKey  the Ashby API key
     */
    public AshbyConnector(String baseUrl, String apiKey, VendorHttp http) {
        this.baseUrl = VendorHttp.withoutTrailingSlash(baseUrl);
        this.authorization = VendorHttp.basicAuthorization(apiKey);
        this.http = Objects.requireNonNull(http, "http");
    }

    @Override
    public ConnectorCapabilities capabilities() {
        return CAPABILITIES;
    }

    // ---- reads ----

    /** {@code application.info} {applicationId}. */
    @Override
    public AtsApplication getApplication(String applicationId) {
        ObjectNode body = VendorJson.object().put("applicationId", checkId("application id", applicationId));
        return application(results(call("application.info", body)));
    }

    /** {@code candidate.info} {id}. */
    @Override
    public AtsCandidate getCandidate(String candidateId) {
        ObjectNode body = VendorJson.object().put("id", checkId("candidate id", candidateId));
        JsonNode node = results(call("candidate.info", body));
        String[] name = splitName(VendorJson.text(node.path("name")));
        List<String> emails = new ArrayList<>();
        String primary = VendorJson.text(node.path("primaryEmailAddress").path("value")).trim();
        if (!primary.isEmpty()) {
            emails.add(primary);
        }
        for (JsonNode email : node.path("emailAddresses")) {
            String value = VendorJson.text(email.path("value")).trim();
            if (!value.isEmpty() && !emails.contains(value)) {
                emails.add(value);
            }
        }
        List<String> tags = new ArrayList<>();
        for (JsonNode tag : node.path("tags")) {
            String title = VendorJson.text(tag.path("title"));
            if (!title.isEmpty()) {
                tags.add(title);
            }
        }
        List<String> applicationIds = new ArrayList<>();
        for (JsonNode id : node.path("applicationIds")) {
            applicationIds.add(VendorJson.id(id));
        }
        return new AtsCandidate(VendorJson.id(node.path("id")), name[0], name[1], emails, tags, applicationIds,
                customFields(node), VendorJson.text(node.path("updatedAt")));
    }

    /** {@code job.info} {id}, and the stages of its default interview plan from {@code interviewStage.list}. */
    @Override
    public AtsJob job(String jobId) {
        JsonNode job = results(call("job.info", VendorJson.object().put("id", checkId("job id", jobId))));
        String plan = VendorJson.text(job.path("defaultInterviewPlanId"));
        List<AtsJob.Stage> stages = new ArrayList<>();
        if (!plan.isEmpty()) {
            List<JsonNode> listed = listAll("interviewStage.list", VendorJson.object().put("interviewPlanId", checkId("interview plan id", plan)));
            listed.sort(java.util.Comparator.comparingInt(n -> n.path("orderInInterviewPlan").asInt()));
            listed.forEach(n -> stages.add(new AtsJob.Stage(VendorJson.id(n.path("id")), VendorJson.text(n.path("title")))));
        }
        return new AtsJob(VendorJson.id(job.path("id")), VendorJson.text(job.path("title")),
                VendorJson.text(job.path("status")).toLowerCase(Locale.ROOT), stages);
    }

    /**
     * {@code customField.list}, every page: the candidate and application fields (fields of other objects, such as
     * jobs and offers, are left out). An archived field is inactive; select options are the selectable values.
     */
    @Override
    public List<CustomFieldDefinition> customFieldDefinitions() {
        List<CustomFieldDefinition> definitions = new ArrayList<>();
        for (JsonNode field : listAll("customField.list", VendorJson.object())) {
            String scope = VendorJson.text(field.path("objectType")).toLowerCase(Locale.ROOT);
            if (!scope.equals(CustomFieldDefinition.CANDIDATE) && !scope.equals(CustomFieldDefinition.APPLICATION)) {
                continue;
            }
            List<CustomFieldDefinition.Option> options = new ArrayList<>();
            for (JsonNode value : field.path("selectableValues")) {
                if (!value.path("isArchived").asBoolean(false)) {
                    options.add(new CustomFieldDefinition.Option(VendorJson.text(value.path("value")),
                            VendorJson.text(value.path("label"))));
                }
            }
            definitions.add(new CustomFieldDefinition(scope, VendorJson.id(field.path("id")), VendorJson.text(field.path("title")),
                    CustomFieldDefinition.type(VendorJson.text(field.path("fieldType")), RENAMED_FIELD_TYPES), options,
                    !field.path("isArchived").asBoolean(false)));
        }
        return definitions;
    }

    private static AtsApplication application(JsonNode node) {
        JsonNode stage = node.path("currentInterviewStage");
        String jobId = VendorJson.id(node.path("job").path("id"));
        return new AtsApplication(VendorJson.id(node.path("id")), VendorJson.id(node.path("candidate").path("id")),
                VendorJson.text(node.path("status")).toLowerCase(Locale.ROOT),
                jobId.isEmpty() ? List.of() : List.of(jobId),
                stage.isObject() ? VendorJson.textOrNull(stage.path("id")) : null,
                stage.isObject() ? VendorJson.textOrNull(stage.path("title")) : null,
                customFields(node), VendorJson.instant(node.path("updatedAt")));
    }

    // ---- writes ----

    /**
     * One {@code customField.setValue} per field (objectType Candidate), then for each added tag the candidate
     * does not carry (ignoring case): the tag's id from {@code candidateTag.list}, created with
     * {@code candidateTag.create} when the organization has none of that title, and {@code candidate.addTag}.
     */
    @Override
    public void updateCandidate(AtsCandidate current, AtsApplication application, List<CustomFieldWrite> fields,
                                List<String> addTags) {
        String candidateId = checkId("candidate id", current.id());
        Map<String, JsonNode> definitions = fieldDefinitions(fields);
        for (CustomFieldWrite field : fields) {
            setValue("Candidate", candidateId, field, definitions);
        }
        List<String> missing = Tags.missing(current.tags(), addTags);
        if (missing.isEmpty()) {
            return;
        }
        Map<String, String> tagIds = tagIdsByTitle();
        for (String title : missing) {
            String key = title.toLowerCase(Locale.ROOT);
            String tagId = tagIds.get(key);
            if (tagId == null) {
                JsonNode created = results(call("candidateTag.create", VendorJson.object().put("title", title)));
                tagId = VendorJson.id(created.path("id"));
                if (tagId.isEmpty()) {
                    throw VendorCallException.permanent(VENDOR + " answered candidateTag.create without a tag id", 200);
                }
                tagIds.put(key, tagId);
            }
            call("candidate.addTag", VendorJson.object().put("candidateId", candidateId).put("tagId", tagId));
        }
    }

    /** One {@code customField.setValue} per field, objectType Application. */
    @Override
    public void updateApplication(AtsApplication current, List<CustomFieldWrite> fields) {
        String applicationId = checkId("application id", current.id());
        Map<String, JsonNode> definitions = fieldDefinitions(fields);
        for (CustomFieldWrite field : fields) {
            setValue("Application", applicationId, field, definitions);
        }
    }

    private void setValue(String objectType, String objectId, CustomFieldWrite field, Map<String, JsonNode> definitions) {
        ObjectNode body = VendorJson.object();
        body.put("objectType", objectType);
        body.put("objectId", objectId);
        body.put("fieldId", checkId("custom field id", field.nameKey()));
        JsonNode definition = definitions.getOrDefault(field.nameKey(), VendorJson.object());
        String fieldType = VendorJson.text(definition.path("fieldType"));
        JsonNode value = field.value();
        // CustomFieldWrite.option sends an all-digit option as a number (Greenhouse's option ids are numbers);
        // Ashby's ValueSelect and text fields take strings, so such a value goes as the text it came from.
        if (value.isIntegralNumber() && TEXT_TYPES.contains(fieldType)) {
            value = TextNode.valueOf(field.valueText());
        }
        if (fieldType.equals("ValueSelect") && value.isTextual()) {
            value = TextNode.valueOf(optionValue(definition, value.asText()));
        } else if (fieldType.equals("MultiValueSelect") && value.isArray()) {
            ArrayNode values = VendorJson.array();
            value.forEach(item -> values.add(item.isTextual() ? optionValue(definition, item.asText()) : item.asText()));
            value = values;
        }
        body.set("fieldValue", value);
        call("customField.setValue", body);
    }

    /**
     * The option value to send for {@code chosen}: itself when it is an option's value, else the value of the one
     * option labelled so (setValue takes only values: "A string that matches the value of one of the ValueSelect
     * field's options"), else unchanged, for Ashby to refuse with the options it has.
     */
    static String optionValue(JsonNode definition, String chosen) {
        List<String> byLabel = new ArrayList<>();
        for (JsonNode option : definition.path("selectableValues")) {
            String value = VendorJson.text(option.path("value"));
            if (value.equals(chosen)) {
                return chosen;
            }
            if (VendorJson.text(option.path("label")).equals(chosen)) {
                byLabel.add(value);
            }
        }
        return byLabel.size() == 1 ? byLabel.get(0) : chosen;
    }

    /**
     * Field id to its {@code customField.list} definition, read only when some value is one whose meaning depends on
     * the field: a whole number (a Number, or an all-digit option or text), a string or an array (a select's option,
     * which may be named by its label); else empty, with no call.
     */
    private Map<String, JsonNode> fieldDefinitions(List<CustomFieldWrite> fields) {
        if (fields.stream().noneMatch(f -> f.value().isIntegralNumber() || f.value().isTextual() || f.value().isArray())) {
            return Map.of();
        }
        Map<String, JsonNode> definitions = new LinkedHashMap<>();
        for (JsonNode field : listAll("customField.list", VendorJson.object())) {
            definitions.put(VendorJson.id(field.path("id")), field);
        }
        return definitions;
    }

    /** {@code candidate.listNotes} of the application's candidate, following cursors (bounded). */
    @Override
    public List<AtsNote> notes(AtsApplication application) {
        String candidateId = checkId("candidate id", application.candidateId());
        List<AtsNote> notes = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            ObjectNode body = VendorJson.object().put("candidateId", candidateId).put("limit", MAX_PAGE);
            if (cursor != null) {
                body.put("cursor", cursor);
            }
            JsonNode answer = call("candidate.listNotes", body);
            for (JsonNode note : results(answer)) {
                notes.add(note(note));
            }
            cursor = nextCursor(answer);
            if (cursor == null) {
                return notes;
            }
        }
        throw VendorCallException.permanent(VENDOR + " candidate.listNotes for candidate " + candidateId + " has more than "
                + MAX_PAGES * MAX_PAGE + " notes; atsbridge reads at most that many", 200);
    }

    /**
     * {@code candidate.createNote} on the application's candidate: {@code {type, value}} with {@code text/html}
     * when the body uses the tags Ashby renders, else {@code text/plain}; private for RESTRICTED and PRIVATE (Ashby
     * has one private level); no notifications. A private note needs the key's "Allow access to non-offer private
     * fields?" setting to be written and to be read: refused, or written but not listed back by
     * {@code candidate.listNotes}, it fails permanently naming the setting, since atsbridge, not seeing its note,
     * would write it again.
     */
    @Override
    public AtsNote addNote(AtsApplication application, String body, NoteVisibility visibility) {
        String candidateId = checkId("candidate id", application.candidateId());
        boolean isPrivate = visibility != NoteVisibility.PUBLIC;
        ObjectNode request = VendorJson.object();
        request.put("candidateId", candidateId);
        ObjectNode note = request.putObject("note");
        note.put("type", HTML.matcher(body).matches() ? "text/html" : "text/plain");
        note.put("value", body);
        request.put("sendNotifications", false);
        request.put("isPrivate", isPrivate);
        AtsNote written;
        try {
            written = note(results(call("candidate.createNote", request)));
        } catch (VendorCallException e) {
            if (isPrivate && e.code().filter(MISSING_PERMISSION::equals).isPresent()) {
                throw VendorCallException.permanent(VENDOR + " refused the private note on candidate " + candidateId
                        + " (candidate.createNote, " + MISSING_PERMISSION + "): private notes need the API key's "
                        + PRIVATE_FIELDS_SETTING + " setting as well as candidatesWrite; an Ashby admin sets both under "
                        + "Admin > Integrations > API Keys (or the mapping profile makes the note public). Nothing was written.",
                        e.status(), MISSING_PERMISSION);
            }
            throw e;
        }
        if (isPrivate && notes(application).stream().noneMatch(n -> n.id().equals(written.id()))) {
            throw VendorCallException.permanent(VENDOR + " wrote private note " + written.id() + " on candidate "
                    + candidateId + ", but this API key cannot read it back (candidate.listNotes leaves it out): it lacks "
                    + PRIVATE_FIELDS_SETTING + ", which private notes need to be read as well as written. atsbridge finds "
                    + "its own earlier note by reading the candidate's notes, so without the setting it would write the "
                    + "note again on every attempt: turn the setting on in Ashby (Admin > Integrations > API Keys) "
                    + "before replaying this dead letter.", 200, "private_note_not_readable");
        }
        return written;
    }

    /**
     * Reads the application again and moves it with {@code application.changeStage} only when it is still in
     * {@code application.currentStageId()}: Ashby has no server-side guard, so a move made meanwhile by someone
     * else is refused here (permanent) rather than overwritten.
     */
    @Override
    public void moveStage(AtsApplication application, String toStageId) {
        String applicationId = checkId("application id", application.id());
        if (application.currentStageId() == null) {
            throw VendorCallException.permanent("application " + applicationId + " is in no stage: nothing to move from", 0);
        }
        AtsApplication now = getApplication(applicationId);
        if (!application.currentStageId().equals(now.currentStageId())) {
            throw VendorCallException.permanent(VENDOR + " application " + applicationId + " is now in stage "
                    + now.currentStageId() + " (" + now.currentStageName() + "), not " + application.currentStageId()
                    + " as read: someone moved it meanwhile, so the move to " + toStageId + " is refused", 0);
        }
        ObjectNode body = VendorJson.object();
        body.put("applicationId", applicationId);
        body.put("interviewStageId", checkId("stage id", toStageId));
        call("application.changeStage", body);
    }

    /**
     * {@code application.list} {limit, status: Active, cursor | syncToken} (developers.ashbyhq.com
     * docs/pagination-and-incremental-sync). An incremental pass sends the previous pass's sync token (with the
     * cursor on later pages); the last page's new {@code syncToken} is returned for the next pass. Ashby filters
     * by creation, not update, time, so {@code updatedSince} without a sync token filters the page here.
     */
    @Override
    public AtsPage listApplications(@Nullable String cursor, @Nullable Instant updatedSince, @Nullable String syncToken,
                                    int pageSize) {
        ObjectNode body = VendorJson.object();
        body.put("limit", Math.max(1, Math.min(MAX_PAGE, pageSize)));
        body.put("status", "Active");
        if (cursor != null) {
            body.put("cursor", cursor);
        }
        if (syncToken != null) {
            body.put("syncToken", syncToken);
        }
        JsonNode answer;
        try {
            answer = call("application.list", body);
        } catch (VendorCallException e) {
            if (e.code().filter(RESTART_SYNC::contains).isPresent()) {
                throw VendorCallException.restartSync(e.getMessage() + " (Ashby asks for a full sync: drop the "
                        + (syncToken != null ? "sync token" : "cursor") + " and list from the first page)", e.status(),
                        e.code().orElseThrow());
            }
            throw e;
        }
        List<AtsApplication> applications = new ArrayList<>();
        for (JsonNode node : results(answer)) {
            AtsApplication application = application(node);
            boolean recent = syncToken != null || updatedSince == null || application.updatedAt() == null
                    || !application.updatedAt().isBefore(updatedSince);
            if (application.active() && recent) {
                applications.add(application);
            }
        }
        String next = nextCursor(answer);
        return new AtsPage(applications, next, next == null ? VendorJson.textOrNull(answer.path("syncToken")) : null);
    }

    // ---- webhooks ----

    /**
     * The application and its current stage from a {@code candidateStageChange} or {@code applicationSubmit}
     * body ({@code {"webhookActionId", "action", "data": {"application": ...}}}, the application object of
     * application.info), with the candidate's custom fields read through {@code candidate.info} (the webhook's
     * application carries only the candidate's id, name and primary e-mail).
     *
     * @throws MalformedPayloadException when the body is not such a webhook or lacks an id or the stage
     */
    @Override
    public AtsStageEvent stageEvent(byte[] webhookBody) {
        JsonNode root = VendorJson.read(webhookBody, "the Ashby webhook body");
        String action = VendorJson.text(root.path("action"));
        if (!STAGE_ACTIONS.contains(action)) {
            throw new MalformedPayloadException("the Ashby webhook body has action '" + action + "' (expected: one of "
                    + STAGE_ACTIONS + ")");
        }
        JsonNode application = root.path("data").path("application");
        JsonNode candidate = application.path("candidate");
        JsonNode stage = application.path("currentInterviewStage");
        JsonNode job = application.path("job");
        String applicationId = required(application.path("id"), action, "data.application.id");
        String candidateId = required(candidate.path("id"), action, "data.application.candidate.id");
        String stageId = required(stage.path("id"), action, "data.application.currentInterviewStage.id");
        String stageTitle = VendorJson.text(stage.path("title"));
        if (stageTitle.isBlank()) {
            throw new MalformedPayloadException("the Ashby " + action + " body has no data.application.currentInterviewStage.title");
        }
        String[] name = splitName(VendorJson.text(candidate.path("name")));
        Map<String, String> fields = new LinkedHashMap<>();
        getCandidate(candidateId).customFieldValues().forEach((id, value) -> {
            String text = text(value);
            if (!text.isEmpty()) {
                fields.put(id, text);
            }
        });
        String jobId = VendorJson.id(job.path("id"));
        return new AtsStageEvent(action, applicationId, candidateId, jobId.isEmpty() ? null : jobId,
                VendorJson.text(job.path("title")), stageId, stageTitle, name[0], name[1],
                VendorJson.text(candidate.path("primaryEmailAddress").path("value")).trim(), fields);
    }

    /**
     * {@code candidateMerge} ({@code {"webhookActionId", "action", "data": {"deletedCandidate": {"id"},
     * "mergedCandidate": {"id", ...}}}}, Ashby's OpenAPI webhooks.candidateMerge): the candidate Ashby kept is
     * {@code mergedCandidate}, the one merged into it and deleted {@code deletedCandidate}.
     */
    @Override
    public Optional<CandidateMerge> candidateMerge(byte[] webhookBody) {
        JsonNode root = VendorJson.read(webhookBody, "the Ashby webhook body");
        if (!"candidateMerge".equals(VendorJson.text(root.path("action")))) {
            return Optional.empty();
        }
        String surviving = required(root.path("data").path("mergedCandidate").path("id"), "candidateMerge",
                "data.mergedCandidate.id");
        String deleted = required(root.path("data").path("deletedCandidate").path("id"), "candidateMerge",
                "data.deletedCandidate.id");
        return Optional.of(new CandidateMerge(surviving, deleted));
    }

    // ---- plumbing ----

    /**
     * {@code POST <base>/<method>}; the parsed answer when {@code success} is true, else a permanent
     * {@link VendorCallException} naming the method, Ashby's error code and message. A missing permission (403, or
     * {@code success: false}, with {@code missing_endpoint_permission}) names the permission the method needs.
     */
    private JsonNode call(String method, ObjectNode body) {
        HttpRequest<byte[]> request = HttpRequest.POST(URI.create(baseUrl + "/" + method), VendorJson.write(body))
                .header("Authorization", authorization)
                .header("Accept", "application/json; version=1")
                .header("Content-Type", "application/json");
        VendorHttp.Response response;
        try {
            response = http.send(VENDOR, "POST /" + method, request);
        } catch (VendorCallException e) {
            if (e.code().filter(MISSING_PERMISSION::equals).isPresent()) {
                throw missingPermission(method, e.status(), e.getMessage());
            }
            throw e;
        }
        JsonNode answer = response.json(VENDOR + " answer to " + method);
        if (!answer.path("success").asBoolean(false)) {
            String code = errorCode(answer);
            if (MISSING_PERMISSION.equals(code)) {
                throw missingPermission(method, response.status(), VENDOR + " refused " + method + errorText(answer));
            }
            throw VendorCallException.permanent(VENDOR + " refused " + method + errorText(answer), response.status(), code);
        }
        return answer;
    }

    private static VendorCallException missingPermission(String method, int status, String said) {
        String permission = PERMISSIONS.getOrDefault(method, "the permission " + method + " needs");
        return VendorCallException.permanent(VENDOR + " refused " + method + " (" + status + " " + MISSING_PERMISSION
                + "): the API key lacks the " + permission + " permission; an Ashby admin grants it under Admin > "
                + "Integrations > API Keys, then replay. Ashby said: " + said, status, MISSING_PERMISSION);
    }

    /** Ashby's error code: {@code errorInfo.code}, else the first of the deprecated {@code errors}; null when neither. */
    @Nullable
    private static String errorCode(JsonNode answer) {
        String code = VendorJson.text(answer.path("errorInfo").path("code"));
        if (code.isEmpty() && answer.path("errors").isArray() && !answer.path("errors").isEmpty()
                && answer.path("errors").get(0).isTextual()) {
            code = answer.path("errors").get(0).asText();
        }
        return code.isEmpty() ? null : code;
    }

    /** ": <code>: <message>" from {@code errorInfo} (or the older {@code errors} array). */
    private static String errorText(JsonNode answer) {
        JsonNode info = answer.path("errorInfo");
        String code = VendorJson.text(info.path("code"));
        String message = VendorJson.text(info.path("message"));
        if (code.isEmpty() && message.isEmpty()) {
            List<String> errors = VendorJson.texts(answer.path("errors"));
            message = String.join("; ", errors);
        }
        String text = (code.isEmpty() ? "" : " (code " + code + ")") + (message.isEmpty() ? "" : ": " + message);
        if (text.length() > 600) {
            text = text.substring(0, 600) + "...";
        }
        return text.isEmpty() ? " (success: false, no error details)" : text;
    }

    /** Every result of a paged list method (the query plus {@code limit} and {@code cursor}), up to {@link #MAX_PAGES} pages. */
    private List<JsonNode> listAll(String method, ObjectNode query) {
        List<JsonNode> all = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            ObjectNode body = query.deepCopy().put("limit", MAX_PAGE);
            if (cursor != null) {
                body.put("cursor", cursor);
            }
            JsonNode answer = call(method, body);
            results(answer).forEach(all::add);
            cursor = nextCursor(answer);
            if (cursor == null) {
                break;
            }
        }
        return all;
    }

    private static JsonNode results(JsonNode answer) {
        return answer.path("results");
    }

    @Nullable
    private static String nextCursor(JsonNode answer) {
        return answer.path("moreDataAvailable").asBoolean(false) ? VendorJson.textOrNull(answer.path("nextCursor")) : null;
    }

    /** {@code candidateTag.list} (bounded paging) as lower-case title to id. */
    private Map<String, String> tagIdsByTitle() {
        Map<String, String> ids = new LinkedHashMap<>();
        String cursor = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            ObjectNode body = VendorJson.object().put("limit", MAX_PAGE);
            if (cursor != null) {
                body.put("cursor", cursor);
            }
            JsonNode answer = call("candidateTag.list", body);
            for (JsonNode tag : results(answer)) {
                String title = VendorJson.text(tag.path("title")).toLowerCase(Locale.ROOT);
                if (!title.isEmpty() && !tag.path("isArchived").asBoolean(false)) {
                    ids.putIfAbsent(title, VendorJson.id(tag.path("id")));
                }
            }
            cursor = nextCursor(answer);
            if (cursor == null) {
                break;
            }
        }
        return ids;
    }

    private static AtsNote note(JsonNode node) {
        return new AtsNote(VendorJson.id(node.path("id")), VendorJson.text(node.path("content")),
                VendorJson.id(node.path("author").path("id")),
                node.path("isPrivate").asBoolean(false) ? "private" : "public",
                VendorJson.text(node.path("createdAt")));
    }

    /** customFields [{id, title, value}] as id to value. */
    private static Map<String, JsonNode> customFields(JsonNode record) {
        Map<String, JsonNode> values = new LinkedHashMap<>();
        for (JsonNode field : record.path("customFields")) {
            String id = VendorJson.id(field.path("id"));
            if (!id.isEmpty() && field.has("value")) {
                values.put(id, field.get("value"));
            }
        }
        return values;
    }

    /** A value as text: scalars as they are, arrays (MultiValueSelect) joined with ", ". */
    private static String text(JsonNode value) {
        if (value.isArray()) {
            return String.join(", ", VendorJson.texts(value));
        }
        if (value.isNumber()) {
            return value.decimalValue().stripTrailingZeros().toPlainString();
        }
        return VendorJson.text(value);
    }

    /** Ashby keeps one name: first name up to the first space, last name the rest. */
    static String[] splitName(String name) {
        String trimmed = name.strip();
        int space = trimmed.indexOf(' ');
        return space < 0 ? new String[] {trimmed, ""} : new String[] {trimmed.substring(0, space), trimmed.substring(space + 1).strip()};
    }

    private static String required(JsonNode node, String action, String field) {
        String id = VendorJson.id(node);
        if (id.isEmpty()) {
            throw new MalformedPayloadException("the Ashby " + action + " body has no " + field);
        }
        return id;
    }

    private static String checkId(String what, String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException(what + ": '" + id + "' (expected: an Ashby id, e.g. a UUID)");
        }
        return id;
    }
}
