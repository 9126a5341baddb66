package io.atsbridge.launcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atsbridge.platform.testing.TestCalls;
import io.atsbridge.platform.testing.TestDatabase;
import io.atsbridge.proto.adapter.v1.AdapterServiceGrpc;
import io.atsbridge.proto.adapter.v1.ConflictStatus;
import io.atsbridge.proto.adapter.v1.DeadLetter;
import io.atsbridge.proto.adapter.v1.ListConflictsRequest;
import io.atsbridge.proto.adapter.v1.ListDeadLettersRequest;
import io.atsbridge.proto.adapter.v1.WriteConflict;
import io.atsbridge.proto.audit.v1.AuditRecord;
import io.atsbridge.proto.audit.v1.AuditServiceGrpc;
import io.atsbridge.proto.audit.v1.QueryRecordsRequest;
import io.atsbridge.proto.common.v1.ExternalKind;
import io.atsbridge.proto.common.v1.ExternalRef;
import io.atsbridge.proto.common.v1.Vendor;
import io.atsbridge.proto.identity.v1.CandidateLink;
import io.atsbridge.proto.identity.v1.IdentityServiceGrpc;
import io.atsbridge.proto.identity.v1.ListCandidateLinksRequest;
import io.atsbridge.proto.identity.v1.ResolveCandidateRequest;
import io.atsbridge.proto.identity.v1.ResolveCandidateResponse;
import io.atsbridge.proto.mapping.v1.AssessmentAttribute;
import io.atsbridge.proto.mapping.v1.FieldMapping;
import io.atsbridge.proto.mapping.v1.FieldOption;
import io.atsbridge.proto.mapping.v1.FieldScope;
import io.atsbridge.proto.mapping.v1.FieldType;
import io.atsbridge.proto.mapping.v1.MappingProfile;
import io.atsbridge.proto.mapping.v1.NoteRule;
import io.atsbridge.proto.mapping.v1.NoteVisibility;
import io.atsbridge.proto.mapping.v1.SkillTagRule;
import io.atsbridge.proto.mapping.v1.TargetField;
import io.atsbridge.sandbox.Sandbox;
import io.atsbridge.sandbox.SandboxSettings;
import io.atsbridge.sandbox.aivendor.AiVendorSimulator;
import io.atsbridge.sandbox.aivendor.Interview;
import io.atsbridge.sandbox.aivendor.InterviewResult;
import io.atsbridge.sandbox.ashby.AshbyCustomField;
import io.atsbridge.sandbox.ashby.AshbyFieldType;
import io.atsbridge.sandbox.ashby.AshbyJob;
import io.atsbridge.sandbox.ashby.AshbyNote;
import io.atsbridge.sandbox.ashby.AshbyObjectType;
import io.atsbridge.sandbox.ashby.AshbySimulator;
import io.atsbridge.sandbox.http.WebhookEvent;
import io.atsbridge.sandbox.lever.LeverNote;
import io.atsbridge.sandbox.lever.LeverSimulator;
import io.atsbridge.sandbox.lever.LeverStage;
import io.atsbridge.sandbox.lever.LeverUser;
import io.atsbridge.sandbox.lever.LeverWrite;
import io.atsbridge.sandbox.lever.NewOpportunity;
import io.grpc.ManagedChannel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The loop end to end on Lever and on Ashby, every service on its own MariaDB / MySQL database: a recruiter
 * moves a candidate into the trigger stage in the sandbox's Lever or Ashby, the signed webhook goes through the
 * gateway into the adapter's inbox, the candidate is resolved, consent is asked and the sandbox AI vendor
 * interviews them; its interview.completed webhook is written back through the vendor's connector — on Lever
 * tags and a note performed as the configured user (Lever has no custom-field write API, so a mapped score is
 * dropped from the plan), on Ashby typed custom fields, tags and a note.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConnectorLoopEndToEndTest {

    private static final long SEED = 20261125L;
    private static final String TENANT = "acme";
    private static final String LEVER = "lever-acme";
    private static final String ASHBY = "ashby-acme";
    private static final String AI = "ai-acme";
    private static final String LEVER_PROFILE = "lever-acme-default";
    private static final String ASHBY_PROFILE = "ashby-acme-default";
    private static final String TRIGGER_STAGE = "AI Interview";
    private static final String SKILL_PREFIX = "ai-skill:";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, TestDatabase> databases = new HashMap<>();
    private Sandbox sandbox;
    private EmbeddedPlatform platform;
    private ManagedChannel audit;
    private ManagedChannel identity;
    private ManagedChannel adapter;

    private LeverUser integrationUser;
    private LeverUser recruiter;
    private LeverStage leverReview;
    private LeverStage leverTrigger;
    private String leverPosting;

    private AshbyJob ashbyJob;
    private AshbyCustomField ashbyScore;
    private AshbyCustomField ashbyRecommendation;

    @BeforeAll
    void start() throws Exception {
        sandbox = Sandbox.start(SandboxSettings.builder()
                .port(0)
                .aiVendorSeed(SEED)
                .aiVendorAutoCompleteAfter(Duration.ofMillis(200))
                .retryTimeScale(1.0 / 600)
                .build());
        try {
            seedLever();
            seedAshby();
            Map<String, Map<String, String>> properties = new HashMap<>();
            for (String service : List.of("identity", "mapping", "consent", "audit", "adapter")) {
                TestDatabase database = TestDatabase.create("cloop_" + service);
                databases.put(service, database);
                properties.put(service, new HashMap<>(database.micronautProperties()));
            }
            properties.get("adapter").put("atsbridge.adapter.worker.poll-interval", "50ms");
            // Every sandbox result (confidence 0.50..0.99) is at or above this floor, so recommendations are written.
            properties.get("consent").put("atsbridge.consent.min-result-confidence", "0.5");
            properties.get("adapter").putAll(connectionProperties());
            platform = EmbeddedPlatform.start(new LaunchOptions(Files.createTempDirectory("atsbridge-connector-loop"),
                    Map.of(), properties, true));
            platform.storeMappingProfile(TENANT, leverProfile());
            platform.storeMappingProfile(TENANT, ashbyProfile());
            String gateway = platform.service("gateway").address();
            // Each Lever webhook, one event each, is signed with its own token (as declared for the connection).
            sandbox.lever().configureWebhook(URI.create(gateway + "/webhooks/" + LEVER));
            sandbox.ashby().configureWebhook(URI.create(gateway + "/webhooks/" + ASHBY),
                    sandbox.settings().ashbyWebhookSecret());
            sandbox.aiVendor().configureWebhook(URI.create(gateway + "/webhooks/" + AI),
                    sandbox.settings().aiVendorWebhookSecret());
        } catch (Exception | Error e) {
            stop();
            throw e;
        }
        audit = TestCalls.channel(port("audit"));
        identity = TestCalls.channel(port("identity"));
        adapter = TestCalls.channel(port("adapter"));
    }

    /** Every exchange with the simulators in the test kept to the vendor's published contract (sandbox/.../contracts). */
    @AfterEach
    void keptToTheVendorsContracts() {
        try {
            sandbox.assertNoContractViolations();
        } finally {
            sandbox.clearContractViolations();
        }
    }

    @AfterAll
    void stop() throws InterruptedException {
        for (ManagedChannel channel : new ManagedChannel[] {audit, identity, adapter}) {
            if (channel != null) {
                TestCalls.close(channel);
            }
        }
        try {
            if (platform != null) {
                platform.close();
            }
        } finally {
            if (sandbox != null) {
                sandbox.close();
            }
            databases.values().forEach(TestDatabase::close);
        }
    }

    // ---------------------------------------------------------------- Lever

    @Test
    void leverStageChangeEndsWithTagsAndANotePerformedAsTheConfiguredUser() throws Exception {
        LeverSimulator lever = sandbox.lever();
        String opportunity = lever.addOpportunity(NewOpportunity.builder("Ada Lovelace")
                .email("ada.lovelace@example.com").posting(leverPosting).stage(leverReview.id()).build());
        String contact = lever.opportunity(opportunity).contactId();
        String eventId = lever.moveStage(opportunity, leverTrigger.id(), recruiter.id());
        assertThat(eventId).isNotBlank();

        awaitTrue("the Lever note is written", () -> !lever.notes(opportunity).isEmpty());
        String application = canonicalApplicationId(LEVER, Vendor.VENDOR_LEVER, contact, opportunity);
        Interview interview = completedInterview(application);
        InterviewResult result = interview.result();

        List<LeverNote> notes = lever.notes(opportunity);
        assertThat(notes).hasSize(1);
        LeverNote note = notes.get(0);
        assertThat(note.userId()).isEqualTo(integrationUser.id());
        assertThat(note.secret()).isTrue();
        String trace = traceOf(application);
        assertThat(note.value())
                .contains("Evaluated by: ")
                .contains("Model: " + result.modelId() + ", version " + result.modelVersion() + ", prompt " + result.promptVersion())
                .contains("Audit reference: " + trace);
        List<LeverWrite> noteWrites = lever.writes().stream()
                .filter(w -> w.method().equals("POST") && w.path().endsWith("/opportunities/" + opportunity + "/notes"))
                .toList();
        assertThat(noteWrites).hasSize(1);
        assertThat(noteWrites.get(0).performAs()).isEqualTo(integrationUser.id());
        assertThat(noteWrites.get(0).status()).isBetween(200, 299);
        assertThat(lever.tags(opportunity)).anySatisfy(tag -> assertThat(tag).startsWith(SKILL_PREFIX));
        assertThat(lever.tags(opportunity).stream().filter(t -> t.startsWith(SKILL_PREFIX)).collect(Collectors.toSet()))
                .isEqualTo(result.skills().stream().limit(5).map(s -> SKILL_PREFIX + s).collect(Collectors.toSet()));

        // The mapped score cannot be written on Lever: the plan leaves it out instead of failing the write-back.
        AuditRecord written = awaitAuditAction(trace, "writeback.written");
        assertThat(Integer.parseInt(written.getAttributesOrDefault("dropped_count", "0"))).isPositive();
        // Empty attributes are not kept: no field was written.
        assertThat(written.getAttributesOrDefault("field_keys", "")).isEmpty();
        assertThat(caseDetail(LEVER, opportunity))
                .startsWith("wrote 0 field(s) []")
                .contains("left out: ASSESSMENT_ATTRIBUTE_OVERALL_SCORE CONNECTOR_CANNOT_WRITE");
        assertThat(lever.writes()).noneMatch(w -> w.status() >= 400);

        // Lever's "Rerun" (same token and signature) and the AI vendor's verbatim resend change nothing.
        String completion = completionEvent(interview.id()).id();
        lever.replayWebhook(eventId);
        sandbox.aiVendor().resendVerbatim(completion).join();
        awaitTrue("the Lever replay is answered 200", () ->
                lever.webhookAttempts(eventId).stream().filter(a -> a.statusCode() == 200).count() >= 2);
        // A new delivery of the same stage change (fresh token, signed anew) must not start a second interview either.
        String resent = lever.sendRawWebhook("candidateStageChange", resignedLeverBody(eventId));
        awaitTrue("the new Lever delivery is answered 200", () ->
                lever.webhookAttempts(resent).stream().anyMatch(a -> a.statusCode() == 200));
        Await.pause(Duration.ofSeconds(2));

        // The new delivery reached the inbox and was set aside there: the application's case was already started.
        assertThat(inboxStatus(LEVER, JSON.readTree(lever.webhookEvents().stream().filter(e -> e.id().equals(resent))
                .findFirst().orElseThrow().body()).path("token").asText())).isEqualTo("IGNORED");
        assertThat(interviewsFor(application)).hasSize(1);
        assertThat(lever.notes(opportunity)).hasSize(1);
        assertThat(lever.writes().stream()
                .filter(w -> w.method().equals("POST") && w.path().endsWith("/notes"))
                .filter(w -> w.path().contains(opportunity))).hasSize(1);
    }

    // ---------------------------------------------------------------- Ashby

    @Test
    void ashbyStageChangeEndsWithTypedFieldsTagsAndANote() throws SQLException {
        AshbySimulator ashby = sandbox.ashby();
        String candidate = ashby.addCandidate("Grace Hopper", "grace.hopper@example.com");
        String applicationId = ashby.addApplication(candidate, ashbyJob.id());
        String actionId = ashby.moveApplication(applicationId, ashbyJob.stageTitled(TRIGGER_STAGE).id());

        awaitTrue("the Ashby note is written", () -> !ashby.notes(candidate).isEmpty());
        String application = canonicalApplicationId(ASHBY, Vendor.VENDOR_ASHBY, candidate, applicationId);
        Interview interview = completedInterview(application);
        InterviewResult result = interview.result();

        assertThat(ashby.customFieldValue(AshbyObjectType.CANDIDATE, candidate, ashbyScore.id()).decimalValue())
                .isEqualByComparingTo(BigDecimal.valueOf(result.score()));
        assertThat(ashby.customFieldValue(AshbyObjectType.CANDIDATE, candidate, ashbyRecommendation.id()).asText())
                .isEqualTo(label(result.recommendation()));
        assertThat(ashby.tagTitles(candidate)).anySatisfy(tag -> assertThat(tag).startsWith(SKILL_PREFIX));

        List<AshbyNote> notes = ashby.notes(candidate);
        assertThat(notes).hasSize(1);
        AshbyNote note = notes.get(0);
        // Ashby has no On-Behalf-Of: the note is the API key owner's.
        assertThat(note.authorId()).isEqualTo(ashby.apiUser().id());
        assertThat(note.isPrivate()).isTrue();
        assertThat(note.content())
                .contains("Evaluated by: ")
                .contains("Model: " + result.modelId() + ", version " + result.modelVersion() + ", prompt " + result.promptVersion())
                .contains("Audit reference: " + traceOf(application));

        // A replay of the stage change (same webhookActionId) and of the completion starts and writes nothing new.
        WebhookEvent stageChange = ashby.webhookEvents().stream()
                .filter(e -> e.type().equals("candidateStageChange") && e.bodyText().contains(actionId))
                .findFirst().orElseThrow();
        String completion = completionEvent(interview.id()).id();
        ashby.replayWebhook(stageChange.id());
        sandbox.aiVendor().resendVerbatim(completion).join();
        awaitTrue("the Ashby replay is answered 200", () ->
                ashby.webhookAttempts(stageChange.id()).stream().filter(a -> a.statusCode() == 200).count() >= 2);
        // The same stage change under another webhookActionId (a new delivery) must not start a second interview either.
        String resent = ashby.sendRawWebhook("candidateStageChange", stageChange.bodyText()
                .replace(actionId, "resent-" + actionId).getBytes(StandardCharsets.UTF_8));
        awaitTrue("the new Ashby delivery is answered 200", () ->
                ashby.webhookAttempts(resent).stream().anyMatch(a -> a.statusCode() == 200));
        Await.pause(Duration.ofSeconds(2));

        assertThat(inboxStatus(ASHBY, "resent-" + actionId + "/candidateStageChange")).isEqualTo("IGNORED");
        assertThat(interviewsFor(application)).hasSize(1);
        assertThat(ashby.notes(candidate)).hasSize(1);
        assertThat(ashby.calls("customField.setValue").stream()
                .filter(c -> c.body() != null && c.body().contains(candidate))).hasSize(2);
    }

    @Test
    void aRecruitersEditOnAshbyIsKeptAndARescoredResultRecordsAConflict() throws Exception {
        AshbySimulator ashby = sandbox.ashby();
        String candidate = ashby.addCandidate("Katherine Johnson", "katherine.johnson@example.com");
        String applicationId = ashby.addApplication(candidate, ashbyJob.id());
        ashby.moveApplication(applicationId, ashbyJob.stageTitled(TRIGGER_STAGE).id());
        awaitTrue("the Ashby note is written", () -> !ashby.notes(candidate).isEmpty());
        String application = canonicalApplicationId(ASHBY, Vendor.VENDOR_ASHBY, candidate, applicationId);
        Interview interview = completedInterview(application);
        int first = interview.result().score();
        assertThat(ashby.customFieldValue(AshbyObjectType.CANDIDATE, candidate, ashbyScore.id()).decimalValue())
                .isEqualByComparingTo(BigDecimal.valueOf(first));

        // The recruiter overrides the AI's score in Ashby as soon as the result shows, possibly while atsbridge still
        // reads the candidate back after its write: that read must not adopt the recruiter's value as atsbridge's.
        int recruiters = first == 12 ? 13 : 12;
        ashby.setCustomField(AshbyObjectType.CANDIDATE, candidate, ashbyScore.id(), recruiters);

        // The AI vendor re-scores the same interview: a new completion (new webhook-id) with another score.
        int rescored = first >= 50 ? first - 7 : first + 7;
        ObjectNode body = (ObjectNode) JSON.readTree(completionEvent(interview.id()).body());
        ((ObjectNode) body.path("data").path("result")).put("score", rescored);
        sandbox.aiVendor().sendRawWebhook(AiVendorSimulator.COMPLETED_EVENT, JSON.writeValueAsBytes(body));

        awaitTrue("the re-scored result's note is written", () -> ashby.notes(candidate).size() == 2);
        List<WriteConflict> conflicts = awaitConflicts(candidate);
        assertThat(conflicts).hasSize(1);
        WriteConflict conflict = conflicts.get(0);
        assertThat(conflict.getAtsConnectionId()).isEqualTo(ASHBY);
        assertThat(conflict.getFieldKey()).isEqualTo(ashbyScore.id());
        assertThat(conflict.getApplicationExternalId()).isEqualTo(applicationId);
        assertThat(new BigDecimal(conflict.getTheirs())).isEqualByComparingTo(BigDecimal.valueOf(recruiters));
        assertThat(new BigDecimal(conflict.getOurs())).isEqualByComparingTo(BigDecimal.valueOf(rescored));
        assertThat(conflict.getStatus()).isEqualTo(ConflictStatus.CONFLICT_STATUS_OPEN);
        // The recruiter's value stays; the note of the re-scored result is added beside the first.
        assertThat(ashby.customFieldValue(AshbyObjectType.CANDIDATE, candidate, ashbyScore.id()).decimalValue())
                .isEqualByComparingTo(BigDecimal.valueOf(recruiters));
        assertThat(ashby.notes(candidate)).allSatisfy(n -> assertThat(n.content()).contains("Audit reference: "
                + traceOf(application)));
        assertThat(interviewsFor(application)).hasSize(1);
    }

    // ---------------------------------------------------------------- environment

    private void seedLever() {
        LeverSimulator lever = sandbox.lever();
        integrationUser = lever.addUser("Atsbridge Integration", "atsbridge@example.com");
        recruiter = lever.addUser("Rita Recruiter", "rita@example.com");
        List<LeverStage> stages = lever.addStages("New applicant", "Application Review", TRIGGER_STAGE, "Offer");
        leverReview = stages.get(1);
        leverTrigger = stages.get(2);
        leverPosting = lever.addPosting("Backend Engineer", "Engineering", "New York").id();
    }

    private void seedAshby() {
        AshbySimulator ashby = sandbox.ashby();
        ashbyJob = ashby.addJob("Backend Engineer", "Application Review", TRIGGER_STAGE, "Offer");
        ashbyScore = ashby.addCustomField(AshbyObjectType.CANDIDATE, "AI Match Score", AshbyFieldType.NUMBER);
        ashbyRecommendation = ashby.addCustomField(AshbyObjectType.CANDIDATE, "AI Recommendation",
                AshbyFieldType.VALUE_SELECT, "Advance", "Maybe", "Pass");
    }

    private Map<String, String> connectionProperties() {
        Map<String, String> p = new HashMap<>();
        String lever = "atsbridge.connections." + LEVER + ".";
        p.put(lever + "tenant", TENANT);
        p.put(lever + "vendor", "LEVER");
        p.put(lever + "kind", "ATS");
        p.put(lever + "display-name", "Lever (sandbox)");
        // LeverConnector appends /opportunities, /stages ... to the Data API v1 base.
        p.put(lever + "base-url", sandbox.leverBaseUrl() + "/v1");
        p.put(lever + "credentials", sandbox.settings().leverApiKey());
        // One signature token per Lever webhook (one event each), as Lever shows them: the events the loop receives.
        p.put(lever + "webhook-event-secrets", leverEventTokens("candidateStageChange", "applicationCreated",
                "candidateArchiveChange", "candidateHired"));
        p.put(lever + "trigger-stage", TRIGGER_STAGE);
        p.put(lever + "mapping-profile", LEVER_PROFILE);
        p.put(lever + "ai-connection", AI);
        p.put(lever + "on-behalf-of", integrationUser.id());
        p.put(lever + "interview-kit", "backend-engineer-v1");
        // A place whose law gates no step of the loop: this test is about the connector (consent is tested end to end
        // in ConsentLoopEndToEndTest; New York City would need each candidate's LL144 notice on the ledger first).
        p.put(lever + "jurisdictions", "US-TX");
        String ashby = "atsbridge.connections." + ASHBY + ".";
        p.put(ashby + "tenant", TENANT);
        p.put(ashby + "vendor", "ASHBY");
        p.put(ashby + "kind", "ATS");
        p.put(ashby + "display-name", "Ashby (sandbox)");
        p.put(ashby + "base-url", sandbox.ashbyBaseUrl());
        p.put(ashby + "credentials", sandbox.settings().ashbyApiKey());
        p.put(ashby + "webhook-secrets", sandbox.settings().ashbyWebhookSecret());
        p.put(ashby + "trigger-stage", TRIGGER_STAGE);
        p.put(ashby + "mapping-profile", ASHBY_PROFILE);
        p.put(ashby + "ai-connection", AI);
        p.put(ashby + "interview-kit", "backend-engineer-v1");
        // A place whose law gates no step of the loop: this test is about the connector (consent is tested end to end
        // in ConsentLoopEndToEndTest; New York City would need each candidate's LL144 notice on the ledger first).
        p.put(ashby + "jurisdictions", "US-TX");
        String ai = "atsbridge.connections." + AI + ".";
        p.put(ai + "tenant", TENANT);
        p.put(ai + "vendor", "STANDARD_WEBHOOKS");
        p.put(ai + "kind", "AI_VENDOR");
        p.put(ai + "display-name", "AI interviews (sandbox)");
        p.put(ai + "base-url", sandbox.aiVendorBaseUrl());
        p.put(ai + "credentials", sandbox.settings().aiVendorApiKey());
        p.put(ai + "webhook-secrets", sandbox.settings().aiVendorWebhookSecret());
        return p;
    }

    /** The connection's webhook-event-secrets: each event's webhook token, as {@code <event>:<token>,...}. */
    private String leverEventTokens(String... events) {
        return java.util.Arrays.stream(events)
                .map(event -> event + ":" + sandbox.settings().leverWebhookSignatureToken(event))
                .collect(Collectors.joining(","));
    }

    /** Lever: tags and the note; the score mapping is there to show the plan drops what Lever cannot write. */
    private static MappingProfile leverProfile() {
        return MappingProfile.newBuilder()
                .setId(LEVER_PROFILE)
                .setConnectionId(LEVER)
                .setDisplayName("Lever: skill tags and the attributed note")
                .addFieldMappings(FieldMapping.newBuilder()
                        .setSource(AssessmentAttribute.ASSESSMENT_ATTRIBUTE_OVERALL_SCORE)
                        .setTarget(TargetField.newBuilder().setKey("ai_match_score").setType(FieldType.FIELD_TYPE_NUMBER)
                                .setScope(FieldScope.FIELD_SCOPE_CANDIDATE).setNumberMin(0).setNumberMax(100)))
                .setSkillTags(SkillTagRule.newBuilder().setEnabled(true).setPrefix(SKILL_PREFIX).setMaxTags(5))
                .setNote(NoteRule.newBuilder().setEnabled(true).setVisibility(NoteVisibility.NOTE_VISIBILITY_PRIVATE))
                .build();
    }

    /** Ashby: custom fields by their Ashby field id, the recommendation's options by their values. */
    private MappingProfile ashbyProfile() {
        return MappingProfile.newBuilder()
                .setId(ASHBY_PROFILE)
                .setConnectionId(ASHBY)
                .setDisplayName("Ashby: AI results on the candidate")
                .addFieldMappings(FieldMapping.newBuilder()
                        .setSource(AssessmentAttribute.ASSESSMENT_ATTRIBUTE_OVERALL_SCORE)
                        .setTarget(TargetField.newBuilder().setKey(ashbyScore.id()).setType(FieldType.FIELD_TYPE_NUMBER)
                                .setScope(FieldScope.FIELD_SCOPE_CANDIDATE).setNumberMin(0).setNumberMax(100)))
                .addFieldMappings(FieldMapping.newBuilder()
                        .setSource(AssessmentAttribute.ASSESSMENT_ATTRIBUTE_RECOMMENDATION)
                        .setTarget(TargetField.newBuilder().setKey(ashbyRecommendation.id())
                                .setType(FieldType.FIELD_TYPE_SINGLE_SELECT).setScope(FieldScope.FIELD_SCOPE_CANDIDATE)
                                .addAllOptions(ashbyRecommendation.selectableValues().stream()
                                        .map(v -> FieldOption.newBuilder().setId(v).setLabel(v).build()).toList()))
                        .putOptionLabels("ADVANCE", "Advance")
                        .putOptionLabels("MAYBE", "Maybe")
                        .putOptionLabels("PASS", "Pass"))
                .setSkillTags(SkillTagRule.newBuilder().setEnabled(true).setPrefix(SKILL_PREFIX).setMaxTags(5))
                .setNote(NoteRule.newBuilder().setEnabled(true).setVisibility(NoteVisibility.NOTE_VISIBILITY_PRIVATE))
                .build();
    }

    /**
     * An Ashby merge resolved to the surviving candidate: a duplicate record's start failed (no e-mail), Ashby merges
     * it into the record that has one, and the merged record's application, now the survivor's, is moved into the
     * trigger stage again. The candidateMerge webhook went through the gateway to identity-service, so that event
     * (naming the surviving candidate with the duplicate's application) resolves to the survivor's canonical
     * candidate and the interview goes ahead; before, identity refused it (the application belonged to another
     * candidate) and the event was a dead letter.
     */
    @Test
    void anAshbyMergeEventResolvesToTheSurvivingCandidate() throws Exception {
        AshbySimulator ashby = sandbox.ashby();
        String trigger = ashbyJob.stageTitled(TRIGGER_STAGE).id();
        String survivor = ashby.addCandidate("Mary Jackson", "mary.jackson@example.com");
        String survivorApplication = ashby.addApplication(survivor, ashbyJob.id());
        ashby.moveApplication(survivorApplication, trigger);
        awaitTrue("the survivor's note is written", () -> ashby.notes(survivor).size() == 1);

        // The duplicate has no e-mail: the AI vendor refuses the invitation and the case fails.
        String duplicate = ashby.addCandidate("Mary W. Jackson");
        String duplicateApplication = ashby.addApplication(duplicate, ashbyJob.id());
        String failedStart = ashby.moveApplication(duplicateApplication, trigger);
        awaitTrue("the duplicate's start fails", () ->
                "FAILED".equals(inboxStatusOrNull(ASHBY, failedStart + "/candidateStageChange")));
        String survivorCandidate = canonicalCandidateId(survivor);
        String duplicateCandidate = canonicalCandidateId(duplicate);
        assertThat(duplicateCandidate).isNotEqualTo(survivorCandidate);

        String merge = ashby.mergeCandidates(survivor, duplicate);
        awaitTrue("the candidateMerge is processed", () ->
                "DONE".equals(inboxStatusOrNull(ASHBY, merge + "/candidateMerge")));

        // Either Ashby id now reaches the survivor's canonical candidate, which holds every link.
        assertThat(canonicalCandidateId(duplicate)).isEqualTo(survivorCandidate);
        List<CandidateLink> links = TestCalls.as(IdentityServiceGrpc.newBlockingStub(identity), platform.operatorToken(), TENANT)
                .listCandidateLinks(ListCandidateLinksRequest.newBuilder().setCandidateId(survivorCandidate).build())
                .getLinksList();
        assertThat(links).extracting(l -> l.getRef().getKind() + ":" + l.getRef().getId()).contains(
                "EXTERNAL_KIND_CANDIDATE:" + survivor, "EXTERNAL_KIND_CANDIDATE:" + duplicate,
                "EXTERNAL_KIND_APPLICATION:" + survivorApplication, "EXTERNAL_KIND_APPLICATION:" + duplicateApplication);
        assertThat(TestCalls.as(AuditServiceGrpc.newBlockingStub(audit), platform.operatorToken(), TENANT)
                .queryRecords(QueryRecordsRequest.newBuilder().setSubjectRef(survivorCandidate).build()).getRecordsList())
                .extracting(AuditRecord::getAction).contains("candidate.merged");

        // The duplicate's application is the survivor's in Ashby now: moved into the trigger stage again, its event
        // names the survivor, resolves to the survivor's canonical candidate and the interview goes ahead.
        ashby.moveApplication(duplicateApplication, ashbyJob.stageTitled("Application Review").id());
        String retried = ashby.moveApplication(duplicateApplication, trigger);
        // Besides the two results' notes, the survivor's record holds the recruiter's notice of the duplicate's failed
        // start (its notes moved with the merge): wait for the results' notes.
        awaitTrue("the restarted case writes its note on the survivor", () -> ashby.notes(survivor).stream()
                .filter(note -> !note.content().contains("Notice reference:")).count() == 2);
        assertThat(inboxStatus(ASHBY, retried + "/candidateStageChange")).isEqualTo("DONE");
        ResolveCandidateResponse resolved = resolve(survivor, duplicateApplication);
        assertThat(resolved.getCandidate().getId()).isEqualTo(survivorCandidate);
        assertThat(resolved.getApplication().getCandidateId()).isEqualTo(survivorCandidate);
        assertThat(interviewsFor(resolved.getApplication().getId())).hasSize(1);
    }

    /**
     * Ashby's private notes need the API key's "Allow access to non-offer private fields?" to be written and read. A key
     * without it: the write-back ends in a dead letter naming the setting, no note is written and none is tried twice.
     */
    @Test
    void anAshbyKeyWithoutPrivateFieldAccessEndsTheWriteBackInADeadLetterNamingTheSetting() {
        AshbySimulator ashby = sandbox.ashby();
        ashby.setPrivateFieldAccess(false, AshbySimulator.PrivateNoteWithoutAccess.REFUSE);
        try {
            String candidate = ashby.addCandidate("Dorothy Vaughan", "dorothy.vaughan@example.com");
            String applicationId = ashby.addApplication(candidate, ashbyJob.id());
            ashby.moveApplication(applicationId, ashbyJob.stageTitled(TRIGGER_STAGE).id());

            awaitTrue("the write-back is a dead letter", () -> deadLetterAbout(candidate) != null);
            DeadLetter letter = deadLetterAbout(candidate);
            assertThat(letter.getError()).contains("Allow access to non-offer private fields?", "Nothing was written");
            assertThat(ashby.notes(candidate)).isEmpty();
            assertThat(ashby.calls("candidate.createNote").stream()
                    .filter(c -> c.body() != null && c.body().contains(candidate))).hasSize(1);
        } finally {
            ashby.setPrivateFieldAccess(true, AshbySimulator.PrivateNoteWithoutAccess.REFUSE);
        }
    }

    private DeadLetter deadLetterAbout(String text) {
        return TestCalls.as(AdapterServiceGrpc.newBlockingStub(adapter), platform.operatorToken(), TENANT)
                .listDeadLetters(ListDeadLettersRequest.newBuilder().setPageSize(500).build())
                .getDeadLettersList().stream()
                .filter(d -> d.getError().contains(text))
                .findFirst().orElse(null);
    }

    // ---------------------------------------------------------------- reading

    private static String label(String recommendation) {
        return switch (recommendation) {
            case "advance" -> "Advance";
            case "maybe" -> "Maybe";
            default -> "Pass";
        };
    }

    /** Resolving is idempotent: asking identity for the ATS ids returns the canonical application. */
    private String canonicalApplicationId(String connection, Vendor vendor, String candidateId, String applicationId) {
        return TestCalls.as(IdentityServiceGrpc.newBlockingStub(identity), platform.serviceToken(), TENANT)
                .resolveCandidate(ResolveCandidateRequest.newBuilder()
                        .setCandidateRef(ref(connection, vendor, ExternalKind.EXTERNAL_KIND_CANDIDATE, candidateId))
                        .setApplicationRef(ref(connection, vendor, ExternalKind.EXTERNAL_KIND_APPLICATION, applicationId))
                        .build())
                .getApplication().getId();
    }

    /** The canonical candidate identity resolves the Ashby candidate id to. */
    private String canonicalCandidateId(String ashbyCandidateId) {
        return TestCalls.as(IdentityServiceGrpc.newBlockingStub(identity), platform.serviceToken(), TENANT)
                .resolveCandidate(ResolveCandidateRequest.newBuilder()
                        .setCandidateRef(ref(ASHBY, Vendor.VENDOR_ASHBY, ExternalKind.EXTERNAL_KIND_CANDIDATE, ashbyCandidateId))
                        .build())
                .getCandidate().getId();
    }

    /** What identity resolves the Ashby candidate and application ids to, as the loop asks it. */
    private ResolveCandidateResponse resolve(String ashbyCandidateId, String ashbyApplicationId) {
        return TestCalls.as(IdentityServiceGrpc.newBlockingStub(identity), platform.serviceToken(), TENANT)
                .resolveCandidate(ResolveCandidateRequest.newBuilder()
                        .setCandidateRef(ref(ASHBY, Vendor.VENDOR_ASHBY, ExternalKind.EXTERNAL_KIND_CANDIDATE, ashbyCandidateId))
                        .setApplicationRef(ref(ASHBY, Vendor.VENDOR_ASHBY, ExternalKind.EXTERNAL_KIND_APPLICATION,
                                ashbyApplicationId))
                        .build());
    }

    private static ExternalRef ref(String connection, Vendor vendor, ExternalKind kind, String id) {
        return ExternalRef.newBuilder().setConnectionId(connection).setVendor(vendor).setKind(kind).setId(id).build();
    }

    /** The AI vendor knows the candidate only by atsbridge's canonical ids (pseudonymous), never the ATS's. */
    private Interview completedInterview(String canonicalApplicationId) {
        awaitTrue("the interview is completed", () -> interviewsFor(canonicalApplicationId).stream()
                .anyMatch(i -> i.result() != null));
        Interview interview = interviewsFor(canonicalApplicationId).get(0);
        assertThat(interview.result()).isNotNull();
        return interview;
    }

    private List<Interview> interviewsFor(String canonicalApplicationId) {
        return sandbox.aiVendor().interviews().stream()
                .filter(i -> canonicalApplicationId.equals(i.metadata().get("application_id")))
                .toList();
    }

    private WebhookEvent completionEvent(String interviewId) {
        return sandbox.aiVendor().webhookEvents().stream()
                .filter(e -> e.bodyText().contains(interviewId))
                .findFirst().orElseThrow();
    }

    /** The one trace the application's audit records share. */
    private String traceOf(String canonicalApplicationId) {
        List<AuditRecord> records = TestCalls.as(AuditServiceGrpc.newBlockingStub(audit), platform.operatorToken(), TENANT)
                .queryRecords(QueryRecordsRequest.newBuilder().setSubjectRef(canonicalApplicationId).build()).getRecordsList();
        // A person's read of the case (the conflicts listed by an operator) is recorded under the reader's own trace.
        Set<String> traces = records.stream().filter(r -> !r.getAction().equals("personal_data.read"))
                .map(AuditRecord::getTraceId).collect(Collectors.toSet());
        assertThat(traces).as("the application's records: %s", records.stream().map(r -> r.getAction() + "@" + r.getTraceId())
                .toList()).hasSize(1);
        return traces.iterator().next();
    }

    private AuditRecord awaitAuditAction(String traceId, String action) {
        awaitTrue("the audit trace holds " + action, () -> auditRecords(traceId).stream()
                .anyMatch(r -> r.getAction().equals(action)));
        return auditRecords(traceId).stream().filter(r -> r.getAction().equals(action)).findFirst().orElseThrow();
    }

    private List<AuditRecord> auditRecords(String traceId) {
        return TestCalls.as(AuditServiceGrpc.newBlockingStub(audit), platform.operatorToken(), TENANT)
                .queryRecords(QueryRecordsRequest.newBuilder().setTraceId(traceId).build()).getRecordsList();
    }

    private List<WriteConflict> awaitConflicts(String candidateId) {
        awaitTrue("a write conflict is listed for candidate " + candidateId, () -> !conflictsOf(candidateId).isEmpty());
        return conflictsOf(candidateId);
    }

    private List<WriteConflict> conflictsOf(String candidateId) {
        return TestCalls.as(AdapterServiceGrpc.newBlockingStub(adapter), platform.operatorToken(), TENANT)
                .listConflicts(ListConflictsRequest.newBuilder().setPageSize(500).build())
                .getConflictsList().stream()
                .filter(c -> c.getCandidateExternalId().equals(candidateId))
                .toList();
    }

    /** The recorded Lever event's body with a fresh token and triggeredAt, signed with the webhook's signature token. */
    private byte[] resignedLeverBody(String eventId) throws Exception {
        WebhookEvent original = sandbox.lever().webhookEvents().stream().filter(e -> e.id().equals(eventId))
                .findFirst().orElseThrow();
        ObjectNode body = (ObjectNode) JSON.readTree(original.body());
        String token = UUID.randomUUID().toString().replace("-", "") + "0123456789abcdef";
        long triggeredAt = System.currentTimeMillis();
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(sandbox.settings().leverWebhookSignatureToken("candidateStageChange")
                .getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        body.put("token", token);
        body.put("triggeredAt", triggeredAt);
        body.put("signature", HexFormat.of().formatHex(mac.doFinal((token + triggeredAt).getBytes(StandardCharsets.UTF_8))));
        return JSON.writeValueAsBytes(body);
    }

    /** The status of the inbox event stored for a delivery key of the connection. */
    private String inboxStatus(String connection, String deliveryKey) throws SQLException {
        try (java.sql.Connection c = databases.get("adapter").connect(); PreparedStatement select = c.prepareStatement(
                "SELECT status FROM inbox_event WHERE connection_id = ? AND delivery_key = ?")) {
            select.setString(1, connection);
            select.setString(2, deliveryKey);
            try (ResultSet rows = select.executeQuery()) {
                assertThat(rows.next()).as("an inbox event " + deliveryKey + " of " + connection).isTrue();
                return rows.getString(1);
            }
        }
    }

    /** The status of the inbox event stored for a delivery key, or null while there is none. */
    private String inboxStatusOrNull(String connection, String deliveryKey) {
        try (java.sql.Connection c = databases.get("adapter").connect(); PreparedStatement select = c.prepareStatement(
                "SELECT status FROM inbox_event WHERE connection_id = ? AND delivery_key = ?")) {
            select.setString(1, connection);
            select.setString(2, deliveryKey);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the adapter's inbox", e);
        }
    }

    /** What the loop case of the ATS application says it did (the adapter's record). */
    private String caseDetail(String connection, String applicationExternalId) throws SQLException {
        try (java.sql.Connection c = databases.get("adapter").connect(); PreparedStatement select = c.prepareStatement(
                "SELECT detail FROM loop_case WHERE ats_connection_id = ? AND application_external_id = ?")) {
            select.setString(1, connection);
            select.setString(2, applicationExternalId);
            try (ResultSet rows = select.executeQuery()) {
                assertThat(rows.next()).as("a loop case for " + connection + " " + applicationExternalId).isTrue();
                return rows.getString(1);
            }
        }
    }

    private int port(String service) {
        String address = platform.service(service).address();
        return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
    }

    private void awaitTrue(String what, BooleanSupplier condition) {
        Await.until(what, Duration.ofSeconds(60), condition, () -> "Lever webhook attempts "
                + sandbox.lever().webhookAttempts() + ", Ashby webhook attempts " + sandbox.ashby().webhookAttempts()
                + ", AI vendor webhook attempts " + sandbox.aiVendor().webhookAttempts() + ", loop "
                + platform.service("adapter").context().getBean(io.atsbridge.adapter.engine.sync.LoopReport.class)
                .summarize(TENANT));
    }

}
