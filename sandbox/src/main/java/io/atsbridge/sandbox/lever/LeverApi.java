package io.atsbridge.sandbox.lever;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atsbridge.sandbox.http.SandboxJson;
import io.atsbridge.sandbox.http.SimulatorRecords;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The Lever Data API v1 endpoints over the simulator's state: request checks, Lever's JSON shapes and
 * paging. Single resources answer {@code {"data": {...}}}, lists {@code {"data": [...], "hasNext": bool,
 * "next": "<token>"}} where {@code next} is only present when {@code hasNext}; the token is opaque to clients
 * (here it encodes the last item's position, so pages stay consistent while records are added).
 *
 * <p>Where Lever documents no order, lists are oldest first (by {@code createdAt}); not documented, assumed.
 *
 * <p>Every endpoint that reads or writes an opportunity or posting takes the caller's {@link Access}: confidential
 * records are for keys generated with access to confidential data ({@link LeverSimulator}).
 */
@Singleton
final class LeverApi {

    /** Lever's page size bounds: {@code limit} 1..100, default 100. */
    static final int MAX_LIMIT = 100;

    private static final String TOKEN_PREFIX = "lv1:";

    private final LeverSimulator sim;

    LeverApi(LeverSimulator sim) {
        this.sim = sim;
    }

    /** Whether the calling API key was generated with access to confidential data. */
    record Access(boolean confidential) {
    }

    /** An endpoint's answer. */
    record Result(int status, JsonNode body) {
        static Result ok(JsonNode body) {
            return new Result(200, body);
        }
    }

    // ---------------------------------------------------------------- opportunities

    /**
     * {@code GET /opportunities}: filters {@code archived} (true/false; absent for both),
     * {@code updated_at_start} / {@code updated_at_end} (epoch ms, inclusive), {@code stage_id}, {@code tag},
     * {@code confidentiality} ({@code non-confidential}, the documented default, {@code confidential} or {@code all});
     * paged by {@code limit} and {@code offset}.
     */
    Result listOpportunities(Map<String, List<String>> params, Access access) {
        String confidentiality = Optional.ofNullable(param(params, "confidentiality")).orElse("non-confidential");
        if (!List.of("non-confidential", "confidential", "all").contains(confidentiality)) {
            throw LeverApiException.badRequest("confidentiality: " + confidentiality
                    + " (expected: non-confidential, confidential or all)");
        }
        boolean wantsConfidential = !confidentiality.equals("non-confidential");
        if (wantsConfidential && !access.confidential() && sim.confidentialRefusal == LeverConfidentialRefusal.FORBIDDEN) {
            throw LeverApiException.confidential("GET /opportunities?confidentiality=" + confidentiality);
        }
        boolean includeConfidential = wantsConfidential && access.confidential();
        boolean includeOthers = !confidentiality.equals("confidential");
        Boolean archived = booleanParam(params, "archived");
        Long start = longParam(params, "updated_at_start");
        Long end = longParam(params, "updated_at_end");
        String stageId = param(params, "stage_id");
        String tag = param(params, "tag");
        synchronized (sim.lock) {
            List<OpportunityRecord> matching = sim.opportunities.values().stream()
                    .filter(o -> archived == null || archived == (o.archived != null))
                    .filter(o -> start == null || o.updatedAt.toEpochMilli() >= start)
                    .filter(o -> end == null || o.updatedAt.toEpochMilli() <= end)
                    .filter(o -> stageId == null || o.stageId.equals(stageId))
                    .filter(o -> tag == null || o.tags.contains(tag))
                    .filter(o -> sim.confidential(o) ? includeConfidential : includeOthers)
                    .toList();
            return page(params, matching, o -> o.createdAt, o -> o.id, this::opportunity);
        }
    }

    /**
     * {@code GET /opportunities/:id}; {@code expand=applications} gives the applications as objects instead of ids
     * (Lever's documented way to read them since {@code GET /opportunities/:id/applications} is deprecated). Other
     * expansions are not modelled and refused (400) rather than silently ignored.
     */
    Result getOpportunity(String id, Access access, Map<String, List<String>> params) {
        List<String> expand = new ArrayList<>();
        params.getOrDefault("expand", List.of()).forEach(v -> expand.addAll(List.of(v.split(","))));
        for (String e : expand) {
            if (!e.isBlank() && !e.trim().equals("applications")) {
                throw LeverApiException.badRequest("expand: " + e + " (expected: applications; other expansions are not "
                        + "modelled by this simulator)");
            }
        }
        synchronized (sim.lock) {
            OpportunityRecord opportunity = requireOpportunity(id, access);
            ObjectNode node = opportunity(opportunity);
            if (expand.stream().anyMatch(e -> e.trim().equals("applications"))) {
                ArrayNode applications = node.putArray("applications");
                opportunity.applicationIds.forEach(a -> applications.add(application(SimulatorRecords.existing(sim.applications, a, "application"), opportunity)));
            }
            return data(node);
        }
    }

    /** {@code GET /opportunities/:id/applications} (deprecated by Lever in favour of {@code expand=applications}). */
    Result listApplications(String opportunityId, Access access) {
        synchronized (sim.lock) {
            OpportunityRecord opportunity = requireOpportunity(opportunityId, access);
            ArrayNode list = SandboxJson.array();
            opportunity.applicationIds.forEach(id -> list.add(application(SimulatorRecords.existing(sim.applications, id, "application"), opportunity)));
            ObjectNode body = SandboxJson.object();
            body.set("data", list);
            body.put("hasNext", false);
            return Result.ok(body);
        }
    }

    /** {@code GET /opportunities/:id/notes}, paged. */
    Result listNotes(String opportunityId, Map<String, List<String>> params, Access access) {
        synchronized (sim.lock) {
            OpportunityRecord opportunity = requireOpportunity(opportunityId, access);
            return page(params, opportunity.notes, LeverNote::createdAt, LeverNote::id, LeverApi::note);
        }
    }

    /**
     * {@code POST /opportunities/:id/notes}: {@code value} (required text), {@code secret}, {@code score} (1..4),
     * {@code notifyFollowers}, {@code createdAt} (epoch ms, not in the future). Answers 201
     * {@code {"data": {"noteId": ...}}} as documented.
     */
    Result addNote(String opportunityId, @Nullable String performAs, JsonNode body, Access access) {
        ObjectNode request = requireObject(body);
        JsonNode value = request.path("value");
        if (!value.isTextual() || value.asText().isBlank()) {
            throw LeverApiException.badRequest("value: " + (value.isMissingNode() ? "missing" : value)
                    + " (expected: the note's text, a non-blank string)");
        }
        boolean secret = optionalBoolean(request, "secret");
        optionalBoolean(request, "notifyFollowers");
        Integer score = null;
        if (request.hasNonNull("score")) {
            JsonNode s = request.get("score");
            if (!s.canConvertToInt() || !s.isIntegralNumber() || s.asInt() < 1 || s.asInt() > 4) {
                throw LeverApiException.badRequest("score: " + s + " (expected: an integer 1..4, strong no to strong yes)");
            }
            score = s.asInt();
        }
        Instant createdAt = null;
        if (request.hasNonNull("createdAt")) {
            JsonNode c = request.get("createdAt");
            if (!c.isIntegralNumber() || c.asLong() > Instant.now().toEpochMilli()) {
                throw LeverApiException.badRequest("createdAt: " + c + " (expected: epoch milliseconds, not in the future)");
            }
            createdAt = Instant.ofEpochMilli(c.asLong());
        }
        synchronized (sim.lock) {
            OpportunityRecord opportunity = requireOpportunity(opportunityId, access);
            String userId = performer(performAs);
            LeverNote note = sim.applyNote(opportunity, userId, value.asText(), secret, score, createdAt);
            return new Result(201, SandboxJson.object().set("data", SandboxJson.object().put("noteId", note.id())));
        }
    }

    /** {@code PUT /opportunities/:id/stage} {@code {stage}}: an unknown stage is a 400. */
    Result changeStage(String opportunityId, @Nullable String performAs, JsonNode body, Access access) {
        ObjectNode request = requireObject(body);
        JsonNode stage = request.path("stage");
        if (!stage.isTextual() || stage.asText().isBlank()) {
            throw LeverApiException.badRequest("stage: " + (stage.isMissingNode() ? "missing" : stage)
                    + " (expected: a stage id from GET /stages)");
        }
        synchronized (sim.lock) {
            OpportunityRecord opportunity = requireOpportunity(opportunityId, access);
            LeverStage to = sim.stages.get(stage.asText());
            if (to == null) {
                throw LeverApiException.badRequest("stage: " + stage.asText()
                        + " is not a stage of this account (expected: a stage id from GET /stages)");
            }
            sim.applyMove(opportunity, to, performer(performAs));
            return data(opportunity(opportunity));
        }
    }

    /**
     * {@code PUT /opportunities/:id/archived} {@code {reason, cleanInterviews, requisitionId}}: a reason id
     * archives, {@code reason: null} restores (Lever's way of unarchiving).
     */
    Result archive(String opportunityId, @Nullable String performAs, JsonNode body, Access access) {
        ObjectNode request = requireObject(body);
        if (!request.has("reason")) {
            throw LeverApiException.badRequest("reason: missing (expected: an archive reason id from GET /archive_reasons, "
                    + "or null to unarchive)");
        }
        JsonNode reason = request.get("reason");
        if (!reason.isNull() && !reason.isTextual()) {
            throw LeverApiException.badRequest("reason: " + reason + " (expected: an archive reason id, or null)");
        }
        optionalBoolean(request, "cleanInterviews");
        if (request.hasNonNull("requisitionId") && !request.get("requisitionId").isTextual()) {
            throw LeverApiException.badRequest("requisitionId: " + request.get("requisitionId") + " (expected: a requisition id)");
        }
        synchronized (sim.lock) {
            OpportunityRecord opportunity = requireOpportunity(opportunityId, access);
            LeverArchiveReason archiveReason = null;
            if (!reason.isNull()) {
                archiveReason = sim.archiveReasons.get(reason.asText());
                if (archiveReason == null) {
                    throw LeverApiException.badRequest("reason: " + reason.asText()
                            + " is not an archive reason of this account (expected: an id from GET /archive_reasons)");
                }
            }
            sim.applyArchive(opportunity, archiveReason, performer(performAs));
            return data(opportunity(opportunity));
        }
    }

    /** {@code POST /opportunities/:id/addTags} or {@code /removeTags} {@code {tags: [...]}}; repeating one changes nothing. */
    Result tags(String opportunityId, @Nullable String performAs, JsonNode body, boolean add, Access access) {
        ObjectNode request = requireObject(body);
        JsonNode tags = request.path("tags");
        if (!tags.isArray() || tags.isEmpty()) {
            throw LeverApiException.badRequest("tags: " + (tags.isMissingNode() ? "missing" : tags)
                    + " (expected: a non-empty array of tag strings)");
        }
        List<String> names = new ArrayList<>();
        for (JsonNode tag : tags) {
            if (!tag.isTextual() || tag.asText().isBlank()) {
                throw LeverApiException.badRequest("tags: " + tag + " is not a tag (expected: non-blank strings)");
            }
            names.add(tag.asText());
        }
        synchronized (sim.lock) {
            OpportunityRecord opportunity = requireOpportunity(opportunityId, access);
            performer(performAs);
            sim.applyTags(opportunity, names, add);
            return data(opportunity(opportunity));
        }
    }

    // ---------------------------------------------------------------- other resources

    /** {@code GET /contacts/:id}. */
    Result getContact(String id) {
        synchronized (sim.lock) {
            LeverContact contact = sim.contacts.get(id);
            if (contact == null) {
                throw LeverApiException.notFound("Contact", id);
            }
            ObjectNode node = SandboxJson.object();
            node.put("id", contact.id());
            node.put("name", contact.name());
            node.put("headline", contact.headline());
            node.put("isAnonymized", false);
            if (contact.location() == null) {
                node.putNull("location");
            } else {
                node.putObject("location").put("name", contact.location());
            }
            ArrayNode emails = node.putArray("emails");
            contact.emails().forEach(emails::add);
            node.set("phones", phones(contact.phones()));
            return data(node);
        }
    }

    /** {@code GET /stages}, the pipeline in order (one page: accounts have few stages). */
    Result listStages() {
        synchronized (sim.lock) {
            ArrayNode list = SandboxJson.array();
            sim.stages.values().forEach(s -> list.add(stage(s)));
            return Result.ok(SandboxJson.object().<ObjectNode>set("data", list).put("hasNext", false));
        }
    }

    /** {@code GET /stages/:id}. */
    Result getStage(String id) {
        synchronized (sim.lock) {
            LeverStage stage = sim.stages.get(id);
            if (stage == null) {
                throw LeverApiException.notFound("Stage", id);
            }
            return data(stage(stage));
        }
    }

    /** {@code GET /postings/:id}. */
    Result getPosting(String id, Access access) {
        synchronized (sim.lock) {
            LeverPosting posting = sim.postings.get(id);
            if (posting == null || posting.confidential() && !access.confidential()
                    && sim.confidentialRefusal == LeverConfidentialRefusal.HIDDEN) {
                throw LeverApiException.notFound("Posting", id);
            }
            if (posting.confidential() && !access.confidential()) {
                throw LeverApiException.confidential("posting " + id + " is confidential");
            }
            // Every field of Lever's documented posting, in its example's order; what the sandbox does not model
            // (department, commitment, level, country, requisition codes, salary) is null or empty as Lever
            // answers for a posting without it (contracts/lever/operations.yml, getPosting overrides).
            ObjectNode node = SandboxJson.object();
            node.put("id", posting.id());
            node.put("text", posting.text());
            node.put("createdAt", posting.createdAt().toEpochMilli());
            node.put("updatedAt", posting.createdAt().toEpochMilli());
            node.put("user", posting.ownerId());
            node.put("owner", posting.ownerId());
            node.put("hiringManager", posting.ownerId());
            node.put("confidentiality", posting.confidential() ? "confidential" : "non-confidential");
            ObjectNode categories = node.putObject("categories");
            categories.put("team", posting.team());
            categories.putNull("department");
            categories.put("location", posting.location());
            ArrayNode allLocations = categories.putArray("allLocations");
            if (posting.location() != null) {
                allLocations.add(posting.location());
            }
            categories.putNull("commitment");
            categories.putNull("level");
            ObjectNode content = node.putObject("content");
            content.put("description", posting.text());
            content.put("descriptionHtml", "<div>" + html(posting.text()) + "</div>");
            content.putArray("lists");
            content.put("closing", "");
            content.put("closingHtml", "");
            node.putNull("country");
            node.putArray("tags");
            node.put("state", "published");
            ArrayNode channels = node.putArray("distributionChannels");
            channels.add("internal");
            if (!posting.confidential()) {
                channels.add("public");
            }
            node.putNull("reqCode");
            node.putArray("requisitionCodes");
            node.putNull("salaryDescription");
            node.putNull("salaryDescriptionHtml");
            node.putNull("salaryRange");
            ObjectNode urls = node.putObject("urls");
            urls.put("list", "https://jobs.lever.co/sandbox");
            urls.put("show", "https://jobs.lever.co/sandbox/" + posting.id());
            urls.put("apply", "https://jobs.lever.co/sandbox/" + posting.id() + "/apply");
            node.put("workplaceType", "unspecified");
            return data(node);
        }
    }

    /** {@code GET /archive_reasons}. */
    Result listArchiveReasons() {
        synchronized (sim.lock) {
            ArrayNode list = SandboxJson.array();
            for (LeverArchiveReason reason : sim.archiveReasons.values()) {
                list.addObject().put("id", reason.id()).put("text", reason.text()).put("status", "active")
                        .put("type", reason.hired() ? "hired" : "non-hired");
            }
            return Result.ok(SandboxJson.object().<ObjectNode>set("data", list).put("hasNext", false));
        }
    }

    /** {@code GET /users/:id}. */
    Result getUser(String id) {
        synchronized (sim.lock) {
            LeverUser user = sim.users.get(id);
            if (user == null) {
                throw LeverApiException.notFound("User", id);
            }
            ObjectNode node = SandboxJson.object();
            node.put("id", user.id());
            node.put("name", user.name());
            node.put("username", user.email().substring(0, Math.max(0, user.email().indexOf('@'))));
            node.put("email", user.email());
            node.put("accessRole", "admin");
            node.putNull("deactivatedAt");
            return data(node);
        }
    }

    // ---------------------------------------------------------------- rendering (lock held)

    ObjectNode opportunity(OpportunityRecord o) {
        LeverContact contact = SimulatorRecords.existing(sim.contacts, o.contactId, "contact");
        ObjectNode node = SandboxJson.object();
        node.put("id", o.id);
        node.put("name", contact.name());
        node.put("headline", contact.headline());
        node.put("contact", o.contactId);
        ArrayNode emails = node.putArray("emails");
        contact.emails().forEach(emails::add);
        node.set("phones", phones(contact.phones()));
        node.put("confidentiality", sim.confidential(o) ? "confidential" : "non-confidential");
        node.put("location", contact.location());
        node.putArray("links");
        node.put("createdAt", o.createdAt.toEpochMilli());
        node.put("updatedAt", o.updatedAt.toEpochMilli());
        node.put("lastInteractionAt", o.updatedAt.toEpochMilli());
        node.put("lastAdvancedAt", o.lastAdvancedAt.toEpochMilli());
        node.putNull("snoozedUntil");
        // Both shapes Lever documents: archivedAt/archiveReason as in its examples, archived {reason, archivedAt}
        // (null while active) as in its attribute table, which the connector reads.
        if (o.archived == null) {
            node.putNull("archivedAt");
            node.putNull("archiveReason");
            node.putNull("archived");
        } else {
            node.put("archivedAt", o.archived.archivedAt().toEpochMilli());
            node.put("archiveReason", o.archived.reasonId());
            node.putObject("archived").put("reason", o.archived.reasonId()).put("archivedAt", o.archived.archivedAt().toEpochMilli());
        }
        node.put("stage", o.stageId);
        ArrayNode changes = node.putArray("stageChanges");
        for (LeverStageChange change : o.stageChanges) {
            changes.addObject().put("toStageId", change.toStageId()).put("toStageIndex", change.toStageIndex())
                    .put("updatedAt", change.updatedAt().toEpochMilli()).put("userId", change.userId());
        }
        node.putNull("owner");
        ArrayNode tags = node.putArray("tags");
        o.tags.forEach(tags::add);
        ArrayNode sources = node.putArray("sources");
        o.sources.forEach(sources::add);
        node.put("origin", o.origin);
        node.putNull("sourcedBy");
        ArrayNode applications = node.putArray("applications");
        o.applicationIds.forEach(applications::add);
        node.putNull("resume");
        node.putArray("followers");
        ObjectNode urls = node.putObject("urls");
        urls.put("list", "https://hire.lever.co/candidates");
        urls.put("show", "https://hire.lever.co/candidates/" + o.id);
        node.putNull("dataProtection");
        node.put("isAnonymized", false);
        return node;
    }

    private ObjectNode application(ApplicationRecord a, OpportunityRecord o) {
        LeverContact contact = SimulatorRecords.existing(sim.contacts, o.contactId, "contact");
        ObjectNode node = SandboxJson.object();
        node.put("id", a.id());
        node.put("type", a.type());
        node.put("candidateId", o.id);
        node.put("opportunityId", o.id);
        node.put("posting", a.postingId());
        node.putNull("postingHiringManager");
        node.putNull("postingOwner");
        node.put("name", contact.name());
        node.put("email", contact.emails().isEmpty() ? null : contact.emails().get(0));
        node.putNull("phone");
        node.putNull("user");
        node.putArray("customQuestions");
        node.put("createdAt", a.createdAt().toEpochMilli());
        node.putNull("archived");
        return node;
    }

    /**
     * A note as Lever lists them: its single field of type {@code note} holds the text. {@code text} is
     * documented as the note's text; assumed equal to the field's value for a plain note.
     */
    private static ObjectNode note(LeverNote n) {
        ObjectNode node = SandboxJson.object();
        node.put("id", n.id());
        node.put("text", n.value());
        ArrayNode fields = node.putArray("fields");
        fields.addObject().put("type", "note").put("text", "Note").put("value", n.value());
        node.put("user", n.userId());
        node.put("secret", n.secret());
        if (n.score() == null) {
            node.putNull("score");
        } else {
            node.put("score", n.score());
        }
        node.put("completedAt", n.createdAt().toEpochMilli());
        node.put("createdAt", n.createdAt().toEpochMilli());
        node.putNull("deletedAt");
        return node;
    }

    private static ObjectNode stage(LeverStage s) {
        return SandboxJson.object().put("id", s.id()).put("text", s.text());
    }

    private static ArrayNode phones(List<String> phones) {
        ArrayNode array = SandboxJson.array();
        phones.forEach(p -> array.addObject().put("type", "mobile").put("value", p));
        return array;
    }

    private static Result data(JsonNode node) {
        return Result.ok(SandboxJson.object().set("data", node));
    }

    // ---------------------------------------------------------------- paging and parameters

    /** One page after the {@code offset} token's position, sorted by (createdAt, id). */
    private static <T> Result page(Map<String, List<String>> params, List<T> items, Function<T, Instant> createdAt,
                                   Function<T, String> id, Function<T, ObjectNode> render) {
        int limit = limit(params);
        String offset = param(params, "offset");
        Comparator<T> order = Comparator.comparing(createdAt).thenComparing(id);
        List<T> sorted = items.stream().sorted(order).toList();
        int from = 0;
        if (offset != null) {
            Position after = decode(offset);
            while (from < sorted.size() && compare(sorted.get(from), after, createdAt, id) <= 0) {
                from++;
            }
        }
        int to = Math.min(sorted.size(), from + limit);
        ArrayNode data = SandboxJson.array();
        sorted.subList(from, to).forEach(item -> data.add(render.apply(item)));
        ObjectNode body = SandboxJson.object();
        body.set("data", data);
        boolean hasNext = to < sorted.size();
        body.put("hasNext", hasNext);
        if (hasNext) {
            T last = sorted.get(to - 1);
            body.put("next", encode(createdAt.apply(last).toEpochMilli(), id.apply(last)));
        }
        return Result.ok(body);
    }

    private record Position(long createdAt, String id) {
    }

    private static <T> int compare(T item, Position position, Function<T, Instant> createdAt, Function<T, String> id) {
        int byTime = Long.compare(createdAt.apply(item).toEpochMilli(), position.createdAt());
        return byTime != 0 ? byTime : id.apply(item).compareTo(position.id());
    }

    private static String encode(long createdAt, String id) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((TOKEN_PREFIX + createdAt + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    private static Position decode(String token) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (text.startsWith(TOKEN_PREFIX)) {
                String rest = text.substring(TOKEN_PREFIX.length());
                int colon = rest.indexOf(':');
                if (colon > 0) {
                    return new Position(Long.parseLong(rest.substring(0, colon)), rest.substring(colon + 1));
                }
            }
        } catch (IllegalArgumentException e) {
            // Falls through to the error below: the token was not one of ours.
        }
        throw LeverApiException.badRequest("offset: " + token
                + " is not a page token (expected: the \"next\" value of the previous page, unchanged)");
    }

    private static int limit(Map<String, List<String>> params) {
        String value = param(params, "limit");
        if (value == null) {
            return MAX_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value.trim());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // Answered below.
        }
        throw LeverApiException.badRequest("limit: " + value + " (expected: an integer 1.." + MAX_LIMIT + ")");
    }

    @Nullable
    static String param(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() || values.get(0).isEmpty() ? null : values.get(0);
    }

    @Nullable
    private static Boolean booleanParam(Map<String, List<String>> params, String name) {
        String value = param(params, name);
        if (value == null) {
            return null;
        }
        if (value.equals("true") || value.equals("false")) {
            return Boolean.parseBoolean(value);
        }
        throw LeverApiException.badRequest(name + ": " + value + " (expected: true or false)");
    }

    @Nullable
    private static Long longParam(Map<String, List<String>> params, String name) {
        String value = param(params, name);
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw LeverApiException.badRequest(name + ": " + value + " (expected: a timestamp in epoch milliseconds)");
        }
    }

    private static ObjectNode requireObject(JsonNode body) {
        if (!body.isObject()) {
            throw LeverApiException.badRequest("request body: " + body.getNodeType().name().toLowerCase()
                    + " (expected: a JSON object)");
        }
        return (ObjectNode) body;
    }

    private static boolean optionalBoolean(ObjectNode request, String name) {
        JsonNode value = request.get(name);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw LeverApiException.badRequest(name + ": " + value + " (expected: true or false)");
        }
        return value.asBoolean();
    }

    /** The opportunity, as the key may see it: a confidential one is refused or hidden from a key without access. */
    private OpportunityRecord requireOpportunity(String id, Access access) {
        OpportunityRecord opportunity = sim.opportunities.get(id);
        boolean refused = opportunity != null && !access.confidential() && sim.confidential(opportunity);
        if (opportunity == null || refused && sim.confidentialRefusal == LeverConfidentialRefusal.HIDDEN) {
            throw LeverApiException.notFound("Opportunity", id);
        }
        if (refused) {
            throw LeverApiException.confidential("opportunity " + id + " is confidential");
        }
        return opportunity;
    }

    /** The user a write is attributed to: {@code perform_as}, or the API key's owner when none is given. */
    private String performer(@Nullable String performAs) {
        if (performAs == null) {
            return sim.apiUser().id();
        }
        if (!sim.users.containsKey(performAs)) {
            throw LeverApiException.badRequest("perform_as: " + performAs
                    + " is not a user of this account (expected: a user id from GET /users)");
        }
        return performAs;
    }

    /** {@code text} as HTML text (a posting's {@code descriptionHtml}). */
    private static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
