package io.atsbridge.connectors.ashby;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.atsbridge.connectors.AtsApplication;
import io.atsbridge.connectors.AtsCandidate;
import io.atsbridge.connectors.AtsConnector;
import io.atsbridge.connectors.AtsJob;
import io.atsbridge.connectors.AtsNote;
import io.atsbridge.connectors.AtsStageEvent;
import io.atsbridge.connectors.ConnectorCapabilities;
import io.atsbridge.connectors.CustomFieldDefinition;
import io.atsbridge.connectors.CustomFieldWrite;
import io.atsbridge.connectors.MalformedPayloadException;
import io.atsbridge.connectors.VendorCallException;
import io.atsbridge.connectors.http.VendorHttp;
import io.atsbridge.connectors.http.VendorHttpClients;
import io.atsbridge.sandbox.Sandbox;
import io.atsbridge.sandbox.SandboxSettings;
import io.atsbridge.sandbox.ashby.AshbyApiCall;
import io.atsbridge.sandbox.ashby.AshbyCustomField;
import io.atsbridge.sandbox.ashby.AshbyFieldType;
import io.atsbridge.sandbox.ashby.AshbyJob;
import io.atsbridge.sandbox.ashby.AshbyNote;
import io.atsbridge.sandbox.ashby.AshbyObjectType;
import io.atsbridge.sandbox.ashby.AshbyPermissions;
import io.atsbridge.sandbox.ashby.AshbySelectableValue;
import io.atsbridge.sandbox.ashby.AshbySimulator;
import io.atsbridge.sandbox.http.WebhookEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Ashby connector against the sandbox's Ashby simulator, over real HTTP. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AshbyConnectorTest {

    @RegisterExtension
    static final VendorHttpClients CLIENTS = new VendorHttpClients();

    private Sandbox sandbox;
    private AshbySimulator ashby;
    private AshbyJob job;
    private AshbyCustomField score;
    private AshbyCustomField recommendation;
    private AshbyCustomField summary;
    private AshbyCustomField jurisdiction;
    private AshbyCustomField applicationScore;
    private final VendorHttp http = CLIENTS.vendorHttp(Duration.ofSeconds(2), Duration.ofSeconds(10), 3, Duration.ofSeconds(30));

    @BeforeAll
    void start() {
        sandbox = Sandbox.start(SandboxSettings.builder().build());
        ashby = sandbox.ashby();
        job = ashby.addJob("Designer", "Application Review", "AI Interview", "Offer");
        score = ashby.addCustomField(AshbyObjectType.CANDIDATE, "AI score", AshbyFieldType.NUMBER);
        recommendation = ashby.addCustomField(AshbyObjectType.CANDIDATE, "AI recommendation", AshbyFieldType.VALUE_SELECT,
                "Advance", "Maybe", "Pass");
        summary = ashby.addCustomField(AshbyObjectType.CANDIDATE, "AI summary", AshbyFieldType.LONG_TEXT);
        jurisdiction = ashby.addCustomField(AshbyObjectType.CANDIDATE, "Jurisdiction", AshbyFieldType.STRING);
        applicationScore = ashby.addCustomField(AshbyObjectType.APPLICATION, "AI interview score", AshbyFieldType.NUMBER);
    }

    @AfterAll
    void stop() {
        sandbox.close();
    }

    @BeforeEach
    void clear() {
        ashby.clearCalls();
    }

    private AshbyConnector client() {
        return new AshbyConnector(sandbox.ashbyBaseUrl(), SandboxSettings.DEFAULT_ASHBY_API_KEY, http);
    }

    @Test
    void readsTheJobWithItsInterviewPlanAndTheCandidateAndApplicationFields() {
        AtsJob read = client().job(job.id());
        assertThat(read.name()).isEqualTo("Designer");
        assertThat(read.status()).isEqualTo("open");
        // The plan in order: the job's stages, then the Hired and Archived stages every Ashby plan has.
        assertThat(read.stages()).extracting(AtsJob.Stage::name).startsWith("Application Review", "AI Interview", "Offer");
        assertThat(read.stages()).extracting(AtsJob.Stage::id)
                .containsExactlyElementsOf(job.stages().stream().map(s -> s.id()).toList());

        List<CustomFieldDefinition> defined = client().customFieldDefinitions();
        assertThat(defined).extracting(d -> d.scope() + "/" + d.key() + ":" + d.type()).contains(
                "candidate/" + score.id() + ":number", "candidate/" + recommendation.id() + ":single_select",
                "candidate/" + summary.id() + ":long_text", "candidate/" + jurisdiction.id() + ":short_text",
                "application/" + applicationScore.id() + ":number");
        CustomFieldDefinition options = defined.stream().filter(d -> d.key().equals(recommendation.id())).findFirst().orElseThrow();
        assertThat(options.name()).isEqualTo("AI recommendation");
        assertThat(options.options()).extracting(CustomFieldDefinition.Option::id).containsExactly("Advance", "Maybe", "Pass");
        assertThat(options.hasOption("Pass")).isTrue();

        assertThatThrownBy(() -> client().job("3c6bd1d0-0000-4000-8000-000000000000")).isInstanceOf(VendorCallException.class)
                .hasMessageContaining("job.info");
    }

    @Test
    void capabilitiesSayAshbyV1WithTheAssumedRateLimit() {
        ConnectorCapabilities capabilities = client().capabilities();
        assertThat(capabilities.vendor()).isEqualTo("ASHBY");
        assertThat(capabilities.apiVersion()).isEqualTo("v1");
        assertThat(capabilities.candidateFieldTypes()).contains("number", "short_text", "long_text", "single_select",
                "multi_select", "boolean", "date");
        assertThat(capabilities.tags()).isTrue();
        assertThat(capabilities.noteHtml()).isTrue();
        assertThat(capabilities.attachments()).isFalse();
        assertThat(capabilities.requestsPerWindow()).isEqualTo(10);
        assertThat(capabilities.window()).isEqualTo(Duration.ofSeconds(1));
        assertThat(capabilities.burst()).isEqualTo(10);
    }

    @Test
    void readsTheApplicationAndTheCandidate() {
        String candidateId = ashby.addCandidate("Grace Brewster Hopper", List.of("grace@example.com", "gh@work.example"), List.of("Ruby"));
        String applicationId = ashby.addApplication(candidateId, job.id());
        ashby.setCustomField(AshbyObjectType.CANDIDATE, candidateId, jurisdiction.id(), "US-NY");

        AtsApplication application = client().getApplication(applicationId);
        assertThat(application.id()).isEqualTo(applicationId);
        assertThat(application.candidateId()).isEqualTo(candidateId);
        assertThat(application.status()).isEqualTo("active");
        assertThat(application.active()).isTrue();
        assertThat(application.jobIds()).containsExactly(job.id());
        assertThat(application.currentStageId()).isEqualTo(job.stages().get(0).id());
        assertThat(application.currentStageName()).isEqualTo("Application Review");
        assertThat(application.updatedAt()).isNotNull();

        AtsCandidate candidate = client().getCandidate(candidateId);
        assertThat(candidate.firstName()).isEqualTo("Grace");
        assertThat(candidate.lastName()).isEqualTo("Brewster Hopper");
        assertThat(candidate.emails()).containsExactly("grace@example.com", "gh@work.example");
        assertThat(candidate.tags()).containsExactly("Ruby");
        assertThat(candidate.applicationIds()).containsExactly(applicationId);
        assertThat(candidate.customFieldValues().get(jurisdiction.id()).asText()).isEqualTo("US-NY");
        assertThat(candidate.updatedAt()).isNotBlank();
        assertThat(ashby.calls()).extracting(AshbyApiCall::method).containsExactly("application.info", "candidate.info");
    }

    @Test
    void writesTypedCustomFieldsWithOneSetValueEach() {
        String candidateId = ashby.addCandidate("Alan Turing", "alan@example.com");
        String applicationId = ashby.addApplication(candidateId, job.id());
        AshbyConnector client = client();
        AtsApplication application = client.getApplication(applicationId);
        AtsCandidate candidate = client.getCandidate(candidateId);
        ashby.clearCalls();

        client.updateCandidate(candidate, application, List.of(
                CustomFieldWrite.number(score.id(), 78.5),
                CustomFieldWrite.option(recommendation.id(), "Advance"),
                CustomFieldWrite.text(summary.id(), "Strong communicator.")), List.of());
        client.updateApplication(application, List.of(CustomFieldWrite.number(applicationScore.id(), 4)));

        assertThat(ashby.customFieldValue(AshbyObjectType.CANDIDATE, candidateId, score.id()).decimalValue())
                .isEqualByComparingTo("78.5");
        assertThat(ashby.customFieldValue(AshbyObjectType.CANDIDATE, candidateId, recommendation.id()).asText()).isEqualTo("Advance");
        assertThat(ashby.customFieldValue(AshbyObjectType.CANDIDATE, candidateId, summary.id()).asText()).isEqualTo("Strong communicator.");
        assertThat(ashby.customFieldValue(AshbyObjectType.APPLICATION, applicationId, applicationScore.id()).asInt()).isEqualTo(4);
        assertThat(ashby.calls("customField.setValue")).hasSize(4).allMatch(AshbyApiCall::success);
        assertThat(client.getCandidate(candidateId).customFieldValues().get(score.id()).decimalValue()).isEqualByComparingTo("78.5");
    }

    @Test
    void anAllDigitOptionValueIsSentAsTheStringAshbyExpects() {
        AshbyCustomField level = ashby.addCustomField(AshbyObjectType.CANDIDATE, "Level", AshbyFieldType.VALUE_SELECT, "1", "2", "3");
        String candidateId = ashby.addCandidate("Level Test", "level@example.com");
        String applicationId = ashby.addApplication(candidateId, job.id());
        AshbyConnector client = client();

        client.updateCandidate(client.getCandidate(candidateId), client.getApplication(applicationId),
                List.of(CustomFieldWrite.option(level.id(), "2"), CustomFieldWrite.number(score.id(), 90)), List.of());

        assertThat(ashby.customFieldValue(AshbyObjectType.CANDIDATE, candidateId, level.id()).isTextual()).isTrue();
        assertThat(ashby.customFieldValue(AshbyObjectType.CANDIDATE, candidateId, level.id()).asText()).isEqualTo("2");
        assertThat(ashby.customFieldValue(AshbyObjectType.CANDIDATE, candidateId, score.id()).isNumber()).isTrue();
    }

    @Test
    void successFalseIsAPermanentFailureCarryingAshbysCode() {
        String candidateId = ashby.addCandidate("Bad Write", "bad@example.com");
        String applicationId = ashby.addApplication(candidateId, job.id());
        AshbyConnector client = client();
        AtsApplication application = client.getApplication(applicationId);
        AtsCandidate candidate = client.getCandidate(candidateId);

        assertThatThrownBy(() -> client.updateCandidate(candidate, application,
                List.of(CustomFieldWrite.text(score.id(), "very good")), List.of()))
                .isInstanceOfSatisfying(VendorCallException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.status()).isEqualTo(200);
                    assertThat(e.getMessage()).contains("customField.setValue").contains("invalid_input").contains("JSON number");
                });
        assertThat(ashby.customFieldValue(AshbyObjectType.CANDIDATE, candidateId, score.id())).isNull();

        assertThatThrownBy(() -> client.getApplication("0c9b2f6e-0000-4000-8000-000000000000"))
                .isInstanceOfSatisfying(VendorCallException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains("application_not_found");
                });
        AshbyConnector wrongKey = new AshbyConnector(sandbox.ashbyBaseUrl(), "not-the-key", http);
        assertThatThrownBy(() -> wrongKey.getCandidate(candidateId))
                .isInstanceOfSatisfying(VendorCallException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.getMessage()).doesNotContain("not-the-key");
                });
        assertThatThrownBy(() -> client.getCandidate("../job.info")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tagsAreLookedUpCreatedOnceAndAddedOnlyWhenMissing() {
        ashby.addTag("Existing Tag");
        String candidateId = ashby.addCandidate("Tag Test", List.of("tag@example.com"), List.of("Ruby"));
        String otherId = ashby.addCandidate("Tag Other", "other@example.com");
        AshbyConnector client = client();
        String applicationId = ashby.addApplication(candidateId, job.id());
        AtsApplication application = client.getApplication(applicationId);
        ashby.clearCalls();

        client.updateCandidate(client.getCandidate(candidateId), application, List.of(),
                List.of("ruby", "existing tag", "AI Interviewed"));
        assertThat(ashby.tagTitles(candidateId)).containsExactly("Ruby", "Existing Tag", "AI Interviewed");
        assertThat(ashby.calls("candidateTag.create")).hasSize(1);
        assertThat(ashby.calls("candidate.addTag")).hasSize(2);

        // The tag exists now: another candidate gets it without a second create.
        client.updateCandidate(client.getCandidate(otherId), application, List.of(), List.of("ai interviewed"));
        assertThat(ashby.tagTitles(otherId)).containsExactly("AI Interviewed");
        assertThat(ashby.calls("candidateTag.create")).hasSize(1);

        // Nothing new: no call at all.
        ashby.clearCalls();
        client.updateCandidate(new AtsCandidate(candidateId, "Tag", "Test", List.of(), List.of("Ruby", "Existing Tag",
                "AI Interviewed"), List.of(), java.util.Map.of(), ""), application, List.of(), List.of("ruby"));
        assertThat(ashby.calls()).isEmpty();
    }

    @Test
    void notesRoundTripPlainOrHtmlWithVisibility() {
        String candidateId = ashby.addCandidate("Note Test", "note@example.com");
        String applicationId = ashby.addApplication(candidateId, job.id());
        AshbyConnector client = client();
        AtsApplication application = client.getApplication(applicationId);

        AtsNote plain = client.addNote(application, "AI interview completed: score 82.", AtsConnector.NoteVisibility.PRIVATE);
        client.addNote(application, "<b>Summary</b><ul><li>Clear answers</li></ul>", AtsConnector.NoteVisibility.PUBLIC);

        assertThat(plain.id()).isNotBlank();
        assertThat(plain.visibility()).isEqualTo("private");
        assertThat(plain.userId()).isEqualTo(ashby.apiUser().id());
        List<AshbyNote> stored = ashby.notes(candidateId);
        assertThat(stored).extracting(AshbyNote::contentType).containsExactly("text/plain", "text/html");
        assertThat(stored).extracting(AshbyNote::isPrivate).containsExactly(true, false);
        assertThat(stored).extracting(AshbyNote::sendNotifications).containsOnly(false);

        List<AtsNote> read = client.notes(application);
        assertThat(read).extracting(AtsNote::body).containsExactly("AI interview completed: score 82.",
                "<b>Summary</b><ul><li>Clear answers</li></ul>");
        assertThat(read).extracting(AtsNote::visibility).containsExactly("private", "public");
    }

    @Test
    void aKeyLackingAnEndpointPermissionFailsPermanentlyNamingThePermission() {
        String candidateId = ashby.addCandidate("Permission Test", "permission@example.com");
        String applicationId = ashby.addApplication(candidateId, job.id());
        AshbyConnector client = client();
        AtsApplication application = client.getApplication(applicationId);
        AtsCandidate candidate = client.getCandidate(candidateId);
        Set<String> withoutWrite = new HashSet<>(AshbyPermissions.ALL);
        withoutWrite.remove("candidatesWrite");
        ashby.setApiKeyPermissions(withoutWrite);
        try {
            assertThatThrownBy(() -> client.updateCandidate(candidate, application,
                    List.of(CustomFieldWrite.number(score.id(), 70)), List.of()))
                    .isInstanceOfSatisfying(VendorCallException.class, e -> {
                        assertThat(e.retryable()).isFalse();
                        assertThat(e.status()).isEqualTo(403);
                        assertThat(e.code()).hasValue("missing_endpoint_permission");
                        assertThat(e.getMessage()).contains("customField.setValue", "candidatesWrite",
                                "missing_endpoint_permission", "API Keys");
                    });
            assertThatThrownBy(() -> client.addNote(application, "Public note", AtsConnector.NoteVisibility.PUBLIC))
                    .isInstanceOfSatisfying(VendorCallException.class, e ->
                            assertThat(e.getMessage()).contains("candidate.createNote", "candidatesWrite"));
            // The assessment partner's result push needs candidatesWrite as well.
            AshbyAssessmentCallback.DataValue started = new AshbyAssessmentCallback.DataValue("status", "Status", null,
                    "string", "Started");
            assertThatThrownBy(() -> new AshbyAssessmentCallback(http).update(sandbox.ashbyBaseUrl(),
                    SandboxSettings.DEFAULT_ASHBY_API_KEY, new AshbyAssessmentCallback.Update("assessment-1",
                            System.currentTimeMillis(), started, null, null, null, List.of())))
                    .isInstanceOfSatisfying(VendorCallException.class, e -> {
                        assertThat(e.retryable()).isFalse();
                        assertThat(e.getMessage()).contains("assessment.update", "candidatesWrite", "missing_endpoint_permission");
                    });
            assertThat(ashby.assessmentUpdates("assessment-1")).isEmpty();
        } finally {
            ashby.setApiKeyPermissions(AshbyPermissions.ALL);
        }
        assertThat(ashby.customFieldValue(AshbyObjectType.CANDIDATE, candidateId, score.id())).isNull();
        assertThat(ashby.notes(candidateId)).isEmpty();
    }

    @Test
    void aPrivateNoteTheKeyMayNotWriteOrCannotReadBackFailsNamingTheSettingAndIsNotWrittenTwice() {
        String candidateId = ashby.addCandidate("Private Note Test", "private@example.com");
        String applicationId = ashby.addApplication(candidateId, job.id());
        AshbyConnector client = client();
        AtsApplication application = client.getApplication(applicationId);
        try {
            // Refused: nothing written, the failure names the setting.
            ashby.setPrivateFieldAccess(false, AshbySimulator.PrivateNoteWithoutAccess.REFUSE);
            assertThatThrownBy(() -> client.addNote(application, "AI result", AtsConnector.NoteVisibility.PRIVATE))
                    .isInstanceOfSatisfying(VendorCallException.class, e -> {
                        assertThat(e.retryable()).isFalse();
                        assertThat(e.getMessage()).contains("Allow access to non-offer private fields?", "Nothing was written");
                    });
            assertThat(ashby.notes(candidateId)).isEmpty();

            // Written but not listed back: reported at once, so the step ends rather than writing it again.
            ashby.setPrivateFieldAccess(false, AshbySimulator.PrivateNoteWithoutAccess.WRITE_UNSEEN);
            assertThatThrownBy(() -> client.addNote(application, "AI result", AtsConnector.NoteVisibility.PRIVATE))
                    .isInstanceOfSatisfying(VendorCallException.class, e -> {
                        assertThat(e.retryable()).isFalse();
                        assertThat(e.code()).hasValue("private_note_not_readable");
                        assertThat(e.getMessage()).contains("Allow access to non-offer private fields?", "cannot read it back",
                                "write the note again");
                    });
            assertThat(ashby.notes(candidateId)).hasSize(1);
            // A public note needs no such setting.
            client.addNote(application, "Public note", AtsConnector.NoteVisibility.PUBLIC);
            assertThat(ashby.notes(candidateId)).hasSize(2);
        } finally {
            ashby.setPrivateFieldAccess(true, AshbySimulator.PrivateNoteWithoutAccess.REFUSE);
        }
        // With the setting on, the note written earlier is seen, so the loop's check finds it and writes nothing.
        assertThat(client.notes(application)).extracting(AtsNote::body).containsExactly("AI result", "Public note");
    }

    @Test
    void anOptionNamedByItsLabelIsSentAsItsValueBecauseSetValueTakesOnlyValues() {
        AshbyCustomField verdict = ashby.addSelectField(AshbyObjectType.CANDIDATE, "AI verdict", AshbyFieldType.VALUE_SELECT,
                List.of(new AshbySelectableValue("Strong yes", "strong_yes"),
                        new AshbySelectableValue("No", "no")));
        AshbyCustomField areas = ashby.addSelectField(AshbyObjectType.CANDIDATE, "Areas", AshbyFieldType.MULTI_VALUE_SELECT,
                List.of(new AshbySelectableValue("Backend Engineering", "backend"),
                        new AshbySelectableValue("Data", "data")));
        String candidateId = ashby.addCandidate("Option Test", "option@example.com");
        String applicationId = ashby.addApplication(candidateId, job.id());
        AshbyConnector client = client();
        ashby.clearCalls();

        client.updateCandidate(client.getCandidate(candidateId), client.getApplication(applicationId), List.of(
                CustomFieldWrite.option(verdict.id(), "Strong yes"),
                new CustomFieldWrite(areas.id(), JsonNodeFactory.instance.arrayNode()
                        .add("Backend Engineering").add("data"))), List.of());

        assertThat(ashby.calls("customField.setValue")).hasSize(2).allMatch(AshbyApiCall::success)
                .allSatisfy(c -> assertThat(c.body()).doesNotContain("Strong yes", "Backend Engineering"));
        assertThat(ashby.customFieldValue(AshbyObjectType.CANDIDATE, candidateId, verdict.id()).asText()).isEqualTo("strong_yes");
        assertThat(ashby.customFieldValue(AshbyObjectType.CANDIDATE, candidateId, areas.id()).toString())
                .isEqualTo("[\"backend\",\"data\"]");
        // The definitions offer both, so the write-back's field check accepts either; the label is what people see.
        CustomFieldDefinition defined = client.customFieldDefinitions().stream().filter(d -> d.key().equals(verdict.id()))
                .findFirst().orElseThrow();
        assertThat(defined.options()).containsExactly(new CustomFieldDefinition.Option("strong_yes", "Strong yes"),
                new CustomFieldDefinition.Option("no", "No"));
    }

    @Test
    void aCandidateMergeNamesTheSurvivingAndTheDeletedCandidate() {
        String survivor = ashby.addCandidate("Merge Survivor", "survivor@example.com");
        String duplicate = ashby.addCandidate("Merge Duplicate", "duplicate@example.com");
        ashby.mergeCandidates(survivor, duplicate);
        WebhookEvent merge = ashby.webhookEvents().stream().filter(e -> e.type().equals("candidateMerge"))
                .reduce((first, second) -> second).orElseThrow();

        assertThat(client().candidateMerge(merge.body())).hasValue(new AtsConnector.CandidateMerge(survivor, duplicate));
        assertThat(client().candidateMerge("{\"action\":\"candidateStageChange\",\"data\":{}}".getBytes(StandardCharsets.UTF_8)))
                .isEmpty();
        assertThatThrownBy(() -> client().candidateMerge(("{\"action\":\"candidateMerge\",\"data\":{\"mergedCandidate\":"
                + "{\"id\":\"" + survivor + "\"}}}").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedPayloadException.class).hasMessageContaining("data.deletedCandidate.id");
    }

    @Test
    void aStaleStageMoveIsRefusedAndAFreshOneGoesThrough() {
        String candidateId = ashby.addCandidate("Move Test", "move@example.com");
        String applicationId = ashby.addApplication(candidateId, job.id());
        AshbyConnector client = client();
        AtsApplication read = client.getApplication(applicationId);
        String aiInterview = job.stageTitled("AI Interview").id();
        String offer = job.stageTitled("Offer").id();

        // A recruiter moves it after atsbridge read it.
        ashby.moveApplication(applicationId, offer);
        ashby.clearCalls();
        assertThatThrownBy(() -> client.moveStage(read, aiInterview))
                .isInstanceOfSatisfying(VendorCallException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains("someone moved it meanwhile").contains(offer);
                });
        assertThat(ashby.currentStageId(applicationId)).isEqualTo(offer);
        assertThat(ashby.calls("application.changeStage")).isEmpty();

        AtsApplication fresh = client.getApplication(applicationId);
        client.moveStage(fresh, aiInterview);
        assertThat(ashby.currentStageId(applicationId)).isEqualTo(aiInterview);
        assertThat(ashby.calls("application.changeStage")).hasSize(1);
    }

    @Test
    void listsActiveApplicationsInPagesThenOnlyChangesWithTheSyncToken() {
        AshbyJob listed = ashby.addJob("Paged Job", "Screen", "Interview");
        List<String> active = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            active.add(ashby.addApplication(ashby.addCandidate("Paged " + i, "p" + i + "@example.com"), listed.id()));
        }
        String archived = ashby.addApplication(ashby.addCandidate("Archived One", "arch@example.com"), listed.id(),
                listed.stageOfType("Archived").orElseThrow().id());
        AshbyConnector client = client();

        List<String> seen = new ArrayList<>();
        String cursor = null;
        String syncToken = null;
        for (int page = 0; page < 100; page++) {
            AtsConnector.AtsPage result = client.listApplications(cursor, null, null, 2);
            result.applications().forEach(a -> seen.add(a.id()));
            assertThat(result.applications()).allMatch(AtsApplication::active);
            cursor = result.nextCursor();
            if (cursor == null) {
                syncToken = result.syncToken();
                break;
            }
            assertThat(result.syncToken()).isNull();
        }
        assertThat(seen).containsAll(active).doesNotContain(archived);
        assertThat(syncToken).isNotBlank();

        ashby.moveApplication(active.get(2), listed.stageTitled("Interview").id());
        AtsConnector.AtsPage incremental = client.listApplications(null, null, syncToken, 2);
        assertThat(incremental.applications()).extracting(AtsApplication::id).containsExactly(active.get(2));
        assertThat(incremental.applications().get(0).currentStageName()).isEqualTo("Interview");
        assertThat(incremental.nextCursor()).isNull();
        assertThat(incremental.syncToken()).isNotBlank().isNotEqualTo(syncToken);

        ashby.expireSyncTokens();
        String expired = incremental.syncToken();
        // Ashby's remedy for an expired token is a full sync: the failure says so for backfill to act on it.
        assertThatThrownBy(() -> client.listApplications(null, null, expired, 2))
                .isInstanceOfSatisfying(VendorCallException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.restartSync()).isTrue();
                    assertThat(e.code()).hasValue("sync_token_expired");
                    assertThat(e.getMessage()).contains("sync_token_expired", "full sync");
                });
        assertThat(client.listApplications(null, null, null, 2).applications()).isNotEmpty();
    }

    @Test
    void readsAStageEventFromTheSimulatorsWebhookBody() {
        String candidateId = ashby.addCandidate("Ada King Lovelace", "ada@example.com");
        ashby.setCustomField(AshbyObjectType.CANDIDATE, candidateId, jurisdiction.id(), "US-IL");
        ashby.setCustomField(AshbyObjectType.CANDIDATE, candidateId, score.id(), 71);
        String applicationId = ashby.addApplication(candidateId, job.id());
        String aiInterview = job.stageTitled("AI Interview").id();
        String actionId = ashby.moveApplication(applicationId, aiInterview);
        WebhookEvent event = ashby.webhookEvents().stream()
                .filter(e -> e.type().equals("candidateStageChange") && e.bodyText().contains(actionId))
                .findFirst().orElseThrow();

        AtsStageEvent stageEvent = client().stageEvent(event.body());

        assertThat(stageEvent.action()).isEqualTo("candidateStageChange");
        assertThat(stageEvent.applicationId()).isEqualTo(applicationId);
        assertThat(stageEvent.candidateId()).isEqualTo(candidateId);
        assertThat(stageEvent.jobId()).isEqualTo(job.id());
        assertThat(stageEvent.jobName()).isEqualTo("Designer");
        assertThat(stageEvent.stageId()).isEqualTo(aiInterview);
        assertThat(stageEvent.stageName()).isEqualTo("AI Interview");
        assertThat(stageEvent.firstName()).isEqualTo("Ada");
        assertThat(stageEvent.lastName()).isEqualTo("King Lovelace");
        assertThat(stageEvent.email()).isEqualTo("ada@example.com");
        assertThat(stageEvent.candidateFields()).containsEntry(jurisdiction.id(), "US-IL").containsEntry(score.id(), "71");

        String submitted = ashby.submitApplication(candidateId, job.id());
        WebhookEvent submit = ashby.webhookEvents().stream().filter(e -> e.type().equals("applicationSubmit")
                && e.bodyText().contains(submitted)).findFirst().orElseThrow();
        assertThat(client().stageEvent(submit.body()).stageName()).isEqualTo("Application Review");

        WebhookEvent update = ashby.webhookEvents().stream()
                .filter(e -> e.type().equals("applicationUpdate") && e.bodyText().contains(actionId))
                .findFirst().orElseThrow();
        assertThatThrownBy(() -> client().stageEvent(update.body())).isInstanceOf(MalformedPayloadException.class)
                .hasMessageContaining("applicationUpdate");
        assertThatThrownBy(() -> client().stageEvent("{\"action\":\"candidateStageChange\",\"data\":{}}"
                .getBytes(StandardCharsets.UTF_8))).isInstanceOf(MalformedPayloadException.class)
                .hasMessageContaining("data.application.id");
    }
}
