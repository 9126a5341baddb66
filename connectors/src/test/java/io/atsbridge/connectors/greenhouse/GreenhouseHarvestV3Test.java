package io.atsbridge.connectors.greenhouse;

import com.fasterxml.jackson.databind.node.NullNode;
import io.atsbridge.connectors.AtsApplication;
import io.atsbridge.connectors.AtsCandidate;
import io.atsbridge.connectors.AtsConnector;
import io.atsbridge.connectors.AtsNote;
import io.atsbridge.connectors.CustomFieldWrite;
import io.atsbridge.connectors.VendorCallException;
import io.atsbridge.connectors.http.VendorHttp;
import io.atsbridge.connectors.http.VendorHttpClients;
import io.atsbridge.sandbox.Sandbox;
import io.atsbridge.sandbox.SandboxSettings;
import io.atsbridge.sandbox.greenhouse.CustomFieldDefinition;
import io.atsbridge.sandbox.greenhouse.CustomFieldScope;
import io.atsbridge.sandbox.greenhouse.CustomFieldType;
import io.atsbridge.sandbox.greenhouse.GreenhouseAttachment;
import io.atsbridge.sandbox.greenhouse.GreenhouseJob;
import io.atsbridge.sandbox.greenhouse.GreenhouseSimulator;
import io.atsbridge.sandbox.greenhouse.GreenhouseUser;
import io.atsbridge.sandbox.greenhouse.HarvestWrite;
import io.atsbridge.sandbox.greenhouse.NewCandidate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Harvest v3 connector against the Greenhouse simulator, over real HTTP, OAuth client credentials included. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GreenhouseHarvestV3Test {

    @RegisterExtension
    static final VendorHttpClients CLIENTS = new VendorHttpClients();

    private Sandbox sandbox;
    private GreenhouseSimulator greenhouse;
    private GreenhouseUser recruiter;
    private GreenhouseJob job;
    private CustomFieldDefinition recommendation;
    private GreenhouseTokens tokens;
    private final VendorHttp http = CLIENTS.vendorHttp(Duration.ofSeconds(2), Duration.ofSeconds(10), 3, Duration.ofSeconds(30));

    @BeforeAll
    void start() {
        sandbox = Sandbox.start(SandboxSettings.builder().greenhouseRateLimit(10_000).build());
        greenhouse = sandbox.greenhouse();
        recruiter = greenhouse.addUser("Rita", "Recruiter", "rita@acme.example");
        job = greenhouse.addJob("Designer", "Application Review", "AI Interview", "Offer");
        greenhouse.addCustomField(CustomFieldScope.CANDIDATE, "AI score", "ai_score", CustomFieldType.NUMBER);
        recommendation = greenhouse.addCustomField(CustomFieldScope.CANDIDATE, "AI recommendation", "ai_recommendation",
                CustomFieldType.SINGLE_SELECT, "Advance", "Maybe", "Pass");
        greenhouse.addCustomField(CustomFieldScope.CANDIDATE, "AI transcript", "ai_transcript", CustomFieldType.URL);
        greenhouse.addCustomField(CustomFieldScope.APPLICATION, "AI summary", "ai_summary", CustomFieldType.LONG_TEXT);
        tokens = new GreenhouseTokens(oauthClient(sandbox, SandboxSettings.DEFAULT_GREENHOUSE_CLIENT_SECRET), http);
    }

    @AfterAll
    void stop() {
        sandbox.close();
    }

    @BeforeEach
    void clear() {
        sandbox.faults().clearAll();
        greenhouse.clearWrites();
        greenhouse.access().grantAll();
        greenhouse.v3Options().reset();
    }

    private static GreenhouseOAuthClient oauthClient(Sandbox sandbox, String secret) {
        return new GreenhouseOAuthClient(sandbox.greenhouseTokenUrl(), SandboxSettings.DEFAULT_GREENHOUSE_CLIENT_ID, secret);
    }

    private GreenhouseHarvestV3 client() {
        return new GreenhouseHarvestV3(sandbox.greenhouseBaseUrl(), tokens, Long.toString(recruiter.id()), http);
    }

    private long candidate(String... tags) {
        NewCandidate.Builder builder = NewCandidate.builder("Grace", "Hopper").email("grace@example.com");
        for (String tag : tags) {
            builder.tag(tag);
        }
        return greenhouse.addCandidate(builder.build());
    }

    @Test
    void readsTheJobWithItsPlanAndTheCustomFieldDefinitionsFromV3() {
        GreenhouseHarvestTest.assertJobAndFieldDefinitions(client(), greenhouse, job, recommendation);
    }

    @Test
    void oneTokenServesManyCallsAndEveryCallIsBearer() {
        GreenhouseTokens fresh = new GreenhouseTokens(oauthClient(sandbox, SandboxSettings.DEFAULT_GREENHOUSE_CLIENT_SECRET), http);
        GreenhouseHarvestV3 client = new GreenhouseHarvestV3(sandbox.greenhouseBaseUrl(), fresh, Long.toString(recruiter.id()), http);
        long candidateId = candidate();
        long applicationId = greenhouse.addApplication(candidateId, job.id());
        long before = greenhouse.oauthTokensIssued();

        for (int i = 0; i < 5; i++) {
            AtsApplication application = client.getApplication(Long.toString(applicationId));
            client.getCandidate(application.candidateId());
            client.notes(application);
        }
        assertThat(greenhouse.oauthTokensIssued() - before).as("one token for fifteen calls and more").isEqualTo(1);
        // Another connector of the same connection shares the cache.
        new GreenhouseHarvestV3(sandbox.greenhouseBaseUrl() + "/", fresh, Long.toString(recruiter.id()), http)
                .getCandidate(Long.toString(candidateId));
        assertThat(greenhouse.oauthTokensIssued() - before).isEqualTo(1);
        assertThat(fresh.toString()).doesNotContain(SandboxSettings.DEFAULT_GREENHOUSE_CLIENT_SECRET);
        assertThat(fresh.client().toString()).doesNotContain(SandboxSettings.DEFAULT_GREENHOUSE_CLIENT_SECRET).contains("***");
    }

    @Test
    void tokensAreRefreshedBeforeExpiryAndReplacedWhenAnswered401() throws Exception {
        try (Sandbox shortLived = Sandbox.start(SandboxSettings.builder().greenhouseTokenTtl(Duration.ofSeconds(2)).build())) {
            GreenhouseSimulator sim = shortLived.greenhouse();
            GreenhouseUser user = sim.addUser("Short", "Lived", "short@example.com");
            long candidateId = sim.addCandidate(NewCandidate.builder("Ada", "Lovelace").build());
            GreenhouseTokens shortTokens = new GreenhouseTokens(oauthClient(shortLived, SandboxSettings.DEFAULT_GREENHOUSE_CLIENT_SECRET), http);
            GreenhouseHarvestV3 client = new GreenhouseHarvestV3(shortLived.greenhouseBaseUrl(), shortTokens, Long.toString(user.id()), http);

            client.getCandidate(Long.toString(candidateId));
            client.getCandidate(Long.toString(candidateId));
            assertThat(sim.oauthTokensIssued()).isEqualTo(1);
            // A 2 s token is renewed after half its life, before Greenhouse would refuse it.
            Thread.sleep(1_200);
            assertThat(client.getCandidate(Long.toString(candidateId)).lastName()).isEqualTo("Lovelace");
            assertThat(sim.oauthTokensIssued()).isEqualTo(2);

            // Revoked (or expired early): the call is answered 401, the token dropped and the call repeated once.
            sim.revokeOAuthTokens();
            assertThat(client.getCandidate(Long.toString(candidateId)).lastName()).isEqualTo("Lovelace");
            assertThat(sim.oauthTokensIssued()).isEqualTo(3);
            assertThat(sim.rateLimitStats().unauthorized()).isEqualTo(1);
        }
    }

    @Test
    void tokenEndpointRefusalsArePermanentWithClearMessagesAndOutagesRetryable() {
        long candidateId = candidate();
        String wrongSecret = "not-the-secret-" + System.nanoTime();
        GreenhouseHarvestV3 wrongClient = new GreenhouseHarvestV3(sandbox.greenhouseBaseUrl(),
                new GreenhouseTokens(oauthClient(sandbox, wrongSecret), http), Long.toString(recruiter.id()), http);
        assertThatThrownBy(() -> wrongClient.getCandidate(Long.toString(candidateId)))
                .isInstanceOfSatisfying(VendorCallException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.getMessage()).contains("invalid_client", "client id or secret",
                            SandboxSettings.DEFAULT_GREENHOUSE_CLIENT_ID);
                    assertThat(e.getMessage()).doesNotContain(wrongSecret);
                });

        GreenhouseHarvestV3 unknownUser = new GreenhouseHarvestV3(sandbox.greenhouseBaseUrl(), tokens, "987654321", http);
        assertThatThrownBy(() -> unknownUser.getCandidate(Long.toString(candidateId)))
                .isInstanceOfSatisfying(VendorCallException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("invalid_grant", "987654321");
                });

        GreenhouseTokens cold = new GreenhouseTokens(oauthClient(sandbox, SandboxSettings.DEFAULT_GREENHOUSE_CLIENT_SECRET), http);
        sandbox.faults().on("/greenhouse").failFraction(1.0, 7, List.of(503));
        assertThatThrownBy(() -> cold.accessToken(Long.toString(recruiter.id())))
                .isInstanceOfSatisfying(VendorCallException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.status()).isEqualTo(503);
                });
        sandbox.faults().clearAll();
        assertThat(cold.accessToken(Long.toString(recruiter.id()))).isNotBlank();
        assertThatThrownBy(() -> new GreenhouseOAuthClient("auth.greenhouse.io/token", "id", "secret"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tokenUrl");
    }

    @Test
    void readsTheApplicationWithItsStageNameAndTheCandidateWithItsApplications() {
        long candidateId = candidate("Ruby");
        long applicationId = greenhouse.addApplication(candidateId, job.id());
        greenhouse.moveApplication(applicationId, job.stages().get(1).id(), recruiter.id());

        AtsApplication application = client().getApplication(Long.toString(applicationId));
        assertThat(application.id()).isEqualTo(Long.toString(applicationId));
        assertThat(application.candidateId()).isEqualTo(Long.toString(candidateId));
        assertThat(application.jobIds()).containsExactly(Long.toString(job.id()));
        assertThat(application.currentStageId()).isEqualTo(Long.toString(job.stages().get(1).id()));
        assertThat(application.currentStageName()).isEqualTo("AI Interview");
        assertThat(application.status()).as("v3's name for an open application").isEqualTo("in_process");
        assertThat(application.active()).isTrue();
        assertThat(application.updatedAt()).isEqualTo(greenhouse.application(applicationId).lastActivityAt());

        AtsCandidate candidate = client().getCandidate(Long.toString(candidateId));
        assertThat(candidate.firstName()).isEqualTo("Grace");
        assertThat(candidate.emails()).containsExactly("grace@example.com");
        assertThat(candidate.tags()).containsExactly("Ruby");
        assertThat(candidate.applicationIds()).containsExactly(Long.toString(applicationId));
        assertThat(candidate.updatedAt()).isNotBlank();
        assertThat(greenhouse.writes()).as("reads are not writes").isEmpty();

        assertThatThrownBy(() -> client().getApplication("999999999"))
                .isInstanceOfSatisfying(VendorCallException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.status()).isEqualTo(404);
                });
        assertThatThrownBy(() -> client().getCandidate("1,2"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("numeric");
    }

    @Test
    void writesTypedCustomFieldsAndClearsThemWithDeleteValue() {
        long candidateId = candidate();
        long applicationId = greenhouse.addApplication(candidateId, job.id());
        String advance = Long.toString(recommendation.optionNamed("Advance").orElseThrow().id());
        GreenhouseHarvestV3 client = client();
        AtsCandidate candidate = client.getCandidate(Long.toString(candidateId));
        AtsApplication application = client.getApplication(Long.toString(applicationId));

        client.updateCandidate(candidate, application, List.of(
                CustomFieldWrite.number("ai_score", 78.5),
                CustomFieldWrite.option("ai_recommendation", advance),
                CustomFieldWrite.url("ai_transcript", "https://ai.example/interviews/1/transcript")), List.of());
        client.updateApplication(application, List.of(CustomFieldWrite.text("ai_summary", "Strong communicator.")));

        assertThat(greenhouse.customFieldValue(CustomFieldScope.CANDIDATE, candidateId, "ai_score")).isEqualTo(new BigDecimal("78.5"));
        assertThat(greenhouse.customFieldValue(CustomFieldScope.CANDIDATE, candidateId, "ai_recommendation")).isEqualTo("Advance");
        assertThat(greenhouse.customFieldValue(CustomFieldScope.CANDIDATE, candidateId, "ai_transcript"))
                .isEqualTo("https://ai.example/interviews/1/transcript");
        assertThat(greenhouse.customFieldValue(CustomFieldScope.APPLICATION, applicationId, "ai_summary")).isEqualTo("Strong communicator.");
        assertThat(greenhouse.writes()).extracting(HarvestWrite::method, HarvestWrite::path).containsExactly(
                org.assertj.core.groups.Tuple.tuple("PATCH", "/v3/candidates/" + candidateId),
                org.assertj.core.groups.Tuple.tuple("PATCH", "/v3/applications/" + applicationId));
        assertThat(greenhouse.writes()).extracting(HarvestWrite::onBehalfOf).containsOnly(Long.toString(recruiter.id()));
        assertThat(greenhouse.writes().get(0).body()).doesNotContain("tags");
        assertThat(client.getCandidate(Long.toString(candidateId)).customFieldValues().get("ai_score").decimalValue())
                .isEqualByComparingTo("78.5");

        client.updateCandidate(candidate, application, List.of(new CustomFieldWrite("ai_score", NullNode.getInstance())), List.of());
        assertThat(greenhouse.writes().get(2).body()).contains("\"delete_value\":\"true\"");
        assertThat(greenhouse.customFieldValue(CustomFieldScope.CANDIDATE, candidateId, "ai_score")).isNull();
        assertThat(greenhouse.customFieldValue(CustomFieldScope.CANDIDATE, candidateId, "ai_recommendation")).isEqualTo("Advance");

        assertThatThrownBy(() -> client.updateCandidate(candidate, application,
                List.of(CustomFieldWrite.text("ai_score", "very good")), List.of()))
                .isInstanceOfSatisfying(VendorCallException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.getMessage()).contains("PATCH /v3/candidates/" + candidateId, "ai_score");
                });
    }

    @Test
    void addsOnlyMissingTagsAndMakesNoCallWhenNothingChanges() {
        long candidateId = candidate("Ruby", "Comp Sci");
        long applicationId = greenhouse.addApplication(candidateId, job.id());
        GreenhouseHarvestV3 client = client();
        AtsCandidate before = client.getCandidate(Long.toString(candidateId));
        AtsApplication application = client.getApplication(Long.toString(applicationId));

        greenhouse.addTag("AI screened");
        client.updateCandidate(before, application, List.of(), List.of("ai-skill:Figma", "ruby", "ai screened"));
        assertThat(greenhouse.tags(candidateId)).containsExactly("Ruby", "Comp Sci", "ai-skill:Figma", "AI screened");
        // One tag at a time, so a tag a recruiter adds meanwhile is never dropped; a new tag is created first.
        assertThat(greenhouse.writes()).extracting(HarvestWrite::method, HarvestWrite::path).containsExactly(
                org.assertj.core.groups.Tuple.tuple("POST", "/v3/candidate_tags"),
                org.assertj.core.groups.Tuple.tuple("POST", "/v3/applied_candidate_tags"),
                org.assertj.core.groups.Tuple.tuple("POST", "/v3/applied_candidate_tags"));
        assertThat(greenhouse.writes()).extracting(HarvestWrite::status).containsOnly(201);
        greenhouse.clearWrites();

        AtsCandidate after = client.getCandidate(Long.toString(candidateId));
        client.updateCandidate(after, application, List.of(), List.of("AI-SKILL:figma"));
        client.updateApplication(application, List.of());
        assertThat(greenhouse.writes()).as("nothing new: no call").isEmpty();
    }

    @Test
    void notesRoundTripAsTheTokensUser() {
        long candidateId = candidate();
        long applicationId = greenhouse.addApplication(candidateId, job.id());
        GreenhouseHarvestV3 client = client();
        AtsApplication application = client.getApplication(Long.toString(applicationId));

        AtsNote note = client.addNote(application, "AI assessment.\nAudit reference: trace-3", AtsConnector.NoteVisibility.PRIVATE);
        assertThat(note.id()).isNotBlank();
        assertThat(note.visibility()).isEqualTo("private");
        assertThat(note.userId()).isEqualTo(Long.toString(recruiter.id()));
        assertThat(greenhouse.notes(candidateId)).singleElement().satisfies(stored -> {
            assertThat(stored.body()).isEqualTo("AI assessment.\nAudit reference: trace-3");
            assertThat(stored.userId()).isEqualTo(recruiter.id());
        });
        client.addNote(application, "Second", AtsConnector.NoteVisibility.RESTRICTED);

        assertThat(client.notes(application)).extracting(AtsNote::body, AtsNote::visibility).containsExactly(
                org.assertj.core.groups.Tuple.tuple("AI assessment.\nAudit reference: trace-3", "private"),
                org.assertj.core.groups.Tuple.tuple("Second", "admin_only"));
        assertThat(greenhouse.writes()).extracting(HarvestWrite::path).containsOnly("/v3/notes");
    }

    @Test
    void aMoveFromAStaleStageIsRefusedAndChangesNothing() {
        long candidateId = candidate();
        long applicationId = greenhouse.addApplication(candidateId, job.id());
        GreenhouseHarvestV3 client = client();
        AtsApplication staleRead = client.getApplication(Long.toString(applicationId));
        long interview = job.stages().get(1).id();
        long offer = job.stages().get(2).id();
        // Someone moves the candidate in Greenhouse after the read.
        greenhouse.moveApplication(applicationId, interview, recruiter.id());

        assertThatThrownBy(() -> client.moveStage(staleRead, Long.toString(offer)))
                .isInstanceOfSatisfying(VendorCallException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.getMessage()).contains("from_stage_id");
                });
        assertThat(greenhouse.application(applicationId).currentStage().id()).isEqualTo(interview);

        AtsApplication freshRead = client.getApplication(Long.toString(applicationId));
        client.moveStage(freshRead, Long.toString(offer));
        assertThat(greenhouse.application(applicationId).currentStage().id()).isEqualTo(offer);
        assertThat(greenhouse.writes()).extracting(HarvestWrite::status).containsExactly(422, 204);
    }

    @Test
    void attachesFilesByContentAndByUrl() {
        long candidateId = candidate();
        long applicationId = greenhouse.addApplication(candidateId, job.id());
        GreenhouseHarvestV3 client = client();
        AtsApplication application = client.getApplication(Long.toString(applicationId));
        byte[] report = "%PDF-1.7 AI interview report".getBytes(StandardCharsets.UTF_8);

        client.addAttachment(application, new AtsConnector.Attachment("ai-report.pdf", "other", null, report, "application/pdf"));
        client.addAttachment(application, new AtsConnector.Attachment("transcript.txt", "other",
                "https://ai.example/interviews/1/transcript.txt", null, null));

        List<GreenhouseAttachment> stored = greenhouse.attachments(applicationId);
        assertThat(stored).extracting(GreenhouseAttachment::filename).containsExactly("ai-report.pdf", "transcript.txt");
        assertThat(stored.get(0).content()).isEqualTo(report);
        assertThat(stored.get(0).contentType()).isEqualTo("application/pdf");
        assertThat(stored.get(0).userId()).isEqualTo(recruiter.id());
        assertThat(stored.get(1).url()).isEqualTo("https://ai.example/interviews/1/transcript.txt");
        assertThat(client.capabilities().attachments()).isTrue();
        assertThat(client.capabilities().apiVersion()).isEqualTo("v3");
        // Greenhouse rejects rather than archives, and atsbridge rejects no one: the connector does not offer it.
        assertThat(client.capabilities().archive()).isFalse();
        assertThatThrownBy(() -> client.archive(application, "1")).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("GREENHOUSE v3 connector does not archive");

        assertThatThrownBy(() -> client.addAttachment(application, new AtsConnector.Attachment("x.pdf", "report", null,
                report, "application/pdf"))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("type");
        assertThatThrownBy(() -> client.addAttachment(application, new AtsConnector.Attachment("x.pdf", "other", null,
                report, null))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("content type");
        assertThat(greenhouse.attachments(applicationId)).hasSize(2);
    }

    @Test
    void pagesThroughActiveApplicationsByCursorAndPassesIncrementally() {
        try (Sandbox paged = Sandbox.start(SandboxSettings.builder().greenhouseRateLimit(10_000).build())) {
            GreenhouseSimulator sim = paged.greenhouse();
            GreenhouseUser user = sim.addUser("Page", "Turner", "page@example.com");
            GreenhouseJob pipeline = sim.addJob("Engineer", "Screen", "AI Interview", "Onsite");
            List<Long> applicationIds = new ArrayList<>();
            long lastCandidate = 0;
            for (int i = 0; i < 250; i++) {
                lastCandidate = sim.addCandidate(NewCandidate.builder("Candidate", "No" + i).build());
                applicationIds.add(sim.addApplication(lastCandidate, pipeline.id()));
            }
            long rejectedCandidate = sim.addCandidate(NewCandidate.builder("Rejected", "One").build());
            sim.addApplication(rejectedCandidate, pipeline.id(), pipeline.stages().get(0).id(), "rejected");
            GreenhouseTokens pagedTokens = new GreenhouseTokens(oauthClient(paged, SandboxSettings.DEFAULT_GREENHOUSE_CLIENT_SECRET), http);
            GreenhouseHarvestV3 client = new GreenhouseHarvestV3(paged.greenhouseBaseUrl(), pagedTokens, Long.toString(user.id()), http);

            Set<String> seen = new HashSet<>();
            List<Integer> sizes = new ArrayList<>();
            String cursor = null;
            int pages = 0;
            do {
                AtsConnector.AtsPage page = client.listApplications(cursor, null, null, 100);
                sizes.add(page.applications().size());
                page.applications().forEach(a -> {
                    assertThat(a.active()).isTrue();
                    assertThat(a.currentStageName()).isEqualTo("Screen");
                    seen.add(a.id());
                });
                assertThat(page.syncToken()).isNull();
                cursor = page.nextCursor();
                pages++;
            } while (cursor != null && pages < 10);
            assertThat(sizes).containsExactly(100, 100, 50);
            assertThat(seen).hasSize(250);
            assertThat(sim.oauthTokensIssued()).isEqualTo(1);

            // Stamps are strictly increasing and may run ahead of the wall clock: take the cut from the simulator.
            Instant since = sim.candidateUpdatedAt(rejectedCandidate).plusMillis(1);
            sim.moveApplication(applicationIds.get(3), pipeline.stages().get(1).id(), user.id());
            sim.moveApplication(applicationIds.get(200), pipeline.stages().get(2).id(), user.id());
            AtsConnector.AtsPage changed = client.listApplications(null, since, null, 100);
            assertThat(changed.applications()).extracting(AtsApplication::id)
                    .containsExactly(Long.toString(applicationIds.get(3)), Long.toString(applicationIds.get(200)));
            assertThat(changed.applications()).extracting(AtsApplication::currentStageName).containsExactly("AI Interview", "Onsite");
            assertThat(changed.nextCursor()).isNull();

            assertThatThrownBy(() -> client.listApplications("https://elsewhere.example/v3/applications?cursor=x", null, null, 100))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cursor");
        }
    }

    @Test
    void aCallWithoutItsScopeIsAPermanentFailureNamingTheScopeToGrant() {
        long candidateId = candidate();
        long applicationId = greenhouse.addApplication(candidateId, job.id());
        GreenhouseHarvestV3 client = client();
        AtsApplication application = client.getApplication(Long.toString(applicationId));
        greenhouse.access().revokeScopes(List.of("harvest:notes:create", "harvest:custom_field_options:list"));

        assertThatThrownBy(() -> client.addNote(application, "x", AtsConnector.NoteVisibility.PRIVATE))
                .isInstanceOfSatisfying(VendorCallException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.getMessage()).startsWith("Greenhouse refused POST /v3/notes (403)")
                            .contains("grant the credential the scope harvest:notes:create", "Manage Scopes",
                                    "user " + recruiter.id(), "then replay this dead letter");
                });
        assertThat(greenhouse.notes(candidateId)).isEmpty();
        assertThatThrownBy(client::customFieldDefinitions)
                .isInstanceOfSatisfying(VendorCallException.class, e -> assertThat(e.getMessage())
                        .contains("harvest:custom_field_options:list"));
        assertThat(client.customFieldReadAccess()).contains("harvest:custom_fields:list", "harvest:custom_field_options:list");

        greenhouse.access().grantAll();
        assertThat(client.addNote(application, "x", AtsConnector.NoteVisibility.PRIVATE).id()).isNotBlank();
    }

    @Test
    void readsApplicationsThatCarryOnlyTheirApplicationStage() {
        long candidateId = candidate();
        long applicationId = greenhouse.addApplication(candidateId, job.id());
        greenhouse.moveApplication(applicationId, job.stages().get(1).id(), recruiter.id());
        greenhouse.v3Options().applicationJobInterviewStageId(false);

        AtsApplication application = client().getApplication(Long.toString(applicationId));
        assertThat(application.currentStageId()).isEqualTo(Long.toString(job.stages().get(1).id()));
        assertThat(application.currentStageName()).isEqualTo("AI Interview");
        // And a move from it is guarded by the plan stage, which Greenhouse takes.
        client().moveStage(application, Long.toString(job.stages().get(2).id()));
        assertThat(greenhouse.application(applicationId).currentStage().id()).isEqualTo(job.stages().get(2).id());
    }

    @Test
    void selectOptionsAreReadWhetherOrNotCustomFieldsEmbedThem() {
        List<io.atsbridge.connectors.CustomFieldDefinition.Option> separate = client().customFieldDefinitions().stream()
                .filter(d -> d.key().equals("ai_recommendation")).findFirst().orElseThrow().options();
        greenhouse.v3Options().embedCustomFieldOptions(true);
        List<io.atsbridge.connectors.CustomFieldDefinition.Option> embedded = client().customFieldDefinitions().stream()
                .filter(d -> d.key().equals("ai_recommendation")).findFirst().orElseThrow().options();
        assertThat(separate).extracting(io.atsbridge.connectors.CustomFieldDefinition.Option::name).containsExactly("Advance", "Maybe", "Pass");
        assertThat(embedded).isEqualTo(separate);
    }

    @Test
    void theNoteNamesItsAuthorWhetherOrNotGreenhouseRequiresIt() throws Exception {
        long candidateId = candidate();
        long applicationId = greenhouse.addApplication(candidateId, job.id());
        GreenhouseHarvestV3 client = client();
        AtsApplication application = client.getApplication(Long.toString(applicationId));
        client.addNote(application, "required", AtsConnector.NoteVisibility.PUBLIC);
        greenhouse.v3Options().requireNoteAuthor(false);
        client.addNote(application, "optional", AtsConnector.NoteVisibility.PUBLIC);
        assertThat(greenhouse.notes(candidateId)).extracting(n -> n.userId()).containsOnly(recruiter.id());
        com.fasterxml.jackson.databind.JsonNode sent = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(greenhouse.writes().get(0).body());
        assertThat(sent.path("user_id").asLong()).isEqualTo(recruiter.id());
        assertThat(sent.path("note_type").asText()).isEqualTo("NOTE");
        assertThat(sent.path("application_id").asLong()).isEqualTo(applicationId);
    }

    @Test
    void attachmentsWithUnmetPreconditionsOrUnacceptedContentTypesAreRefused() {
        long candidateId = candidate();
        long applicationId = greenhouse.addApplication(candidateId, job.id());
        GreenhouseHarvestV3 client = client();
        AtsApplication application = client.getApplication(Long.toString(applicationId));
        byte[] pdf = "%PDF".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> client.addAttachment(application, new AtsConnector.Attachment("test.pdf", "take_home_test", null,
                pdf, "application/pdf"))).isInstanceOfSatisfying(VendorCallException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.getMessage()).contains("take_home_test");
                });
        greenhouse.sendTakeHomeTest(applicationId);
        client.addAttachment(application, new AtsConnector.Attachment("test.pdf", "take_home_test", null, pdf, "application/pdf"));
        assertThatThrownBy(() -> client.addAttachment(application, new AtsConnector.Attachment("x.exe", "other", null, pdf,
                "application/x-msdownload"))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("content type");
        assertThat(greenhouse.attachments(applicationId)).extracting(GreenhouseAttachment::type).containsExactly("take_home_test");
    }
}
