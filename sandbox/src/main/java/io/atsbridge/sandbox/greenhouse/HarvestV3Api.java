package io.atsbridge.sandbox.greenhouse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.atsbridge.sandbox.http.SandboxJson;
import io.atsbridge.sandbox.http.SimulatorRecords;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * The Harvest v3 endpoints' behaviour on the simulator's data (the same account v1 serves), independent of
 * the HTTP server. What it follows, and how sure that is (the contract file
 * {@code contracts/greenhouse-harvest-v3/operations.yml} lists each operation with its source):
 * <ul>
 *   <li>Paging, https://harvestdocs.greenhouse.io/docs/pagination: cursor based; the answer's
 *       {@code Link: <...?cursor=...>; rel="next"} is the only way on (no prev, no last); {@code cursor} must
 *       be the only query parameter (400 otherwise); filters and {@code per_page} only on the first request;
 *       {@code per_page} 1..500, default 100.</li>
 *   <li>Filters, https://harvestdocs.greenhouse.io/docs/list-endpoints: {@code ids} and parent filters are plural
 *       and comma-separated ({@code candidate_ids}, {@code application_ids}, {@code job_ids}, ...), at most 50 ids
 *       each; {@code created_at}/{@code updated_at} as {@code <op>|<ISO-8601>} with op gte, lte, gt or lt (repeat
 *       the parameter for a range). Greenhouse's own PHP client shows {@code job_ids=12345,23456,34567}
 *       (grnhse/greenhouse-tools-php README). Unknown parameters, a v1-style singular such as
 *       {@code candidate_id} among them, are refused (422) rather than ignored, so a wrong name cannot silently
 *       widen a query: assumed.</li>
 *   <li>Stages are {@code GET /v3/job_interview_stages?job_ids=}; there is no {@code /v3/job_stages}.</li>
 *   <li>Move, https://harvestdocs.greenhouse.io/reference/post_v3-applications-id-move: {@code from_stage_id}
 *       required and must be the current (job interview) stage; no {@code to_stage_id} means advance; 204.</li>
 *   <li>Attachments are {@code POST /v3/attachments} with {@code application_id}, and otherwise v1's body and rules.</li>
 *   <li>Not in the public material, each assumed or switchable in {@link HarvestV3Options}: custom field writes on
 *       {@code PATCH /v3/candidates/{id}} and {@code /v3/applications/{id}} ({@code custom_fields[]} with
 *       {@code name_key}/{@code id}, {@code value}, {@code delete_value: "true"}, as v1); tags through
 *       {@code POST /v3/candidate_tags} {name} and {@code POST /v3/applied_candidate_tags}
 *       {candidate_id, candidate_tag_id} (v1's {@code tags[]} on the PATCH, which replaces all, is still taken);
 *       the note body ({@code candidate_id}, {@code body}, {@code visibility}, and {@code user_id} and
 *       {@code note_type}, {@link HarvestV3Options#requireNoteAuthor()}); whether custom fields embed their options
 *       ({@link HarvestV3Options#embedCustomFieldOptions()}). Errors mirror v1's shapes.</li>
 * </ul>
 */
@Singleton
final class HarvestV3Api {

    private static final Set<String> TIME_OPERATORS = Set.of("gte", "lte", "gt", "lt");

    private final GreenhouseSimulator sim;
    private final HarvestApi v1;

    HarvestV3Api(GreenhouseSimulator sim, HarvestApi v1) {
        this.sim = sim;
        this.v1 = v1;
    }

    // ---------------------------------------------------------------- lists

    /** The most ids one {@code ids} or parent filter takes (docs/list-endpoints). */
    static final int MAX_FILTER_IDS = 50;
    /** The statuses {@code GET /v3/applications?status=} takes: {@code active} selects those in process. */
    static final List<String> STATUS_FILTERS = List.of("active", "rejected", "hired", "converted");

    HarvestResult listApplications(String selfUrl, Map<String, List<String>> query) {
        return list(selfUrl, query, Set.of("ids", "candidate_ids", "job_ids", "status", "created_at", "updated_at",
                        "last_activity_at"),
                (q, v) -> {
                    Set<Long> ids = ids(q, "ids", v);
                    Set<Long> candidates = ids(q, "candidate_ids", v);
                    Set<Long> jobs = ids(q, "job_ids", v);
                    String status = HarvestApi.first(q, "status");
                    if (status != null && !STATUS_FILTERS.contains(status)) {
                        v.add("status", "Must be one of: " + String.join(", ", STATUS_FILTERS));
                    }
                    Predicate<Instant> created = timeFilter(q, "created_at", v);
                    Predicate<Instant> updated = timeFilter(q, "updated_at", v);
                    Predicate<Instant> active = timeFilter(q, "last_activity_at", v);
                    return (ApplicationRecord a) -> (ids == null || ids.contains(a.id))
                            && (candidates == null || candidates.contains(a.candidateId))
                            && (jobs == null || jobs.contains(a.jobId))
                            && (status == null || status.equals(a.status))
                            && created.test(a.appliedAt) && updated.test(a.lastActivityAt) && active.test(a.lastActivityAt);
                },
                () -> sim.applications.values(), a -> a.id, sim.v3Renderer::application);
    }

    /** A stay of an application in a stage, with the application. */
    private record VisitRow(ApplicationRecord application, ApplicationRecord.StageVisit visit) {
    }

    HarvestResult listApplicationStages(String selfUrl, Map<String, List<String>> query) {
        return list(selfUrl, query, Set.of("ids", "application_ids", "job_interview_stage_ids", "current", "created_at",
                        "updated_at"),
                (q, v) -> {
                    Set<Long> ids = ids(q, "ids", v);
                    Set<Long> applications = ids(q, "application_ids", v);
                    Set<Long> stages = ids(q, "job_interview_stage_ids", v);
                    Boolean current = bool(q, "current", v);
                    Predicate<Instant> created = timeFilter(q, "created_at", v);
                    return (VisitRow r) -> (ids == null || ids.contains(r.visit().id))
                            && (applications == null || applications.contains(r.application().id))
                            && (stages == null || stages.contains(r.visit().jobStageId))
                            && (current == null || current == (r.visit() == r.application().currentVisit()))
                            && created.test(r.visit().enteredAt);
                },
                () -> sim.applications.values().stream()
                        .flatMap(a -> a.visits.stream().map(visit -> new VisitRow(a, visit))).toList(),
                r -> r.visit().id, r -> sim.v3Renderer.applicationStage(r.application(), r.visit()));
    }

    HarvestResult listCandidates(String selfUrl, Map<String, List<String>> query) {
        return list(selfUrl, query, Set.of("ids", "created_at", "updated_at", "email"),
                (q, v) -> {
                    Set<Long> ids = ids(q, "ids", v);
                    String email = HarvestApi.first(q, "email");
                    Predicate<Instant> created = timeFilter(q, "created_at", v);
                    Predicate<Instant> updated = timeFilter(q, "updated_at", v);
                    return (CandidateRecord c) -> (ids == null || ids.contains(c.id))
                            && (email == null || c.emailAddresses.stream().anyMatch(e -> e.value().equalsIgnoreCase(email)))
                            && created.test(c.createdAt) && updated.test(c.updatedAt);
                },
                () -> sim.candidates.values(), c -> c.id, sim.v3Renderer::candidate);
    }

    HarvestResult listNotes(String selfUrl, Map<String, List<String>> query) {
        return list(selfUrl, query, Set.of("ids", "candidate_ids", "application_ids", "created_at", "updated_at"),
                (q, v) -> {
                    Set<Long> ids = ids(q, "ids", v);
                    Set<Long> candidates = ids(q, "candidate_ids", v);
                    Set<Long> applications = ids(q, "application_ids", v);
                    Predicate<Instant> created = timeFilter(q, "created_at", v);
                    Predicate<Instant> updated = timeFilter(q, "updated_at", v);
                    // A note posted without application_id (and every v1 note) is on the candidate only: an
                    // application filter does not match it.
                    return (CandidateNote n) -> (ids == null || ids.contains(n.id()))
                            && (candidates == null || candidates.contains(n.candidateId()))
                            && (applications == null
                                    || (n.applicationId() != null && applications.contains(n.applicationId())))
                            && created.test(n.createdAt()) && updated.test(n.createdAt());
                },
                () -> sim.candidates.values().stream().flatMap(c -> c.notes.stream()).toList(),
                CandidateNote::id, sim.v3Renderer::note);
    }

    HarvestResult listJobs(String selfUrl, Map<String, List<String>> query) {
        return list(selfUrl, query, Set.of("ids", "status", "created_at", "updated_at"),
                (q, v) -> {
                    Set<Long> ids = ids(q, "ids", v);
                    String status = HarvestApi.first(q, "status");
                    if (status != null && !List.of("open", "closed", "draft").contains(status)) {
                        v.add("status", "Must be one of: open, closed, draft");
                    }
                    Predicate<Instant> created = timeFilter(q, "created_at", v);
                    Predicate<Instant> updated = timeFilter(q, "updated_at", v);
                    return (GreenhouseJob j) -> (ids == null || ids.contains(j.id()))
                            && (status == null || status.equals("open"))
                            && created.test(createdAt(j.id())) && updated.test(createdAt(j.id()));
                },
                () -> sim.jobs.values(), GreenhouseJob::id, sim.v3Renderer::job);
    }

    /** A job stage with its job and its place in the interview plan. */
    private record StageRow(GreenhouseJob job, JobStage stage, int sortOrder) {
    }

    /** GET /v3/job_interview_stages: {@code ids}, {@code job_ids}, {@code active}; the plan order is {@code sort_order}. */
    HarvestResult listJobInterviewStages(String selfUrl, Map<String, List<String>> query) {
        return list(selfUrl, query, Set.of("ids", "job_ids", "active", "created_at", "updated_at"),
                (q, v) -> {
                    Set<Long> ids = ids(q, "ids", v);
                    Set<Long> jobs = ids(q, "job_ids", v);
                    Boolean active = bool(q, "active", v);
                    Predicate<Instant> created = timeFilter(q, "created_at", v);
                    Predicate<Instant> updated = timeFilter(q, "updated_at", v);
                    // Every simulated stage is in its job's current plan.
                    return (StageRow r) -> (ids == null || ids.contains(r.stage().id()))
                            && (jobs == null || jobs.contains(r.job().id()))
                            && (active == null || active)
                            && created.test(createdAt(r.stage().id())) && updated.test(createdAt(r.stage().id()));
                },
                () -> {
                    List<StageRow> rows = new ArrayList<>();
                    for (GreenhouseJob job : sim.jobs.values()) {
                        for (int i = 0; i < job.stages().size(); i++) {
                            rows.add(new StageRow(job, job.stages().get(i), i));
                        }
                    }
                    return rows;
                },
                r -> r.stage().id(), r -> sim.v3Renderer.stage(r.job(), r.stage(), r.sortOrder()));
    }

    /**
     * GET /v3/custom_fields: inactive (deleted) fields are listed with the active ones, told apart by
     * {@code active}, unless {@code active=} filters; options only when {@link HarvestV3Options#embedCustomFieldOptions()}.
     */
    HarvestResult listCustomFields(String selfUrl, Map<String, List<String>> query) {
        return list(selfUrl, query, Set.of("ids", "field_type", "active", "name_key", "created_at", "updated_at"),
                (q, v) -> {
                    Set<Long> ids = ids(q, "ids", v);
                    String fieldType = HarvestApi.first(q, "field_type");
                    if (fieldType != null && !HarvestApi.FIELD_TYPES.contains(fieldType)) {
                        v.add("field_type", "Must be one of: " + String.join(", ", HarvestApi.FIELD_TYPES));
                    }
                    Boolean active = bool(q, "active", v);
                    String nameKey = HarvestApi.first(q, "name_key");
                    Predicate<Instant> created = timeFilter(q, "created_at", v);
                    Predicate<Instant> updated = timeFilter(q, "updated_at", v);
                    return (CustomFieldDefinition f) -> (ids == null || ids.contains(f.id()))
                            && (fieldType == null || fieldType.equals(f.scope().apiName()))
                            && (active == null || active == f.active())
                            && (nameKey == null || nameKey.equals(f.nameKey()))
                            && created.test(createdAt(f.id()))
                            && updated.test(sim.changedAt.getOrDefault(f.id(), createdAt(f.id())));
                },
                () -> sim.customFields.values(), CustomFieldDefinition::id, sim.v3Renderer::customField);
    }

    /** A select field's option with its field and place. */
    private record OptionRow(CustomFieldDefinition field, CustomFieldOption option, int sortOrder) {
    }

    /** GET /v3/custom_field_options: {@code ids}, {@code custom_field_ids}, {@code active}. */
    HarvestResult listCustomFieldOptions(String selfUrl, Map<String, List<String>> query) {
        return list(selfUrl, query, Set.of("ids", "custom_field_ids", "active", "created_at", "updated_at"),
                (q, v) -> {
                    Set<Long> ids = ids(q, "ids", v);
                    Set<Long> fields = ids(q, "custom_field_ids", v);
                    Boolean active = bool(q, "active", v);
                    return (OptionRow r) -> (ids == null || ids.contains(r.option().id()))
                            && (fields == null || fields.contains(r.field().id()))
                            && (active == null || active);
                },
                () -> {
                    List<OptionRow> rows = new ArrayList<>();
                    for (CustomFieldDefinition field : sim.customFields.values()) {
                        for (int i = 0; i < field.options().size(); i++) {
                            rows.add(new OptionRow(field, field.options().get(i), i));
                        }
                    }
                    return rows;
                },
                r -> r.option().id(), r -> sim.v3Renderer.customFieldOption(r.field(), r.option(), r.sortOrder()));
    }

    /** A tag and its id. */
    private record TagRow(String name, long id) {
    }

    /** GET /v3/candidate_tags: the organization's candidate tags, {@code ids} and {@code name} (exact). */
    HarvestResult listCandidateTags(String selfUrl, Map<String, List<String>> query) {
        return list(selfUrl, query, Set.of("ids", "name"),
                (q, v) -> {
                    Set<Long> ids = ids(q, "ids", v);
                    String name = HarvestApi.first(q, "name");
                    return (TagRow t) -> (ids == null || ids.contains(t.id())) && (name == null || name.equals(t.name()));
                },
                () -> sim.tagIds.entrySet().stream().map(e -> new TagRow(e.getKey(), e.getValue())).toList(),
                TagRow::id, t -> sim.v3Renderer.candidateTag(t.name(), t.id()));
    }

    /** A tag on a candidate. */
    private record AppliedTagRow(long candidateId, long tagId) {
    }

    /** GET /v3/applied_candidate_tags: {@code candidate_ids}, {@code candidate_tag_ids}. */
    HarvestResult listAppliedCandidateTags(String selfUrl, Map<String, List<String>> query) {
        return list(selfUrl, query, Set.of("ids", "candidate_ids", "candidate_tag_ids"),
                (q, v) -> {
                    Set<Long> ids = ids(q, "ids", v);
                    Set<Long> candidates = ids(q, "candidate_ids", v);
                    Set<Long> tags = ids(q, "candidate_tag_ids", v);
                    return (AppliedTagRow r) -> (ids == null || ids.contains(HarvestV3Renderer.appliedTagId(r.candidateId(), r.tagId())))
                            && (candidates == null || candidates.contains(r.candidateId()))
                            && (tags == null || tags.contains(r.tagId()));
                },
                () -> sim.candidates.values().stream()
                        .flatMap(c -> c.tags.stream().map(tag -> new AppliedTagRow(c.id, sim.tagId(tag)))).toList(),
                r -> HarvestV3Renderer.appliedTagId(r.candidateId(), r.tagId()),
                r -> sim.v3Renderer.appliedCandidateTag(r.candidateId(), r.tagId()));
    }

    // ---------------------------------------------------------------- writes

    HarvestResult patchCandidate(String id, JsonNode body) {
        HarvestApi.requireObject(body);
        synchronized (sim.lock) {
            CandidateRecord c = v1.candidate(id);
            v1.applyCandidatePatch(c, body);
            return HarvestResult.ok(sim.v3Renderer.candidate(c));
        }
    }

    HarvestResult patchApplication(String id, JsonNode body) {
        HarvestApi.requireObject(body);
        synchronized (sim.lock) {
            ApplicationRecord a = v1.application(id);
            v1.applyApplicationPatch(a, body);
            return HarvestResult.ok(sim.v3Renderer.application(a));
        }
    }

    /**
     * POST /v3/notes {candidate_id, body, visibility, user_id, note_type}: with
     * {@link HarvestV3Options#requireNoteAuthor()} (the default) {@code user_id} (an existing user, the author) and
     * {@code note_type} {@code NOTE} are required; without it they may be left out and the token's user is the author.
     */
    HarvestResult addNote(JsonNode body, GreenhouseUser tokenUser) {
        HarvestApi.requireObject(body);
        synchronized (sim.lock) {
            HarvestException.Validation v = new HarvestException.Validation();
            Long candidateId = HarvestApi.requiredId(body, "candidate_id", v);
            JsonNode text = body.path("body");
            if (!text.isTextual() || text.asText().isBlank()) {
                v.add("body", "is required and must be a non-blank string");
            }
            JsonNode visibility = body.path("visibility");
            if (!visibility.isTextual() || !HarvestApi.NOTE_VISIBILITIES.contains(visibility.asText())) {
                v.add("visibility", "Must be one of: " + String.join(", ", HarvestApi.NOTE_VISIBILITIES));
            }
            boolean require = sim.v3Options.requireNoteAuthor();
            GreenhouseUser author = tokenUser;
            if (require || body.hasNonNull("user_id")) {
                Long userId = HarvestApi.requiredId(body, "user_id", v);
                if (userId != null) {
                    GreenhouseUser named = sim.users.get(userId);
                    if (named == null) {
                        v.add("user_id", "user " + userId + " is not a user in this organization");
                    } else {
                        author = named;
                    }
                }
            }
            JsonNode noteType = body.path("note_type");
            if ((require || !noteType.isMissingNode()) && !(noteType.isTextual() && noteType.asText().equals("NOTE"))) {
                v.add("note_type", "is required and must be NOTE, got " + noteType);
            }
            Long applicationId = null;
            if (body.hasNonNull("application_id")) {
                applicationId = HarvestApi.requiredId(body, "application_id", v);
                if (applicationId != null && candidateId != null) {
                    ApplicationRecord a = sim.applications.get(applicationId);
                    if (a == null || a.candidateId != candidateId) {
                        v.add("application_id", "application " + applicationId + " is not an application of candidate " + candidateId);
                    }
                }
            }
            v.throwIfAny();
            // Not null past throwIfAny: a missing id was refused.
            CandidateRecord c = v1.candidate(Long.toString(Objects.requireNonNull(candidateId)));
            Instant now = sim.stamp();
            CandidateNote note = new CandidateNote(sim.nextId(), c.id, applicationId, author.id(), text.asText(), visibility.asText(), now);
            c.notes.add(note);
            c.touch(now);
            return HarvestResult.created(sim.v3Renderer.note(note));
        }
    }

    /** POST /v3/candidate_tags {name}: a new candidate tag of the organization; 422 when the name is taken. */
    HarvestResult addCandidateTag(JsonNode body) {
        HarvestApi.requireObject(body);
        synchronized (sim.lock) {
            JsonNode name = body.path("name");
            if (!name.isTextual() || name.asText().isBlank()) {
                throw HarvestException.validation("name", "is required and must be a non-blank string");
            }
            if (sim.tagIds.containsKey(name.asText())) {
                throw HarvestException.validation("name", "a candidate tag named " + name.asText() + " already exists");
            }
            long id = sim.tagId(name.asText());
            return HarvestResult.created(sim.v3Renderer.candidateTag(name.asText(), id));
        }
    }

    /**
     * POST /v3/applied_candidate_tags {candidate_id, candidate_tag_id}: tags the candidate; 422 when the tag
     * does not exist or the candidate already has it.
     */
    HarvestResult applyCandidateTag(JsonNode body) {
        HarvestApi.requireObject(body);
        synchronized (sim.lock) {
            HarvestException.Validation v = new HarvestException.Validation();
            Long candidateId = HarvestApi.requiredId(body, "candidate_id", v);
            Long tagId = HarvestApi.requiredId(body, "candidate_tag_id", v);
            v.throwIfAny();
            CandidateRecord c = v1.candidate(Long.toString(Objects.requireNonNull(candidateId)));
            String name = sim.tagIds.entrySet().stream().filter(e -> e.getValue().equals(tagId)).map(Map.Entry::getKey)
                    .findFirst().orElseThrow(() -> HarvestException.validation("candidate_tag_id",
                            "candidate tag " + tagId + " does not exist; create it with POST /v3/candidate_tags"));
            if (c.tags.contains(name)) {
                throw HarvestException.validation("candidate_tag_id", "candidate " + c.id + " already has tag " + name);
            }
            c.tags.add(name);
            c.touch(sim.stamp());
            return HarvestResult.created(sim.v3Renderer.appliedCandidateTag(c.id, Objects.requireNonNull(tagId)));
        }
    }

    /** POST /v3/applications/{id}/move: from_stage_id guard; to_stage_id absent means the next stage. 204. */
    HarvestResult moveApplication(String id, JsonNode body, GreenhouseUser actor) {
        HarvestApi.requireObject(body);
        synchronized (sim.lock) {
            ApplicationRecord a = v1.application(id);
            GreenhouseJob job = SimulatorRecords.existing(sim.jobs, a.jobId, "job");
            HarvestException.Validation v = new HarvestException.Validation();
            Long fromStage = HarvestApi.requiredId(body, "from_stage_id", v);
            Long toStage = optionalId(body, "to_stage_id", v);
            Long toJob = optionalId(body, "to_job_id", v);
            v.throwIfAny();
            if (toJob != null && toJob != a.jobId) {
                throw HarvestException.validation("to_job_id", "moving an application to another job is not simulated"
                        + " by the sandbox; omit to_job_id or give the application's job " + a.jobId);
            }
            v1.checkMovable(a, Objects.requireNonNull(fromStage));
            JobStage to;
            if (toStage == null) {
                List<JobStage> plan = job.stages();
                int index = plan.indexOf(job.stage(a.currentStageId).orElseThrow());
                if (index == plan.size() - 1) {
                    throw HarvestException.validation("to_stage_id", "application " + a.id
                            + " is in the last stage of its job and cannot advance; give to_stage_id");
                }
                to = plan.get(index + 1);
            } else {
                to = job.stage(toStage).orElseThrow(() -> HarvestException.validation("to_stage_id",
                        "stage " + toStage + " is not a stage of job " + job.id() + " (" + job.name() + ")"));
            }
            sim.applyMove(a, to, actor);
            return new HarvestResult(204, null, Map.of());
        }
    }

    /** POST /v3/attachments {application_id, filename, type, content|url, content_type, visibility}; 201. */
    HarvestResult addAttachment(JsonNode body, GreenhouseUser actor) {
        HarvestApi.requireObject(body);
        synchronized (sim.lock) {
            HarvestException.Validation v = new HarvestException.Validation();
            Long applicationId = HarvestApi.requiredId(body, "application_id", v);
            v.throwIfAny();
            ApplicationRecord a = v1.application(Long.toString(Objects.requireNonNull(applicationId)));
            return HarvestResult.created(sim.v3Renderer.attachment(a, v1.attach(a, body, actor, v)));
        }
    }

    // ---------------------------------------------------------------- paging and filters

    /** Builds a record filter from the (first request's) query, adding validation errors. */
    @FunctionalInterface
    private interface FilterParser<T> {
        Predicate<T> parse(Map<String, List<String>> query, HarvestException.Validation v);
    }

    private <T> HarvestResult list(String selfUrl, Map<String, List<String>> rawQuery, Set<String> filters,
                                   FilterParser<T> parser, Supplier<Collection<T>> all,
                                   ToLongFunction<T> id, Function<T, JsonNode> render) {
        Map<String, List<String>> query;
        long after;
        if (rawQuery.containsKey("cursor")) {
            if (rawQuery.size() > 1 || rawQuery.get("cursor").size() != 1) {
                throw HarvestException.message(400, "cursor must be the only query parameter: filters and per_page"
                        + " belong to the first request only; follow the Link rel=\"next\" URL as given");
            }
            Cursor cursor = Cursor.decode(rawQuery.get("cursor").get(0));
            query = cursor.query();
            after = cursor.afterId();
        } else {
            query = rawQuery;
            after = Long.MIN_VALUE;
        }
        HarvestException.Validation v = new HarvestException.Validation();
        for (String name : query.keySet()) {
            if (!name.equals("per_page") && !filters.contains(name)) {
                String plural = filters.contains(name + "s") ? " (v3 filters by parents in the plural: " + name
                        + "s, comma-separated, at most " + MAX_FILTER_IDS + " ids)" : "";
                v.add(name, "is not a parameter of this list" + plural + "; accepted: per_page, "
                        + String.join(", ", filters.stream().sorted().toList()));
            }
        }
        int perPage = HarvestApi.intParam(query, "per_page", HarvestApi.DEFAULT_PER_PAGE, 1, HarvestApi.MAX_PER_PAGE, v);
        Predicate<T> filter = parser.parse(query, v);
        v.throwIfAny();
        synchronized (sim.lock) {
            List<T> matching = all.get().stream()
                    .filter(r -> id.applyAsLong(r) > after)
                    .filter(filter)
                    .sorted((x, y) -> Long.compare(id.applyAsLong(x), id.applyAsLong(y)))
                    .toList();
            ArrayNode body = SandboxJson.array();
            matching.stream().limit(perPage).forEach(r -> body.add(render.apply(r)));
            Map<String, String> headers = new LinkedHashMap<>();
            if (matching.size() > perPage) {
                long last = id.applyAsLong(matching.get(perPage - 1));
                String next = selfUrl + "?cursor=" + URLEncoder.encode(new Cursor(last, query).encode(), StandardCharsets.UTF_8);
                headers.put("Link", "<" + next + ">; rel=\"next\"");
            }
            return new HarvestResult(200, body, headers);
        }
    }

    /**
     * Where a listing goes on: after this id, with the first request's filters and per_page. Opaque to
     * clients (base64url); decoding anything else is a 400.
     */
    private record Cursor(long afterId, Map<String, List<String>> query) {

        String encode() {
            StringBuilder text = new StringBuilder("after=").append(afterId);
            query.forEach((name, values) -> values.forEach(value -> text.append('&')
                    .append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8))));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(text.toString().getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String cursor) {
            try {
                String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
                Map<String, List<String>> query = new LinkedHashMap<>();
                Long after = null;
                for (String pair : text.split("&")) {
                    int eq = pair.indexOf('=');
                    String name = URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8);
                    String value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                    if (name.equals("after")) {
                        after = Long.parseLong(value);
                    } else {
                        query.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
                    }
                }
                if (after == null) {
                    throw new IllegalArgumentException("no position");
                }
                return new Cursor(after, query);
            } catch (RuntimeException e) {
                throw HarvestException.message(400, "cursor " + cursor + " is not a cursor this API issued;"
                        + " start the listing again without a cursor");
            }
        }
    }

    /**
     * {@code created_at}/{@code updated_at} filters: each value {@code op|timestamp}, all must hold.
     */
    private static Predicate<Instant> timeFilter(Map<String, List<String>> query, String name, HarvestException.Validation v) {
        List<String> values = query.getOrDefault(name, List.of());
        Predicate<Instant> all = t -> true;
        for (String raw : values) {
            int bar = raw.indexOf('|');
            String op = bar < 0 ? "" : raw.substring(0, bar).trim();
            if (!TIME_OPERATORS.contains(op)) {
                v.add(name, "must be <operator>|<ISO-8601 time> with operator gte, lte, gt or lt, e.g. "
                        + name + "=gte|2024-01-01T00:00:00Z; got " + raw);
                continue;
            }
            Instant at = instant(raw.substring(bar + 1));
            if (at == null) {
                v.add(name, "has no readable ISO-8601 time after '" + op + "|', got " + raw);
                continue;
            }
            Predicate<Instant> one = switch (op) {
                case "gte" -> t -> !t.isBefore(at);
                case "gt" -> t -> t.isAfter(at);
                case "lte" -> t -> !t.isAfter(at);
                default -> t -> t.isBefore(at);
            };
            all = all.and(one);
        }
        return all;
    }

    @Nullable
    private static Instant instant(String raw) {
        // An unencoded '+' in an offset arrives as a space.
        String text = raw.trim().replace(' ', '+');
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    /** An {@code ids} or parent filter: comma-separated ids, at most {@link #MAX_FILTER_IDS}; null when absent. */
    @Nullable
    private static Set<Long> ids(Map<String, List<String>> query, String name, HarvestException.Validation v) {
        Set<Long> ids = HarvestApi.idsParam(query, name, v);
        if (ids != null && ids.size() > MAX_FILTER_IDS) {
            v.add(name, "takes at most " + MAX_FILTER_IDS + " ids, got " + ids.size());
        }
        return ids;
    }

    /** A boolean filter ({@code true} or {@code false}); null when absent. */
    @Nullable
    private static Boolean bool(Map<String, List<String>> query, String name, HarvestException.Validation v) {
        String raw = HarvestApi.first(query, name);
        if (raw == null) {
            return null;
        }
        if (!raw.equals("true") && !raw.equals("false")) {
            v.add(name, "must be true or false, got " + raw);
            return null;
        }
        return Boolean.parseBoolean(raw);
    }

    @Nullable
    private static Long optionalId(JsonNode body, String name, HarvestException.Validation v) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        return HarvestApi.requiredId(body, name, v);
    }

    private Instant createdAt(long id) {
        return sim.createdAt.getOrDefault(id, Instant.EPOCH);
    }
}
