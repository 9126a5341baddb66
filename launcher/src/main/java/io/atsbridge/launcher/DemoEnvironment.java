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
    /** How long before the demo starts its New York City candidates were shown the LL144 notice. */
    static final int NOTICE_AGE_DAYS = 30;

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
        return start(dataDir, environment, jurisdictions, seed, sandboxPort, randomPorts, serviceProperties, autoComplete,
                true);
    }

    /**
     * Starts sandbox and platform, as {@link #start(Path, Map, List, long, int, boolean, Map, Duration)} does.
     *
     * @param nycNoticesGiven whether the seeded New York City candidates were shown the LL144 notice when they applied
     *                        ({@link #recordApplicationNotices()}); tests of the notice period say false
     */
    static DemoEnvironment start(Path dataDir, Map<String, String> environment, List<String> jurisdictions, long seed,
                                 int sandboxPort, boolean randomPorts, Map<String, Map<String, String>> serviceProperties,
                                 Duration autoComplete, boolean nycNoticesGiven) throws EmbeddedPlatform.StartupException {
        return start(dataDir, environment, jurisdictions, seed, sandboxPort, randomPorts, serviceProperties, autoComplete,
                nycNoticesGiven, (sandbox, scenario) -> Map.of());
    }

    /**
     * Starts sandbox and platform, as {@link #start(Path, Map, List, long, int, boolean, Map, Duration, boolean)} does.
     *
     * @param moreConnectionProperties seeds more of the sandbox (a second job, tagged candidates) once the scenario is
     *                                 seeded and returns adapter properties that depend on it (a job's triggers by
     *                                 its id); they are added to the scenario's connection properties
     */
    static DemoEnvironment start(Path dataDir, Map<String, String> environment, List<String> jurisdictions, long seed,
                                 int sandboxPort, boolean randomPorts, Map<String, Map<String, String>> serviceProperties,
                                 Duration autoComplete, boolean nycNoticesGiven,
                                 java.util.function.BiFunction<Sandbox, DemoScenario, Map<String, String>> moreConnectionProperties)
            throws EmbeddedPlatform.StartupException {
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
            adapter.putAll(moreConnectionProperties.apply(sandbox, scenario));
            properties.put("adapter", adapter);
            EmbeddedPlatform platform = EmbeddedPlatform.start(new LaunchOptions(dataDir, environment, properties, randomPorts));
            DemoEnvironment demo = new DemoEnvironment(sandbox, scenario, platform);
            try {
                platform.storeMappingProfile(DemoScenario.TENANT, scenario.mappingProfile());
                if (nycNoticesGiven) {
                    demo.recordApplicationNotices();
                }
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

    /**
     * The careers site's part, which atsbridge does not play: every seeded New York City candidate was shown the Local
     * Law 144 notice (rule NYC-04) when they applied, {@value #NOTICE_AGE_DAYS} days ago, so that the 10 business days
     * have passed and their interviews may be scored. Recorded on their consent ledger under their canonical ids.
     */
    void recordApplicationNotices() {
        for (DemoScenario.Seeded seeded : scenario.seeded) {
            if (seeded.jurisdiction().equals("US-NY-NYC")) {
                recordConsent(seeded, io.atsbridge.proto.consent.v1.ConsentRecord.newBuilder()
                        .setPurpose("notice:nyc-04")
                        .setDataCategory("*")
                        .setJurisdiction("US-NY-NYC")
                        .setMethod(io.atsbridge.proto.consent.v1.ConsentMethod.CONSENT_METHOD_CLICKWRAP)
                        .setState(io.atsbridge.proto.consent.v1.ConsentState.CONSENT_STATE_GRANTED)
                        .setEvidenceRef("demo:careers-site/ll144-notice/v1")
                        .setCaptureTime(io.atsbridge.platform.proto.ProtoTimes.toProto(
                                java.time.Instant.now().minus(Duration.ofDays(NOTICE_AGE_DAYS))))
                        .build());
            }
        }
    }

    /** Records a ledger entry for a seeded candidate (its candidate id is set to the canonical one), as the service. */
    io.atsbridge.proto.consent.v1.ConsentRecord recordConsent(DemoScenario.Seeded seeded,
                                                             io.atsbridge.proto.consent.v1.ConsentRecord entry) {
        String candidateId = canonicalCandidateId(seeded);
        io.grpc.ManagedChannel channel = channel("consent");
        try {
            return io.atsbridge.proto.consent.v1.ConsentServiceGrpc.newBlockingStub(channel)
                    .withInterceptors(io.grpc.stub.MetadataUtils.newAttachHeadersInterceptor(serviceHeaders()))
                    .withDeadlineAfter(10, java.util.concurrent.TimeUnit.SECONDS)
                    .recordConsent(io.atsbridge.proto.consent.v1.RecordConsentRequest.newBuilder()
                            .setRequestId("demo-" + java.util.UUID.randomUUID())
                            .setConsent(entry.toBuilder().setCandidateId(candidateId)).build())
                    .getConsent();
        } finally {
            channel.shutdownNow();
        }
    }

    /**
     * The seeded candidate's canonical id, resolved with identity-service as the loop resolves it (same references,
     * same place: resolving is idempotent, so the loop later finds this candidate).
     */
    String canonicalCandidateId(DemoScenario.Seeded seeded) {
        io.grpc.ManagedChannel channel = channel("identity");
        try {
            return io.atsbridge.proto.identity.v1.IdentityServiceGrpc.newBlockingStub(channel)
                    .withInterceptors(io.grpc.stub.MetadataUtils.newAttachHeadersInterceptor(serviceHeaders()))
                    .withDeadlineAfter(10, java.util.concurrent.TimeUnit.SECONDS)
                    .resolveCandidate(io.atsbridge.proto.identity.v1.ResolveCandidateRequest.newBuilder()
                            .setCandidateRef(ref(io.atsbridge.proto.common.v1.ExternalKind.EXTERNAL_KIND_CANDIDATE,
                                    seeded.candidateId()))
                            .setApplicationRef(ref(io.atsbridge.proto.common.v1.ExternalKind.EXTERNAL_KIND_APPLICATION,
                                    seeded.applicationId()))
                            .setProfile(io.atsbridge.proto.identity.v1.CandidateProfile.newBuilder()
                                    .addJurisdictions(seeded.jurisdiction()))
                            .build())
                    .getCandidate().getId();
        } finally {
            channel.shutdownNow();
        }
    }

    private static io.atsbridge.proto.common.v1.ExternalRef ref(io.atsbridge.proto.common.v1.ExternalKind kind, long id) {
        return io.atsbridge.proto.common.v1.ExternalRef.newBuilder().setConnectionId(DemoScenario.ATS_CONNECTION)
                .setVendor(io.atsbridge.proto.common.v1.Vendor.VENDOR_GREENHOUSE).setKind(kind).setId(String.valueOf(id))
                .build();
    }

    private io.grpc.ManagedChannel channel(String service) {
        return io.grpc.netty.NettyChannelBuilder.forTarget(platform.service(service).address()).usePlaintext().build();
    }

    private io.grpc.Metadata serviceHeaders() {
        io.grpc.Metadata headers = new io.grpc.Metadata();
        headers.put(io.atsbridge.platform.context.CallHeaders.AUTHORIZATION, "Bearer " + platform.serviceToken());
        headers.put(io.atsbridge.platform.context.CallHeaders.TENANT, DemoScenario.TENANT);
        return headers;
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
