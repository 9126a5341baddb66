package io.atsbridge.adapter.engine.sync;

import io.atsbridge.adapter.connections.connector.Connectors;
import io.atsbridge.adapter.connections.domain.Connection;
import io.atsbridge.adapter.connections.domain.ConnectionDirectory;
import io.atsbridge.adapter.connections.domain.ConnectionKind;
import io.atsbridge.adapter.connections.domain.ConsentSettingsDirectory;
import io.atsbridge.adapter.connections.domain.ScreenTriggers;
import io.atsbridge.adapter.connections.domain.ScreenTriggersDirectory;
import io.atsbridge.adapter.connections.domain.SyncSettings;
import io.atsbridge.adapter.engine.domain.ApplicationStates;
import io.atsbridge.adapter.engine.domain.AuditEntry;
import io.atsbridge.adapter.engine.domain.ClaimedEvent;
import io.atsbridge.adapter.engine.domain.EventType;
import io.atsbridge.adapter.engine.domain.InboxEvent;
import io.atsbridge.adapter.engine.domain.LoopCase;
import io.atsbridge.adapter.engine.domain.LoopCaseStatus;
import io.atsbridge.adapter.engine.domain.LoopEnding;
import io.atsbridge.adapter.engine.domain.LoopStore;
import io.atsbridge.adapter.engine.domain.LoopTransitions;
import io.atsbridge.adapter.engine.domain.LoopTransitions.Event;
import io.atsbridge.adapter.engine.domain.ScreenRequest;
import io.atsbridge.connectors.AtsApplication;
import io.atsbridge.connectors.AtsCandidate;
import io.atsbridge.connectors.AtsConnector;
import io.atsbridge.connectors.AtsStageEvent;
import io.atsbridge.connectors.aivendor.AiInterviewVendor;
import io.atsbridge.proto.common.v1.Candidate;
import io.atsbridge.proto.common.v1.ExternalKind;
import io.atsbridge.proto.common.v1.ExternalRef;
import io.atsbridge.proto.consent.v1.PolicyAction;
import io.atsbridge.proto.identity.v1.CandidateProfile;
import io.atsbridge.proto.identity.v1.ResolveCandidateRequest;
import io.atsbridge.proto.identity.v1.ResolveCandidateResponse;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * An application entered a stage of an ATS connection that runs the loop, a new application arrived, or someone asked
 * for a screen ({@link ScreenRequest}). When one of the job's {@link ScreenTriggers} fires (entering the trigger stage,
 * a new application, a tag the candidate carries) or the screen was asked for, and the candidate was not screened for
 * the job yet (whatever started that screen; an explicit re-screen excepted): resolve the candidate with identity-service, ask consent-service whether the AI
 * interview, the disclosure to the AI vendor and the scoring may happen ({@link ConsentQuestions}), and either record
 * the block or invite the candidate at the AI vendor. A case that ends
 * blocked or failed is told to the recruiter on the ATS record ({@link LoopEnding}, kept with the ending). Every
 * step can be repeated: the case is keyed by (connection, application, stage), identity resolution
 * is idempotent, and the invitation carries an Idempotency-Key derived from the same three values.
 */
@Singleton
final class StageChangeStep {

    /** What consent-service is asked before an invitation, in this order. */
    static final List<PolicyAction> BEFORE_INVITING = List.of(PolicyAction.POLICY_ACTION_AI_INTERVIEW,
            PolicyAction.POLICY_ACTION_DISCLOSE_TO_THIRD_PARTY, PolicyAction.POLICY_ACTION_AI_SCORING);
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");
    private static final int MAX_NAME = 200;

    private final LoopStore cases;
    private final ConnectionDirectory directory;
    private final Connectors connectors;
    private final LoopPeers peers;
    private final ApplicationStates states;
    private final EndingNotices notices;
    private final ConsentQuestions questions;
    private final ConsentSettingsDirectory consentSettings;
    private final ScreenTriggersDirectory triggers;
    private final Clock clock;

    StageChangeStep(LoopStore cases, ConnectionDirectory directory, Connectors connectors, LoopPeers peers,
                    ApplicationStates states, EndingNotices notices, ConsentQuestions questions,
                    ConsentSettingsDirectory consentSettings, ScreenTriggersDirectory triggers, Clock clock) {
        this.clock = clock;
        this.triggers = triggers;
        this.questions = questions;
        this.consentSettings = consentSettings;
        this.notices = notices;
        this.cases = cases;
        this.states = states;
        this.directory = directory;
        this.connectors = connectors;
        this.peers = peers;
    }

    /**
     * @param lastAttempt whether a retryable failure ends the event now (the case is then marked FAILED)
     */
    Outcome process(ClaimedEvent event, Connection ats, SyncSettings sync, boolean lastAttempt) {
        AtsStageEvent stage;
        @Nullable ScreenRequest request = null;
        AtsConnector client;
        try {
            client = connectors.ats(ats, sync.onBehalfOf());
            if (ScreenRequest.TYPE.equals(event.vendorEventType())) {
                request = ScreenRequest.parse(event.rawBody());
            }
            stage = InboxEvent.BACKFILL_TYPE.equals(event.vendorEventType()) || request != null
                    ? stageFromApi(client, event.rawBody()) : client.stageEvent(event.rawBody());
        } catch (RuntimeException e) {
            throw Failures.classify("reading the " + event.vendorEventType() + " body", e)
                    .withAudit(List.of(AuditRecords.received(event, event.id(), "", Map.of("outcome", "FAILED"), now())));
        }
        Map<String, String> refs = Map.of("application_external_id", stage.applicationId(), "stage_id", stage.stageId());
        if (event.occurTime() != null && !states.apply(event.tenantId(), ats.id(), stage.applicationId(), event.occurTime(),
                event.id(), stage.stageId())) {
            // A delayed retry of an older change: acting on it would undo what newer events did.
            String applied = states.find(ats.id(), stage.applicationId())
                    .map(state -> state.appliedTime() + " by event " + state.appliedEventId()).orElse("meanwhile");
            return Outcome.ignored("stale: this " + event.vendorEventType() + " of application " + stage.applicationId()
                            + " happened at " + event.occurTime() + ", before the change already applied at " + applied,
                    List.of(AuditRecords.received(event, event.id(), "", withOutcome(refs, "STALE"), now())));
        }
        ScreenTriggers screenTriggers = triggers.of(ats.id());
        Optional<ScreenTriggers.Trigger> fired;
        try {
            fired = request != null ? Optional.empty() : fired(event, client, sync, screenTriggers, stage);
        } catch (RuntimeException e) {
            throw Failures.classify("reading the tags of candidate " + stage.candidateId(), e)
                    .withAudit(List.of(AuditRecords.received(event, event.id(), "", withOutcome(refs, "FAILED"), now())));
        }
        if (request == null && fired.isEmpty()) {
            boolean stageOnly = screenTriggers.of(stage.jobId()).equals(List.of(ScreenTriggers.Trigger.TRIGGER_STAGE));
            return Outcome.ignored("application " + stage.applicationId() + " entered stage '" + stage.stageName() + "' ("
                            + stage.stageId() + ")" + (stageOnly ? ", not the trigger stage '" + sync.triggerStage() + "'"
                            : " (" + event.eventType() + "), which fires none of the triggers of job " + stage.jobId() + ": "
                            + describe(screenTriggers.of(stage.jobId()), sync)),
                    List.of(AuditRecords.received(event, event.id(), "", withOutcome(refs, "IGNORED"), now())));
        }
        refs = withTrigger(refs, request, fired);
        boolean reScreen = request != null && request.reScreen();
        String triggerKey = request != null && request.reScreen() ? request.reScreenKey() : stage.stageId();
        Optional<LoopCase> existing = cases.findByTrigger(ats.id(), stage.applicationId(), triggerKey);
        if (existing.isEmpty() && !reScreen && stage.jobId() != null) {
            // Never twice: a case of the candidate for the job, whatever started it, stands for this trigger too.
            Optional<LoopCase> screened = cases.findByCandidateJob(ats.id(), stage.candidateId(), stage.jobId());
            if (screened.isPresent() && !screened.get().applicationExternalId().equals(stage.applicationId())) {
                return alreadyExists(event, screened.get(), refs);
            }
            existing = screened;
        }
        if (existing.isPresent() && !existing.get().triggerEventId().equals(event.id())) {
            LoopCase other = existing.get();
            if (LoopTransitions.accepts(other.status(), Event.RESTART) && other.interviewId() == null
                    && cases.restart(other.id(), event.id(), now(), List.of(AuditRecords.received(event, other.traceId(),
                    other.applicationId(), withOutcome(refs, "RESTARTED"), now())))) {
                // A stage change sent again after a failed or consent-blocked start (the e-mail was fixed, the
                // consent or notice recorded, and the candidate moved again) takes the case over: consent is
                // asked again and the invitation tried once more.
                return proceed(event, ats, sync, stage, cases.find(other.id()).orElseThrow(), lastAttempt);
            }
            return alreadyExists(event, other, refs);
        }
        // Only FAILED here: a case this very event blocked stays blocked when the event is claimed again.
        if (existing.isPresent() && existing.get().status() == LoopCaseStatus.FAILED && existing.get().interviewId() == null
                && cases.restart(existing.get().id(), event.id(), now(), List.of(AuditRecords.received(event,
                existing.get().traceId(), existing.get().applicationId(), withOutcome(refs, "RESTARTED"), now())))) {
            // This event's dead letter was replayed (its cause fixed): the case it failed starts again.
            existing = cases.find(existing.get().id());
        }
        if (existing.isPresent() && !LoopTransitions.accepts(existing.get().status(), Event.INVITE)) {
            // This event started the case and an earlier attempt got past the invitation: report where it stands.
            return settled(existing.get());
        }
        ResolveCandidateResponse identity;
        try {
            identity = resolve(event, ats, stage, existing.map(LoopCase::traceId).orElse(event.id()));
        } catch (SyncFailure failure) {
            if (existing.isEmpty()) {
                throw failure.withAudit(List.of(AuditRecords.received(event, event.id(), "", withOutcome(refs, "FAILED"), now())));
            }
            if (failure.endsCase(lastAttempt)) {
                cases.markFailed(existing.get().id(), event.id(), failure.getMessage(), now(), List.of(),
                        notices.of(ats, existing.get(), LoopEnding.Ending.FAILED));
            }
            throw failure;
        }
        LoopCase loopCase;
        if (existing.isPresent()) {
            loopCase = existing.get();
        } else {
            Instant now = now();
            String traceId = UUID.randomUUID().toString();
            LoopCase created = new LoopCase(UUID.randomUUID().toString(), event.tenantId(), ats.id(), stage.applicationId(),
                    stage.candidateId(), stage.jobId(), triggerKey, identity.getCandidate().getId(),
                    identity.getApplication().getId(), sync.aiConnectionId(), null, traceId, LoopTransitions.INITIAL,
                    event.id(), null, event.receiveTime(), null, null, null, null, now, now);
            AuditEntry received = AuditRecords.received(event, traceId, created.applicationId(),
                    withOutcome(refs, "TRIGGERED"), now);
            if (!cases.create(created, List.of(received))) {
                LoopCase winner = cases.findByTrigger(ats.id(), stage.applicationId(), triggerKey).orElseThrow(() ->
                        new TransientFailure("the case of application " + stage.applicationId() + " vanished after a conflict"));
                if (!winner.triggerEventId().equals(event.id())) {
                    return alreadyExists(event, winner, refs);
                }
                loopCase = winner;
            } else {
                loopCase = created;
            }
        }
        return proceed(event, ats, sync, stage, loopCase, lastAttempt, identity.getCandidate());
    }

    private Outcome proceed(ClaimedEvent event, Connection ats, SyncSettings sync, AtsStageEvent stage,
                            LoopCase loopCase, boolean lastAttempt) {
        ResolveCandidateResponse identity;
        try {
            identity = resolve(event, ats, stage, loopCase.traceId());
        } catch (SyncFailure failure) {
            if (failure.endsCase(lastAttempt)) {
                cases.markFailed(loopCase.id(), event.id(), failure.getMessage(), now(), List.of(),
                        notices.of(ats, loopCase, LoopEnding.Ending.FAILED));
            }
            throw failure;
        }
        return proceed(event, ats, sync, stage, loopCase, lastAttempt, identity.getCandidate());
    }

    private Outcome proceed(ClaimedEvent event, Connection ats, SyncSettings sync, AtsStageEvent stage,
                            LoopCase loopCase, boolean lastAttempt, Candidate candidate) {
        if (!LoopTransitions.accepts(loopCase.status(), Event.INVITE)) {
            return settled(loopCase);
        }
        try {
            return consentAndInvite(event, ats, sync, stage, loopCase, candidate);
        } catch (RuntimeException e) {
            SyncFailure failure = Failures.classify("starting the interview of case " + loopCase.id(), e);
            if (failure.endsCase(lastAttempt)) {
                cases.markFailed(loopCase.id(), event.id(), failure.getMessage(), now(), List.of(),
                        notices.of(ats, loopCase, LoopEnding.Ending.FAILED));
            }
            throw failure;
        }
    }

    private Outcome consentAndInvite(ClaimedEvent event, Connection ats, SyncSettings sync, AtsStageEvent stage,
                                     LoopCase loopCase, Candidate candidate) {
        String trace = loopCase.traceId();
        String subject = loopCase.applicationId();
        // The candidate's as identity-service knows them (the ATS record's jurisdiction field feeds it),
        // else the ATS record's, else the connection's defaults.
        List<String> fromRecord = jurisdictions(stage, sync);
        List<String> jurisdictions = candidate.getJurisdictionsCount() > 0 ? candidate.getJurisdictionsList()
                : !fromRecord.isEmpty() ? fromRecord : sync.defaultJurisdictions();
        if (jurisdictions.isEmpty()) {
            String detail = "no jurisdiction is known for candidate " + loopCase.candidateId() + " and connection " + ats.id()
                    + " names none: no interview without a consent decision; set atsbridge.connections." + ats.id()
                    + ".jurisdictions";
            Instant now = now();
            AuditEntry blocked = AuditRecords.record(event, trace, AuditRecords.INTERVIEW_BLOCKED, subject, ats.id(),
                    Map.of("reason", "NO_JURISDICTION", "case_id", loopCase.id()), new byte[0], now);
            cases.markBlocked(loopCase.id(), detail, now, List.of(blocked),
                    notices.of(ats, loopCase, LoopEnding.Ending.LOCATION_UNKNOWN));
            return Outcome.blocked(detail, List.of());
        }
        // Asked in the order of what the invitation sets off: the interview (capture and analysis), the disclosure to
        // the AI vendor, then the scoring to come (its confidence unknown yet, so human review does not stop it here).
        // The first answer that stops the loop ends the questions.
        // The requisition's places are the ATS connection's declared ones: no connector's job (AtsJob) carries a
        // location atsbridge can read as a jurisdiction code (Greenhouse offices and Lever locations are free text).
        ConsentQuestions.Subject about = new ConsentQuestions.Subject(loopCase.candidateId(), jurisdictions,
                consentSettings.of(ats.id()).requisitionJurisdictions(), sync.aiConnectionId(),
                consentSettings.of(sync.aiConnectionId()));
        List<ConsentQuestions.Answer> answers = new ArrayList<>();
        for (PolicyAction action : BEFORE_INVITING) {
            ConsentQuestions.Answer answer = questions.ask(event, trace, subject, ats.id(), about, action, null);
            answers.add(answer);
            if (!answer.proceeds()) {
                Instant decided = now();
                String detail = answer.detail(about.places()) + ": no interview created";
                AuditEntry blocked = AuditRecords.record(event, trace, AuditRecords.INTERVIEW_BLOCKED, subject, ats.id(),
                        Map.of("decision", answer.response().getDecision().name(), "action", action.name(),
                                "unsatisfied_rule_ids", AuditRecords.join(AuditRecords.unsatisfied(answer.response())),
                                "case_id", loopCase.id()), new byte[0], decided);
                List<AuditEntry> records = new ArrayList<>(ConsentQuestions.audits(answers));
                records.add(blocked);
                if (!cases.markBlocked(loopCase.id(), detail, decided, records,
                        notices.of(ats, loopCase, LoopEnding.Ending.CONSENT_REQUIRED))) {
                    return settled(loopCase);
                }
                return Outcome.blocked(detail, List.of());
            }
        }
        AiInterviewVendor.Invitation invitation = invite(event, sync, stage, loopCase);
        Instant invited = now();
        AuditEntry invitedRecord = AuditRecords.record(event, trace, AuditRecords.INTERVIEW_INVITED, subject,
                sync.aiConnectionId(), Map.of("interview_id", invitation.interviewId(), "ai_connection_id", sync.aiConnectionId(),
                        "interview_kit_id", sync.interviewKitId(), "case_id", loopCase.id(),
                        "ats_connection_id", ats.id()), new byte[0], invited);
        String detail = "interview " + invitation.interviewId() + " invited at " + sync.aiConnectionId()
                + (invitation.created() ? "" : " (the vendor returned the interview created earlier)");
        List<AuditEntry> records = new ArrayList<>(ConsentQuestions.audits(answers));
        records.add(invitedRecord);
        if (!cases.markInvited(loopCase.id(), invitation.interviewId(), detail, invited, records)) {
            return settled(loopCase);
        }
        return Outcome.done(detail + " for application " + stage.applicationId() + " (case " + loopCase.id() + ")", List.of());
    }

    private AiInterviewVendor.Invitation invite(ClaimedEvent event, SyncSettings sync, AtsStageEvent stage,
                                                LoopCase loopCase) {
        Connection ai = directory.find(event.tenantId(), sync.aiConnectionId()).orElseThrow(() -> new PermanentFailure(
                FailureReason.MISSING_CONFIGURATION, "AI connection " + sync.aiConnectionId() + " does not exist in tenant "
                + event.tenantId()));
        if (ai.kind() != ConnectionKind.AI_VENDOR || !ai.enabled()) {
            throw new PermanentFailure(FailureReason.MISSING_CONFIGURATION, "AI connection " + ai.id() + " is "
                    + (ai.enabled() ? "not an AI_VENDOR connection" : "disabled") + "; no interview can be created for "
                    + "application " + stage.applicationId());
        }
        if (stage.jobId() == null) {
            throw new PermanentFailure(FailureReason.MISSING_DATA, "application " + stage.applicationId() + " has no job "
                    + "(a prospect); an AI interview needs the job it is for");
        }
        String title = stage.jobName().isBlank() ? "Job " + stage.jobId() : stage.jobName();
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("ats_connection_id", loopCase.atsConnectionId());
        metadata.put("application_id", loopCase.applicationId());
        metadata.put("candidate_id", loopCase.candidateId());
        try {
            return connectors.aiVendor(ai).createInterview(
                    new AiInterviewVendor.Candidate(loopCase.candidateId(), stage.firstName(), stage.lastName(), stage.email()),
                    new AiInterviewVendor.Job(stage.jobId(), title),
                    sync.interviewKitId(), metadata,
                    LoopIds.idempotencyKey(loopCase.atsConnectionId(), loopCase.applicationExternalId(),
                            loopCase.triggerStageId()));
        } catch (RuntimeException e) {
            throw Failures.classify("inviting application " + stage.applicationId() + " at " + ai.id(), e);
        }
    }

    private ResolveCandidateResponse resolve(ClaimedEvent event, Connection ats, AtsStageEvent stage, String traceId) {
        ResolveCandidateRequest.Builder request = ResolveCandidateRequest.newBuilder()
                .setRequestId("adapter:" + event.id())
                .setCandidateRef(ref(ats, ExternalKind.EXTERNAL_KIND_CANDIDATE, stage.candidateId()))
                .setApplicationRef(ref(ats, ExternalKind.EXTERNAL_KIND_APPLICATION, stage.applicationId()))
                .setProfile(profile(stage, ats.sync()));
        if (stage.jobId() != null) {
            request.setRequisitionRef(ref(ats, ExternalKind.EXTERNAL_KIND_REQUISITION, stage.jobId()));
        }
        ResolveCandidateResponse response = peers.resolveCandidate(event.tenantId(), traceId, request.build());
        if (response.getCandidate().getId().isEmpty() || response.getApplication().getId().isEmpty()) {
            throw new TransientFailure("identity-service resolved application " + stage.applicationId()
                    + " without a candidate or application id");
        }
        return response;
    }

    /**
     * The trigger the event fires, if any. The candidate's tags are read from the ATS only where a tag trigger could
     * fire: no vendor's application webhook carries them reliably (Greenhouse sends them with the candidate, Lever and
     * Ashby do not).
     */
    private static Optional<ScreenTriggers.Trigger> fired(ClaimedEvent event, AtsConnector client, SyncSettings sync,
                                                          ScreenTriggers screenTriggers, AtsStageEvent stage) {
        boolean newApplication = event.eventType() == EventType.APPLICATION_CREATED;
        Optional<ScreenTriggers.Trigger> fired = screenTriggers.fired(stage.jobId(), sync.triggerStage(), newApplication,
                stage.stageName(), List.of());
        boolean tagged = screenTriggers.of(stage.jobId()).stream().anyMatch(t -> t.kind() == ScreenTriggers.Kind.TAG);
        if (fired.isPresent() || !tagged || stage.candidateId().isEmpty()) {
            return fired;
        }
        return screenTriggers.fired(stage.jobId(), sync.triggerStage(), newApplication, stage.stageName(),
                client.getCandidate(stage.candidateId()).tags());
    }

    private static String describe(List<ScreenTriggers.Trigger> jobTriggers, SyncSettings sync) {
        if (jobTriggers.isEmpty()) {
            return "none (the job's screens start by explicit request only)";
        }
        return jobTriggers.stream().map(t -> t.kind() == ScreenTriggers.Kind.STAGE && t.name() == null
                ? "stage '" + sync.triggerStage() + "'" : t.toString()).collect(java.util.stream.Collectors.joining(", "));
    }

    /** The audit attributes that say what started the screen (and, for a request, who asked and why). */
    private static Map<String, String> withTrigger(Map<String, String> refs, @Nullable ScreenRequest request,
                                                   Optional<ScreenTriggers.Trigger> fired) {
        Map<String, String> attributes = new LinkedHashMap<>(refs);
        if (request == null) {
            attributes.put("trigger", fired.map(ScreenTriggers.Trigger::toString).orElse(""));
            return attributes;
        }
        attributes.put("trigger", request.reScreen() ? "re-screen" : "request");
        attributes.put("requested_by", request.requestedBy());
        attributes.put("request_id", request.requestId());
        if (!request.reason().isEmpty()) {
            attributes.put("reason", request.reason());
        }
        return attributes;
    }

    private Outcome alreadyExists(ClaimedEvent event, LoopCase other, Map<String, String> refs) {
        return Outcome.ignored("interview already exists for application " + other.applicationExternalId() + " at stage "
                        + other.triggerStageId() + " (case " + other.id() + ", " + other.status() + "): the candidate is "
                        + "screened for job " + other.jobExternalId() + " once; a re-screen must be asked for (StartScreen "
                        + "with re_screen)",
                List.of(AuditRecords.received(event, other.traceId(), other.applicationId(),
                        withOutcome(refs, "IGNORED"), now())));
    }

    /**
     * The outcome for a case this event started that is past TRIGGERED: an earlier attempt of the event
     * (or another claim of it) got there first.
     */
    private Outcome settled(LoopCase loopCase) {
        LoopCase now = cases.find(loopCase.id()).orElse(loopCase);
        return switch (now.status()) {
            case CONSENT_BLOCKED -> Outcome.blocked(now.detail() == null ? "consent blocked the interview" : now.detail(),
                    List.of());
            case FAILED -> throw new PermanentFailure(FailureReason.CASE_STATE, "case " + now.id() + " failed: " + now.detail());
            case TRIGGERED -> throw new TransientFailure("case " + now.id() + " is still being invited");
            default -> Outcome.done("interview " + now.interviewId() + " invited for application "
                    + now.applicationExternalId() + " (case " + now.id() + ", " + now.status() + ")", List.of());
        };
    }

    private static ExternalRef ref(Connection ats, ExternalKind kind, String id) {
        return ExternalRef.newBuilder()
                .setConnectionId(ats.id())
                .setVendor(io.atsbridge.proto.common.v1.Vendor.valueOf("VENDOR_" + ats.vendor().name()))
                .setKind(kind)
                .setId(id)
                .build();
    }

    /** What the webhook says about the person, leaving out what identity-service would refuse. */
    private static CandidateProfile profile(AtsStageEvent stage, @Nullable SyncSettings sync) {
        String email = stage.email().trim().toLowerCase(Locale.ROOT);
        return CandidateProfile.newBuilder()
                .setGivenName(cut(stage.firstName()))
                .setFamilyName(cut(stage.lastName()))
                .setEmail(EMAIL.matcher(email).matches() && email.length() <= 320 ? email : "")
                .addAllJurisdictions(jurisdictions(stage, sync))
                .build();
    }

    /**
     * The jurisdiction codes the ATS record holds in the connection's jurisdiction field (several may be
     * separated by commas, semicolons or spaces); what is not a code is left out, so that a typo in the ATS
     * means the connection's defaults apply rather than a failed event.
     */
    /**
     * A backfilled application's stage event, read from the ATS now (the backfill body names the
     * application only): what the application looks like when the event is processed is what counts.
     */
    static AtsStageEvent stageFromApi(AtsConnector client, byte[] body) {
        com.fasterxml.jackson.databind.JsonNode node;
        try {
            node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
        } catch (java.io.IOException e) {
            throw new io.atsbridge.connectors.MalformedPayloadException("backfill event body is not JSON: " + e.getMessage());
        }
        String applicationId = node.path("application_id").asText("");
        if (applicationId.isEmpty()) {
            throw new io.atsbridge.connectors.MalformedPayloadException("backfill event body has no application_id");
        }
        AtsApplication application = client.getApplication(applicationId);
        AtsCandidate candidate = client.getCandidate(application.candidateId());
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        candidate.customFieldValues().forEach((key, value) -> {
            if (value == null || value.isNull() || value.isMissingNode()) {
                return;
            }
            if (value.isArray()) {
                List<String> items = new java.util.ArrayList<>();
                value.forEach(item -> items.add(item.asText()));
                fields.put(key, String.join(",", items));
            } else {
                fields.put(key, value.isValueNode() ? value.asText() : value.toString());
            }
        });
        return new AtsStageEvent(InboxEvent.BACKFILL_TYPE, application.id(), application.candidateId(),
                application.jobIds().isEmpty() ? null : application.jobIds().get(0), "",
                application.currentStageId() == null ? "" : application.currentStageId(),
                application.currentStageName() == null ? "" : application.currentStageName(),
                candidate.firstName(), candidate.lastName(), candidate.emails().isEmpty() ? "" : candidate.emails().get(0),
                fields);
    }

    static List<String> jurisdictions(AtsStageEvent stage, @Nullable SyncSettings sync) {
        if (sync == null || sync.jurisdictionField() == null) {
            return List.of();
        }
        String value = stage.candidateFields().get(sync.jurisdictionField());
        if (value == null) {
            return List.of();
        }
        java.util.Set<String> codes = new java.util.LinkedHashSet<>();
        for (String part : value.split("[,;\\s]+")) {
            String code = part.trim().toUpperCase(Locale.ROOT);
            if (SyncSettings.JURISDICTION.matcher(code).matches()) {
                codes.add(code);
            }
        }
        return List.copyOf(codes);
    }

    private static String cut(String text) {
        String trimmed = text.trim();
        return trimmed.length() <= MAX_NAME ? trimmed : trimmed.substring(0, MAX_NAME);
    }

    private static Map<String, String> withOutcome(Map<String, String> refs, String outcome) {
        Map<String, String> attributes = new LinkedHashMap<>(refs);
        attributes.put("outcome", outcome);
        return attributes;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
