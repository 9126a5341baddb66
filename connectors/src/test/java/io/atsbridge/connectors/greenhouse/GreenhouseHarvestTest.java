package io.atsbridge.connectors.greenhouse;

import io.atsbridge.connectors.AtsApplication;
import io.atsbridge.connectors.AtsCandidate;
import io.atsbridge.connectors.AtsConnector;
import io.atsbridge.connectors.AtsJob;
import io.atsbridge.connectors.AtsNote;
import io.atsbridge.connectors.CustomFieldWrite;
import io.atsbridge.connectors.Tags;
import io.atsbridge.connectors.VendorCallException;
import io.atsbridge.connectors.http.VendorHttp;
import io.atsbridge.connectors.http.VendorHttpClients;
import io.atsbridge.sandbox.Sandbox;
import io.atsbridge.sandbox.SandboxSettings;
import io.atsbridge.sandbox.greenhouse.CandidateNote;
import io.atsbridge.sandbox.greenhouse.CustomFieldDefinition;
import io.atsbridge.sandbox.greenhouse.CustomFieldScope;
import io.atsbridge.sandbox.greenhouse.CustomFieldType;
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
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Harvest v1 client against the Greenhouse simulator, over real HTTP. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GreenhouseHarvestTest {

    @RegisterExtension
    static final VendorHttpClients CLIENTS = new VendorHttpClients();

    private Sandbox sandbox;
    private GreenhouseSimulator greenhouse;
    private GreenhouseUser recruiter;
    private GreenhouseJob job;
    private CustomFieldDefinition recommendation;
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
    }

    @AfterAll
    void stop() {
        sandbox.close();
    }

    @BeforeEach
    void clear() {
        greenhouse.failNextRequests(0, 500);
        greenhouse.clearWrites();
        greenhouse.access().grantAll();
    }

    private GreenhouseHarvest client() {
        return new GreenhouseHarvest(sandbox.greenhouseBaseUrl(), SandboxSettings.DEFAULT_GREENHOUSE_API_KEY,
                Long.toString(recruiter.id()), http);
    }

    private long candidate(String... tags) {
        NewCandidate.Builder builder = NewCandidate.builder("Grace", "Hopper").email("grace@example.com");
        for (String tag : tags) {
            builder.tag(tag);
        }
        return greenhouse.addCandidate(builder.build());
    }

    @Test
    void readsTheApplicationAndTheCandidate() {
        long candidateId = candidate("Ruby");
        long applicationId = greenhouse.addApplication(candidateId, job.id());

        AtsApplication application = client().getApplication(Long.toString(applicationId));
        assertThat(application.id()).isEqualTo(Long.toString(applicationId));
        assertThat(application.candidateId()).isEqualTo(Long.toString(candidateId));
        assertThat(application.jobIds()).containsExactly(Long.toString(job.id()));
        assertThat(application.currentStageId()).isEqualTo(Long.toString(job.stages().get(0).id()));
        assertThat(application.currentStageName()).isEqualTo("Application Review");
        assertThat(application.status()).isEqualTo("active");

        AtsCandidate candidate = client().getCandidate(Long.toString(candidateId));
        assertThat(candidate.firstName()).isEqualTo("Grace");
        assertThat(candidate.lastName()).isEqualTo("Hopper");
        assertThat(candidate.emails()).containsExactly("grace@example.com");
        assertThat(candidate.tags()).containsExactly("Ruby");
        assertThat(candidate.applicationIds()).containsExactly(Long.toString(applicationId));
        assertThat(candidate.updatedAt()).isNotBlank();
        assertThat(greenhouse.writes()).as("reads are not writes").isEmpty();
    }

    @Test
    void readsTheJobWithItsPlanAndTheCustomFieldDefinitions() {
        assertJobAndFieldDefinitions(client(), greenhouse, job, recommendation);
    }

    /**
     * The job with its stages in plan order and the custom field definitions the Greenhouse tests seed (v1 and v3
     * alike), read without writing; an unknown job is a permanent failure and a malformed id is refused.
     */
    static void assertJobAndFieldDefinitions(AtsConnector client, GreenhouseSimulator greenhouse, GreenhouseJob job,
                                             CustomFieldDefinition recommendation) {
        AtsJob read = client.job(Long.toString(job.id()));
        assertThat(read.id()).isEqualTo(Long.toString(job.id()));
        assertThat(read.name()).isEqualTo("Designer");
        assertThat(read.status()).isEqualTo("open");
        assertThat(read.stages()).extracting(AtsJob.Stage::name).containsExactly("Application Review", "AI Interview", "Offer");
        assertThat(read.stages()).extracting(AtsJob.Stage::id)
                .containsExactlyElementsOf(job.stages().stream().map(s -> Long.toString(s.id())).toList());

        List<io.atsbridge.connectors.CustomFieldDefinition> defined = client.customFieldDefinitions();
        assertThat(defined).extracting(d -> d.scope() + "/" + d.key() + ":" + d.type()).containsExactlyInAnyOrder(
                "candidate/ai_score:number", "candidate/ai_recommendation:single_select", "candidate/ai_transcript:url",
                "application/ai_summary:long_text");
        io.atsbridge.connectors.CustomFieldDefinition options = defined.stream()
                .filter(d -> d.key().equals("ai_recommendation")).findFirst().orElseThrow();
        assertThat(options.name()).isEqualTo("AI recommendation");
        assertThat(options.active()).isTrue();
        assertThat(options.options()).extracting(io.atsbridge.connectors.CustomFieldDefinition.Option::name)
                .containsExactly("Advance", "Maybe", "Pass");
        assertThat(options.hasOption(Long.toString(recommendation.optionNamed("Maybe").orElseThrow().id()))).isTrue();
        assertThat(options.hasOption("Maybe")).as("by name, as Harvest accepts").isTrue();
        assertThat(options.hasOption("Hire")).isFalse();
        assertThat(greenhouse.writes()).as("reads are not writes").isEmpty();

        assertThatThrownBy(() -> client.job("987654321")).isInstanceOf(VendorCallException.class)
                .satisfies(e -> assertThat(((VendorCallException) e).retryable()).isFalse());
        assertThatThrownBy(() -> client.job("../users")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void writesTypedCustomFieldsOnBehalfOfTheUser() {
        long candidateId = candidate();
        long applicationId = greenhouse.addApplication(candidateId, job.id());
        String advance = Long.toString(recommendation.optionNamed("Advance").orElseThrow().id());

        client().patchCandidate(Long.toString(candidateId), List.of(
                CustomFieldWrite.number("ai_score", 78.5),
                CustomFieldWrite.option("ai_recommendation", advance),
                CustomFieldWrite.url("ai_transcript", "https://ai.example/interviews/1/transcript")), null);
        client().patchApplication(Long.toString(applicationId), List.of(
                CustomFieldWrite.text("ai_summary", "Strong communicator.")));

        assertThat(greenhouse.customFieldValue(CustomFieldScope.CANDIDATE, candidateId, "ai_score"))
                .isEqualTo(new BigDecimal("78.5"));
        assertThat(greenhouse.customFieldValue(CustomFieldScope.CANDIDATE, candidateId, "ai_recommendation")).isEqualTo("Advance");
        assertThat(greenhouse.customFieldValue(CustomFieldScope.CANDIDATE, candidateId, "ai_transcript"))
                .isEqualTo("https://ai.example/interviews/1/transcript");
        assertThat(greenhouse.customFieldValue(CustomFieldScope.APPLICATION, applicationId, "ai_summary"))
                .isEqualTo("Strong communicator.");
        assertThat(greenhouse.writes()).extracting(HarvestWrite::method).containsExactly("PATCH", "PATCH");
        assertThat(greenhouse.writes()).extracting(HarvestWrite::onBehalfOf).containsOnly(Long.toString(recruiter.id()));
        assertThat(greenhouse.writes()).extracting(HarvestWrite::status).containsOnly(200);
        // Tags are left alone when none are passed: PATCH tags[] would replace them all.
        assertThat(greenhouse.writes().get(0).body()).doesNotContain("tags");

        AtsCandidate read = client().getCandidate(Long.toString(candidateId));
        assertThat(read.customFieldValues().get("ai_score").decimalValue()).isEqualByComparingTo("78.5");
        assertThat(client().getApplication(Long.toString(applicationId)).customFieldValues().get("ai_summary").asText())
                .isEqualTo("Strong communicator.");
    }

    @Test
    void addsANoteWithVisibilityAndReadsItBackFromTheFeed() {
        long candidateId = candidate();
        AtsNote note = client().addNote(Long.toString(candidateId), Long.toString(recruiter.id()),
                "AI assessment.\nAudit reference: trace-1", "private");

        assertThat(note.id()).isNotBlank();
        assertThat(note.visibility()).isEqualTo("private");
        List<CandidateNote> stored = greenhouse.notes(candidateId);
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0).body()).isEqualTo("AI assessment.\nAudit reference: trace-1");
        assertThat(stored.get(0).visibility()).isEqualTo("private");
        assertThat(stored.get(0).userId()).isEqualTo(recruiter.id());
        assertThat(greenhouse.writes()).singleElement().satisfies(write -> {
            assertThat(write.method()).isEqualTo("POST");
            assertThat(write.path()).isEqualTo("/v1/candidates/" + candidateId + "/activity_feed/notes");
            assertThat(write.onBehalfOf()).isEqualTo(Long.toString(recruiter.id()));
        });

        assertThat(client().notes(Long.toString(candidateId))).singleElement().satisfies(read -> {
            assertThat(read.id()).isEqualTo(note.id());
            assertThat(read.body()).contains("trace-1");
            assertThat(read.visibility()).isEqualTo("private");
        });
        assertThatThrownBy(() -> client().addNote(Long.toString(candidateId), Long.toString(recruiter.id()), "x", "team"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("visibility");
    }

    @Test
    void tagsAreMergedBecausePatchReplacesThemAll() {
        long candidateId = candidate("Ruby", "Comp Sci");
        AtsCandidate before = client().getCandidate(Long.toString(candidateId));

        List<String> merged = Tags.merge(before.tags(), List.of("ai-skill:Figma", "ruby"));
        client().patchCandidate(Long.toString(candidateId), List.of(), merged);

        assertThat(greenhouse.tags(candidateId)).containsExactly("Ruby", "Comp Sci", "ai-skill:Figma");
    }

    @Test
    void validationErrorsArePermanentAndCarryTheVendorsMessage() {
        long candidateId = candidate();
        assertThatThrownBy(() -> client().patchCandidate(Long.toString(candidateId),
                List.of(CustomFieldWrite.text("ai_score", "very good")), null))
                .isInstanceOfSatisfying(VendorCallException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.getMessage()).contains("Greenhouse answered 422 to PATCH /v1/candidates/" + candidateId,
                            "Validation error");
                    assertThat(e.getMessage()).doesNotContain(SandboxSettings.DEFAULT_GREENHOUSE_API_KEY);
                });
        assertThatThrownBy(() -> client().patchCandidate(Long.toString(candidateId),
                List.of(CustomFieldWrite.text("no_such_field", "x")), null))
                .isInstanceOfSatisfying(VendorCallException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.getMessage()).contains("no_such_field");
                });
        assertThat(greenhouse.customFieldValues(CustomFieldScope.CANDIDATE, candidateId)).isEmpty();
    }

    @Test
    void serverErrorsAndNetworkFailuresAreRetryableAndAuthFailuresPermanent() {
        long candidateId = candidate();
        // A blip on a read is repeated within the call (up to twice) ...
        greenhouse.failNextRequests(2, 503);
        assertThat(client().getCandidate(Long.toString(candidateId)).id()).isEqualTo(Long.toString(candidateId));
        // ... a vendor still failing after that fails the call, retryable.
        greenhouse.failNextRequests(3, 503);
        assertThatThrownBy(() -> client().getCandidate(Long.toString(candidateId)))
                .isInstanceOfSatisfying(VendorCallException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.status()).isEqualTo(503);
                });
        assertThat(client().getCandidate(Long.toString(candidateId)).id()).isEqualTo(Long.toString(candidateId));

        GreenhouseHarvest wrongKey = new GreenhouseHarvest(sandbox.greenhouseBaseUrl(), "wrong-key", "1", http);
        assertThatThrownBy(() -> wrongKey.getCandidate(Long.toString(candidateId)))
                .isInstanceOfSatisfying(VendorCallException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.getMessage()).doesNotContain("wrong-key");
                });

        GreenhouseHarvest nowhere = new GreenhouseHarvest("http://127.0.0.1:1", "key", "1", http);
        assertThatThrownBy(() -> nowhere.getCandidate("1"))
                .isInstanceOfSatisfying(VendorCallException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.status()).isZero();
                    assertThat(e.getMessage()).contains("cannot reach Greenhouse");
                });

        GreenhouseHarvest readOnly = new GreenhouseHarvest(sandbox.greenhouseBaseUrl(),
                SandboxSettings.DEFAULT_GREENHOUSE_API_KEY, null, http);
        assertThatThrownBy(() -> readOnly.patchCandidate(Long.toString(candidateId), List.of(), List.of("x")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("On-Behalf-Of");
        assertThatThrownBy(() -> client().getCandidate("../users"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("numeric");
    }

    @Test
    void rateLimitsAreWaitedOutAsRetryAfterSays() {
        try (Sandbox limited = Sandbox.start(SandboxSettings.builder()
                .greenhouseRateLimit(3).greenhouseRateLimitWindow(Duration.ofSeconds(2)).build())) {
            GreenhouseSimulator sim = limited.greenhouse();
            long candidateId = sim.addCandidate(NewCandidate.builder("Ada", "Lovelace").email("ada@example.com").build());
            List<Duration> waits = new CopyOnWriteArrayList<>();
            VendorHttp patient = CLIENTS.vendorHttp(Duration.ofSeconds(2), Duration.ofSeconds(10), 3, Duration.ofSeconds(30), wait -> {
                        waits.add(wait);
                        Thread.sleep(wait.toMillis());
                    });
            GreenhouseHarvest client = new GreenhouseHarvest(limited.greenhouseBaseUrl(),
                    SandboxSettings.DEFAULT_GREENHOUSE_API_KEY, "1", patient);
            for (int i = 0; i < 5; i++) {
                assertThat(client.getCandidate(Long.toString(candidateId)).lastName()).isEqualTo("Lovelace");
            }
            assertThat(waits).isNotEmpty().allSatisfy(wait -> assertThat(wait).isBetween(Duration.ZERO, Duration.ofSeconds(2)));
            assertThat(sim.rateLimitStats().throttled()).isEqualTo(waits.size());

            // A wait longer than the budget is not slept: the call fails as retryable, carrying the wait.
            VendorHttp impatient = CLIENTS.vendorHttp(Duration.ofSeconds(2), Duration.ofSeconds(10), 3, Duration.ZERO);
            GreenhouseHarvest hurried = new GreenhouseHarvest(limited.greenhouseBaseUrl(),
                    SandboxSettings.DEFAULT_GREENHOUSE_API_KEY, "1", impatient);
            assertThatThrownBy(() -> {
                for (int i = 0; i < 5; i++) {
                    hurried.getCandidate(Long.toString(candidateId));
                }
            }).isInstanceOfSatisfying(VendorCallException.class, e -> {
                assertThat(e.retryable()).isTrue();
                assertThat(e.status()).isEqualTo(429);
                assertThat(e.retryAfter()).isPresent();
                assertThat(e.getMessage()).contains("rate-limited GET /v1/candidates/" + candidateId);
            });
        }
    }

    @Test
    void attachesFilesToTheApplicationOnBehalfOfTheUser() {
        long candidateId = candidate();
        long applicationId = greenhouse.addApplication(candidateId, job.id());
        AtsApplication application = client().getApplication(Long.toString(applicationId));
        byte[] report = "%PDF-1.7 AI interview report".getBytes(java.nio.charset.StandardCharsets.UTF_8);

        client().addAttachment(application, new AtsConnector.Attachment("ai-report.pdf", "other", null, report, "application/pdf"));
        // Greenhouse takes a take_home_test only while one is outstanding on the application.
        greenhouse.sendTakeHomeTest(applicationId);
        client().addAttachment(application, new AtsConnector.Attachment("take-home.zip", "take_home_test",
                "https://ai.example/interviews/1/take-home.zip", null, null));

        List<io.atsbridge.sandbox.greenhouse.GreenhouseAttachment> stored = greenhouse.attachments(applicationId);
        assertThat(stored).extracting(io.atsbridge.sandbox.greenhouse.GreenhouseAttachment::filename)
                .containsExactly("ai-report.pdf", "take-home.zip");
        assertThat(stored.get(0).content()).isEqualTo(report);
        assertThat(stored.get(0).userId()).isEqualTo(recruiter.id());
        assertThat(stored.get(1).url()).isEqualTo("https://ai.example/interviews/1/take-home.zip");
        assertThat(greenhouse.writes()).extracting(HarvestWrite::path)
                .containsOnly("/v1/applications/" + applicationId + "/attachments");
        assertThat(greenhouse.writes()).extracting(HarvestWrite::onBehalfOf).containsOnly(Long.toString(recruiter.id()));
        assertThatThrownBy(() -> client().addAttachment(application,
                new AtsConnector.Attachment("x.pdf", "other", "https://a.example/x.pdf", report, "application/pdf")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exactly one");
        assertThat(greenhouse.attachments(applicationId)).hasSize(2);
    }

    @Test
    void listsActiveApplicationsByLinkPagesAndIncrementallyByLastActivity() {
        try (Sandbox paged = Sandbox.start(SandboxSettings.builder().greenhouseRateLimit(10_000).build())) {
            GreenhouseSimulator sim = paged.greenhouse();
            GreenhouseJob pipeline = sim.addJob("Engineer", "Screen", "AI Interview");
            List<Long> applicationIds = new java.util.ArrayList<>();
            for (int i = 0; i < 120; i++) {
                long candidateId = sim.addCandidate(NewCandidate.builder("Candidate", "No" + i).build());
                applicationIds.add(sim.addApplication(candidateId, pipeline.id()));
            }
            long rejected = sim.addCandidate(NewCandidate.builder("Rejected", "One").build());
            sim.addApplication(rejected, pipeline.id(), pipeline.stages().get(0).id(), "rejected");
            GreenhouseHarvest client = new GreenhouseHarvest(paged.greenhouseBaseUrl(),
                    SandboxSettings.DEFAULT_GREENHOUSE_API_KEY, null, http);

            java.util.Set<String> seen = new java.util.HashSet<>();
            List<Integer> sizes = new java.util.ArrayList<>();
            String cursor = null;
            int pages = 0;
            do {
                AtsConnector.AtsPage page = client.listApplications(cursor, null, null, 50);
                sizes.add(page.applications().size());
                page.applications().forEach(a -> {
                    assertThat(a.active()).isTrue();
                    assertThat(a.currentStageName()).isEqualTo("Screen");
                    seen.add(a.id());
                });
                cursor = page.nextCursor();
                pages++;
            } while (cursor != null && pages < 10);
            assertThat(sizes).containsExactly(50, 50, 20);
            assertThat(seen).hasSize(120);

            // Stamps are strictly increasing and may run ahead of the wall clock: take the cut from the simulator.
            java.time.Instant since = sim.candidateUpdatedAt(rejected).plusMillis(1);
            GreenhouseUser mover = sim.addUser("Mo", "Ver", "mo@example.com");
            sim.moveApplication(applicationIds.get(7), pipeline.stages().get(1).id(), mover.id());
            AtsConnector.AtsPage changed = client.listApplications(null, since, null, 50);
            assertThat(changed.applications()).extracting(AtsApplication::id).containsExactly(Long.toString(applicationIds.get(7)));
            assertThat(changed.nextCursor()).isNull();
        }
    }

    @Test
    void aKeyWithoutTheEndpointPermissionIsAPermanentFailureNamingThePermission() {
        long candidateId = candidate();
        long applicationId = greenhouse.addApplication(candidateId, job.id());
        GreenhouseHarvest client = client();
        AtsApplication application = client.getApplication(Long.toString(applicationId));
        greenhouse.access().revokePermissions(List.of("Candidates: POST: Add Note"));

        assertThatThrownBy(() -> client.addNote(application, "x", AtsConnector.NoteVisibility.PRIVATE))
                .isInstanceOfSatisfying(VendorCallException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.getMessage()).contains("endpoint permission Candidates: POST: Add Note", "Manage Permissions",
                            "then replay this dead letter").doesNotContain(SandboxSettings.DEFAULT_GREENHOUSE_API_KEY);
                });
        assertThat(greenhouse.notes(candidateId)).isEmpty();
        greenhouse.access().grantAll();
        assertThat(client.addNote(application, "x", AtsConnector.NoteVisibility.PRIVATE).id()).isNotBlank();
    }

    @Test
    void attachmentPreconditionsAndContentTypesAreGreenhouses() {
        long candidateId = candidate();
        long applicationId = greenhouse.addApplication(candidateId, job.id());
        GreenhouseHarvest client = client();
        AtsApplication application = client.getApplication(Long.toString(applicationId));
        byte[] pdf = "%PDF".getBytes(java.nio.charset.StandardCharsets.UTF_8);

        for (String type : List.of("offer_letter", "signed_offer_letter", "take_home_test")) {
            assertThatThrownBy(() -> client.addAttachment(application, new AtsConnector.Attachment(type + ".pdf", type, null, pdf,
                    "application/pdf"))).as(type).isInstanceOfSatisfying(VendorCallException.class, e -> {
                        assertThat(e.status()).isEqualTo(422);
                        assertThat(e.getMessage()).contains(type);
                    });
        }
        greenhouse.setOffer(applicationId, GreenhouseSimulator.OfferStatus.SENT);
        client.addAttachment(application, new AtsConnector.Attachment("signed.pdf", "signed_offer_letter", null, pdf, "application/pdf"));
        assertThatThrownBy(() -> client.addAttachment(application, new AtsConnector.Attachment("notes.md", "other", null, pdf,
                "text/markdown"))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("text/markdown");
        assertThat(Harvest.CONTENT_TYPES).hasSize(29).contains("application/pdf", "text/plain", "video/mpeg",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        assertThat(greenhouse.attachments(applicationId)).singleElement()
                .satisfies(a -> assertThat(a.type()).isEqualTo("signed_offer_letter"));
    }
}
