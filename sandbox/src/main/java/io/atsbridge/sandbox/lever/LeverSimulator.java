package io.atsbridge.sandbox.lever;

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
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An in-memory Lever account: users, the pipeline's stages, postings, archive reasons, contacts and their
 * opportunities with applications, tags and notes, served as the Lever Data API v1 under {@code /lever/v1},
 * with Lever's signed webhooks. This class is the Java side: seed data, act as a recruiter would in Lever
 * (move a candidate, add a note or a tag, archive), and read what clients wrote. Thread-safe; every method
 * sees and leaves a consistent state.
 *
 * <p>The account starts with one user, the API key's owner ({@link #apiUser()}), to whom writes without
 * {@code perform_as} are attributed, and three archive reasons: {@code Hired} (the hired reason every Lever
 * account has), {@code Underqualified} and {@code Withdrew}.
 *
 * <p>Confidential hiring: a posting may be confidential ({@link #addConfidentialPosting}), and so is every opportunity
 * applying to it (help.lever.co: visibility "into these postings, as well as any candidates and requisitions tied to
 * them, can be restricted"). Only API keys generated with access to confidential data see them; lists leave them out
 * unless asked with {@code confidentiality=confidential|all} (Lever's documented default is {@code non-confidential}).
 * A key without access gets "an access error" (documented; its form is {@link LeverConfidentialRefusal}).
 */
@Singleton
public final class LeverSimulator {

    /** The event names this simulator sends. */
    public static final List<String> EVENTS = List.of("applicationCreated", "candidateStageChange",
            "candidateArchiveChange", "candidateHired", "candidateDeleted");

    final Object lock = new Object();
    final Map<String, LeverUser> users = new LinkedHashMap<>();
    final Map<String, LeverStage> stages = new LinkedHashMap<>();
    final Map<String, LeverPosting> postings = new LinkedHashMap<>();
    final Map<String, LeverArchiveReason> archiveReasons = new LinkedHashMap<>();
    final Map<String, LeverContact> contacts = new LinkedHashMap<>();
    final Map<String, OpportunityRecord> opportunities = new LinkedHashMap<>();
    final Map<String, ApplicationRecord> applications = new LinkedHashMap<>();
    final LeverRateLimiter rateLimiter;
    final String apiKey;
    /** Every API key the account has, with whether it was generated with access to confidential data. */
    final Map<String, Boolean> apiKeys = new java.util.concurrent.ConcurrentHashMap<>();
    final LeverConfidentialRefusal confidentialRefusal;
    final LeverWebhooks webhooks;

    private final Clock clock = Clock.systemUTC();
    private final LeverUser apiUser;
    private final List<LeverWrite> writes = new CopyOnWriteArrayList<>();
    private Instant lastStamp = Instant.EPOCH;

    LeverSimulator(SandboxSettings settings, WebhookDispatcher dispatcher) {
        this.apiKey = settings.leverApiKey();
        this.apiKeys.put(apiKey, settings.leverConfidentialAccess());
        this.confidentialRefusal = settings.leverConfidentialRefusal();
        this.rateLimiter = new LeverRateLimiter(System::nanoTime, settings.leverRateLimit(), settings.leverBurst());
        this.webhooks = new LeverWebhooks(dispatcher, settings.leverWebhookUrl(), settings.leverWebhookSignatureTokens(),
                settings.leverRetryBody());
        this.apiUser = addUser("Lever API", "api@lever.sandbox.example");
        addArchiveReason("Hired", true);
        addArchiveReason("Underqualified", false);
        addArchiveReason("Withdrew", false);
    }

    // ---------------------------------------------------------------- seeding

    /** Adds a user (someone writes can be performed as, who writes notes and moves candidates). */
    public LeverUser addUser(String name, String email) {
        synchronized (lock) {
            LeverUser user = new LeverUser(newId(), name, email);
            users.put(user.id(), user);
            return user;
        }
    }

    /** Appends a stage to the account's pipeline. */
    public LeverStage addStage(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("stage text: blank (expected: a name such as \"Phone Screen\")");
        }
        synchronized (lock) {
            LeverStage stage = new LeverStage(newId(), text);
            stages.put(stage.id(), stage);
            return stage;
        }
    }

    /** Appends stages to the pipeline, in order. */
    public List<LeverStage> addStages(String... texts) {
        return Arrays.stream(texts).map(this::addStage).toList();
    }

    /** Adds a published posting. */
    public LeverPosting addPosting(String text, @Nullable String team, @Nullable String location) {
        return addPosting(text, team, location, false);
    }

    /** Adds a confidential posting: it and the opportunities applying to it are confidential data. */
    public LeverPosting addConfidentialPosting(String text, @Nullable String team, @Nullable String location) {
        return addPosting(text, team, location, true);
    }

    private LeverPosting addPosting(String text, @Nullable String team, @Nullable String location, boolean confidential) {
        synchronized (lock) {
            LeverPosting posting = new LeverPosting(newId(), text, team, location, confidential, apiUser.id(),
                    clock.instant().truncatedTo(ChronoUnit.MILLIS));
            postings.put(posting.id(), posting);
            return posting;
        }
    }

    /**
     * Adds an API key to the account, generated with or without access to confidential data (Lever: chosen once, when
     * the key is generated; "its access cannot be edited").
     */
    public void addApiKey(String key, boolean confidentialAccess) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("Lever API key: blank (expected: a non-blank key)");
        }
        if (apiKeys.putIfAbsent(key, confidentialAccess) != null) {
            throw new IllegalArgumentException("Lever API key already exists; its access cannot be edited (generate another key)");
        }
    }

    /** Adds a published posting without team or location. */
    public LeverPosting addPosting(String text) {
        return addPosting(text, null, null);
    }

    /** Adds an archive reason; {@code hired} marks a hired reason. */
    public LeverArchiveReason addArchiveReason(String text, boolean hired) {
        synchronized (lock) {
            LeverArchiveReason reason = new LeverArchiveReason(newId(), text, hired);
            archiveReasons.put(reason.id(), reason);
            return reason;
        }
    }

    /**
     * Adds an opportunity (with a new contact unless one is named, and an application for its posting) in the
     * requested stage or the pipeline's first; no webhook.
     *
     * @return the opportunity id
     */
    public String addOpportunity(NewOpportunity seed) {
        synchronized (lock) {
            return create(seed, apiUser.id()).id;
        }
    }

    // ---------------------------------------------------------------- acting as a recruiter or candidate

    /**
     * Creates an opportunity as a candidate applying would, and sends {@code applicationCreated}.
     *
     * @return the opportunity id
     */
    public String newApplication(NewOpportunity seed) {
        synchronized (lock) {
            OpportunityRecord opportunity = create(seed, apiUser.id());
            ObjectNode data = identity(opportunity);
            data.put("applicationId", opportunity.applicationIds.isEmpty() ? null : opportunity.applicationIds.get(0));
            webhooks.send("applicationCreated", data);
            return opportunity.id;
        }
    }

    /**
     * Moves an opportunity to a stage as a recruiter would in Lever, and sends {@code candidateStageChange}.
     *
     * @return the webhook's delivery id; empty when the opportunity already was in that stage (no change, no event)
     */
    public String moveStage(String opportunityId, String stageId, String userId) {
        synchronized (lock) {
            OpportunityRecord opportunity = requireOpportunity(opportunityId);
            LeverStage stage = requireStage(stageId);
            requireUser(userId);
            return applyMove(opportunity, stage, userId);
        }
    }

    /** Adds a note as a user would in Lever; moves the opportunity's updatedAt. */
    public LeverNote addNote(String opportunityId, String userId, String value, boolean secret) {
        synchronized (lock) {
            OpportunityRecord opportunity = requireOpportunity(opportunityId);
            requireUser(userId);
            return applyNote(opportunity, userId, value, secret, null, null);
        }
    }

    /** Adds a tag to the opportunity unless it has it already (exact text). */
    public void addTag(String opportunityId, String tag) {
        synchronized (lock) {
            applyTags(requireOpportunity(opportunityId), List.of(tag), true);
        }
    }

    /** Removes a tag from the opportunity, if present. */
    public void removeTag(String opportunityId, String tag) {
        synchronized (lock) {
            applyTags(requireOpportunity(opportunityId), List.of(tag), false);
        }
    }

    /**
     * Archives the opportunity with a reason as a recruiter would, and sends {@code candidateArchiveChange}
     * (and {@code candidateHired} for a hired reason).
     *
     * @return the delivery id of {@code candidateArchiveChange}
     */
    public String archive(String opportunityId, String reasonId, String userId) {
        synchronized (lock) {
            OpportunityRecord opportunity = requireOpportunity(opportunityId);
            LeverArchiveReason reason = Optional.ofNullable(archiveReasons.get(reasonId)).orElseThrow(() ->
                    new IllegalArgumentException("no archive reason " + reasonId + " in the Lever sandbox (reasons: "
                            + archiveReasons.values() + ")"));
            requireUser(userId);
            return applyArchive(opportunity, reason, userId);
        }
    }

    /** Restores an archived opportunity to active, and sends {@code candidateArchiveChange}. */
    public String unarchive(String opportunityId, String userId) {
        synchronized (lock) {
            OpportunityRecord opportunity = requireOpportunity(opportunityId);
            requireUser(userId);
            return applyArchive(opportunity, null, userId);
        }
    }

    /**
     * Deletes the opportunity (its contact stays) as a recruiter would, and sends {@code candidateDeleted}.
     *
     * @return the webhook's delivery id
     */
    public String deleteOpportunity(String opportunityId, String userId) {
        synchronized (lock) {
            OpportunityRecord opportunity = requireOpportunity(opportunityId);
            requireUser(userId);
            ObjectNode data = identity(opportunity);
            data.put("deletedBy", userId);
            opportunities.remove(opportunityId);
            opportunity.applicationIds.forEach(applications::remove);
            return webhooks.send("candidateDeleted", data);
        }
    }

    /** Sets where webhooks go (null: record only), each event's webhook keeping its signature token. */
    public void configureWebhook(@Nullable URI endpoint) {
        webhooks.configure(endpoint, webhooks.signatureTokens());
    }

    /**
     * Sets where webhooks go (null: record only) and the signature token of each event's webhook (empty: unsigned; an
     * event not named sends unsigned deliveries).
     */
    public void configureWebhook(@Nullable URI endpoint, Map<String, String> signatureTokens) {
        webhooks.configure(endpoint, signatureTokens);
    }

    /** The signature token of each event's webhook, as Lever shows it per webhook (and returns as configuration.signatureToken). */
    public Map<String, String> webhookSignatureTokens() {
        return webhooks.signatureTokens();
    }

    /**
     * Sends an arbitrary body as a new webhook event, delivered and retried like any other; for testing
     * receivers with hand-made payloads (a wrong signature, a replayed token, a body that is not JSON).
     *
     * @return the event's delivery id (recorded only; the body is sent as given)
     */
    public String sendRawWebhook(String event, byte[] body) {
        return webhooks.sendRaw(event, body);
    }

    /**
     * Sends a recorded event again, as a Super Admin's "Rerun" from the delivery history does: the same bytes, or a fresh
     * token and triggeredAt with {@link LeverRetryBody#RESIGNED} (not documented which).
     */
    public void replayWebhook(String eventId) {
        webhooks.replay(eventId);
    }

    /** Changes the token bucket (steady requests per second, burst) from now on; every bucket starts full. */
    public void setRateLimit(int requestsPerSecond, int burst) {
        rateLimiter.configure(requestsPerSecond, burst);
    }

    // ---------------------------------------------------------------- reading

    /** The user to whom writes without {@code perform_as} are attributed (the API key's owner). */
    public LeverUser apiUser() {
        return apiUser;
    }

    /** The hired archive reason (the first one, seeded at start). */
    public LeverArchiveReason hiredReason() {
        synchronized (lock) {
            return archiveReasons.values().stream().filter(LeverArchiveReason::hired).findFirst().orElseThrow();
        }
    }

    /** Every archive reason, in the order they were added. */
    public List<LeverArchiveReason> archiveReasons() {
        synchronized (lock) {
            return List.copyOf(archiveReasons.values());
        }
    }

    /** The pipeline's stages, in order. */
    public List<LeverStage> stages() {
        synchronized (lock) {
            return List.copyOf(stages.values());
        }
    }

    /** The opportunity as it is now. */
    public LeverOpportunity opportunity(String opportunityId) {
        synchronized (lock) {
            return view(requireOpportunity(opportunityId));
        }
    }

    /** Whether the opportunity exists (it may have been deleted). */
    public boolean hasOpportunity(String opportunityId) {
        synchronized (lock) {
            return opportunities.containsKey(opportunityId);
        }
    }

    /** The contact with this id. */
    public Optional<LeverContact> contact(String contactId) {
        synchronized (lock) {
            return Optional.ofNullable(contacts.get(contactId));
        }
    }

    /** The opportunity's notes, oldest first. */
    public List<LeverNote> notes(String opportunityId) {
        synchronized (lock) {
            return List.copyOf(requireOpportunity(opportunityId).notes);
        }
    }

    /** The opportunity's tags, in the order they were added. */
    public List<String> tags(String opportunityId) {
        synchronized (lock) {
            return List.copyOf(requireOpportunity(opportunityId).tags);
        }
    }

    /** How many opportunities exist. */
    public int opportunityCount() {
        synchronized (lock) {
            return opportunities.size();
        }
    }

    /** Rate-limit counters since start or the last reset. */
    public LeverRateLimitStats rateLimitStats() {
        return rateLimiter.stats();
    }

    /** Clears rate-limit counters and refills every bucket. */
    public void resetRateLimitStats() {
        rateLimiter.reset();
    }

    /** Every write request that reached the API, oldest first. */
    public List<LeverWrite> writes() {
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

    // ---------------------------------------------------------------- package internals (call with the lock held)

    /** A timestamp strictly after the previous one, so every write moves updatedAt visibly (millisecond resolution). */
    Instant stamp() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        if (!now.isAfter(lastStamp)) {
            now = lastStamp.plusMillis(1);
        }
        lastStamp = now;
        return now;
    }

    OpportunityRecord create(NewOpportunity seed, String userId) {
        if (stages.isEmpty()) {
            throw new IllegalStateException("the Lever sandbox has no stages: add the pipeline with addStages(...) first");
        }
        LeverStage stage = seed.stageId() == null ? stages.values().iterator().next() : requireStage(seed.stageId());
        if (seed.postingId() != null && !postings.containsKey(seed.postingId())) {
            throw new IllegalArgumentException("no posting " + seed.postingId() + " in the Lever sandbox");
        }
        String contactId = seed.contactId();
        if (contactId == null) {
            LeverContact contact = new LeverContact(newId(), seed.name(), seed.headline(), seed.emails(), seed.phones(),
                    seed.location());
            contacts.put(contact.id(), contact);
            contactId = contact.id();
        } else if (!contacts.containsKey(contactId)) {
            throw new IllegalArgumentException("no contact " + contactId + " in the Lever sandbox");
        }
        Instant now = stamp();
        OpportunityRecord opportunity = new OpportunityRecord(newId(), contactId, seed.origin(), seed.sources(),
                stage.id(), now);
        opportunity.tags.addAll(seed.tags());
        opportunity.stageChanges.add(new LeverStageChange(stage.id(), stageIndex(stage.id()), now, userId));
        ApplicationRecord application = new ApplicationRecord(newId(), opportunity.id, seed.postingId(),
                seed.postingId() == null ? "user" : "posting", now);
        applications.put(application.id(), application);
        opportunity.applicationIds.add(application.id());
        opportunities.put(opportunity.id, opportunity);
        return opportunity;
    }

    /** Moves and sends {@code candidateStageChange}; returns the delivery id, or empty when already in the stage. */
    String applyMove(OpportunityRecord opportunity, LeverStage to, String userId) {
        if (opportunity.stageId.equals(to.id())) {
            return "";
        }
        String from = opportunity.stageId;
        Instant now = stamp();
        opportunity.stageId = to.id();
        opportunity.stageChanges.add(new LeverStageChange(to.id(), stageIndex(to.id()), now, userId));
        opportunity.updatedAt = now;
        opportunity.lastAdvancedAt = now;
        ObjectNode data = identity(opportunity);
        data.put("toStageId", to.id());
        data.put("fromStageId", from);
        return webhooks.send("candidateStageChange", data);
    }

    LeverNote applyNote(OpportunityRecord opportunity, String userId, String value, boolean secret,
                        @Nullable Integer score, @Nullable Instant createdAt) {
        Instant now = stamp();
        LeverNote note = new LeverNote(newId(), value, userId, secret, score, createdAt == null ? now : createdAt);
        opportunity.notes.add(note);
        opportunity.updatedAt = now;
        return note;
    }

    /** Adds (or removes) the tags, exact text; moves updatedAt only when something changed. */
    void applyTags(OpportunityRecord opportunity, List<String> tags, boolean add) {
        boolean changed = false;
        for (String tag : tags) {
            changed |= add ? !opportunity.tags.contains(tag) && opportunity.tags.add(tag) : opportunity.tags.remove(tag);
        }
        if (changed) {
            opportunity.updatedAt = stamp();
        }
    }

    /**
     * Archives with the reason (or restores with null) and sends {@code candidateArchiveChange}, plus
     * {@code candidateHired} for a hired reason. Returns the archive change's delivery id, or empty when nothing changed.
     */
    String applyArchive(OpportunityRecord opportunity, @Nullable LeverArchiveReason reason, String userId) {
        LeverArchiveState before = opportunity.archived;
        if (reason == null ? before == null : before != null && before.reasonId().equals(reason.id())) {
            return "";
        }
        Instant now = stamp();
        opportunity.archived = reason == null ? null : new LeverArchiveState(reason.id(), now);
        opportunity.updatedAt = now;
        ObjectNode data = identity(opportunity);
        data.put("userId", userId);
        data.set("fromArchived", archivedJson(before));
        data.set("toArchived", archivedJson(opportunity.archived));
        String id = webhooks.send("candidateArchiveChange", data);
        if (reason != null && reason.hired()) {
            webhooks.send("candidateHired", identity(opportunity));
        }
        return id;
    }

    int stageIndex(String stageId) {
        return new ArrayList<>(stages.keySet()).indexOf(stageId);
    }

    void recordWrite(LeverWrite write) {
        writes.add(write);
    }

    LeverOpportunity view(OpportunityRecord o) {
        LeverContact contact = SimulatorRecords.existing(contacts, o.contactId, "contact");
        List<String> postingIds = o.applicationIds.stream().map(applications::get)
                .map(ApplicationRecord::postingId).filter(p -> p != null).toList();
        return new LeverOpportunity(o.id, o.contactId, contact.name(), contact.emails(), o.tags, o.stageId,
                o.stageChanges, o.archived, o.applicationIds, postingIds, contact.location(), o.origin,
                o.createdAt, o.updatedAt);
    }

    /** Whether the opportunity is confidential: one of its applications is for a confidential posting. */
    boolean confidential(OpportunityRecord opportunity) {
        return opportunity.applicationIds.stream().map(applications::get)
                .anyMatch(a -> {
                    String posting = a == null ? null : a.postingId();
                    return posting != null && SimulatorRecords.existing(postings, posting, "posting").confidential();
                });
    }

    OpportunityRecord requireOpportunity(String id) {
        OpportunityRecord opportunity = opportunities.get(id);
        if (opportunity == null) {
            throw new IllegalArgumentException("no opportunity " + id + " in the Lever sandbox");
        }
        return opportunity;
    }

    private LeverStage requireStage(String id) {
        LeverStage stage = stages.get(id);
        if (stage == null) {
            throw new IllegalArgumentException("no stage " + id + " in the Lever sandbox (stages: " + stages.values() + ")");
        }
        return stage;
    }

    private void requireUser(String id) {
        if (!users.containsKey(id)) {
            throw new IllegalArgumentException("no user " + id + " in the Lever sandbox");
        }
    }

    /** The ids every candidate webhook carries; {@code candidateId} is Lever's deprecated alias of the opportunity id. */
    private static ObjectNode identity(OpportunityRecord opportunity) {
        ObjectNode data = SandboxJson.object();
        data.put("opportunityId", opportunity.id);
        data.put("candidateId", opportunity.id);
        data.put("contactId", opportunity.contactId);
        return data;
    }

    private static com.fasterxml.jackson.databind.JsonNode archivedJson(@Nullable LeverArchiveState state) {
        if (state == null) {
            return com.fasterxml.jackson.databind.node.NullNode.getInstance();
        }
        return SandboxJson.object().put("reason", state.reasonId()).put("archivedAt", state.archivedAt().toEpochMilli());
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }
}
