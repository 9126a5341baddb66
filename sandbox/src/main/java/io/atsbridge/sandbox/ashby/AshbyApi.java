package io.atsbridge.sandbox.ashby;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atsbridge.sandbox.http.SandboxJson;
import io.atsbridge.sandbox.http.SimulatorRecords;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Ashby's RPC methods over the simulator's state: each takes the JSON body and answers Ashby's envelope,
 * {@code {"success": true, "results": ...}} (lists add {@code moreDataAvailable}, {@code nextCursor} and, on the
 * last page, {@code syncToken}), or HTTP 200 {@code {"success": false, "errors": [code], "errorInfo": {"code",
 * "message", "requestId"}}} when Ashby would refuse (the error response of Ashby's OpenAPI requires both
 * {@code errors} and {@code errorInfo}; reference/responses). Request field names follow Ashby's OpenAPI; error
 * codes are the ones it lists where it lists any ({@code invalid_input}, {@code application_not_found}, {@code interview_stage_not_found},
 * {@code archive_reason_not_found}, the pagination codes), else {@code <object>_not_found} (assumed).
 */
@Singleton
final class AshbyApi {

    /** Ashby caps pages at 100 ({@code limit}); larger limits are capped, not refused. */
    static final int MAX_LIMIT = 100;
    /** The note content types {@code candidate.createNote} accepts. */
    static final Set<String> NOTE_TYPES = Set.of("text/plain", "text/html");

    /**
     * One answer.
     *
     * @param status the HTTP status (200 for every answer Ashby gives in its envelope)
     */
    record Answer(int status, ObjectNode body) {

        boolean success() {
            return body.path("success").asBoolean(false);
        }

        @Nullable
        String errorCode() {
            JsonNode code = body.path("errorInfo").path("code");
            return code.isTextual() ? code.asText() : null;
        }
    }

    private final AshbySimulator sim;
    private final Map<String, Function<JsonNode, ObjectNode>> methods;

    AshbyApi(AshbySimulator sim) {
        this.sim = sim;
        this.methods = Map.ofEntries(
                Map.entry("candidate.info", this::candidateInfo),
                Map.entry("candidate.createNote", this::createNote),
                Map.entry("candidate.listNotes", this::listNotes),
                Map.entry("candidate.addTag", this::addTag),
                Map.entry("candidateTag.list", this::listTags),
                Map.entry("candidateTag.create", this::createTag),
                Map.entry("application.info", this::applicationInfo),
                Map.entry("application.list", this::listApplications),
                Map.entry("application.changeStage", this::changeStage),
                Map.entry("customField.list", this::listCustomFields),
                Map.entry("customField.setValue", this::setValue),
                Map.entry("interviewStage.list", this::listStages),
                Map.entry("job.info", this::jobInfo),
                Map.entry("assessment.update", this::assessmentUpdate));
    }

    /**
     * Runs {@code method} with the raw body. Unknown methods never get here over HTTP (their paths match no route,
     * see {@link AshbyRoutes#METHODS}); in-process they are answered 404 all the same.
     */
    Answer call(String method, @Nullable String rawBody) {
        Function<JsonNode, ObjectNode> endpoint = methods.get(method);
        if (endpoint == null) {
            return new Answer(404, error("endpoint_not_found", "no Ashby API method " + method
                    + " in the simulator (it implements " + new java.util.TreeSet<>(methods.keySet()) + ")"));
        }
        try {
            JsonNode body = SandboxJson.parse(rawBody);
            if (!body.isObject()) {
                throw AshbyApiException.invalidInput("request body: " + body.getNodeType()
                        + " (expected: a JSON object of the method's parameters)");
            }
            synchronized (sim.lock) {
                return new Answer(200, endpoint.apply(body));
            }
        } catch (SandboxJson.MalformedJsonException e) {
            return new Answer(200, error("invalid_input", e.getMessage()));
        } catch (AshbyApiException e) {
            return new Answer(e.httpStatus(), error(e.code(), e.getMessage()));
        }
    }

    static ObjectNode error(String code, String message) {
        ObjectNode body = SandboxJson.object();
        body.put("success", false);
        // Ashby's OpenAPI error response requires both: the deprecated list of codes and errorInfo.
        body.putArray("errors").add(code);
        ObjectNode info = body.putObject("errorInfo");
        info.put("code", code);
        info.put("message", message);
        info.put("requestId", UUID.randomUUID().toString());
        return body;
    }

    private static ObjectNode success(JsonNode results) {
        ObjectNode body = SandboxJson.object();
        body.put("success", true);
        body.set("results", results);
        return body;
    }

    // ---------------------------------------------------------------- candidates

    /** {@code candidate.info} {id}. */
    private ObjectNode candidateInfo(JsonNode body) {
        return success(sim.renderer.candidate(candidate(requiredId(body, "id", "the candidate's id"))));
    }

    /**
     * {@code candidate.createNote} {candidateId, note, sendNotifications?, isPrivate?}: {@code note} is a string
     * (plain text) or {@code {type: text/plain | text/html, value}}. Ashby renders only a subset of HTML (b, i, u,
     * a, ul, ol, li, code, pre); the simulator stores the content as given.
     */
    private ObjectNode createNote(JsonNode body) {
        AshbySimulator.CandidateRecord candidate = candidate(requiredId(body, "candidateId", "the candidate's id"));
        JsonNode note = body.path("note");
        String content;
        String type;
        if (note.isTextual()) {
            content = note.asText();
            type = "text/plain";
        } else if (note.isObject()) {
            type = note.path("type").asText("");
            if (!NOTE_TYPES.contains(type)) {
                throw AshbyApiException.invalidInput("note.type: '" + type + "' (expected: one of " + NOTE_TYPES + ")");
            }
            if (!note.path("value").isTextual()) {
                throw AshbyApiException.invalidInput("note.value: missing (expected: the note's content as a string)");
            }
            content = note.path("value").asText();
        } else {
            throw AshbyApiException.invalidInput("note: " + (note.isMissingNode() ? "missing" : note.getNodeType())
                    + " (expected: a string, or {\"type\": \"text/plain\" | \"text/html\", \"value\": \"...\"})");
        }
        if (content.isBlank()) {
            throw AshbyApiException.invalidInput("note: empty (expected: some content)");
        }
        if (content.length() > AshbyFieldValues.MAX_TEXT) {
            throw AshbyApiException.invalidInput("note: " + content.length() + " characters (expected: at most "
                    + AshbyFieldValues.MAX_TEXT + ")");
        }
        boolean isPrivate = optionalBoolean(body, "isPrivate", false);
        boolean notify = optionalBoolean(body, "sendNotifications", false);
        if (isPrivate && !sim.privateFieldAccess
                && sim.privateNoteWithoutAccess == AshbySimulator.PrivateNoteWithoutAccess.REFUSE) {
            throw new AshbyApiException("missing_endpoint_permission", "Private notes require the API key permission "
                    + "\"Allow access to non-offer private fields?\", which this key does not have", 403);
        }
        AshbyNote created = sim.note(candidate.id, content, type, isPrivate, notify, sim.apiUser.id());
        return success(sim.renderer.note(created));
    }

    /**
     * {@code candidate.listNotes} {candidateId, cursor?, limit?}: the notes oldest first (order not documented; assumed).
     * Private notes only when the key has "Allow access to non-offer private fields?" (documented as needed to view
     * them; that they are left out rather than the call refused is assumed).
     */
    private ObjectNode listNotes(JsonNode body) {
        AshbySimulator.CandidateRecord candidate = candidate(requiredId(body, "candidateId", "the candidate's id"));
        String scope = "candidate.listNotes:" + candidate.id;
        List<String> ids = candidate.notes.stream().filter(n -> sim.privateFieldAccess || !n.isPrivate())
                .map(AshbyNote::id).toList();
        return paged(body, scope, ids, id -> sim.renderer.note(candidate.notes.stream()
                .filter(n -> n.id().equals(id)).findFirst().orElseThrow()));
    }

    /** {@code candidate.addTag} {candidateId, tagId}: answers the candidate; adding a tag it has changes nothing. */
    private ObjectNode addTag(JsonNode body) {
        AshbySimulator.CandidateRecord candidate = candidate(requiredId(body, "candidateId", "the candidate's id"));
        String tagId = requiredId(body, "tagId", "the id of a tag from candidateTag.list or candidateTag.create");
        if (!sim.tags.containsKey(tagId)) {
            throw AshbyApiException.notFound("tag", tagId);
        }
        if (!candidate.tagIds.contains(tagId)) {
            candidate.tagIds.add(tagId);
            candidate.updatedAt = sim.stamp();
        }
        return success(sim.renderer.candidate(candidate));
    }

    /** {@code candidateTag.list} {includeArchived?, cursor?, limit?}. */
    private ObjectNode listTags(JsonNode body) {
        List<String> ids = sim.tags.values().stream().map(AshbyTag::id).toList();
        return paged(body, "candidateTag.list", ids, id -> sim.renderer.tag(SimulatorRecords.existing(sim.tags, id, "tag")));
    }

    /**
     * {@code candidateTag.create} {title}: a new tag; "If a tag already exists with that title, the existing tag will be
     * returned" (Ashby's OpenAPI). Whether the title is compared ignoring case is not documented; the simulator does.
     */
    private ObjectNode createTag(JsonNode body) {
        JsonNode title = body.path("title");
        if (!title.isTextual() || title.asText().isBlank()) {
            throw AshbyApiException.invalidInput("title: " + (title.isMissingNode() ? "missing" : title.toString())
                    + " (expected: the tag's title, e.g. \"AI interviewed\")");
        }
        return success(sim.renderer.tag(sim.tagNamed(title.asText())));
    }

    // ---------------------------------------------------------------- applications

    /** {@code application.info} {applicationId}. */
    private ObjectNode applicationInfo(JsonNode body) {
        return success(sim.renderer.application(application(requiredId(body, "applicationId", "the application's id"))));
    }

    /**
     * {@code application.list} {limit?, cursor?, syncToken?, status?, jobId?}. A pass without a cursor snapshots
     * the matching applications (oldest first); with a syncToken only those changed since the token's pass
     * started. The last page carries a new {@code syncToken}. A cursor continues its own pass (a syncToken sent
     * with it is only checked).
     */
    private ObjectNode listApplications(JsonNode body) {
        String scope = "application.list";
        int limit = limit(body);
        String status = null;
        if (body.hasNonNull("status")) {
            status = body.get("status").asText();
            if (!AshbySimulator.APPLICATION_STATUSES.contains(status)) {
                throw AshbyApiException.invalidInput("status: '" + status + "' (expected: one of "
                        + AshbySimulator.APPLICATION_STATUSES + ")");
            }
        }
        String jobId = body.hasNonNull("jobId") ? body.get("jobId").asText() : null;
        long since = -1;
        if (body.hasNonNull("syncToken")) {
            since = sim.paging.syncBase(textParam(body, "syncToken"));
        }
        AshbyPaging.Page page;
        long syncBase;
        if (body.hasNonNull("cursor")) {
            AshbyPaging.Cursor cursor = sim.paging.cursor(textParam(body, "cursor"), scope);
            syncBase = cursor.syncBase();
            page = sim.paging.page(scope, cursor.ids(), cursor.offset(), limit, syncBase);
        } else {
            syncBase = sim.changeCounter();
            List<String> ids = new ArrayList<>();
            for (AshbySimulator.ApplicationRecord a : sim.applications.values()) {
                if ((status == null || status.equals(a.status)) && (jobId == null || jobId.equals(a.jobId))
                        && a.version > since) {
                    ids.add(a.id);
                }
            }
            if (since >= 0 && sim.incrementalSyncLimit > 0 && ids.size() > sim.incrementalSyncLimit) {
                throw new AshbyApiException("incremental_sync_too_large", ids.size() + " applications changed since "
                        + "the syncToken's sync, more than an incremental sync lists: discard the syncToken and run a "
                        + "full sync (no syncToken)");
            }
            page = sim.paging.page(scope, ids, 0, limit, syncBase);
        }
        ArrayNode results = SandboxJson.array();
        for (String id : page.ids()) {
            // An application deleted with its candidate after the pass started is skipped, not an error.
            AshbySimulator.ApplicationRecord a = sim.applications.get(id);
            if (a != null) {
                results.add(sim.renderer.application(a));
            }
        }
        ObjectNode answer = success(results);
        answer.put("moreDataAvailable", page.nextCursor() != null);
        if (page.nextCursor() != null) {
            answer.put("nextCursor", page.nextCursor());
        } else {
            answer.put("syncToken", sim.paging.issueSyncToken(syncBase));
        }
        return answer;
    }

    /**
     * {@code application.changeStage} {applicationId, interviewStageId, archiveReasonId?}: the stage must be in the
     * application's interview plan; an {@code Archived} stage needs an archive reason and other stages take none
     * (Ashby's documented {@code invalid_input} cases). Sends candidateStageChange + applicationUpdate.
     */
    private ObjectNode changeStage(JsonNode body) {
        AshbySimulator.ApplicationRecord application = application(requiredId(body, "applicationId", "the application's id"));
        String stageId = requiredId(body, "interviewStageId", "the id of a stage from interviewStage.list");
        AshbyJob job = SimulatorRecords.existing(sim.jobs, application.jobId, "job");
        AshbyInterviewStage stage = job.stage(stageId).orElse(null);
        if (stage == null) {
            throw new AshbyApiException("interview_stage_not_found", "interview stage " + stageId
                    + " is not in the interview plan of application " + application.id + " (plan " + job.interviewPlanId()
                    + "; list its stages with interviewStage.list)");
        }
        String reasonId = body.hasNonNull("archiveReasonId") ? body.get("archiveReasonId").asText() : null;
        if (stage.type().equals("Archived")) {
            if (reasonId == null) {
                throw AshbyApiException.invalidInput("archiveReasonId: missing (expected: an archive reason id; "
                        + "it is required for archive stages)");
            }
            if (!sim.archiveReasons.containsKey(reasonId)) {
                throw AshbyApiException.notFound("archive_reason", reasonId);
            }
        } else if (reasonId != null) {
            throw AshbyApiException.invalidInput("archiveReasonId: given for stage " + stage.title() + " of type "
                    + stage.type() + " (archive fields are not allowed for non-archive stages)");
        }
        application.archiveReasonId = reasonId;
        sim.applyMove(application, stage);
        return success(sim.renderer.application(application));
    }

    // ---------------------------------------------------------------- custom fields, stages, jobs

    /** {@code customField.list} {cursor?, limit?}. */
    private ObjectNode listCustomFields(JsonNode body) {
        List<String> ids = List.copyOf(sim.customFields.keySet());
        return paged(body, "customField.list", ids, id -> sim.renderer.customField(SimulatorRecords.existing(sim.customFields, id, "custom field")));
    }

    /**
     * {@code customField.setValue} {objectType: Candidate | Application, objectId, fieldId, fieldValue}: the value
     * must fit the field's type ({@link AshbyFieldValues}); a select takes an option's value, never its label; null
     * clears it. Answers {@code {id, isPrivate, title, value, valueLabel}} of the field on the object (Ashby's
     * OpenAPI, customField.setValue response; {@code valueLabel} only for select fields).
     */
    private ObjectNode setValue(JsonNode body) {
        String typeName = textParam(body, "objectType");
        AshbyObjectType objectType = AshbyObjectType.fromApi(typeName).orElseThrow(() -> AshbyApiException.invalidInput(
                "objectType: '" + typeName + "' (expected: Candidate or Application; the simulator models no others)"));
        String objectId = requiredId(body, "objectId", "the id of the " + objectType.apiName().toLowerCase() + "");
        String fieldId = requiredId(body, "fieldId", "the id of a custom field from customField.list");
        if (objectType == AshbyObjectType.CANDIDATE) {
            candidate(objectId);
        } else {
            application(objectId);
        }
        AshbyCustomField field = sim.customFields.get(fieldId);
        if (field == null) {
            throw AshbyApiException.notFound("custom_field", fieldId);
        }
        if (field.objectType() != objectType) {
            throw AshbyApiException.invalidInput("fieldId " + fieldId + " (" + field.title() + ") is a "
                    + field.objectType().apiName() + " field, not a " + objectType.apiName() + " field");
        }
        if (!body.has("fieldValue")) {
            throw AshbyApiException.invalidInput("fieldValue: missing (expected: a value of the field's type "
                    + field.fieldType().apiName() + ", or null to clear it)");
        }
        sim.storeValue(objectType, objectId, field, body.get("fieldValue"));
        JsonNode stored = sim.valuesOf(objectType, objectId).get(field.id());
        return success(sim.renderer.customFieldValue(field, stored));
    }

    /** {@code interviewStage.list} {interviewPlanId}: the plan's stages in order. */
    private ObjectNode listStages(JsonNode body) {
        String planId = requiredId(body, "interviewPlanId", "the job's interview plan id (job.info interviewPlanIds)");
        AshbyJob job = sim.jobs.values().stream().filter(j -> j.interviewPlanId().equals(planId)).findFirst()
                .orElseThrow(() -> AshbyApiException.notFound("interview_plan", planId));
        ArrayNode results = SandboxJson.array();
        job.stages().forEach(s -> results.add(sim.renderer.stage(s)));
        ObjectNode answer = success(results);
        answer.put("moreDataAvailable", false);
        return answer;
    }

    /** {@code job.info} {id}. */
    private ObjectNode jobInfo(JsonNode body) {
        String id = requiredId(body, "id", "the job's id");
        AshbyJob job = sim.jobs.get(id);
        if (job == null) {
            throw AshbyApiException.notFound("job", id);
        }
        return success(sim.renderer.job(job));
    }

    // ---------------------------------------------------------------- assessments (partner calls Ashby)

    /**
     * {@code assessment.update} (developers.ashbyhq.com docs/assessmentupdate and Ashby's OpenAPI): assessment_id
     * and timestamp (ms since the epoch) required; assessment_status required unless cancelled_reason is given;
     * assessment_profile_url required when assessment_result is given; each of these and every metadata item is an
     * AssessmentDataValue {identifier, label, description?, type (numeric_score, numeric_duration_minutes, url,
     * string, boolean_success), value (string, number or boolean)}; metadata identifiers are unique. The simulator
     * accepts any assessment id (whether Ashby refuses unknown ids is not documented) and answers
     * {@code {"success": true, "results": {}}} (response body not documented; assumed).
     */
    private ObjectNode assessmentUpdate(JsonNode body) {
        String assessmentId = requiredId(body, "assessment_id", "the assessment_id your assessment.start answered");
        JsonNode timestamp = body.path("timestamp");
        if (!timestamp.isIntegralNumber() || timestamp.asLong() <= 0) {
            throw AshbyApiException.invalidInput("timestamp: " + (timestamp.isMissingNode() ? "missing" : timestamp.toString())
                    + " (expected: milliseconds since the Unix epoch when the update occurred, e.g. 1665680638489)");
        }
        boolean cancelled = body.hasNonNull("cancelled_reason");
        if (!body.hasNonNull("assessment_status") && !cancelled) {
            throw AshbyApiException.invalidInput("assessment_status: missing (expected: an AssessmentDataValue, "
                    + "e.g. {\"identifier\": \"status\", \"label\": \"Status\", \"type\": \"string\", \"value\": \"Started\"}; "
                    + "it is required unless cancelled_reason is given)");
        }
        if (body.hasNonNull("assessment_result") && !body.hasNonNull("assessment_profile_url")) {
            throw AshbyApiException.invalidInput("assessment_profile_url: missing (expected: an AssessmentDataValue "
                    + "of type url linking to the result on your site; it is required when assessment_result is set)");
        }
        for (String field : List.of("assessment_status", "assessment_profile_url", "assessment_result", "cancelled_reason")) {
            if (body.hasNonNull(field)) {
                AssessmentDataValues.check(field, body.get(field));
            }
        }
        if (body.hasNonNull("assessment_profile_url")
                && !"url".equals(body.get("assessment_profile_url").path("type").asText())) {
            throw AshbyApiException.invalidInput("assessment_profile_url.type: '"
                    + body.get("assessment_profile_url").path("type").asText() + "' (expected: url)");
        }
        if (body.has("metadata") && !body.get("metadata").isNull()) {
            AssessmentDataValues.checkMetadata(body.get("metadata"));
        }
        sim.assessmentUpdates.computeIfAbsent(assessmentId, id -> new ArrayList<>())
                .add(new AssessmentUpdate(assessmentId, timestamp.asLong(), body.deepCopy(), Instant.now()));
        return success(SandboxJson.object());
    }

    // ---------------------------------------------------------------- helpers (lock held)

    /** A paged list: {@code limit} (1..100, default 100) and {@code cursor}; no sync token (not an incremental endpoint). */
    private ObjectNode paged(JsonNode body, String scope, List<String> ids, Function<String, JsonNode> render) {
        int limit = limit(body);
        AshbyPaging.Page page;
        if (body.hasNonNull("cursor")) {
            AshbyPaging.Cursor cursor = sim.paging.cursor(textParam(body, "cursor"), scope);
            page = sim.paging.page(scope, cursor.ids(), cursor.offset(), limit, cursor.syncBase());
        } else {
            page = sim.paging.page(scope, ids, 0, limit, sim.changeCounter());
        }
        ArrayNode results = SandboxJson.array();
        page.ids().forEach(id -> results.add(render.apply(id)));
        ObjectNode answer = success(results);
        answer.put("moreDataAvailable", page.nextCursor() != null);
        if (page.nextCursor() != null) {
            answer.put("nextCursor", page.nextCursor());
        }
        return answer;
    }

    private static int limit(JsonNode body) {
        if (!body.hasNonNull("limit")) {
            return MAX_LIMIT;
        }
        JsonNode limit = body.get("limit");
        if (!limit.isIntegralNumber() || limit.asLong() < 1) {
            throw AshbyApiException.invalidInput("limit: " + limit + " (expected: a whole number from 1 to " + MAX_LIMIT + ")");
        }
        return (int) Math.min(MAX_LIMIT, limit.asLong());
    }

    private AshbySimulator.CandidateRecord candidate(String id) {
        AshbySimulator.CandidateRecord candidate = sim.candidates.get(id);
        if (candidate == null) {
            throw AshbyApiException.notFound("candidate", id);
        }
        return candidate;
    }

    private AshbySimulator.ApplicationRecord application(String id) {
        AshbySimulator.ApplicationRecord application = sim.applications.get(id);
        if (application == null) {
            throw AshbyApiException.notFound("application", id);
        }
        return application;
    }

    private static String requiredId(JsonNode body, String name, String expected) {
        JsonNode value = body.path(name);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw AshbyApiException.invalidInput(name + ": " + (value.isMissingNode() ? "missing" : value.toString())
                    + " (expected: " + expected + ", a string)");
        }
        return value.asText();
    }

    private static String textParam(JsonNode body, String name) {
        JsonNode value = body.path(name);
        if (!value.isTextual()) {
            throw AshbyApiException.invalidInput(name + ": " + (value.isMissingNode() ? "missing" : value.toString())
                    + " (expected: a string)");
        }
        return value.asText();
    }

    private static boolean optionalBoolean(JsonNode body, String name, boolean fallback) {
        JsonNode value = body.path(name);
        if (value.isMissingNode() || value.isNull()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            throw AshbyApiException.invalidInput(name + ": " + value + " (expected: true or false)");
        }
        return value.asBoolean();
    }
}
