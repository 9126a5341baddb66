package io.atsbridge.sandbox.greenhouse;

import io.atsbridge.sandbox.SandboxSettings;
import io.atsbridge.sandbox.http.SimulatorRecords;
import io.atsbridge.sandbox.http.WebhookAttempt;
import io.atsbridge.sandbox.http.WebhookDispatcher;
import io.atsbridge.sandbox.http.WebhookEvent;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An in-memory Greenhouse: users, jobs with stages, candidates, applications, typed custom fields, tags and
 * notes, served as Harvest v1 under {@code /greenhouse/v1} and, on the same data, as Harvest v3 under
 * {@code /greenhouse/v3} (OAuth client credentials at {@code /greenhouse/auth/token}), with recruiting webhooks. This class is the Java
 * side: seed data, act as a recruiter would in Greenhouse's UI (move a candidate, edit a field by hand), and
 * read what clients wrote. Thread-safe; every method sees and leaves a consistent state.
 */
@Singleton
public final class GreenhouseSimulator {

    /** Statuses an application can have, as Harvest v1 names them (v3 shows {@code active} as {@code in_process}). */
    public static final List<String> APPLICATION_STATUSES = List.of("active", "rejected", "hired");

    final Object lock = new Object();
    final Map<Long, GreenhouseUser> users = new LinkedHashMap<>();
    final Map<Long, GreenhouseJob> jobs = new LinkedHashMap<>();
    final Map<Long, CandidateRecord> candidates = new TreeMap<>();
    final Map<Long, ApplicationRecord> applications = new TreeMap<>();
    final Map<Long, CustomFieldDefinition> customFields = new LinkedHashMap<>();
    final Map<String, Long> tagIds = new LinkedHashMap<>();
    /** When jobs, stages and custom field definitions were created, by id (v3 renders created_at for all). */
    final Map<Long, Instant> createdAt = new java.util.HashMap<>();
    /** When custom field definitions last changed after they were created (deleted), by id; v3 renders it as updated_at. */
    final Map<Long, Instant> changedAt = new java.util.HashMap<>();
    final HarvestRateLimiter rateLimiter;
    final String apiKey;
    final HarvestOAuth oauth;
    final HarvestAccess access = new HarvestAccess();
    final HarvestV3Options v3Options = new HarvestV3Options();
    final GreenhouseAssessments assessments = new GreenhouseAssessments(this);
    final GreenhouseWebhooks webhooks;
    final HarvestRenderer renderer = new HarvestRenderer(this);
    final HarvestV3Renderer v3Renderer = new HarvestV3Renderer(this);

    private final Clock clock;
    private final List<HarvestWrite> writes = new CopyOnWriteArrayList<>();
    private long nextId = 1000;
    private Instant lastStamp = Instant.EPOCH;
    private int faultsLeft;
    private int faultStatus;

    GreenhouseSimulator(SandboxSettings settings, WebhookDispatcher dispatcher) {
        this.clock = Clock.systemUTC();
        this.apiKey = settings.greenhouseApiKey();
        this.oauth = new HarvestOAuth(clock, settings.greenhouseClientId(), settings.greenhouseClientSecret(),
                settings.greenhouseTokenTtl());
        this.rateLimiter = new HarvestRateLimiter(clock, settings.greenhouseRateLimit(), settings.greenhouseRateLimitWindow());
        this.webhooks = new GreenhouseWebhooks(this, dispatcher, settings.greenhouseWebhookUrl(), settings.greenhouseWebhookSecret());
    }

    // ---------------------------------------------------------------- seeding

    /** Adds a user (someone who can act On-Behalf-Of, write notes, move candidates). */
    public GreenhouseUser addUser(String firstName, String lastName, String email) {
        synchronized (lock) {
            long id = nextId();
            GreenhouseUser user = new GreenhouseUser(id, firstName, lastName, email, "EMP-" + id);
            users.put(id, user);
            return user;
        }
    }

    /** Adds a job whose interview plan has these stages, in order. */
    public GreenhouseJob addJob(String name, List<String> stageNames) {
        if (stageNames.isEmpty()) {
            throw new IllegalArgumentException("job " + name + ": no stages (expected: at least one stage name)");
        }
        synchronized (lock) {
            long id = nextId();
            Instant now = stamp();
            createdAt.put(id, now);
            List<JobStage> stages = new ArrayList<>();
            for (String stageName : stageNames) {
                JobStage stage = new JobStage(nextId(), stageName);
                createdAt.put(stage.id(), now);
                stages.add(stage);
            }
            GreenhouseJob job = new GreenhouseJob(id, name, stages);
            jobs.put(id, job);
            return job;
        }
    }

    /** Adds a job whose interview plan has these stages, in order. */
    public GreenhouseJob addJob(String name, String... stageNames) {
        return addJob(name, Arrays.asList(stageNames));
    }

    /** Adds a candidate; returns its id. */
    public long addCandidate(NewCandidate candidate) {
        synchronized (lock) {
            long id = nextId();
            candidate.tags().forEach(this::tagId);
            candidates.put(id, new CandidateRecord(id, candidate, stamp()));
            return id;
        }
    }

    /** Adds an active application of the candidate to the job, in the job's first stage; returns its id. No webhook. */
    public long addApplication(long candidateId, long jobId) {
        synchronized (lock) {
            GreenhouseJob job = requireJob(jobId);
            return addApplication(candidateId, jobId, job.stages().get(0).id(), "active");
        }
    }

    /** Adds an application in the given stage and status (active, rejected, hired); returns its id. No webhook. */
    public long addApplication(long candidateId, long jobId, long stageId, String status) {
        if (!APPLICATION_STATUSES.contains(status)) {
            throw new IllegalArgumentException("application status: " + status + " (expected: one of " + APPLICATION_STATUSES + ")");
        }
        synchronized (lock) {
            CandidateRecord candidate = requireCandidate(candidateId);
            GreenhouseJob job = requireJob(jobId);
            if (job.stage(stageId).isEmpty()) {
                throw new IllegalArgumentException("stage " + stageId + " is not a stage of job " + jobId + " (stages: " + job.stages() + ")");
            }
            long id = nextId();
            Instant now = stamp();
            ApplicationRecord application = new ApplicationRecord(id, candidateId, jobId, stageId, status, now);
            application.enter(nextId(), stageId, now);
            applications.put(id, application);
            candidate.applicationIds.add(id);
            candidate.touch(now);
            return id;
        }
    }

    /**
     * Defines a custom field.
     *
     * @param nameKey     the immutable field key clients write with
     * @param optionNames the options of a single_select or multi_select field (ids are assigned)
     */
    public CustomFieldDefinition addCustomField(CustomFieldScope scope, String name, String nameKey,
                                                CustomFieldType type, List<String> optionNames) {
        boolean select = type == CustomFieldType.SINGLE_SELECT || type == CustomFieldType.MULTI_SELECT;
        if (select == optionNames.isEmpty()) {
            throw new IllegalArgumentException("custom field " + nameKey + ": " + (select
                    ? "a " + type.apiName() + " field needs options"
                    : "only select fields take options, not " + type.apiName()));
        }
        synchronized (lock) {
            boolean taken = customFields.values().stream()
                    .anyMatch(f -> f.scope() == scope && f.nameKey().equals(nameKey));
            if (taken) {
                throw new IllegalArgumentException("custom field " + nameKey + " already exists on " + scope.apiName());
            }
            long id = nextId();
            List<CustomFieldOption> options = new ArrayList<>();
            for (String option : optionNames) {
                options.add(new CustomFieldOption(nextId(), option));
            }
            CustomFieldDefinition field = new CustomFieldDefinition(id, scope, name, nameKey, type, options, true);
            customFields.put(id, field);
            createdAt.put(id, stamp());
            return field;
        }
    }

    /** Defines a custom field; see {@link #addCustomField(CustomFieldScope, String, String, CustomFieldType, List)}. */
    public CustomFieldDefinition addCustomField(CustomFieldScope scope, String name, String nameKey,
                                                CustomFieldType type, String... optionNames) {
        return addCustomField(scope, name, nameKey, type, Arrays.asList(optionNames));
    }

    /**
     * Deletes a custom field as an admin would in Greenhouse. Harvest keeps the definition as inactive
     * ({@code "active": false}), lists it only with {@code include_inactive=true}, and refuses values written to
     * it (422); values records already hold are left as they are.
     *
     * @return the field as it is now
     */
    public CustomFieldDefinition deactivateCustomField(CustomFieldScope scope, String nameKey) {
        synchronized (lock) {
            CustomFieldDefinition field = requireField(scope, nameKey).deactivated();
            customFields.put(field.id(), field);
            changedAt.put(field.id(), stamp());
            return field;
        }
    }

    /** The id of the candidate tag with this name, created if new. */
    public long addTag(String name) {
        synchronized (lock) {
            return tagId(name);
        }
    }

    // ---------------------------------------------------------------- acting as a recruiter

    /**
     * Moves an application to another stage of its job as a recruiter would in Greenhouse, and sends
     * {@code candidate_stage_change}.
     *
     * @return the webhook's Greenhouse-Event-ID
     */
    public String moveApplication(long applicationId, long toStageId, long actingUserId) {
        synchronized (lock) {
            ApplicationRecord application = requireApplication(applicationId);
            GreenhouseJob job = requireJob(application.jobId);
            JobStage to = job.stage(toStageId).orElseThrow(() -> new IllegalArgumentException(
                    "stage " + toStageId + " is not a stage of job " + job.id() + " (stages: " + job.stages() + ")"));
            GreenhouseUser user = requireUser(actingUserId);
            if (!"active".equals(application.status)) {
                throw new IllegalArgumentException("application " + applicationId + " is " + application.status
                        + "; only active applications change stage");
            }
            return applyMove(application, to, user);
        }
    }

    /**
     * Rejects an active application as a recruiter would (status rejected, last activity now); no webhook, as
     * when Greenhouse's webhooks are not configured for rejections — a backfill's full pass finds it closed.
     */
    public void rejectApplication(long applicationId) {
        synchronized (lock) {
            ApplicationRecord application = requireApplication(applicationId);
            if (!"active".equals(application.status)) {
                throw new IllegalArgumentException("application " + applicationId + " is " + application.status
                        + "; only active applications can be rejected");
            }
            application.status = "rejected";
            application.lastActivityAt = stamp();
        }
    }

    /**
     * Where an application's offer is, as far as Harvest v1's attachment upload cares: an {@code offer_letter}
     * needs an existing offer, a {@code signed_offer_letter} "an approved, sent offer letter" (harvest
     * {@code _applications.md}, POST: Add Attachment to Application).
     */
    public enum OfferStatus {
        /** No offer on the application. */
        NONE,
        /** An offer exists; it is not approved and sent yet. */
        CREATED,
        /** The offer was approved and sent to the candidate. */
        SENT
    }

    /**
     * Sends the candidate a take-home test on this application, as a recruiter would; until it is answered, an
     * attachment of type {@code take_home_test} may be uploaded ("there must be an outstanding test on the
     * application"). Uploading one answers the test.
     */
    public void sendTakeHomeTest(long applicationId) {
        synchronized (lock) {
            requireApplication(applicationId).outstandingTakeHomeTests++;
        }
    }

    /** Sets where the application's offer is (see {@link OfferStatus}). */
    public void setOffer(long applicationId, OfferStatus status) {
        synchronized (lock) {
            requireApplication(applicationId).offer = java.util.Objects.requireNonNull(status, "status");
        }
    }

    /**
     * Creates an application (first stage, active) as a candidate applying would, and sends
     * {@code new_candidate_application}.
     *
     * @return the application id
     */
    public long newApplication(long candidateId, long jobId) {
        synchronized (lock) {
            long id = addApplication(candidateId, jobId);
            webhooks.send("new_candidate_application", webhooks.applicationPayload(SimulatorRecords.existing(applications, id, "application"), true));
            return id;
        }
    }

    /**
     * Sets (or, with null, clears) a custom field value as a person editing the record in Greenhouse would:
     * the record's updated_at moves, nothing enters the API write log. The value is checked like an API write,
     * and an inactive (deleted) field cannot be edited at all.
     *
     * @param value a String, Number, Boolean, LocalDate, an option name or id, or a list of option ids
     */
    public void setCustomField(CustomFieldScope scope, long recordId, String nameKey, @Nullable Object value) {
        synchronized (lock) {
            CustomFieldDefinition field = requireField(scope, nameKey);
            if (!field.active()) {
                throw new IllegalArgumentException("custom field " + nameKey + " is inactive (deleted in Greenhouse) and "
                        + "takes no values");
            }
            Map<Long, Object> values = valuesOf(scope, recordId);
            if (value == null) {
                values.remove(field.id());
            } else {
                try {
                    values.put(field.id(), CustomFieldValues.parseJava(field, value));
                } catch (CustomFieldValues.InvalidValue e) {
                    throw new IllegalArgumentException("custom field " + nameKey + ": " + e.getMessage());
                }
            }
            touch(scope, recordId, stamp());
        }
    }

    /** Sets where webhooks go (null: record only) and the secret key that signs them. */
    public void configureWebhook(@Nullable URI endpoint, String secretKey) {
        webhooks.configure(endpoint, secretKey);
    }

    /**
     * Sends an arbitrary body as a new webhook event (fresh Greenhouse-Event-ID), signed and retried like any
     * other; for testing receivers with hand-made payloads.
     *
     * @return the event id
     */
    public String sendRawWebhook(String action, byte[] body) {
        return webhooks.sendRaw(action, body);
    }

    /** Sends a recorded event again: the same bytes and the same Greenhouse-Event-ID, retried as usual. */
    public void replayWebhook(String eventId) {
        webhooks.replay(eventId);
    }

    /** Changes the per-window request limit from now on. */
    public void setRateLimit(int requestsPerWindow) {
        rateLimiter.setLimit(requestsPerWindow);
    }

    /** Makes the next {@code count} authenticated API requests fail with {@code status} (e.g. 500, 502, 503). */
    public void failNextRequests(int count, int status) {
        if (count < 0 || status < 400 || status > 599) {
            throw new IllegalArgumentException("failNextRequests(" + count + ", " + status + ") (expected: count >= 0, status 400..599)");
        }
        synchronized (lock) {
            faultsLeft = count;
            faultStatus = status;
        }
    }

    // ---------------------------------------------------------------- reading

    /** Rate-limit counters since start or the last reset. */
    public RateLimitStats rateLimitStats() {
        return rateLimiter.stats();
    }

    /** Clears rate-limit counters and open windows. */
    public void resetRateLimitStats() {
        rateLimiter.reset();
    }

    /** Every write request that reached the API, oldest first. */
    public List<HarvestWrite> writes() {
        return List.copyOf(writes);
    }

    /** Empties the write log. */
    public void clearWrites() {
        writes.clear();
    }

    /** Every webhook event created, oldest first. */
    public List<WebhookEvent> webhookEvents() {
        return webhooks.log().events();
    }

    /** Every webhook delivery attempt, in the order they finished. */
    public List<WebhookAttempt> webhookAttempts() {
        return webhooks.log().attempts();
    }

    /** The delivery attempts of one event, in the order they finished. */
    public List<WebhookAttempt> webhookAttempts(String eventId) {
        return webhooks.log().attemptsOf(eventId);
    }

    /** The user with this id. */
    public Optional<GreenhouseUser> user(long userId) {
        synchronized (lock) {
            return Optional.ofNullable(users.get(userId));
        }
    }

    /** The job with this id. */
    public Optional<GreenhouseJob> job(long jobId) {
        synchronized (lock) {
            return Optional.ofNullable(jobs.get(jobId));
        }
    }

    /** The application as it is now. */
    public ApplicationView application(long applicationId) {
        synchronized (lock) {
            return view(requireApplication(applicationId));
        }
    }

    /** The candidate's applications, oldest first. */
    public List<ApplicationView> applicationsOf(long candidateId) {
        synchronized (lock) {
            return requireCandidate(candidateId).applicationIds.stream().map(id -> view(SimulatorRecords.existing(applications, id, "application"))).toList();
        }
    }

    /** The custom field definitions on candidates or applications, inactive ones included. */
    public List<CustomFieldDefinition> customFields(CustomFieldScope scope) {
        synchronized (lock) {
            return customFields.values().stream().filter(f -> f.scope() == scope).toList();
        }
    }

    /**
     * A custom field's current value, or null when unset: String for text and url, BigDecimal for number,
     * the option name for single_select, a list of option names for multi_select, Boolean, LocalDate.
     */
    @Nullable
    public Object customFieldValue(CustomFieldScope scope, long recordId, String nameKey) {
        synchronized (lock) {
            CustomFieldDefinition field = requireField(scope, nameKey);
            return CustomFieldValues.javaValue(field, valuesOf(scope, recordId).get(field.id()));
        }
    }

    /** Every set custom field value of a record, by name_key (forms as in {@link #customFieldValue}). */
    public Map<String, Object> customFieldValues(CustomFieldScope scope, long recordId) {
        synchronized (lock) {
            Map<String, Object> out = new LinkedHashMap<>();
            valuesOf(scope, recordId).forEach((fieldId, stored) -> {
                CustomFieldDefinition field = SimulatorRecords.existing(customFields, fieldId, "custom field");
                out.put(field.nameKey(), CustomFieldValues.javaValue(field, stored));
            });
            return out;
        }
    }

    /** The candidate's tags, in order. */
    public List<String> tags(long candidateId) {
        synchronized (lock) {
            return List.copyOf(requireCandidate(candidateId).tags);
        }
    }

    /** The candidate's notes, oldest first. */
    public List<CandidateNote> notes(long candidateId) {
        synchronized (lock) {
            return List.copyOf(requireCandidate(candidateId).notes);
        }
    }

    /** The files attached to the application, oldest first. */
    public List<GreenhouseAttachment> attachments(long applicationId) {
        synchronized (lock) {
            return List.copyOf(requireApplication(applicationId).attachments);
        }
    }

    /** What the Harvest credentials may call: revoke a v3 scope or a v1 endpoint permission to see the refusal. */
    public HarvestAccess access() {
        return access;
    }

    /** The Harvest v3 behaviours the public material leaves open, to be set per test. */
    public HarvestV3Options v3Options() {
        return v3Options;
    }

    /** Greenhouse as it calls an assessment partner (list_tests, send_test, test_status, response_error). */
    public GreenhouseAssessments assessments() {
        return assessments;
    }

    /** How many Harvest v3 access tokens the token endpoint has issued. */
    public long oauthTokensIssued() {
        return oauth.issuedCount();
    }

    /** Makes every Harvest v3 access token invalid now (clients must fetch new ones), as a revocation would. */
    public void revokeOAuthTokens() {
        oauth.revokeAll();
    }

    /** The candidate's updated_at, which every write to it or its applications moves. */
    public Instant candidateUpdatedAt(long candidateId) {
        synchronized (lock) {
            return requireCandidate(candidateId).updatedAt;
        }
    }

    /** How many candidates exist. */
    public int candidateCount() {
        synchronized (lock) {
            return candidates.size();
        }
    }

    // ---------------------------------------------------------------- package internals (call with the lock held)

    long nextId() {
        return nextId++;
    }

    /** A timestamp strictly after the previous one, so every write moves updated_at visibly (millisecond resolution). */
    Instant stamp() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        if (!now.isAfter(lastStamp)) {
            now = lastStamp.plusMillis(1);
        }
        lastStamp = now;
        return now;
    }

    long tagId(String name) {
        return tagIds.computeIfAbsent(name, n -> nextId());
    }

    String applyMove(ApplicationRecord application, JobStage to, GreenhouseUser user) {
        GreenhouseJob job = SimulatorRecords.existing(jobs, application.jobId, "job");
        CandidateRecord candidate = SimulatorRecords.existing(candidates, application.candidateId, "candidate");
        JobStage from = job.stage(application.currentStageId).orElseThrow();
        Instant now = stamp();
        application.enter(nextId(), to.id(), now);
        application.lastActivityAt = now;
        candidate.touch(now);
        candidate.activities.add(new CandidateRecord.Activity(nextId(), "Candidate Stage Change",
                candidate.firstName + " " + candidate.lastName + " was moved from " + from.name() + " into "
                        + to.name() + " for " + job.name() + " by " + user.name(), user.id(), now));
        return webhooks.send("candidate_stage_change", webhooks.applicationPayload(application, false));
    }

    void touch(CustomFieldScope scope, long recordId, Instant now) {
        if (scope == CustomFieldScope.CANDIDATE) {
            SimulatorRecords.existing(candidates, recordId, "candidate").touch(now);
        } else {
            ApplicationRecord application = SimulatorRecords.existing(applications, recordId, "application");
            application.lastActivityAt = now;
            // The candidate's updated_at moves too: its GET embeds the application, and clients polling
            // updated_after must see application-level changes.
            SimulatorRecords.existing(candidates, application.candidateId, "candidate").touch(now);
        }
    }

    Map<Long, Object> valuesOf(CustomFieldScope scope, long recordId) {
        if (scope == CustomFieldScope.CANDIDATE) {
            return requireCandidate(recordId).customFields;
        }
        return requireApplication(recordId).customFields;
    }

    void recordWrite(HarvestWrite write) {
        writes.add(write);
    }

    /** The injected fault status for this request, or 0; counts the fault down. */
    int takeFault() {
        synchronized (lock) {
            if (faultsLeft <= 0) {
                return 0;
            }
            faultsLeft--;
            return faultStatus;
        }
    }

    ApplicationView view(ApplicationRecord a) {
        JobStage stage = SimulatorRecords.existing(jobs, a.jobId, "job").stage(a.currentStageId).orElseThrow();
        return new ApplicationView(a.id, a.candidateId, a.jobId, stage, a.status, a.appliedAt, a.lastActivityAt);
    }

    private CandidateRecord requireCandidate(long id) {
        CandidateRecord candidate = candidates.get(id);
        if (candidate == null) {
            throw new IllegalArgumentException("no candidate " + id + " in the Greenhouse sandbox");
        }
        return candidate;
    }

    private ApplicationRecord requireApplication(long id) {
        ApplicationRecord application = applications.get(id);
        if (application == null) {
            throw new IllegalArgumentException("no application " + id + " in the Greenhouse sandbox");
        }
        return application;
    }

    private GreenhouseJob requireJob(long id) {
        GreenhouseJob job = jobs.get(id);
        if (job == null) {
            throw new IllegalArgumentException("no job " + id + " in the Greenhouse sandbox");
        }
        return job;
    }

    private GreenhouseUser requireUser(long id) {
        GreenhouseUser user = users.get(id);
        if (user == null) {
            throw new IllegalArgumentException("no user " + id + " in the Greenhouse sandbox");
        }
        return user;
    }

    private CustomFieldDefinition requireField(CustomFieldScope scope, String nameKey) {
        return customFields.values().stream()
                .filter(f -> f.scope() == scope && f.nameKey().equals(nameKey))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no " + scope.apiName() + " custom field with name_key "
                        + nameKey + " in the Greenhouse sandbox"));
    }
}
