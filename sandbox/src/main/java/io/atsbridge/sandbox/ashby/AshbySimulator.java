package io.atsbridge.sandbox.ashby;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atsbridge.sandbox.SandboxSettings;
import io.atsbridge.sandbox.http.SandboxJson;
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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An in-memory Ashby: jobs with interview plans, candidates, applications, typed custom fields, tags and notes,
 * served RPC-style under {@code /ashby}, with signed webhooks and the Ashby half of the Assessments Partner API.
 * This class is the Java side: seed data, act as a recruiter would in Ashby's UI (move an application, hire,
 * set a field, add a note), read what clients wrote, and act as Ashby calling an assessment partner.
 * Thread-safe; every method sees and leaves a consistent state.
 *
 * <p>Ids are UUIDs, as Ashby's are. Shapes follow Ashby's published OpenAPI (the parts used are in
 * {@code contracts/ashby/openapi.yml}, see its {@code SOURCE.md}); where it is silent the renderer says what was
 * assumed. The API key's permissions, its "Allow access to non-offer private fields?" setting and the size at which an
 * incremental sync is refused are settings ({@link #setApiKeyPermissions}, {@link #setPrivateFieldAccess},
 * {@link #setIncrementalSyncLimit}), since Ashby documents that they matter but not every answer they lead to.
 */
@Singleton
public final class AshbySimulator {

    /** Ashby's application statuses ({@code application.list} {@code status} enum). */
    public static final List<String> APPLICATION_STATUSES = List.of("Active", "Archived", "Hired", "Lead");

    final Object lock = new Object();
    final Map<String, AshbyJob> jobs = new LinkedHashMap<>();
    final Map<String, CandidateRecord> candidates = new LinkedHashMap<>();
    final Map<String, ApplicationRecord> applications = new LinkedHashMap<>();
    final Map<String, AshbyCustomField> customFields = new LinkedHashMap<>();
    final Map<String, AshbyTag> tags = new LinkedHashMap<>();
    final Map<String, String> archiveReasons = new LinkedHashMap<>();
    final Map<String, AshbyUser> users = new LinkedHashMap<>();
    final Map<String, List<AssessmentUpdate>> assessmentUpdates = new LinkedHashMap<>();
    final Map<String, String> startedAssessments = new LinkedHashMap<>();
    final AshbyPaging paging = new AshbyPaging();
    final AshbyWebhooks webhooks;
    final AshbyRateLimiter rateLimiter;
    final AshbyRenderer renderer = new AshbyRenderer(this);
    final String apiKey;
    /** The user the API key belongs to: notes created through the API are attributed to it. */
    final AshbyUser apiUser;

    private final Clock clock = Clock.systemUTC();
    private final List<AshbyApiCall> calls = new CopyOnWriteArrayList<>();
    private final AssessmentPartnerClient partnerClient;
    /** The API key's module permissions (see {@link #setApiKeyPermissions}). */
    Set<String> grantedPermissions = AshbyPermissions.ALL;
    /** The key's "Allow access to non-offer private fields?" setting. */
    boolean privateFieldAccess = true;
    PrivateNoteWithoutAccess privateNoteWithoutAccess = PrivateNoteWithoutAccess.REFUSE;
    /** 0, or the most changed applications an incremental application.list may list. */
    int incrementalSyncLimit;
    /** Bumped by every change to an application; the basis of sync tokens. */
    private long changeCounter;
    private Instant lastStamp = Instant.EPOCH;

    AshbySimulator(SandboxSettings settings, WebhookDispatcher dispatcher) {
        this.apiKey = settings.ashbyApiKey();
        this.webhooks = new AshbyWebhooks(dispatcher, settings.ashbyWebhookUrl(), settings.ashbyWebhookSecret());
        this.rateLimiter = new AshbyRateLimiter(clock, settings.ashbyRateLimit(), settings.ashbyRateLimitWindow());
        this.partnerClient = new AssessmentPartnerClient(settings.webhookTimeout());
        this.apiUser = new AshbyUser(UUID.randomUUID().toString(), "Ashby", "API", "api@ashby.example");
        users.put(apiUser.id(), apiUser);
        // Every Ashby organization has archive reasons; moves to an Archived stage must name one.
        archiveReasons.put(UUID.randomUUID().toString(), "Not a fit");
        archiveReasons.put(UUID.randomUUID().toString(), "Withdrew");
    }

    // ---------------------------------------------------------------- seeding

    /** Adds a user (an author of notes, someone who moves candidates). */
    public AshbyUser addUser(String firstName, String lastName, String email) {
        synchronized (lock) {
            AshbyUser user = new AshbyUser(newId(), firstName, lastName, email);
            users.put(user.id(), user);
            return user;
        }
    }

    /**
     * Adds a job whose interview plan has these stages (type {@code Active}), in order, followed by a
     * {@code Hired} and an {@code Archived} stage, as every Ashby plan ends.
     */
    public AshbyJob addJob(String title, List<String> stageTitles) {
        if (stageTitles.isEmpty()) {
            throw new IllegalArgumentException("job " + title + ": no stages (expected: at least one stage title)");
        }
        synchronized (lock) {
            String jobId = newId();
            String planId = newId();
            List<AshbyInterviewStage> stages = new ArrayList<>();
            for (String stageTitle : stageTitles) {
                stages.add(new AshbyInterviewStage(newId(), stageTitle, "Active", stages.size(), planId));
            }
            stages.add(new AshbyInterviewStage(newId(), "Hired", "Hired", stages.size(), planId));
            stages.add(new AshbyInterviewStage(newId(), "Archived", "Archived", stages.size(), planId));
            AshbyJob job = new AshbyJob(jobId, title, "REQ-" + (jobs.size() + 1), planId, stages);
            jobs.put(jobId, job);
            return job;
        }
    }

    /** Adds a job; see {@link #addJob(String, List)}. */
    public AshbyJob addJob(String title, String... stageTitles) {
        return addJob(title, Arrays.asList(stageTitles));
    }

    /**
     * Adds a candidate; returns its id.
     *
     * @param emails the e-mail addresses, primary first (may be empty)
     * @param tags   tag titles; tags that do not exist yet are created
     */
    public String addCandidate(String name, List<String> emails, List<String> tags) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("candidate name: blank (expected: e.g. \"Ada Lovelace\")");
        }
        synchronized (lock) {
            Instant now = stamp();
            CandidateRecord candidate = new CandidateRecord(newId(), name.strip(), emails, now);
            for (String tag : tags) {
                candidate.tagIds.add(tagNamed(tag).id());
            }
            candidates.put(candidate.id, candidate);
            return candidate.id;
        }
    }

    /** Adds a candidate with these e-mail addresses (primary first) and no tags; returns its id. */
    public String addCandidate(String name, String... emails) {
        return addCandidate(name, Arrays.asList(emails), List.of());
    }

    /** Adds an application of the candidate to the job, in the plan's first stage (Active); returns its id. No webhook. */
    public String addApplication(String candidateId, String jobId) {
        synchronized (lock) {
            return addApplication(candidateId, jobId, requireJob(jobId).stages().get(0).id());
        }
    }

    /** Adds an application in the given stage of the job's plan (status follows the stage type); returns its id. No webhook. */
    public String addApplication(String candidateId, String jobId, String stageId) {
        synchronized (lock) {
            CandidateRecord candidate = requireCandidate(candidateId);
            AshbyJob job = requireJob(jobId);
            AshbyInterviewStage stage = job.stage(stageId).orElseThrow(() -> new IllegalArgumentException(
                    "stage " + stageId + " is not in the interview plan of job " + jobId));
            Instant now = stamp();
            ApplicationRecord application = new ApplicationRecord(newId(), candidateId, jobId, stage.id(),
                    statusOf(stage), now);
            application.version = ++changeCounter;
            applications.put(application.id, application);
            candidate.applicationIds.add(application.id);
            candidate.updatedAt = now;
            return application.id;
        }
    }

    /**
     * Defines a custom field; returns it (its {@code id} is what clients write with). A select field's options get
     * the same text as label and value; {@link #addSelectField} gives them apart, as Ashby keeps them.
     *
     * @param selectableValues the options of a ValueSelect or MultiValueSelect field; none for other types
     */
    public AshbyCustomField addCustomField(AshbyObjectType objectType, String title, AshbyFieldType fieldType,
                                           List<String> selectableValues) {
        return addSelectField(objectType, title, fieldType, selectableValues.stream().map(AshbySelectableValue::of).toList());
    }

    /** Defines a custom field; see {@link #addCustomField(AshbyObjectType, String, AshbyFieldType, List)}. */
    public AshbyCustomField addCustomField(AshbyObjectType objectType, String title, AshbyFieldType fieldType,
                                           String... selectableValues) {
        return addCustomField(objectType, title, fieldType, Arrays.asList(selectableValues));
    }

    /**
     * Defines a custom field whose options each have a label (shown to people) and a value (what
     * {@code customField.setValue} takes), e.g. label "Strong yes", value "strong_yes".
     *
     * @param options the options of a ValueSelect or MultiValueSelect field; none for other types
     */
    public AshbyCustomField addSelectField(AshbyObjectType objectType, String title, AshbyFieldType fieldType,
                                           List<AshbySelectableValue> options) {
        if (fieldType.selectable() == options.isEmpty()) {
            throw new IllegalArgumentException("custom field " + title + ": " + (fieldType.selectable()
                    ? "a " + fieldType.apiName() + " field needs selectable values"
                    : "only select fields take selectable values, not " + fieldType.apiName()));
        }
        if (options.stream().map(AshbySelectableValue::value).distinct().count() != options.size()) {
            throw new IllegalArgumentException("custom field " + title + ": option values repeat in " + options
                    + " (expected: each value once; Ashby matches options by value)");
        }
        synchronized (lock) {
            AshbyCustomField field = new AshbyCustomField(newId(), objectType, title, fieldType, options);
            customFields.put(field.id(), field);
            return field;
        }
    }

    /** The tag with this title (compared ignoring case), created when there is none. */
    public AshbyTag addTag(String title) {
        synchronized (lock) {
            return tagNamed(title);
        }
    }

    /** Adds an archive reason; returns its id (for {@code application.changeStage} {@code archiveReasonId}). */
    public String addArchiveReason(String title) {
        synchronized (lock) {
            String id = newId();
            archiveReasons.put(id, title);
            return id;
        }
    }

    /** The archive reasons, id to title. */
    public Map<String, String> archiveReasons() {
        synchronized (lock) {
            return Map.copyOf(archiveReasons);
        }
    }

    // ---------------------------------------------------------------- acting as a recruiter

    /**
     * Moves an application to another stage of its plan as a recruiter would in Ashby, and sends
     * {@code candidateStageChange} followed by {@code applicationUpdate}, with one webhookActionId (Ashby's
     * related webhooks).
     *
     * @return the webhookActionId
     */
    public String moveApplication(String applicationId, String toStageId) {
        synchronized (lock) {
            ApplicationRecord application = requireApplication(applicationId);
            AshbyJob job = requireJob(application.jobId);
            AshbyInterviewStage to = job.stage(toStageId).orElseThrow(() -> new IllegalArgumentException(
                    "stage " + toStageId + " is not in the interview plan of job " + job.id()));
            if (to.type().equals("Archived")) {
                application.archiveReasonId = archiveReasons.keySet().iterator().next();
            }
            return applyMove(application, to);
        }
    }

    /**
     * Hires the candidate on this application (moves it to its plan's Hired stage) and sends
     * {@code candidateHire}, {@code candidateStageChange} and {@code applicationUpdate} with one webhookActionId.
     *
     * @return the webhookActionId
     */
    public String hire(String applicationId) {
        synchronized (lock) {
            ApplicationRecord application = requireApplication(applicationId);
            AshbyJob job = requireJob(application.jobId);
            AshbyInterviewStage hired = job.stageOfType("Hired").orElseThrow();
            changeStage(application, hired);
            String actionId = newId();
            ObjectNode data = applicationData(application);
            webhooks.send(actionId, "candidateHire", data);
            webhooks.send(actionId, "candidateStageChange", data);
            webhooks.send(actionId, "applicationUpdate", data);
            return actionId;
        }
    }

    /**
     * Creates an application (first stage, Active) as a candidate applying would, and sends {@code applicationSubmit}.
     *
     * @return the application id
     */
    public String submitApplication(String candidateId, String jobId) {
        synchronized (lock) {
            String id = addApplication(candidateId, jobId);
            webhooks.send(newId(), "applicationSubmit", applicationData(SimulatorRecords.existing(applications, id, "application")));
            return id;
        }
    }

    /**
     * Deletes a candidate and its applications, and sends {@code candidateDelete} with {@code data.candidate.id}
     * (Ashby's OpenAPI, webhooks.candidateDelete: "Includes the deleted candidate id").
     *
     * @return the webhookActionId
     */
    public String deleteCandidate(String candidateId) {
        synchronized (lock) {
            CandidateRecord candidate = requireCandidate(candidateId);
            candidate.applicationIds.forEach(applications::remove);
            candidates.remove(candidateId);
            ObjectNode data = SandboxJson.object();
            data.putObject("candidate").put("id", candidateId);
            String actionId = newId();
            webhooks.send(actionId, "candidateDelete", data);
            return actionId;
        }
    }

    /**
     * Merges {@code mergedAwayId} into {@code survivorId} (applications, e-mails, tags and notes move over; the merged
     * record is deleted) and sends {@code candidateMerge} as Ashby's OpenAPI documents it (webhooks.candidateMerge:
     * "Includes the deleted candidate's id and merged candidate data"): {@code data.deletedCandidate.id} and
     * {@code data.mergedCandidate} with its {@code id}. The schema names only {@code id} in each; the simulator renders
     * the rest of {@code mergedCandidate} as candidate.info does (the "merged candidate data"; assumed).
     *
     * @return the webhookActionId
     */
    public String mergeCandidates(String survivorId, String mergedAwayId) {
        synchronized (lock) {
            if (survivorId.equals(mergedAwayId)) {
                throw new IllegalArgumentException("candidate " + survivorId + " cannot be merged into itself");
            }
            CandidateRecord survivor = requireCandidate(survivorId);
            CandidateRecord merged = requireCandidate(mergedAwayId);
            for (String email : merged.emails) {
                if (!survivor.emails.contains(email)) {
                    survivor.emails.add(email);
                }
            }
            merged.tagIds.stream().filter(t -> !survivor.tagIds.contains(t)).forEach(survivor.tagIds::add);
            for (String applicationId : merged.applicationIds) {
                SimulatorRecords.existing(applications, applicationId, "application").candidateId = survivorId;
                SimulatorRecords.existing(applications, applicationId, "application").version = ++changeCounter;
                survivor.applicationIds.add(applicationId);
            }
            survivor.notes.addAll(merged.notes);
            candidates.remove(mergedAwayId);
            survivor.updatedAt = stamp();
            ObjectNode data = SandboxJson.object();
            data.putObject("deletedCandidate").put("id", mergedAwayId);
            data.set("mergedCandidate", renderer.candidate(survivor));
            String actionId = newId();
            webhooks.send(actionId, "candidateMerge", data);
            return actionId;
        }
    }

    /**
     * Sets (or, with null, clears) a custom field value as a person editing the record in Ashby would. The value
     * is checked as {@code customField.setValue} checks it; no webhook, nothing in the call log.
     *
     * @param value a Number, String, Boolean, a list of option values, or a JSON node
     */
    public void setCustomField(AshbyObjectType objectType, String objectId, String fieldId, @Nullable Object value) {
        synchronized (lock) {
            AshbyCustomField field = requireField(fieldId);
            if (field.objectType() != objectType) {
                throw new IllegalArgumentException("custom field " + fieldId + " is a " + field.objectType().apiName()
                        + " field, not a " + objectType.apiName() + " field");
            }
            JsonNode node = value instanceof JsonNode json ? json : SandboxJson.parse(toJsonText(value));
            try {
                storeValue(objectType, objectId, field, node);
            } catch (AshbyApiException e) {
                throw new IllegalArgumentException("custom field " + field.title() + ": " + e.getMessage());
            }
        }
    }

    /** Adds a note to the candidate as a recruiter would (plain text). */
    public AshbyNote addNote(String candidateId, String authorUserId, String content, boolean isPrivate) {
        synchronized (lock) {
            if (!users.containsKey(authorUserId)) {
                throw new IllegalArgumentException("no user " + authorUserId + " in the Ashby sandbox");
            }
            return note(candidateId, content, "text/plain", isPrivate, false, authorUserId);
        }
    }

    /** Sets where webhooks go (null: record only) and the secret token that signs them (empty: unsigned). */
    public void configureWebhook(@Nullable URI endpoint, String secretToken) {
        webhooks.configure(endpoint, secretToken);
    }

    /**
     * Sends an arbitrary body as a new webhook delivery, signed and retried like any other; for testing
     * receivers with hand-made payloads.
     *
     * @return the delivery id (the simulator's own; Ashby's id is the body's webhookActionId)
     */
    public String sendRawWebhook(String action, byte[] body) {
        return webhooks.sendRaw(action, body);
    }

    /** Sends a recorded delivery again: the same bytes (so the same webhookActionId), retried as usual. */
    public void replayWebhook(String deliveryId) {
        webhooks.replay(deliveryId);
    }

    /** Changes the per-window request limit from now on; 0 turns it off. */
    public void setRateLimit(int requestsPerWindow) {
        rateLimiter.setLimit(requestsPerWindow);
    }

    /**
     * Makes every sync token and cursor issued so far expire: using one answers {@code sync_token_expired} or
     * {@code next_cursor_expired}, as Ashby does when a token is too old.
     */
    public void expireSyncTokens() {
        synchronized (lock) {
            paging.expireAll();
        }
    }

    /**
     * Makes an incremental {@code application.list} (a syncToken and no cursor) that would list more than
     * {@code maxChanges} changed applications answer {@code incremental_sync_too_large}, as Ashby does when too much
     * changed since the token (changelog; the threshold is Ashby's and not published, so it is set here); 0 turns
     * it off (the default).
     */
    public void setIncrementalSyncLimit(int maxChanges) {
        if (maxChanges < 0) {
            throw new IllegalArgumentException("incremental sync limit: " + maxChanges + " (expected: >= 0, 0 for none)");
        }
        synchronized (lock) {
            incrementalSyncLimit = maxChanges;
        }
    }

    /**
     * Sets the module permissions the API key has (developers.ashbyhq.com reference/authentication: read or write per
     * module, e.g. {@code candidatesRead}, {@code candidatesWrite}, {@code jobsRead}, {@code interviewsRead},
     * {@code hiringProcessMetadataRead}, {@code hiringProcessMetadataWrite}); a method whose permission the key lacks
     * is answered 403 {@code missing_endpoint_permission}. By default the key has every permission the simulator's
     * methods need ({@link AshbyPermissions#ALL}).
     */
    public void setApiKeyPermissions(Set<String> permissions) {
        for (String permission : permissions) {
            if (!AshbyPermissions.ALL.contains(permission)) {
                throw new IllegalArgumentException("Ashby API key permission '" + permission + "' (expected: one of "
                        + new TreeSet<>(AshbyPermissions.ALL) + ")");
            }
        }
        synchronized (lock) {
            grantedPermissions = Set.copyOf(permissions);
        }
    }

    /** The API key's module permissions now. */
    public Set<String> apiKeyPermissions() {
        synchronized (lock) {
            return grantedPermissions;
        }
    }

    /**
     * Turns the API key's "Allow access to non-offer private fields?" setting on or off (on by default, as
     * atsbridge's set-up asks for it). Ashby documents that private notes need it "to create and view"
     * (candidate.createNote {@code isPrivate}); without it {@code candidate.listNotes} leaves private notes out
     * (assumed: how Ashby hides them is not documented) and {@code candidate.createNote} with {@code isPrivate}
     * behaves as {@code whenMissing} says.
     */
    public void setPrivateFieldAccess(boolean allowed, PrivateNoteWithoutAccess whenMissing) {
        synchronized (lock) {
            privateFieldAccess = allowed;
            privateNoteWithoutAccess = whenMissing;
        }
    }

    /**
     * What {@code candidate.createNote} with {@code isPrivate: true} does when the key may not touch private fields.
     * Ashby's documentation says only that the permission is required: both are assumptions, chosen per test.
     */
    public enum PrivateNoteWithoutAccess {
        /** Refused with HTTP 403 {@code missing_endpoint_permission}, the documented answer to a missing permission. */
        REFUSE,
        /** Written, but the key cannot see it afterwards: listNotes leaves it out. */
        WRITE_UNSEEN
    }

    // ---------------------------------------------------------------- Ashby calling an assessment partner

    /**
     * Acts as Ashby starting an assessment: {@code POST <partnerBaseUrl>/assessment.start} with the documented body
     * built from the application (candidate, application, job), Basic auth with the partner's API key. When the
     * partner answers with {@code results.assessment_id}, the simulator remembers the assessment as started.
     */
    public PartnerResponse startAssessment(String partnerBaseUrl, String partnerApiKey, String assessmentTypeId,
                                           String applicationId) {
        ObjectNode body;
        synchronized (lock) {
            body = renderer.assessmentStart(assessmentTypeId, requireApplication(applicationId));
        }
        PartnerResponse response = partnerClient.post(partnerBaseUrl, "assessment.start", partnerApiKey, body);
        JsonNode id = response.json() == null ? null : response.json().path("results").path("assessment_id");
        if (response.status() == 200 && id != null && id.isTextual()) {
            synchronized (lock) {
                startedAssessments.put(id.asText(), applicationId);
            }
        }
        return response;
    }

    /** Posts an arbitrary body to {@code <partnerBaseUrl>/assessment.start}, for testing partners with odd input. */
    public PartnerResponse startAssessment(String partnerBaseUrl, String partnerApiKey, ObjectNode body) {
        return partnerClient.post(partnerBaseUrl, "assessment.start", partnerApiKey, body);
    }

    /** Acts as Ashby listing the partner's assessment types: {@code POST <partnerBaseUrl>/assessment.list} with {@code {}}. */
    public PartnerResponse listAssessments(String partnerBaseUrl, String partnerApiKey) {
        return partnerClient.post(partnerBaseUrl, "assessment.list", partnerApiKey, SandboxJson.object());
    }

    /** Acts as Ashby cancelling an assessment: {@code POST <partnerBaseUrl>/assessment.cancel} {@code {assessment_id}}. */
    public PartnerResponse cancelAssessment(String partnerBaseUrl, String partnerApiKey, String assessmentId) {
        ObjectNode body = SandboxJson.object().put("assessment_id", assessmentId);
        return partnerClient.post(partnerBaseUrl, "assessment.cancel", partnerApiKey, body);
    }

    /** The assessments partners started through {@link #startAssessment}, assessment id to application id. */
    public Map<String, String> startedAssessments() {
        synchronized (lock) {
            return Map.copyOf(startedAssessments);
        }
    }

    /** The accepted {@code assessment.update} calls for this assessment id, oldest first. */
    public List<AssessmentUpdate> assessmentUpdates(String assessmentId) {
        synchronized (lock) {
            return List.copyOf(assessmentUpdates.getOrDefault(assessmentId, List.of()));
        }
    }

    // ---------------------------------------------------------------- reading

    /** The application as {@code application.info} renders it. */
    public JsonNode applicationJson(String applicationId) {
        synchronized (lock) {
            return renderer.application(requireApplication(applicationId));
        }
    }

    /** The candidate as {@code candidate.info} renders it. */
    public JsonNode candidateJson(String candidateId) {
        synchronized (lock) {
            return renderer.candidate(requireCandidate(candidateId));
        }
    }

    /** The id of the stage the application is in now. */
    public String currentStageId(String applicationId) {
        synchronized (lock) {
            return requireApplication(applicationId).stageId;
        }
    }

    /** The application's status: Active, Archived, Hired or Lead. */
    public String status(String applicationId) {
        synchronized (lock) {
            return requireApplication(applicationId).status;
        }
    }

    /** The job with this id. */
    public Optional<AshbyJob> job(String jobId) {
        synchronized (lock) {
            return Optional.ofNullable(jobs.get(jobId));
        }
    }

    /** A custom field's current value as Ashby renders it (null when unset). */
    @Nullable
    public JsonNode customFieldValue(AshbyObjectType objectType, String objectId, String fieldId) {
        synchronized (lock) {
            requireField(fieldId);
            JsonNode value = valuesOf(objectType, objectId).get(fieldId);
            return value == null ? null : value.deepCopy();
        }
    }

    /** The candidate's tag titles, in the order they were added. */
    public List<String> tagTitles(String candidateId) {
        synchronized (lock) {
            return requireCandidate(candidateId).tagIds.stream().map(id -> SimulatorRecords.existing(tags, id, "tag").title()).toList();
        }
    }

    /** Every candidate tag in the organization. */
    public List<AshbyTag> tags() {
        synchronized (lock) {
            return List.copyOf(tags.values());
        }
    }

    /** The candidate's notes, oldest first. */
    public List<AshbyNote> notes(String candidateId) {
        synchronized (lock) {
            return List.copyOf(requireCandidate(candidateId).notes);
        }
    }

    /** Every authenticated API call, oldest first. */
    public List<AshbyApiCall> calls() {
        return List.copyOf(calls);
    }

    /** The calls of one method, oldest first. */
    public List<AshbyApiCall> calls(String method) {
        return calls.stream().filter(c -> c.method().equals(method)).toList();
    }

    /** Empties the call log. */
    public void clearCalls() {
        calls.clear();
    }

    /** Every webhook delivery created, oldest first (related webhooks are separate deliveries). */
    public List<WebhookEvent> webhookEvents() {
        return webhooks.log().events();
    }

    /** Every webhook delivery attempt, in the order they finished. */
    public List<WebhookAttempt> webhookAttempts() {
        return webhooks.log().attempts();
    }

    /** The attempts of one delivery, in the order they finished. */
    public List<WebhookAttempt> webhookAttempts(String deliveryId) {
        return webhooks.log().attemptsOf(deliveryId);
    }

    /** The user the API key belongs to (author of notes created through the API). */
    public AshbyUser apiUser() {
        return apiUser;
    }

    // ---------------------------------------------------------------- package internals (call with the lock held)

    String newId() {
        return UUID.randomUUID().toString();
    }

    /** A timestamp strictly after the previous one, so every write moves updatedAt visibly (millisecond resolution). */
    Instant stamp() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        if (!now.isAfter(lastStamp)) {
            now = lastStamp.plusMillis(1);
        }
        lastStamp = now;
        return now;
    }

    long changeCounter() {
        return changeCounter;
    }

    void recordCall(AshbyApiCall call) {
        calls.add(call);
    }

    AshbyTag tagNamed(String title) {
        String wanted = title.strip();
        if (wanted.isEmpty()) {
            throw new IllegalArgumentException("tag title: blank (expected: e.g. \"AI interviewed\")");
        }
        for (AshbyTag tag : tags.values()) {
            if (tag.title().toLowerCase(Locale.ROOT).equals(wanted.toLowerCase(Locale.ROOT))) {
                return tag;
            }
        }
        AshbyTag tag = new AshbyTag(newId(), wanted, false);
        tags.put(tag.id(), tag);
        return tag;
    }

    String applyMove(ApplicationRecord application, AshbyInterviewStage to) {
        changeStage(application, to);
        String actionId = newId();
        ObjectNode data = applicationData(application);
        webhooks.send(actionId, "candidateStageChange", data);
        webhooks.send(actionId, "applicationUpdate", data);
        return actionId;
    }

    void changeStage(ApplicationRecord application, AshbyInterviewStage to) {
        Instant now = stamp();
        application.stageId = to.id();
        application.status = statusOf(to);
        if (!to.type().equals("Archived")) {
            application.archiveReasonId = null;
        }
        touchApplication(application, now);
    }

    ObjectNode applicationData(ApplicationRecord application) {
        ObjectNode data = SandboxJson.object();
        data.set("application", renderer.application(application));
        return data;
    }

    void touchApplication(ApplicationRecord application, Instant now) {
        application.updatedAt = now;
        application.version = ++changeCounter;
        SimulatorRecords.existing(candidates, application.candidateId, "candidate").updatedAt = now;
    }

    AshbyNote note(String candidateId, String content, String contentType, boolean isPrivate, boolean notify,
                   String authorId) {
        CandidateRecord candidate = requireCandidate(candidateId);
        AshbyNote note = new AshbyNote(newId(), candidateId, content, contentType, isPrivate, notify, authorId, stamp());
        candidate.notes.add(note);
        candidate.updatedAt = note.createdAt();
        return note;
    }

    /** Checks {@code value} against the field's type and stores it (null clears); throws {@link AshbyApiException}. */
    void storeValue(AshbyObjectType objectType, String objectId, AshbyCustomField field, JsonNode value) {
        Map<String, JsonNode> values = valuesOf(objectType, objectId);
        if (value == null || value.isNull()) {
            values.remove(field.id());
        } else {
            values.put(field.id(), AshbyFieldValues.check(field, value));
        }
        Instant now = stamp();
        if (objectType == AshbyObjectType.CANDIDATE) {
            SimulatorRecords.existing(candidates, objectId, "candidate").updatedAt = now;
        } else {
            touchApplication(SimulatorRecords.existing(applications, objectId, "application"), now);
        }
    }

    Map<String, JsonNode> valuesOf(AshbyObjectType objectType, String objectId) {
        if (objectType == AshbyObjectType.CANDIDATE) {
            return requireCandidate(objectId).customFields;
        }
        return requireApplication(objectId).customFields;
    }

    static String statusOf(AshbyInterviewStage stage) {
        return switch (stage.type()) {
            case "Archived" -> "Archived";
            case "Hired" -> "Hired";
            case "Lead" -> "Lead";
            default -> "Active";
        };
    }

    CandidateRecord requireCandidate(String id) {
        CandidateRecord candidate = candidates.get(id);
        if (candidate == null) {
            throw new IllegalArgumentException("no candidate " + id + " in the Ashby sandbox");
        }
        return candidate;
    }

    ApplicationRecord requireApplication(String id) {
        ApplicationRecord application = applications.get(id);
        if (application == null) {
            throw new IllegalArgumentException("no application " + id + " in the Ashby sandbox");
        }
        return application;
    }

    AshbyJob requireJob(String id) {
        AshbyJob job = jobs.get(id);
        if (job == null) {
            throw new IllegalArgumentException("no job " + id + " in the Ashby sandbox");
        }
        return job;
    }

    AshbyCustomField requireField(String id) {
        AshbyCustomField field = customFields.get(id);
        if (field == null) {
            throw new IllegalArgumentException("no custom field " + id + " in the Ashby sandbox");
        }
        return field;
    }

    private static String toJsonText(@Nullable Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        if (value instanceof List<?> list) {
            StringBuilder array = new StringBuilder("[");
            for (Object item : list) {
                array.append(array.length() > 1 ? "," : "").append(toJsonText(item));
            }
            return array.append(']').toString();
        }
        return SandboxJson.object().put("v", value.toString()).get("v").toString();
    }

    /** A candidate's mutable state. */
    static final class CandidateRecord {
        final String id;
        String name;
        final List<String> emails;
        final List<String> tagIds = new ArrayList<>();
        final Map<String, JsonNode> customFields = new LinkedHashMap<>();
        final List<String> applicationIds = new ArrayList<>();
        final List<AshbyNote> notes = new ArrayList<>();
        final Instant createdAt;
        Instant updatedAt;

        CandidateRecord(String id, String name, List<String> emails, Instant now) {
            this.id = id;
            this.name = name;
            this.emails = new ArrayList<>(emails);
            this.createdAt = now;
            this.updatedAt = now;
        }
    }

    /** An application's mutable state. */
    static final class ApplicationRecord {
        final String id;
        String candidateId;
        final String jobId;
        String stageId;
        String status;
        @Nullable
        String archiveReasonId;
        final Map<String, JsonNode> customFields = new LinkedHashMap<>();
        final Instant createdAt;
        Instant updatedAt;
        /** The change counter at the application's last change (sync tokens compare against it). */
        long version;

        ApplicationRecord(String id, String candidateId, String jobId, String stageId, String status, Instant now) {
            this.id = id;
            this.candidateId = candidateId;
            this.jobId = jobId;
            this.stageId = stageId;
            this.status = status;
            this.createdAt = now;
            this.updatedAt = now;
        }
    }
}
