package io.atsbridge.adapter.engine.sync;

import io.atsbridge.adapter.AdapterTestContext;
import io.atsbridge.adapter.engine.domain.EventIntake;
import io.atsbridge.adapter.engine.domain.LoopStore;
import io.atsbridge.platform.testing.TestDatabase;
import io.atsbridge.sandbox.Sandbox;
import io.atsbridge.sandbox.SandboxSettings;
import io.atsbridge.sandbox.greenhouse.CustomFieldDefinition;
import io.atsbridge.sandbox.greenhouse.CustomFieldScope;
import io.atsbridge.sandbox.greenhouse.CustomFieldType;
import io.atsbridge.sandbox.greenhouse.GreenhouseJob;
import io.atsbridge.sandbox.greenhouse.GreenhouseSimulator;
import io.atsbridge.sandbox.greenhouse.GreenhouseUser;
import io.micronaut.context.ApplicationContext;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What the adapter's loop tests share: a fresh database, the sandbox Greenhouse seeded with a
 * recruiter, a job with an "AI Interview" stage and the AI result fields, stand-in peers, and the
 * adapter context with the two connections declared (worker off: tests drive it).
 */
public final class LoopFixture implements AutoCloseable {

    public static final String GH_SECRET = "gh-webhook-secret-0123456789";

    public final TestDatabase database;
    public final Sandbox sandbox;
    public final GreenhouseSimulator greenhouse;
    public final FakePeers peers;
    public final GreenhouseUser recruiter;
    public final GreenhouseJob job;
    public final CustomFieldDefinition recommendation;
    public final ApplicationContext context;
    public final InboxWorker worker;
    public final EventIntake intake;
    public final LoopStore cases;

    /**
     * @param databasePrefix  names the test's database
     * @param moreProperties  extra adapter properties (e.g. more caller tokens)
     */
    public LoopFixture(String databasePrefix, Map<String, Object> moreProperties) throws Exception {
        this(databasePrefix, sandbox -> moreProperties);
    }

    /**
     * @param databasePrefix  names the test's database
     * @param moreProperties  extra adapter properties made from the started sandbox (e.g. another ATS connection)
     */
    public LoopFixture(String databasePrefix, Function<Sandbox, Map<String, Object>> moreProperties)
            throws Exception {
        database = TestDatabase.create(databasePrefix);
        sandbox = Sandbox.start(SandboxSettings.builder().greenhouseRateLimit(10_000).leverRateLimit(10_000).leverBurst(10_000).build());
        greenhouse = sandbox.greenhouse();
        recruiter = greenhouse.addUser("Rita", "Recruiter", "rita@acme.example");
        job = greenhouse.addJob("Designer", "Application Review", "AI Interview", "Offer");
        greenhouse.addCustomField(CustomFieldScope.CANDIDATE, "AI score", "ai_score", CustomFieldType.NUMBER);
        recommendation = greenhouse.addCustomField(CustomFieldScope.CANDIDATE, "AI recommendation", "ai_recommendation",
                CustomFieldType.SINGLE_SELECT, "Advance", "Maybe", "Pass");
        greenhouse.addCustomField(CustomFieldScope.APPLICATION, "AI summary", "ai_summary", CustomFieldType.LONG_TEXT);
        greenhouse.addCustomField(CustomFieldScope.CANDIDATE, "Jurisdiction", "candidate_jurisdiction", CustomFieldType.SHORT_TEXT);
        peers = new FakePeers();
        for (String name : List.of("Advance", "Maybe", "Pass")) {
            peers.recommendationOptions.put("RECOMMENDATION_" + name.toUpperCase(),
                    Long.toString(recommendation.optionNamed(name).orElseThrow().id()));
        }

        Map<String, Object> properties = new HashMap<>();
        String gh = "atsbridge.connections.gh-acme.";
        properties.put(gh + "credentials", SandboxSettings.DEFAULT_GREENHOUSE_API_KEY);
        properties.put(gh + "api-version", "v1");
        properties.put(gh + "trigger-stage", "AI Interview");
        properties.put(gh + "mapping-profile", "gh-acme-default");
        properties.put(gh + "ai-connection", "ai-acme");
        properties.put(gh + "on-behalf-of", Long.toString(recruiter.id()));
        properties.put(gh + "interview-kit", "kit-designer");
        properties.put(gh + "jurisdictions", "US-NY-NYC");
        properties.put(gh + "jurisdiction-field", "candidate_jurisdiction");
        properties.put(gh + "requisition-jurisdictions", "US-IL");
        String ai = "atsbridge.connections.ai-acme.";
        properties.put(ai + "display-name", "Acme Interview AI");
        properties.put(ai + "credentials", SandboxSettings.DEFAULT_AI_VENDOR_API_KEY);
        properties.put(ai + "data-categories", "video,voice_recording,transcript");
        properties.put(ai + "bias-audit-date", "2026-03-02");
        properties.put(ai + "bias-audit-summary-url", "https://acme.example/ai/bias-audit-2026");
        for (String peer : LoopPeers.NAMES) {
            properties.put("atsbridge.peers." + peer + ".address", peers.address());
        }
        properties.put("atsbridge.client.token", "adapter-client-token-0123456789");
        properties.put("atsbridge.adapter.worker.max-attempts", "3");
        properties.put("atsbridge.adapter.worker.backoff-base", "600ms");
        properties.put("atsbridge.adapter.worker.backoff-max", "1200ms");
        properties.putAll(moreProperties.apply(sandbox));
        context = AdapterTestContext.on(database)
                .connection("gh-acme", "acme", "GREENHOUSE", "ATS", sandbox.greenhouseBaseUrl(), GH_SECRET)
                .connection("ai-acme", "acme", "STANDARD_WEBHOOKS", "AI_VENDOR", sandbox.aiVendorBaseUrl(),
                        SandboxSettings.DEFAULT_AI_VENDOR_WEBHOOK_SECRET)
                .withoutWorker()
                .with(properties)
                .start();
        worker = context.getBean(InboxWorker.class);
        intake = context.getBean(EventIntake.class);
        cases = context.getBean(LoopStore.class);
    }

    /** Runs the worker until the inbox event is finished (retries included), at most 15 s; its status. */
    public String finishedStatus(String inboxId) throws Exception {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(15).toNanos();
        while (true) {
            worker.runOnce();
            try (java.sql.Connection c = database.connect(); java.sql.PreparedStatement select = c.prepareStatement(
                    "SELECT status FROM inbox_event WHERE id = ?")) {
                select.setString(1, inboxId);
                try (java.sql.ResultSet rows = select.executeQuery()) {
                    if (!rows.next()) {
                        throw new AssertionError("no inbox event " + inboxId);
                    }
                    String status = rows.getString(1);
                    if (io.atsbridge.adapter.engine.domain.EventStatus.valueOf(status).finished()
                            || System.nanoTime() > deadline) {
                        return status;
                    }
                }
            }
            Thread.sleep(100);
        }
    }

    @Override
    public void close() throws InterruptedException {
        context.close();
        peers.close();
        sandbox.close();
        database.close();
    }
}
