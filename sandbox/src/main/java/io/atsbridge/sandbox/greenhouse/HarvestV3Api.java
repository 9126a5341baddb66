package io.atsbridge.sandbox.greenhouse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.atsbridge.sandbox.http.SandboxJson;
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
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * The Harvest v3 endpoints' behaviour on the simulator's data (the same account v1 serves), independent of
 * the HTTP server. What it follows:
 * <ul>
 *   <li>Paging, https://harvestdocs.greenhouse.io/docs/pagination: cursor based; the answer's
 *       {@code Link: <...?cursor=...>; rel="next"} is the only way on (no prev, no last); {@code cursor} must
 *       be the only query parameter (400 otherwise); filters and {@code per_page} only on the first request.
 *       {@code per_page} 1..500, default 100: not documented for v3; assumed (mirrors v1).</li>
 *   <li>Filters, https://harvestdocs.greenhouse.io/docs/list-endpoints: {@code ids}, parent ids,
 *       {@code created_at}/{@code updated_at} as {@code <op>|<ISO-8601>} with op gte, lte, gt or lt (repeat
 *       the parameter for a range). Unknown parameters are refused (422) rather than ignored, so a v1 name
 *       such as {@code updated_after} cannot silently widen a query: not documented; assumed.</li>
 *   <li>Move, https://harvestdocs.greenhouse.io/reference/post_v3-applications-id-move: {@code from_stage_id}
 *       required and must be the current stage; no {@code to_stage_id} means advance; 204.</li>
 *   <li>Custom field and tag writes on {@code PATCH /v3/candidates/{id}} and {@code /v3/applications/{id}},
 *       note create ({@code POST /v3/notes}) and attachments ({@code POST /v3/applications/{id}/attachments}):
 *       not documented in the sources at hand; assumed (mirror v1: {@code custom_fields[]} with
 *       {@code name_key}/{@code id}, {@code value}, {@code delete_value: "true"}; {@code tags[]} replaces all;
 *       notes take {@code candidate_id}, {@code body}, {@code visibility}, the user being the token's
 *       {@code sub}). Errors mirror v1's shapes.</li>
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

    HarvestResult listApplications(String selfUrl, Map<String, List<String>> query) {
        return list(selfUrl, query, Set.of("ids", "candidate_id", "job_id", "status", "created_at", "updated_at"),
                (q, v) -> {
                    Set<Long> ids = HarvestApi.idsParam(q, "ids", v);
                    Set<Long> candidates = HarvestApi.idsParam(q, "candidate_id", v);
                    Set<Long> jobs = HarvestApi.idsParam(q, "job_id", v);
                    String status = HarvestApi.first(q, "status");
                    if (status != null && !GreenhouseSimulator.APPLICATION_STATUSES.contains(status)) {
                        v.add("status", "Must be one of: " + String.join(", ", GreenhouseSimulator.APPLICATION_STATUSES));
                    }
                    Predicate<Instant> created = timeFilter(q, "created_at", v);
                    Predicate<Instant> updated = timeFilter(q, "updated_at", v);
                    return (ApplicationRecord a) -> (ids == null || ids.contains(a.id))
                            && (candidates == null || candidates.contains(a.candidateId))
                            && (jobs == null || jobs.contains(a.jobId))
                            && (status == null || status.equals(a.status))
                            && created.test(a.appliedAt) && updated.test(a.lastActivityAt);
                },
                () -> sim.applications.values(), a -> a.id, sim.v3Renderer::application);
    }

    HarvestResult listCandidates(String selfUrl, Map<String, List<String>> query) {
        return list(selfUrl, query, Set.of("ids", "created_at", "updated_at"),
                (q, v) -> {
                    Set<Long> ids = HarvestApi.idsParam(q, "ids", v);
                    Predicate<Instant> created = timeFilter(q, "created_at", v);
                    Predicate<Instant> updated = timeFilter(q, "updated_at", v);
                    return (CandidateRecord c) -> (ids == null || ids.contains(c.id))
                            && created.test(c.createdAt) && updated.test(c.updatedAt);
                },
                () -> sim.candidates.values(), c -> c.id, sim.v3Renderer::candidate);
    }

    HarvestResult listNotes(String selfUrl, Map<String, List<String>> query) {
        return list(selfUrl, query, Set.of("ids", "candidate_id", "created_at", "updated_at"),
                (q, v) -> {
                    Set<Long> ids = HarvestApi.idsParam(q, "ids", v);
                    Set<Long> candidates = HarvestApi.idsParam(q, "candidate_id", v);
                    Predicate<Instant> created = timeFilter(q, "created_at", v);
                    Predicate<Instant> updated = timeFilter(q, "updated_at", v);
                    return (CandidateNote n) -> (ids == null || ids.contains(n.id()))
                            && (candidates == null || candidates.contains(n.candidateId()))
                            && created.test(n.createdAt()) && updated.test(n.createdAt());
                },
                () -> sim.candidates.values().stream().flatMap(c -> c.notes.stream()).toList(),
                CandidateNote::id, sim.v3Renderer::note);
    }

    HarvestResult listJobs(String selfUrl, Map<String, List<String>> query) {
        return list(selfUrl, query, Set.of("ids", "created_at", "updated_at"),
                (q, v) -> {
                    Set<Long> ids = HarvestApi.idsParam(q, "ids", v);
                    Predicate<Instant> created = timeFilter(q, "created_at", v);
                    Predicate<Instant> updated = timeFilter(q, "updated_at", v);
                    return (GreenhouseJob j) -> (ids == null || ids.contains(j.id()))
                            && created.test(createdAt(j.id())) && updated.test(createdAt(j.id()));
                },
                () -> sim.jobs.values(), GreenhouseJob::id, sim.v3Renderer::job);
    }

    /** A job stage with its job and its place in the interview plan. */
    private record StageRow(GreenhouseJob job, JobStage stage, int sortOrder) {
    }

    HarvestResult listJobStages(String selfUrl, Map<String, List<String>> query) {
        return list(selfUrl, query, Set.of("ids", "job_id", "created_at", "updated_at"),
                (q, v) -> {
                    Set<Long> ids = HarvestApi.idsParam(q, "ids", v);
                    Set<Long> jobs = HarvestApi.idsParam(q, "job_id", v);
                    Predicate<Instant> created = timeFilter(q, "created_at", v);
                    Predicate<Instant> updated = timeFilter(q, "updated_at", v);
                    return (StageRow r) -> (ids == null || ids.contains(r.stage().id()))
                            && (jobs == null || jobs.contains(r.job().id()))
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
     * {@code active}; v3 filters by activity are not documented in the sources at hand, so none is simulated.
     */
    HarvestResult listCustomFields(String selfUrl, Map<String, List<String>> query) {
        return list(selfUrl, query, Set.of("ids", "field_type", "created_at", "updated_at"),
                (q, v) -> {
                    Set<Long> ids = HarvestApi.idsParam(q, "ids", v);
                    String fieldType = HarvestApi.first(q, "field_type");
                    if (fieldType != null && !HarvestApi.FIELD_TYPES.contains(fieldType)) {
                        v.add("field_type", "Must be one of: " + String.join(", ", HarvestApi.FIELD_TYPES));
                    }
                    Predicate<Instant> created = timeFilter(q, "created_at", v);
                    Predicate<Instant> updated = timeFilter(q, "updated_at", v);
                    return (CustomFieldDefinition f) -> (ids == null || ids.contains(f.id()))
                            && (fieldType == null || fieldType.equals(f.scope().apiName()))
                            && created.test(createdAt(f.id()))
                            && updated.test(sim.changedAt.getOrDefault(f.id(), createdAt(f.id())));
                },
                () -> sim.customFields.values(), CustomFieldDefinition::id, sim.v3Renderer::customField);
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

    /** POST /v3/notes {candidate_id, body, visibility}; the author is the token's user. */
    HarvestResult addNote(JsonNode body, GreenhouseUser author) {
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
            v.throwIfAny();
            CandidateRecord c = v1.candidate(Long.toString(candidateId));
            Instant now = sim.stamp();
            CandidateNote note = new CandidateNote(sim.nextId(), c.id, author.id(), text.asText(), visibility.asText(), now);
            c.notes.add(note);
            c.touch(now);
            return HarvestResult.created(sim.v3Renderer.note(note));
        }
    }

    /** POST /v3/applications/{id}/move: from_stage_id guard; to_stage_id absent means the next stage. 204. */
    HarvestResult moveApplication(String id, JsonNode body, GreenhouseUser actor) {
        HarvestApi.requireObject(body);
        synchronized (sim.lock) {
            ApplicationRecord a = v1.application(id);
            GreenhouseJob job = sim.jobs.get(a.jobId);
            HarvestException.Validation v = new HarvestException.Validation();
            Long fromStage = HarvestApi.requiredId(body, "from_stage_id", v);
            Long toStage = optionalId(body, "to_stage_id", v);
            Long toJob = optionalId(body, "to_job_id", v);
            v.throwIfAny();
            if (toJob != null && toJob != a.jobId) {
                throw HarvestException.validation("to_job_id", "moving an application to another job is not simulated"
                        + " by the sandbox; omit to_job_id or give the application's job " + a.jobId);
            }
            v1.checkMovable(a, fromStage);
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

    HarvestResult addAttachment(String applicationId, JsonNode body, GreenhouseUser actor) {
        return v1.addAttachment(applicationId, body, actor);
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
                v.add(name, "is not a parameter of this list; accepted: per_page, " + String.join(", ", filters.stream().sorted().toList()));
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
