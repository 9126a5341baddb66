package io.atsbridge.sandbox.greenhouse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atsbridge.sandbox.http.SandboxJson;
import io.atsbridge.sandbox.http.SimulatorRecords;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The Harvest v1 endpoints' behaviour, independent of the HTTP server: parameters in, {@link HarvestResult}
 * out, errors as {@link HarvestException} in Harvest's shapes. Every operation runs under the simulator's
 * lock, so a request sees and leaves a consistent state.
 */
@Singleton
final class HarvestApi {

    static final int MAX_PER_PAGE = 500;
    static final int DEFAULT_PER_PAGE = 100;
    static final List<String> NOTE_VISIBILITIES = List.of("admin_only", "private", "public");
    static final List<String> ATTACHMENT_TYPES = List.of("resume", "cover_letter", "other", "take_home_test",
            "offer_letter", "signed_offer_letter");
    /**
     * The content types Harvest accepts for an uploaded attachment, verbatim from the {@code content_type} row of
     * POST: Add Attachment to Application (grnhse/greenhouse-api-docs {@code source/includes/harvest/_applications.md}).
     */
    static final List<String> CONTENT_TYPES = List.of("application/atom+xml", "application/javascript", "application/json",
            "application/msgpack", "application/msword", "application/pdf", "application/rss+xml", "application/vnd.ms-excel",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/vnd.ms-powerpoint",
            "application/xml", "application/x-www-form-urlencoded", "application/x-yaml", "application/zip",
            "multipart/form-data", "image/bmp", "image/gif", "image/jpeg", "image/png", "image/tiff", "text/calendar",
            "text/css", "text/csv", "text/html", "text/javascript", "text/plain", "text/vcard", "video/mpeg");
    static final List<String> FIELD_TYPES = List.of("job", "candidate", "application", "offer", "opening",
            "rejection_question", "referral_question", "user_attribute");
    private static final Map<String, List<String>> CONTACT_TYPES = Map.of(
            "phone_numbers", List.of("home", "work", "mobile", "skype", "other"),
            "addresses", List.of("home", "work", "other"),
            "email_addresses", List.of("personal", "work", "other"),
            "website_addresses", List.of("personal", "company", "portfolio", "blog", "other"),
            "social_media_addresses", List.of());

    private final GreenhouseSimulator sim;

    HarvestApi(GreenhouseSimulator sim) {
        this.sim = sim;
    }

    /** The user an {@code On-Behalf-Of} header names, if it names one. */
    Optional<GreenhouseUser> onBehalfOf(@Nullable String header) {
        if (header == null || !header.trim().matches("\\d{1,18}")) {
            return Optional.empty();
        }
        return sim.user(Long.parseLong(header.trim()));
    }

    // ---------------------------------------------------------------- candidates

    HarvestResult listCandidates(String selfUrl, Map<String, List<String>> query) {
        HarvestException.Validation v = new HarvestException.Validation();
        int perPage = intParam(query, "per_page", DEFAULT_PER_PAGE, 1, MAX_PER_PAGE, v);
        int page = intParam(query, "page", 1, 1, Integer.MAX_VALUE, v);
        Instant createdBefore = timeParam(query, "created_before", v);
        Instant createdAfter = timeParam(query, "created_after", v);
        Instant updatedBefore = timeParam(query, "updated_before", v);
        Instant updatedAfter = timeParam(query, "updated_after", v);
        Set<Long> ids = idsParam(query, "candidate_ids", v);
        v.throwIfAny();
        boolean skipCount = "true".equals(first(query, "skip_count"));

        Predicate<CandidateRecord> filter = c -> (createdBefore == null || c.createdAt.isBefore(createdBefore))
                && (createdAfter == null || !c.createdAt.isBefore(createdAfter))
                && (updatedBefore == null || c.updatedAt.isBefore(updatedBefore))
                && (updatedAfter == null || !c.updatedAt.isBefore(updatedAfter))
                && (ids == null || ids.contains(c.id));
        synchronized (sim.lock) {
            List<CandidateRecord> matching = sim.candidates.values().stream().filter(filter).toList();
            return page(selfUrl, query, matching, page, perPage, skipCount, sim.renderer::candidate);
        }
    }

    /** One page of {@code matching} with Harvest v1's Link header (next, prev, last unless skip_count). */
    private static <T> HarvestResult page(String selfUrl, Map<String, List<String>> query, List<T> matching, int page,
                                          int perPage, boolean skipCount, Function<T, JsonNode> render) {
        int lastPage = Math.max(1, (matching.size() + perPage - 1) / perPage);
        ArrayNode body = SandboxJson.array();
        long from = (long) (page - 1) * perPage;
        for (long i = from; i < Math.min(matching.size(), from + perPage); i++) {
            body.add(render.apply(matching.get((int) i)));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        if (lastPage > 1 || page > 1) {
            List<String> links = new ArrayList<>();
            if (page < lastPage) {
                links.add(link(selfUrl, query, page + 1, perPage, "next"));
            }
            if (page > 1) {
                links.add(link(selfUrl, query, Math.min(page - 1, lastPage), perPage, "prev"));
            }
            if (!skipCount) {
                links.add(link(selfUrl, query, lastPage, perPage, "last"));
            }
            headers.put("Link", String.join(",", links));
        }
        return new HarvestResult(200, body, headers);
    }

    HarvestResult getCandidate(String id) {
        synchronized (sim.lock) {
            return HarvestResult.ok(sim.renderer.candidate(candidate(id)));
        }
    }

    /** PATCH /v1/candidates/{id}: validates every given field first; any error means nothing changes. */
    HarvestResult patchCandidate(String id, JsonNode body) {
        requireObject(body);
        synchronized (sim.lock) {
            CandidateRecord c = candidate(id);
            applyCandidatePatch(c, body);
            // Harvest's documented PATCH response is the candidate wrapped in a one-element array.
            ArrayNode response = SandboxJson.array();
            response.add(sim.renderer.candidate(c));
            return HarvestResult.ok(response);
        }
    }

    /**
     * Validates every field of a candidate PATCH body (v1 and v3 take the same fields) and applies them all,
     * or none when any is wrong (422). Call with the lock held.
     */
    void applyCandidatePatch(CandidateRecord c, JsonNode body) {
        HarvestException.Validation v = new HarvestException.Validation();
        List<Runnable> changes = new ArrayList<>();
        for (String name : List.of("first_name", "last_name")) {
            if (body.has(name)) {
                JsonNode value = body.get(name);
                if (!value.isTextual() || value.asText().isBlank()) {
                    v.add(name, "must be a non-blank string");
                } else {
                    String text = value.asText();
                    changes.add(name.equals("first_name") ? () -> c.firstName = text : () -> c.lastName = text);
                }
            }
        }
        for (String name : List.of("company", "title")) {
            if (body.has(name)) {
                JsonNode value = body.get(name);
                if (!value.isTextual() && !value.isNull()) {
                    v.add(name, "must be a string or null");
                } else {
                    String text = value.isNull() ? null : value.asText();
                    changes.add(name.equals("company") ? () -> c.company = text : () -> c.title = text);
                }
            }
        }
        if (body.has("is_private")) {
            JsonNode value = body.get("is_private");
            if (value.isBoolean() || (value.isTextual() && List.of("true", "false").contains(value.asText()))) {
                boolean flag = value.isBoolean() ? value.booleanValue() : Boolean.parseBoolean(value.asText());
                changes.add(() -> c.isPrivate = flag);
            } else {
                v.add("is_private", "Must be one of: true, false");
            }
        }
        contacts(body, "phone_numbers", v, changes, list -> c.phoneNumbers = list);
        contacts(body, "addresses", v, changes, list -> c.addresses = list);
        contacts(body, "email_addresses", v, changes, list -> c.emailAddresses = list);
        contacts(body, "website_addresses", v, changes, list -> c.websiteAddresses = list);
        contacts(body, "social_media_addresses", v, changes, list -> c.socialMediaAddresses = list);
        if (body.has("tags")) {
            JsonNode tags = body.get("tags");
            List<String> names = new ArrayList<>();
            if (!tags.isArray()) {
                v.add("tags", "must be an array of strings");
            } else {
                for (JsonNode tag : tags) {
                    if (!tag.isTextual() || tag.asText().isBlank()) {
                        v.add("tags", "must be an array of non-blank strings, got " + tag);
                    } else if (!names.contains(tag.asText())) {
                        names.add(tag.asText());
                    }
                }
                changes.add(() -> {
                    names.forEach(sim::tagId);
                    c.tags = names;
                });
            }
        }
        customFieldChanges(body, CustomFieldScope.CANDIDATE, c.customFields, v, changes);
        v.throwIfAny();
        changes.forEach(Runnable::run);
        c.touch(sim.stamp());
    }

    // ---------------------------------------------------------------- applications

    /**
     * GET /v1/applications: filters {@code status} (active, rejected, hired), {@code job_id},
     * {@code created_before|after}, {@code last_activity_after}; {@code per_page} 1..500 (default 100) and
     * {@code page}; RFC 5988 Link paging like the candidates list (no header when one page).
     */
    HarvestResult listApplications(String selfUrl, Map<String, List<String>> query) {
        HarvestException.Validation v = new HarvestException.Validation();
        int perPage = intParam(query, "per_page", DEFAULT_PER_PAGE, 1, MAX_PER_PAGE, v);
        int page = intParam(query, "page", 1, 1, Integer.MAX_VALUE, v);
        Instant createdBefore = timeParam(query, "created_before", v);
        Instant createdAfter = timeParam(query, "created_after", v);
        Instant activityAfter = timeParam(query, "last_activity_after", v);
        String status = first(query, "status");
        if (status != null && !GreenhouseSimulator.APPLICATION_STATUSES.contains(status)) {
            v.add("status", "Must be one of: " + String.join(", ", GreenhouseSimulator.APPLICATION_STATUSES));
        }
        Long jobId = null;
        String job = first(query, "job_id");
        if (job != null) {
            jobId = parseId(job.trim()).orElse(null);
            if (jobId == null) {
                v.add("job_id", "must be a job id, got " + job);
            }
        }
        v.throwIfAny();
        boolean skipCount = "true".equals(first(query, "skip_count"));
        Long jobFilter = jobId;
        Predicate<ApplicationRecord> filter = a -> (status == null || status.equals(a.status))
                && (jobFilter == null || jobFilter == a.jobId)
                && (createdBefore == null || a.appliedAt.isBefore(createdBefore))
                && (createdAfter == null || !a.appliedAt.isBefore(createdAfter))
                && (activityAfter == null || !a.lastActivityAt.isBefore(activityAfter));
        synchronized (sim.lock) {
            List<ApplicationRecord> matching = sim.applications.values().stream().filter(filter).toList();
            return page(selfUrl, query, matching, page, perPage, skipCount, sim.renderer::application);
        }
    }

    /**
     * POST /v1/applications/{id}/attachments: {@code filename}, {@code type}, and either {@code content} (base64,
     * with {@code content_type}) or {@code url}; {@code visibility} only for type {@code other}. Answers 201 with
     * the attachment. As harvest {@code _applications.md} documents it: a {@code take_home_test} needs an outstanding
     * test on the application, an {@code offer_letter} an existing offer, a {@code signed_offer_letter} an approved,
     * sent offer (422 otherwise); {@code content_type} must be one of {@link #CONTENT_TYPES}.
     */
    HarvestResult addAttachment(String applicationId, JsonNode body, GreenhouseUser actor) {
        requireObject(body);
        synchronized (sim.lock) {
            ApplicationRecord a = application(applicationId);
            GreenhouseAttachment attachment = attach(a, body, actor, new HarvestException.Validation());
            return HarvestResult.created(sim.renderer.attachment(attachment));
        }
    }

    /** Validates and stores an attachment upload (v1 and v3 bodies alike); call with the lock held. */
    GreenhouseAttachment attach(ApplicationRecord a, JsonNode body, GreenhouseUser actor, HarvestException.Validation v) {
        JsonNode filename = body.path("filename");
        if (!filename.isTextual() || filename.asText().isBlank()) {
            v.add("filename", "is required and must be a non-blank string");
        }
        JsonNode type = body.path("type");
        boolean typeOk = type.isTextual() && ATTACHMENT_TYPES.contains(type.asText());
        if (!typeOk) {
            v.add("type", "Must be one of: " + String.join(", ", ATTACHMENT_TYPES));
        }
        JsonNode content = body.get("content");
        JsonNode url = body.get("url");
        boolean hasContent = content != null && !content.isNull();
        boolean hasUrl = url != null && !url.isNull();
        byte[] bytes = null;
        String contentType = null;
        if (hasContent == hasUrl) {
            v.add(hasContent ? "url" : "content", hasContent
                    ? "give either content (base64) or url, not both"
                    : "is required: send the file as base64 content (with content_type) or as a url Greenhouse can fetch");
        } else if (hasContent) {
            try {
                bytes = Base64.getDecoder().decode(content.asText().replaceAll("\\s", ""));
            } catch (IllegalArgumentException e) {
                v.add("content", "must be base64-encoded file content");
            }
        } else if (!url.isTextual() || !url.asText().matches("(?i)https?://[^\\s/]+.*")) {
            v.add("url", "must be an absolute http(s) URL, got " + url);
        }
        JsonNode mime = body.get("content_type");
        if (mime != null && !mime.isNull()) {
            if (!mime.isTextual() || !CONTENT_TYPES.contains(mime.asText())) {
                v.add("content_type", "must be one of the accepted content types (" + String.join(", ", CONTENT_TYPES)
                        + "), got " + mime);
            } else {
                contentType = mime.asText();
            }
        } else if (hasContent) {
            v.add("content_type", "is required when content is given (e.g. application/pdf)");
        }
        String visibility = null;
        JsonNode visibilityNode = body.get("visibility");
        // Documented: visibility "only applies when attachment type is \"other\", and will be ignored for all other
        // attachment types. If not supplied, type \"other\" documents will default to admin_only."
        if (typeOk && "other".equals(type.asText())) {
            if (visibilityNode == null || visibilityNode.isNull()) {
                visibility = "admin_only";
            } else if (!visibilityNode.isTextual() || !NOTE_VISIBILITIES.contains(visibilityNode.asText())) {
                v.add("visibility", "Must be one of: " + String.join(", ", NOTE_VISIBILITIES));
            } else {
                visibility = visibilityNode.asText();
            }
        }
        if (typeOk) {
            switch (type.asText()) {
                case "take_home_test" -> {
                    if (a.outstandingTakeHomeTests == 0) {
                        v.add("type", "take_home_test: application " + a.id + " has no outstanding take-home test");
                    }
                }
                case "offer_letter" -> {
                    if (a.offer == GreenhouseSimulator.OfferStatus.NONE) {
                        v.add("type", "offer_letter: application " + a.id + " has no offer");
                    }
                }
                case "signed_offer_letter" -> {
                    if (a.offer != GreenhouseSimulator.OfferStatus.SENT) {
                        v.add("type", "signed_offer_letter: application " + a.id + " has no approved, sent offer letter");
                    }
                }
                default -> {
                }
            }
        }
        v.throwIfAny();
        Instant now = sim.stamp();
        GreenhouseAttachment attachment = new GreenhouseAttachment(sim.nextId(), a.id, filename.asText(), type.asText(),
                hasUrl ? url.asText() : null, bytes, contentType, visibility, actor.id(), now);
        if (type.asText().equals("take_home_test")) {
            a.outstandingTakeHomeTests--;
        }
        a.attachments.add(attachment);
        sim.touch(CustomFieldScope.APPLICATION, a.id, now);
        return attachment;
    }

    HarvestResult getApplication(String id) {
        synchronized (sim.lock) {
            return HarvestResult.ok(sim.renderer.application(application(id)));
        }
    }

    HarvestResult patchApplication(String id, JsonNode body) {
        requireObject(body);
        synchronized (sim.lock) {
            ApplicationRecord a = application(id);
            applyApplicationPatch(a, body);
            return HarvestResult.ok(sim.renderer.application(a));
        }
    }

    /** Validates and applies an application PATCH body's custom fields (v1 and v3); all or nothing. */
    void applyApplicationPatch(ApplicationRecord a, JsonNode body) {
        HarvestException.Validation v = new HarvestException.Validation();
        List<Runnable> changes = new ArrayList<>();
        customFieldChanges(body, CustomFieldScope.APPLICATION, a.customFields, v, changes);
        v.throwIfAny();
        changes.forEach(Runnable::run);
        sim.touch(CustomFieldScope.APPLICATION, a.id, sim.stamp());
    }

    /**
     * POST /v1/applications/{id}/move (same job). {@code from_stage_id} must be the current stage: it is
     * Harvest's guard against moves based on a stale read.
     */
    HarvestResult moveApplication(String id, JsonNode body, GreenhouseUser actor) {
        requireObject(body);
        synchronized (sim.lock) {
            ApplicationRecord a = application(id);
            GreenhouseJob job = SimulatorRecords.existing(sim.jobs, a.jobId, "job");
            HarvestException.Validation v = new HarvestException.Validation();
            Long fromStage = requiredId(body, "from_stage_id", v);
            Long toStage = requiredId(body, "to_stage_id", v);
            v.throwIfAny();
            // Not null past throwIfAny: a missing id was refused.
            JobStage to = job.stage(Objects.requireNonNull(toStage)).orElseThrow(() -> HarvestException.validation("to_stage_id",
                    "stage " + toStage + " is not a stage of job " + job.id() + " (" + job.name() + ")"));
            checkMovable(a, Objects.requireNonNull(fromStage));
            sim.applyMove(a, to, actor);
            return HarvestResult.ok(sim.renderer.application(a));
        }
    }

    /** POST /v1/applications/{id}/advance: to the next stage of the plan, with the same from_stage_id guard. */
    HarvestResult advanceApplication(String id, JsonNode body, GreenhouseUser actor) {
        requireObject(body);
        synchronized (sim.lock) {
            ApplicationRecord a = application(id);
            GreenhouseJob job = SimulatorRecords.existing(sim.jobs, a.jobId, "job");
            HarvestException.Validation v = new HarvestException.Validation();
            Long fromStage = requiredId(body, "from_stage_id", v);
            v.throwIfAny();
            // Not null past throwIfAny: a missing id was refused.
            checkMovable(a, Objects.requireNonNull(fromStage));
            List<JobStage> plan = job.stages();
            int index = plan.indexOf(job.stage(a.currentStageId).orElseThrow());
            if (index == plan.size() - 1) {
                throw HarvestException.validation("from_stage_id",
                        "application " + a.id + " is in the last stage of its job and cannot advance");
            }
            sim.applyMove(a, plan.get(index + 1), actor);
            return HarvestResult.ok(sim.renderer.application(a));
        }
    }

    void checkMovable(ApplicationRecord a, long fromStage) {
        if (!"active".equals(a.status)) {
            throw HarvestException.validation("application_id",
                    "application " + a.id + " is " + a.status + "; only active applications can change stage");
        }
        if (fromStage != a.currentStageId) {
            throw HarvestException.validation("from_stage_id", "from_stage_id " + fromStage
                    + " is not the application's current stage (" + a.currentStageId
                    + "); read the application again before moving it");
        }
    }

    // ---------------------------------------------------------------- jobs, custom fields, tags

    HarvestResult getJob(String id) {
        synchronized (sim.lock) {
            return HarvestResult.ok(sim.renderer.job(job(id)));
        }
    }

    HarvestResult getJobStages(String id) {
        synchronized (sim.lock) {
            return HarvestResult.ok(sim.renderer.stages(job(id)));
        }
    }

    /**
     * GET /v1/custom_fields/{field_type}: active fields only unless {@code include_inactive=true} (Harvest's
     * default is false); {@code per_page} 1..500 (default 100) and {@code page}, with Link paging like the
     * candidates list.
     */
    HarvestResult listCustomFields(String selfUrl, String fieldType, Map<String, List<String>> query) {
        if (!FIELD_TYPES.contains(fieldType)) {
            throw HarvestException.validation("field_type", "Must be one of: " + String.join(", ", FIELD_TYPES));
        }
        HarvestException.Validation v = new HarvestException.Validation();
        int perPage = intParam(query, "per_page", DEFAULT_PER_PAGE, 1, MAX_PER_PAGE, v);
        int page = intParam(query, "page", 1, 1, Integer.MAX_VALUE, v);
        v.throwIfAny();
        boolean includeInactive = "true".equals(first(query, "include_inactive"));
        boolean skipCount = "true".equals(first(query, "skip_count"));
        synchronized (sim.lock) {
            List<CustomFieldDefinition> matching = sim.customFields.values().stream()
                    .filter(f -> f.scope().apiName().equals(fieldType) && (includeInactive || f.active()))
                    .toList();
            return page(selfUrl, query, matching, page, perPage, skipCount, sim.renderer::customFieldDefinition);
        }
    }

    HarvestResult listCandidateTags() {
        synchronized (sim.lock) {
            ArrayNode body = SandboxJson.array();
            sim.tagIds.forEach((name, id) -> body.addObject().put("id", id).put("name", name));
            return HarvestResult.ok(body);
        }
    }

    HarvestResult applyTag(String candidateId, String tagId) {
        synchronized (sim.lock) {
            CandidateRecord c = candidate(candidateId);
            String name = tagName(tagId);
            if (!c.tags.contains(name)) {
                c.tags = new ArrayList<>(c.tags);
                c.tags.add(name);
            }
            c.touch(sim.stamp());
            return new HarvestResult(201, SandboxJson.object().put("success", true)
                    .put("message", "Tag " + tagId + " applied to candidate " + c.id), Map.of());
        }
    }

    HarvestResult removeTag(String candidateId, String tagId) {
        synchronized (sim.lock) {
            CandidateRecord c = candidate(candidateId);
            String name = tagName(tagId);
            c.tags = new ArrayList<>(c.tags);
            c.tags.remove(name);
            c.touch(sim.stamp());
            return HarvestResult.ok(SandboxJson.object().put("success", true)
                    .put("message", "Tag " + tagId + " removed from candidate " + c.id));
        }
    }

    // ---------------------------------------------------------------- notes and activity feed

    HarvestResult addNote(String candidateId, JsonNode body) {
        requireObject(body);
        synchronized (sim.lock) {
            CandidateRecord c = candidate(candidateId);
            HarvestException.Validation v = new HarvestException.Validation();
            Long userId = requiredId(body, "user_id", v);
            if (userId != null && !sim.users.containsKey(userId)) {
                v.add("user_id", "user " + userId + " does not exist");
            }
            JsonNode text = body.path("body");
            if (!text.isTextual() || text.asText().isBlank()) {
                v.add("body", "is required and must be a non-blank string");
            }
            JsonNode visibility = body.path("visibility");
            if (!visibility.isTextual() || !NOTE_VISIBILITIES.contains(visibility.asText())) {
                v.add("visibility", "Must be one of: " + String.join(", ", NOTE_VISIBILITIES));
            }
            v.throwIfAny();
            Instant now = sim.stamp();
            CandidateNote note = new CandidateNote(sim.nextId(), c.id, null, Objects.requireNonNull(userId), text.asText(), visibility.asText(), now);
            c.notes.add(note);
            c.touch(now);
            return HarvestResult.created(sim.renderer.note(note));
        }
    }

    HarvestResult activityFeed(String candidateId) {
        synchronized (sim.lock) {
            CandidateRecord c = candidate(candidateId);
            ObjectNode body = SandboxJson.object();
            ArrayNode notes = body.putArray("notes");
            for (int i = c.notes.size() - 1; i >= 0; i--) {
                notes.add(sim.renderer.note(c.notes.get(i)));
            }
            body.putArray("emails");
            ArrayNode activities = body.putArray("activities");
            for (int i = c.activities.size() - 1; i >= 0; i--) {
                activities.add(sim.renderer.activity(c.activities.get(i)));
            }
            return HarvestResult.ok(body);
        }
    }

    // ---------------------------------------------------------------- helpers

    /**
     * Validates {@code custom_fields[]} and queues the changes. Elements name a field by {@code id} or
     * {@code name_key}; {@code delete_value} must be the string "true" (Harvest rejects a boolean); an
     * empty array does nothing.
     */
    private void customFieldChanges(JsonNode body, CustomFieldScope scope, Map<Long, Object> values,
                                    HarvestException.Validation v, List<Runnable> changes) {
        if (!body.has("custom_fields")) {
            return;
        }
        JsonNode elements = body.get("custom_fields");
        if (!elements.isArray()) {
            v.add("custom_fields", "must be an array of {id | name_key, value | delete_value} objects");
            return;
        }
        for (JsonNode element : elements) {
            if (!element.isObject()) {
                v.add("custom_fields", "each element must be an object, got " + element);
                continue;
            }
            CustomFieldDefinition field = resolveField(element, scope, v);
            if (field == null) {
                continue;
            }
            JsonNode delete = element.get("delete_value");
            if (delete != null && !(delete.isTextual() && delete.asText().equals("false"))) {
                if (delete.isTextual() && delete.asText().equals("true")) {
                    changes.add(() -> values.remove(field.id()));
                } else {
                    v.add(field.nameKey(), "delete_value must be the string \"true\", not " + delete
                            + " (Harvest does not accept a boolean here)");
                }
                continue;
            }
            try {
                Object stored = CustomFieldValues.parse(field, element.get("value"));
                changes.add(() -> values.put(field.id(), stored));
            } catch (CustomFieldValues.InvalidValue e) {
                v.add(field.nameKey(), field.name() + " (" + field.type().apiName() + "): " + e.getMessage());
            }
        }
    }

    @Nullable
    private CustomFieldDefinition resolveField(JsonNode element, CustomFieldScope scope, HarvestException.Validation v) {
        JsonNode id = element.get("id");
        JsonNode nameKey = element.get("name_key");
        CustomFieldDefinition field = null;
        String given;
        if (id != null && !id.isNull()) {
            given = id.asText();
            if (id.canConvertToLong() || given.matches("\\d{1,18}")) {
                field = sim.customFields.get(id.canConvertToLong() ? id.longValue() : Long.parseLong(given));
            }
        } else if (nameKey != null && nameKey.isTextual()) {
            given = nameKey.asText();
            field = sim.customFields.values().stream()
                    .filter(f -> f.scope() == scope && f.nameKey().equals(nameKey.asText()))
                    .findFirst().orElse(null);
        } else {
            v.add("custom_fields", "each element needs an id or a name_key");
            return null;
        }
        if (field == null || field.scope() != scope) {
            v.add(given, "there is no " + scope.apiName() + " custom field " + given
                    + "; see GET /v1/custom_fields/" + scope.apiName());
            return null;
        }
        if (!field.active()) {
            v.add(given, "custom field " + field.nameKey() + " (" + field.name() + ") is inactive: it was deleted in "
                    + "Greenhouse and takes no values; see GET /v1/custom_fields/" + scope.apiName() + "?include_inactive=true");
            return null;
        }
        return field;
    }

    private void contacts(JsonNode body, String name, HarvestException.Validation v, List<Runnable> changes,
                          Consumer<List<ContactValue>> setter) {
        if (!body.has(name)) {
            return;
        }
        JsonNode array = body.get(name);
        if (!array.isArray()) {
            v.add(name, "must be an array of {value, type} objects");
            return;
        }
        List<String> types = SimulatorRecords.existing(CONTACT_TYPES, name, "contact kind");
        List<ContactValue> values = new ArrayList<>();
        for (JsonNode entry : array) {
            JsonNode value = entry.path("value");
            JsonNode type = entry.path("type");
            if (!value.isTextual() || value.asText().isBlank()) {
                v.add(name, "each entry needs a non-blank value");
            } else if (!types.isEmpty() && (!type.isTextual() || !types.contains(type.asText()))) {
                v.add(name, "type must be one of: " + String.join(", ", types) + ", got " + type);
            } else {
                values.add(new ContactValue(value.asText(), type.isTextual() ? type.asText() : null));
            }
        }
        changes.add(() -> setter.accept(values));
    }

    CandidateRecord candidate(String id) {
        CandidateRecord c = parseId(id).map(sim.candidates::get).orElse(null);
        if (c == null) {
            throw HarvestException.notFound("Candidate", id);
        }
        return c;
    }

    ApplicationRecord application(String id) {
        ApplicationRecord a = parseId(id).map(sim.applications::get).orElse(null);
        if (a == null) {
            throw HarvestException.notFound("Application", id);
        }
        return a;
    }

    GreenhouseJob job(String id) {
        GreenhouseJob job = parseId(id).map(sim.jobs::get).orElse(null);
        if (job == null) {
            throw HarvestException.notFound("Job", id);
        }
        return job;
    }

    private String tagName(String tagId) {
        Optional<Long> id = parseId(tagId);
        return sim.tagIds.entrySet().stream()
                .filter(e -> id.isPresent() && e.getValue().equals(id.get()))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow(() -> HarvestException.notFound("Tag", tagId));
    }

    static Optional<Long> parseId(String id) {
        return id != null && id.matches("\\d{1,18}") ? Optional.of(Long.parseLong(id)) : Optional.empty();
    }

    static void requireObject(JsonNode body) {
        if (!body.isObject()) {
            throw HarvestException.message(400, "request body must be a JSON object");
        }
    }

    @Nullable
    static Long requiredId(JsonNode body, String name, HarvestException.Validation v) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            v.add(name, "is required");
            return null;
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.longValue();
        }
        if (value.isTextual() && value.asText().matches("\\d{1,18}")) {
            return Long.parseLong(value.asText());
        }
        v.add(name, "must be an integer id, got " + value);
        return null;
    }

    @Nullable
    static String first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    static int intParam(Map<String, List<String>> query, String name, int fallback, int min, int max,
                                HarvestException.Validation v) {
        String raw = first(query, name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        v.add(name, max == Integer.MAX_VALUE ? "must be an integer >= " + min
                : "must be an integer between " + min + " and " + max + ", got " + raw);
        return fallback;
    }

    @Nullable
    static Instant timeParam(Map<String, List<String>> query, String name, HarvestException.Validation v) {
        String raw = first(query, name);
        if (raw == null || raw.isBlank()) {
            return null;
        }
        // An unencoded '+' in an offset arrives as a space.
        String text = raw.trim().replace(' ', '+');
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                v.add(name, "must be an ISO-8601 timestamp such as 2024-01-31T00:00:00Z, got " + raw);
                return null;
            }
        }
    }

    @Nullable
    static Set<Long> idsParam(Map<String, List<String>> query, String name, HarvestException.Validation v) {
        String raw = first(query, name);
        if (raw == null || raw.isBlank()) {
            return null;
        }
        Set<Long> ids = new HashSet<>();
        for (String part : raw.split(",")) {
            Optional<Long> id = parseId(part.trim());
            if (id.isEmpty()) {
                v.add(name, "must be a comma-separated list of ids, got " + raw);
                return null;
            }
            ids.add(id.get());
        }
        return ids;
    }

    private static String link(String selfUrl, Map<String, List<String>> query, int page, int perPage, String rel) {
        StringBuilder url = new StringBuilder(selfUrl).append("?page=").append(page).append("&per_page=").append(perPage);
        query.forEach((name, values) -> {
            if (!name.equals("page") && !name.equals("per_page")) {
                for (String value : values) {
                    url.append('&').append(encode(name)).append('=').append(encode(value));
                }
            }
        });
        return "<" + url + ">; rel=\"" + rel + "\"";
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
