package io.atsbridge.launcher;

import io.atsbridge.sandbox.Sandbox;
import io.atsbridge.sandbox.SandboxSettings;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole loop on one machine: the sandbox's Greenhouse and AI interview vendor, the demo
 * recruiting team seeded into them, and every atsbridge service wired to them — connections declared
 * in the adapter's configuration, the mapping profile stored through mapping-service's API, and both
 * vendors' webhooks pointed at the gateway.
 */
final class DemoEnvironment implements AutoCloseable {

    /** Greenhouse's real retry schedule (1 min ... 8 h) shrunk so that retries happen within seconds. */
    private static final double RETRY_TIME_SCALE = 1.0 / 600;
    /** Harvest requests per 10-second window the sandbox allows (Greenhouse sets this per account). */
    static final int GREENHOUSE_RATE_LIMIT = 200;

    final Sandbox sandbox;
    final DemoScenario scenario;
    final EmbeddedPlatform platform;

    private DemoEnvironment(Sandbox sandbox, DemoScenario scenario, EmbeddedPlatform platform) {
        this.sandbox = sandbox;
        this.scenario = scenario;
        this.platform = platform;
    }

    /**
     * Starts sandbox and platform.
     *
     * @param jurisdictions   one seeded candidate per entry, with that jurisdiction
     * @param seed            makes names and AI results reproducible
     * @param sandboxPort     the sandbox's HTTP port, 0 for any
     * @param serviceProperties extra properties per service (tests: their databases)
     * @param autoComplete    how long after the invitation each AI interview completes
     */
    static DemoEnvironment start(Path dataDir, Map<String, String> environment, List<String> jurisdictions, long seed,
                                 int sandboxPort, boolean randomPorts, Map<String, Map<String, String>> serviceProperties,
                                 Duration autoComplete) throws EmbeddedPlatform.StartupException {
        Sandbox sandbox = Sandbox.start(SandboxSettings.builder()
                .port(sandboxPort)
                .greenhouseRateLimit(GREENHOUSE_RATE_LIMIT)
                .aiVendorSeed(seed)
                .aiVendorAutoCompleteAfter(autoComplete)
                .retryTimeScale(RETRY_TIME_SCALE)
                .build());
        try {
            DemoScenario scenario = new DemoScenario(sandbox, jurisdictions, seed);
            Map<String, Map<String, String>> properties = new HashMap<>(serviceProperties);
            Map<String, String> adapter = new HashMap<>(properties.getOrDefault("adapter", Map.of()));
            adapter.putAll(scenario.connectionProperties());
            properties.put("adapter", adapter);
            EmbeddedPlatform platform = EmbeddedPlatform.start(new LaunchOptions(dataDir, environment, properties, randomPorts));
            DemoEnvironment demo = new DemoEnvironment(sandbox, scenario, platform);
            try {
                platform.storeMappingProfile(DemoScenario.TENANT, scenario.mappingProfile());
                String gateway = platform.service("gateway").address();
                sandbox.greenhouse().configureWebhook(URI.create(gateway + "/webhooks/" + DemoScenario.ATS_CONNECTION),
                        sandbox.settings().greenhouseWebhookSecret());
                sandbox.aiVendor().configureWebhook(URI.create(gateway + "/webhooks/" + DemoScenario.AI_CONNECTION),
                        sandbox.settings().aiVendorWebhookSecret());
                return demo;
            } catch (RuntimeException e) {
                demo.close();
                throw e;
            }
        } catch (EmbeddedPlatform.StartupException | RuntimeException e) {
            sandbox.close();
            throw e;
        }
    }

    /**
     * What must never appear in a log line, by what it is: every secret of this environment (the sandbox vendors'
     * API keys, client secret and webhook secrets, the platform's tokens and master key) and the seeded candidates'
     * names and e-mail addresses. For the end-to-end tests' log scan; never print the values.
     */
    Map<String, List<String>> neverLogged() {
        SandboxSettings vendors = sandbox.settings();
        Map<String, List<String>> values = new java.util.LinkedHashMap<>();
        values.put("a sandbox vendor's API key, client secret or webhook secret", List.of(vendors.greenhouseApiKey(),
                vendors.greenhouseClientSecret(), vendors.greenhouseWebhookSecret(), vendors.ashbyApiKey(),
                vendors.ashbyWebhookSecret(), vendors.leverApiKey(), vendors.aiVendorApiKey(), vendors.aiVendorWebhookSecret()));
        platform.ownSecrets().forEach((what, value) -> values.put(what, List.of(value)));
        values.put("a candidate's name or e-mail address", List.copyOf(scenario.candidatePersonalData));
        return values;
    }

    /** The recruiter moves an application into the trigger stage; Greenhouse sends the signed webhook. */
    String moveToTriggerStage(long applicationId) {
        return sandbox.greenhouse().moveApplication(applicationId, scenario.triggerStageId, scenario.recruiter.id());
    }

    @Override
    public void close() {
        try {
            platform.close();
        } finally {
            sandbox.close();
        }
    }
}
