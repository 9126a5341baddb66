package io.atsbridge.connectors.lever;

import io.atsbridge.connectors.AtsApplication;
import io.atsbridge.connectors.AtsCandidate;
import io.atsbridge.connectors.AtsConnector;
import io.atsbridge.connectors.AtsJob;
import io.atsbridge.connectors.AtsNote;
import io.atsbridge.connectors.AtsStageEvent;
import io.atsbridge.connectors.ConnectorCapabilities;
import io.atsbridge.connectors.CustomFieldWrite;
import io.atsbridge.connectors.MalformedPayloadException;
import io.atsbridge.connectors.VendorCallException;
import io.atsbridge.connectors.http.VendorHttp;
import io.atsbridge.connectors.http.VendorHttpClients;
import io.atsbridge.sandbox.Sandbox;
import io.atsbridge.sandbox.SandboxSettings;
import io.atsbridge.sandbox.http.WebhookEvent;
import io.atsbridge.sandbox.lever.LeverConfidentialRefusal;
import io.atsbridge.sandbox.lever.LeverNote;
import io.atsbridge.sandbox.lever.LeverPosting;
import io.atsbridge.sandbox.lever.LeverSimulator;
import io.atsbridge.sandbox.lever.LeverStage;
import io.atsbridge.sandbox.lever.LeverUser;
import io.atsbridge.sandbox.lever.LeverWrite;
import io.atsbridge.sandbox.lever.NewOpportunity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Lever connector against the sandbox's Lever simulator, over real HTTP. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class LeverConnectorTest {

    @RegisterExtension
    static final VendorHttpClients CLIENTS = new VendorHttpClients();

    private Sandbox sandbox;
    private LeverSimulator lever;
    private List<LeverStage> stages;
    private LeverPosting posting;
    private LeverUser recruiter;
    private final VendorHttp http = CLIENTS.vendorHttp(Duration.ofSeconds(2), Duration.ofSeconds(10), 3, Duration.ofSeconds(30));

    @BeforeAll
    void start() {
        // A bucket this large keeps Lever's 10/s limit out of the way; the limit has its own tests in the sandbox.
        sandbox = Sandbox.start(SandboxSettings.builder().leverRateLimit(10_000).leverBurst(10_000).build());
        lever = sandbox.lever();
        stages = lever.addStages("New lead", "Phone screen", "AI interview", "Offer");
        posting = lever.addPosting("Product Designer", "Design", "Berlin");
        recruiter = lever.addUser("Rita Recruiter", "rita@acme.example");
    }

    @AfterAll
    void stop() {
        sandbox.close();
    }

    @BeforeEach
    void clear() {
        lever.clearWrites();
    }

    private LeverConnector client() {
        return new LeverConnector(sandbox.leverBaseUrl() + "/v1", SandboxSettings.DEFAULT_LEVER_API_KEY, recruiter.id(), http);
    }

    private String opportunity(String... tags) {
        NewOpportunity.Builder seed = NewOpportunity.builder("Grace Brewster Hopper").email("grace@example.com")
                .email("g.hopper@navy.example").location("Arlington").posting(posting.id());
        for (String tag : tags) {
            seed.tag(tag);
        }
        return lever.addOpportunity(seed.build());
    }

    @Test
    void readsThePostingAsTheJobWithTheAccountsStagesAndNoFieldDefinitions() {
        AtsJob read = client().job(posting.id());
        assertThat(read.id()).isEqualTo(posting.id());
        assertThat(read.name()).isEqualTo("Product Designer");
        assertThat(read.status()).isEqualTo("published");
        assertThat(read.stages()).extracting(AtsJob.Stage::name).containsSubsequence("New lead", "Phone screen", "AI interview", "Offer");
        assertThat(read.stages()).extracting(AtsJob.Stage::id).contains(stages.get(2).id());
        assertThat(client().customFieldDefinitions()).as("Lever has no custom fields this connector writes").isEmpty();
        assertThat(lever.writes()).as("reads are not writes").isEmpty();
    }

    @Test
    void capabilitiesSayTagsNotesAndStagesButNoFields() {
        ConnectorCapabilities capabilities = client().capabilities();
        assertThat(capabilities.vendor()).isEqualTo("LEVER");
        assertThat(capabilities.apiVersion()).isEqualTo("v1");
        assertThat(capabilities.candidateFieldTypes()).isEmpty();
        assertThat(capabilities.applicationFieldTypes()).isEmpty();
        assertThat(capabilities.tags()).isTrue();
        assertThat(capabilities.notes()).isTrue();
        assertThat(capabilities.noteHtml()).isFalse();
        assertThat(capabilities.stageMoves()).isTrue();
        assertThat(capabilities.attachments()).isFalse();
        assertThat(capabilities.archive()).isTrue();
        assertThat(capabilities.requestsPerWindow()).isEqualTo(10);
        assertThat(capabilities.window()).isEqualTo(Duration.ofSeconds(1));
        assertThat(capabilities.burst()).isEqualTo(20);
    }

    @Test
    void readsTheOpportunityAsApplicationAndTheContactAsCandidate() {
        String id = opportunity("Referral");

        AtsApplication application = client().getApplication(id);

        assertThat(application.id()).isEqualTo(id);
        assertThat(application.candidateId()).isEqualTo(lever.opportunity(id).contactId());
        assertThat(application.status()).isEqualTo("active");
        assertThat(application.active()).isTrue();
        assertThat(application.jobIds()).containsExactly(posting.id());
        assertThat(application.currentStageId()).isEqualTo(stages.get(0).id());
        assertThat(application.currentStageName()).isEqualTo("New lead");
        assertThat(application.customFieldValues()).isEmpty();
        assertThat(application.updatedAt()).isEqualTo(lever.opportunity(id).updatedAt());

        AtsCandidate candidate = client().getCandidate(application.candidateId());
        assertThat(candidate.id()).isEqualTo(application.candidateId());
        assertThat(candidate.firstName()).isEqualTo("Grace");
        assertThat(candidate.lastName()).isEqualTo("Brewster Hopper");
        assertThat(candidate.emails()).containsExactly("grace@example.com", "g.hopper@navy.example");
        assertThat(candidate.tags()).as("Lever keeps tags on opportunities").isEmpty();
        assertThat(candidate.applicationIds()).isEmpty();
        assertThat(lever.writes()).as("reads are not writes").isEmpty();

        lever.archive(id, lever.archiveReasons().get(1).id(), recruiter.id());
        assertThat(client().getApplication(id).status()).isEqualTo("archived");
        assertThat(client().getApplication(id).active()).isFalse();
    }

    @Test
    void tagsTheOpportunityDoesNotCarryAreAddedOnceAndRepeatsMakeNoCall() {
        String id = opportunity("Referral");
        LeverConnector client = client();
        AtsApplication application = client.getApplication(id);
        AtsCandidate candidate = client.getCandidate(application.candidateId());

        client.updateCandidate(candidate, application, List.of(), List.of("ai-screened", "referral", "ai-skill:Figma"));
        client.updateCandidate(candidate, application, List.of(), List.of("AI-SCREENED", "ai-skill:Figma"));
        client.updateCandidate(candidate, application, List.of(), List.of());

        assertThat(lever.tags(id)).containsExactly("Referral", "ai-screened", "ai-skill:Figma");
        assertThat(lever.writes()).singleElement().satisfies(write -> {
            assertThat(write.method()).isEqualTo("POST");
            assertThat(write.path()).isEqualTo("/v1/opportunities/" + id + "/addTags");
            assertThat(write.performAs()).isEqualTo(recruiter.id());
            assertThat(write.body()).contains("ai-screened").doesNotContain("referral");
            assertThat(write.status()).isEqualTo(200);
        });
        assertThat(LeverConnector.missingTags(List.of("A"), List.of("a", "b", "B", " "))).containsExactly("b");
    }

    @Test
    void customFieldWritesAreUnsupportedAndNothingIsSent() {
        String id = opportunity();
        LeverConnector client = client();
        AtsApplication application = client.getApplication(id);
        AtsCandidate candidate = client.getCandidate(application.candidateId());
        List<CustomFieldWrite> fields = List.of(CustomFieldWrite.number("ai_score", 81));

        assertThatThrownBy(() -> client.updateCandidate(candidate, application, fields, List.of("ai-screened")))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("Lever has no custom-field write API");
        assertThatThrownBy(() -> client.updateApplication(application, fields))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("Lever has no custom-field write API");
        client.updateApplication(application, List.of());

        assertThat(lever.tags(id)).as("a refused update writes no part of itself").isEmpty();
        assertThat(lever.writes()).isEmpty();
    }

    @Test
    void notesRoundTripAttributedToThePerformAsUser() {
        String id = opportunity();
        LeverConnector client = client();
        AtsApplication application = client.getApplication(id);

        AtsNote secret = client.addNote(application, "AI interview summary.\nAudit reference: trace-7",
                AtsConnector.NoteVisibility.PRIVATE);
        AtsNote open = client.addNote(application, "Shared with the hiring team.", AtsConnector.NoteVisibility.PUBLIC);

        assertThat(secret.id()).isNotBlank();
        assertThat(secret.visibility()).isEqualTo("secret");
        assertThat(open.visibility()).isEqualTo("public");
        List<LeverNote> stored = lever.notes(id);
        assertThat(stored).extracting(LeverNote::id).containsExactly(secret.id(), open.id());
        assertThat(stored).extracting(LeverNote::userId).containsOnly(recruiter.id());
        assertThat(stored).extracting(LeverNote::secret).containsExactly(true, false);
        assertThat(stored.get(0).value()).isEqualTo("AI interview summary.\nAudit reference: trace-7");
        assertThat(lever.writes()).extracting(LeverWrite::performAs).containsOnly(recruiter.id());

        List<AtsNote> read = client.notes(application);
        assertThat(read).extracting(AtsNote::id).containsExactly(secret.id(), open.id());
        assertThat(read.get(0).body()).isEqualTo("AI interview summary.\nAudit reference: trace-7");
        assertThat(read.get(0).userId()).isEqualTo(recruiter.id());
        assertThat(read.get(0).visibility()).isEqualTo("secret");
        assertThat(read.get(1).visibility()).isEqualTo("public");

        LeverConnector asKeyOwner = new LeverConnector(sandbox.leverBaseUrl() + "/v1",
                SandboxSettings.DEFAULT_LEVER_API_KEY, null, http);
        asKeyOwner.addNote(application, "No perform_as.", AtsConnector.NoteVisibility.RESTRICTED);
        assertThat(lever.notes(id).get(2).userId()).isEqualTo(lever.apiUser().id());
        assertThat(lever.notes(id).get(2).secret()).isTrue();
    }

    @Test
    void notesAreReadAcrossPages() {
        String id = opportunity();
        for (int i = 0; i < 230; i++) {
            lever.addNote(id, recruiter.id(), "note " + i, false);
        }

        List<AtsNote> notes = client().notes(client().getApplication(id));

        assertThat(notes).hasSize(230);
        assertThat(notes.get(0).body()).isEqualTo("note 0");
        assertThat(notes.get(229).body()).isEqualTo("note 229");
    }

    @Test
    void aStageMoveIsMadeAndAStaleOneRefused() {
        String id = opportunity();
        LeverConnector client = client();
        AtsApplication read = client.getApplication(id);

        client.moveStage(read, stages.get(2).id());

        assertThat(lever.opportunity(id).stageId()).isEqualTo(stages.get(2).id());
        assertThat(lever.opportunity(id).stageChanges()).last().satisfies(change ->
                assertThat(change.userId()).isEqualTo(recruiter.id()));
        assertThat(lever.writes()).singleElement().satisfies(write -> {
            assertThat(write.method()).isEqualTo("PUT");
            assertThat(write.path()).isEqualTo("/v1/opportunities/" + id + "/stage");
            assertThat(write.performAs()).isEqualTo(recruiter.id());
        });

        // A recruiter moves it on; the move planned from the old read must not happen.
        lever.moveStage(id, stages.get(3).id(), recruiter.id());
        lever.clearWrites();
        assertThatThrownBy(() -> client.moveStage(read, stages.get(1).id()))
                .isInstanceOfSatisfying(VendorCallException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains("someone moved it", "stale move refused");
                });
        assertThat(lever.opportunity(id).stageId()).isEqualTo(stages.get(3).id());
        assertThat(lever.writes()).isEmpty();

        assertThatThrownBy(() -> client.moveStage(client.getApplication(id), "no-such-stage"))
                .isInstanceOfSatisfying(VendorCallException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("Lever answered 400 to PUT /opportunities/" + id + "/stage",
                            "no-such-stage");
                });
    }

    @Test
    void archivesWithAnAccountReasonAndRestoresOnlyWhatIsArchived() {
        String id = opportunity();
        LeverConnector client = client();
        assertThat(client.capabilities().archive()).isTrue();
        assertThat(client.archiveReasons()).containsValues("Hired", "Underqualified", "Withdrew");
        String withdrew = lever.archiveReasons().stream().filter(r -> r.text().equals("Withdrew")).findFirst().orElseThrow().id();
        String underqualified = lever.archiveReasons().stream().filter(r -> r.text().equals("Underqualified")).findFirst()
                .orElseThrow().id();
        lever.clearWrites();

        client.archive(client.getApplication(id), withdrew);
        assertThat(lever.opportunity(id).archived()).isNotNull()
                .satisfies(archived -> assertThat(archived.reasonId()).isEqualTo(withdrew));
        assertThat(client.getApplication(id).active()).isFalse();
        assertThat(lever.writes()).singleElement().satisfies(write -> {
            assertThat(write.method()).isEqualTo("PUT");
            assertThat(write.path()).isEqualTo("/v1/opportunities/" + id + "/archived");
            assertThat(write.performAs()).isEqualTo(recruiter.id());
            assertThat(write.body()).contains("\"reason\":\"" + withdrew + "\"");
        });

        // Repeating it changes nothing; another reason on an archived opportunity is refused, not silently taken.
        lever.clearWrites();
        client.archive(client.getApplication(id), withdrew);
        assertThatThrownBy(() -> client.archive(client.getApplication(id), underqualified))
                .isInstanceOfSatisfying(VendorCallException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains("already archived with reason " + withdrew, "restore it first");
                });
        assertThat(lever.writes()).isEmpty();
        assertThat(lever.opportunity(id).archived().reasonId()).isEqualTo(withdrew);

        client.restore(client.getApplication(id));
        assertThat(lever.opportunity(id).archived()).isNull();
        assertThat(client.getApplication(id).active()).isTrue();
        assertThat(lever.writes()).singleElement().satisfies(write -> assertThat(write.body()).contains("\"reason\":null"));
        lever.clearWrites();
        client.restore(client.getApplication(id));
        assertThat(lever.writes()).as("restoring an active opportunity makes no call").isEmpty();

        assertThatThrownBy(() -> client.archive(client.getApplication(id), "no-such-reason"))
                .isInstanceOfSatisfying(VendorCallException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("no-such-reason");
                });
        assertThat(lever.opportunity(id).archived()).isNull();
    }

    @Test
    void listApplicationsPagesThroughTwoHundredFiftyOpenOpportunities() {
        try (Sandbox own = Sandbox.start(SandboxSettings.builder().leverRateLimit(10_000).leverBurst(10_000).build())) {
            LeverSimulator sim = own.lever();
            sim.addStages("New lead", "Offer");
            for (int i = 0; i < 250; i++) {
                sim.addOpportunity(NewOpportunity.builder("Candidate " + i).build());
            }
            String archived = sim.addOpportunity(NewOpportunity.builder("Archived Person").build());
            sim.archive(archived, sim.archiveReasons().get(1).id(), sim.apiUser().id());
            LeverConnector client = new LeverConnector(own.leverBaseUrl() + "/v1", SandboxSettings.DEFAULT_LEVER_API_KEY,
                    null, http);

            Set<String> ids = new HashSet<>();
            List<Integer> sizes = new ArrayList<>();
            String cursor = null;
            for (int page = 0; page < 10; page++) {
                AtsConnector.AtsPage result = client.listApplications(cursor, null, null, 500);
                sizes.add(result.applications().size());
                result.applications().forEach(a -> ids.add(a.id()));
                assertThat(result.syncToken()).isNull();
                cursor = result.nextCursor();
                if (cursor == null) {
                    break;
                }
            }
            assertThat(sizes).as("page size capped at Lever's 100").containsExactly(100, 100, 50);
            // The stage's name comes with each page (one GET /stages a page), so a backfill can select by it.
            AtsApplication first = client.listApplications(null, null, null, 1).applications().get(0);
            assertThat(first.currentStageName()).isEqualTo("New lead");
            assertThat(ids).hasSize(250).doesNotContain(archived);

            String touched = ids.iterator().next();
            Instant since = sim.opportunity(archived).updatedAt().plusMillis(1);
            sim.addTag(touched, "touched");
            AtsConnector.AtsPage incremental = client.listApplications(null, since, null, 100);
            assertThat(incremental.applications()).extracting(AtsApplication::id).containsExactly(touched);
            assertThat(incremental.nextCursor()).isNull();
        }
    }

    /**
     * Lever leaves confidential opportunities out of lists unless asked with confidentiality (documented default
     * non-confidential), and only a key generated with access to confidential data reads them ("Confidential Data";
     * help.lever.co "How do I create an API key with access to confidential data?"). The connector asks for all, and a
     * key without access is reported naming the access to grant, never passed over. Lever documents "an access error" for
     * such a key without a status, so both simulator forms are run: 403, and not-found (left out of lists, 404 when named).
     */
    @Test
    void confidentialOpportunitiesAreReadAndAKeyWithoutAccessIsReportedNamingTheAccessToGrant() {
        for (LeverConfidentialRefusal refusal : LeverConfidentialRefusal.values()) {
            try (Sandbox own = Sandbox.start(SandboxSettings.builder().leverConfidentialRefusal(refusal).build())) {
                LeverSimulator sim = own.lever();
                sim.addStages("New lead", "AI interview");
                LeverPosting secret = sim.addConfidentialPosting("Chief Financial Officer", "Finance", "New York");
                String open = sim.addOpportunity(NewOpportunity.builder("Open Candidate").build());
                String confidential = sim.addOpportunity(NewOpportunity.builder("Confidential Candidate").posting(secret.id()).build());
                LeverConnector granted = new LeverConnector(own.leverBaseUrl() + "/v1", SandboxSettings.DEFAULT_LEVER_API_KEY, null, http);

                assertThat(granted.listApplications(null, null, null, 100).applications()).extracting(AtsApplication::id)
                        .containsExactlyInAnyOrder(open, confidential);
                assertThat(granted.getApplication(confidential).jobIds()).containsExactly(secret.id());

                sim.addApiKey("lever-key-without-confidential-access", false);
                LeverConnector withoutAccess = new LeverConnector(own.leverBaseUrl() + "/v1", "lever-key-without-confidential-access",
                        null, http);
                if (refusal == LeverConfidentialRefusal.FORBIDDEN) {
                    assertThatThrownBy(() -> withoutAccess.listApplications(null, null, null, 100))
                            .isInstanceOfSatisfying(VendorCallException.class, e -> {
                                assertThat(e.retryable()).isFalse();
                                assertThat(e.status()).isEqualTo(403);
                                assertThat(e.getMessage()).contains("passed over", "Allow access to confidential data",
                                        "set it as this connection's credentials").doesNotContain("lever-key-without");
                            });
                    assertThatThrownBy(() -> withoutAccess.getApplication(confidential))
                            .isInstanceOfSatisfying(VendorCallException.class, e -> {
                                assertThat(e.status()).isEqualTo(403);
                                assertThat(e.getMessage()).contains(confidential, "Allow access to confidential data");
                            });
                } else {
                    // Hidden from lists, a key without access cannot tell they exist; named by a webhook, one is a 404
                    // whose report says confidentiality may be the cause.
                    assertThat(withoutAccess.listApplications(null, null, null, 100).applications()).extracting(AtsApplication::id)
                            .containsExactly(open);
                    assertThatThrownBy(() -> withoutAccess.getApplication(confidential))
                            .isInstanceOfSatisfying(VendorCallException.class, e -> {
                                assertThat(e.retryable()).isFalse();
                                assertThat(e.status()).isEqualTo(404);
                                assertThat(e.getMessage()).contains("deleted, or it is confidential", "Allow access to confidential data");
                            });
                }
                assertThat(withoutAccess.getApplication(open).id()).isEqualTo(open);
            }
        }
    }

    @Test
    void stageEventsFromTheSimulatorsWebhooksAreCompletedFromTheApi() {
        String id = lever.newApplication(NewOpportunity.builder("Katherine Johnson").email("kj@example.com")
                .posting(posting.id()).build());
        WebhookEvent created = lastEvent();
        lever.moveStage(id, stages.get(2).id(), recruiter.id());
        WebhookEvent moved = lastEvent();

        AtsStageEvent onCreate = client().stageEvent(created.body());
        AtsStageEvent onMove = client().stageEvent(moved.body());

        assertThat(created.type()).isEqualTo("applicationCreated");
        assertThat(onCreate.action()).isEqualTo("applicationCreated");
        assertThat(onCreate.stageId()).as("the opportunity's stage when read").isEqualTo(stages.get(2).id());
        assertThat(moved.type()).isEqualTo("candidateStageChange");
        assertThat(onMove.action()).isEqualTo("candidateStageChange");
        assertThat(onMove.applicationId()).isEqualTo(id);
        assertThat(onMove.candidateId()).isEqualTo(lever.opportunity(id).contactId());
        assertThat(onMove.jobId()).isEqualTo(posting.id());
        assertThat(onMove.jobName()).isEqualTo("Product Designer");
        assertThat(onMove.stageId()).isEqualTo(stages.get(2).id());
        assertThat(onMove.stageName()).isEqualTo("AI interview");
        assertThat(onMove.firstName()).isEqualTo("Katherine");
        assertThat(onMove.lastName()).isEqualTo("Johnson");
        assertThat(onMove.email()).isEqualTo("kj@example.com");
        assertThat(onMove.candidateFields()).isEmpty();

        String sourced = lever.addOpportunity(NewOpportunity.builder("Sourced Person").origin("sourced").build());
        lever.moveStage(sourced, stages.get(1).id(), recruiter.id());
        AtsStageEvent noJob = client().stageEvent(lastEvent().body());
        assertThat(noJob.jobId()).as("no posting, no job").isNull();
        assertThat(noJob.jobName()).isEmpty();
        assertThat(noJob.email()).isEmpty();

        assertThatThrownBy(() -> client().stageEvent("{\"event\":\"candidateStageChange\",".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedPayloadException.class).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> client().stageEvent("{\"event\":\"candidateHired\",\"data\":{}}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedPayloadException.class).hasMessageContaining("candidateHired");
        assertThatThrownBy(() -> client().stageEvent("{\"event\":\"candidateStageChange\",\"data\":{\"toStageId\":\"x\"}}"
                .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedPayloadException.class).hasMessageContaining("opportunityId");
    }

    @Test
    void aWrongKeyIsAPermanentFailureThatNamesNoSecret() {
        String id = opportunity();
        LeverConnector wrongKey = new LeverConnector(sandbox.leverBaseUrl() + "/v1", "not-the-lever-key", null, http);

        assertThatThrownBy(() -> wrongKey.getApplication(id))
                .isInstanceOfSatisfying(VendorCallException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.getMessage()).contains("Lever answered 401 to GET /opportunities/" + id);
                    assertThat(e.getMessage()).doesNotContain("not-the-lever-key");
                });
        assertThatThrownBy(() -> client().getApplication("00000000-0000-0000-0000-000000000000"))
                .isInstanceOfSatisfying(VendorCallException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.status()).isEqualTo(404);
                });
        assertThatThrownBy(() -> client().getApplication("../users"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Lever id");
    }

    @Test
    void lever429sWithoutRetryAfterAreWaitedOutAndCounted() {
        try (Sandbox limited = Sandbox.start(SandboxSettings.builder().leverRateLimit(5).leverBurst(2).build())) {
            LeverSimulator sim = limited.lever();
            sim.addStages("New lead");
            String id = sim.addOpportunity(NewOpportunity.builder("Ada Lovelace").build());
            List<Duration> waits = new java.util.concurrent.CopyOnWriteArrayList<>();
            VendorHttp patient = CLIENTS.vendorHttp(Duration.ofSeconds(2), Duration.ofSeconds(10), 3, Duration.ofSeconds(30), wait -> {
                        waits.add(wait);
                        Thread.sleep(wait.toMillis());
                    });
            LeverConnector client = new LeverConnector(limited.leverBaseUrl() + "/v1", SandboxSettings.DEFAULT_LEVER_API_KEY,
                    null, patient);

            for (int i = 0; i < 3; i++) {
                assertThat(client.getApplication(id).id()).isEqualTo(id);
            }

            // Lever sends no Retry-After, so every wait is the client's default; each 429 was waited out once.
            assertThat(waits).isNotEmpty().containsOnly(VendorHttp.DEFAULT_RETRY_AFTER);
            assertThat(sim.rateLimitStats().throttled()).isEqualTo(waits.size());
        }
    }

    private WebhookEvent lastEvent() {
        List<WebhookEvent> events = lever.webhookEvents();
        return events.get(events.size() - 1);
    }
}
