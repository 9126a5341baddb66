package io.atsbridge.launcher;

import io.atsbridge.platform.health.HealthNames;
import io.atsbridge.platform.testing.TestCalls;
import io.atsbridge.platform.testing.TestDatabase;
import io.atsbridge.platform.testing.TestPorts;
import io.atsbridge.proto.adapter.v1.AdapterServiceGrpc;
import io.atsbridge.proto.adapter.v1.GetConnectionRequest;
import io.atsbridge.proto.common.v1.ExternalKind;
import io.atsbridge.proto.common.v1.ExternalRef;
import io.atsbridge.proto.common.v1.Vendor;
import io.atsbridge.proto.identity.v1.GetCandidateRequest;
import io.atsbridge.proto.identity.v1.IdentityServiceGrpc;
import io.atsbridge.proto.identity.v1.ResolveCandidateRequest;
import io.atsbridge.proto.mapping.v1.AssessmentAttribute;
import io.atsbridge.proto.mapping.v1.FieldMapping;
import io.atsbridge.proto.mapping.v1.FieldScope;
import io.atsbridge.proto.mapping.v1.FieldType;
import io.atsbridge.proto.mapping.v1.GetMappingProfileRequest;
import io.atsbridge.proto.mapping.v1.MappingProfile;
import io.atsbridge.proto.mapping.v1.MappingServiceGrpc;
import io.atsbridge.proto.mapping.v1.TargetField;
import io.atsbridge.proto.mapping.v1.UpsertMappingProfileRequest;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The packaged all-in-one jar, run as a real process: start-up to health, reflection, a real call,
 * a clean stop, data surviving a restart, and start-up failures that say what to fix.
 */
class LauncherIT {

    /**
     * How long the test waits for every service SERVING and GET /health 200: a bound on waiting, not a speed
     * check. How fast the launcher starts is measured by {@code benchmarks/service-footprint} into BENCHMARKS.md;
     * a timed assertion here failed on a loaded machine without anything being wrong.
     */
    private static final Duration READY_WITHIN = Duration.ofSeconds(90);

    private static final Map<String, String> GRPC_SERVICES = new LinkedHashMap<>();
    /** The access check every gRPC service hosts besides its own services. */
    private static final String ACCESS_SERVICE = "atsbridge.access.v1.AccessService";

    static {
        GRPC_SERVICES.put("IDENTITY", "atsbridge.identity.v1.IdentityService");
        GRPC_SERVICES.put("MAPPING", "atsbridge.mapping.v1.MappingService");
        GRPC_SERVICES.put("CONSENT", "atsbridge.consent.v1.ConsentService");
        GRPC_SERVICES.put("AUDIT", "atsbridge.audit.v1.AuditService");
        GRPC_SERVICES.put("ADAPTER", "atsbridge.adapter.v1.AdapterService");
    }

    @TempDir
    Path dataDir;

    @Test
    void startsEverythingServesAndStopsCleanlyKeepingData() throws Exception {
        Map<String, Integer> ports = LauncherPorts.free();
        int profileVersion;
        try (LauncherProcess launcher = LauncherProcess.start(LauncherPorts.environment(ports), "-jar", LauncherProcess.jar(),
                "--data-dir", dataDir.toString())) {
            awaitReady(launcher, ports);

            assertThat(launcher.stdout()).anySatisfy(line -> assertThat(line).contains("identity-service").contains("127.0.0.1:" + ports.get("IDENTITY")));
            assertThat(launcher.stdout()).anySatisfy(line -> assertThat(line).contains("edge-gateway").contains("http://127.0.0.1:" + ports.get("GATEWAY")));
            assertThat(launcher.stdout()).filteredOn(line -> line.matches("\\s+\\S+-(service|gateway)\\s+(grpc|http)\\s+.*")).hasSize(6);

            for (Map.Entry<String, String> service : GRPC_SERVICES.entrySet()) {
                ManagedChannel channel = TestCalls.channel(ports.get(service.getKey()));
                try {
                    List<String> listed = TestCalls.listServices(channel);
                    assertThat(listed).contains(service.getValue(), ACCESS_SERVICE, "grpc.health.v1.Health",
                            "grpc.reflection.v1.ServerReflection");
                    // Each context hosts its own services (and the access check every service has) only, although all
                    // share one class path.
                    String ownPackage = service.getValue().substring(0, service.getValue().lastIndexOf('.') + 1);
                    assertThat(listed).filteredOn(name -> name.startsWith("atsbridge.") && !name.equals(ACCESS_SERVICE))
                            .allSatisfy(name -> assertThat(name).startsWith(ownPackage));
                    assertThat(HealthGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
                            .check(HealthCheckRequest.newBuilder().setService(HealthNames.LIVENESS).build()).getStatus())
                            .as("%s liveness", service.getKey()).isEqualTo(ServingStatus.SERVING);
                } finally {
                    TestCalls.close(channel);
                }
            }
            // The gateway is ready because the adapter serves and accepts the launcher's token with role gateway.
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpResponse<String> readiness = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + ports.get("GATEWAY") + "/health")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(200);
            assertThat(readiness.body()).isEqualTo("{\"status\":\"UP\",\"peers\":{\"adapter\":{\"status\":\"READY\"}}}");
            assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.get("GATEWAY") + "/health/live"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

            String operatorToken = Files.readString(dataDir.resolve("operator.token")).trim();
            ManagedChannel identity = TestCalls.channel(ports.get("IDENTITY"));
            ManagedChannel mapping = TestCalls.channel(ports.get("MAPPING"));
            try {
                // The operator stores a mapping profile, which must outlive a restart.
                profileVersion = TestCalls.as(MappingServiceGrpc.newBlockingStub(mapping), operatorToken, "acme")
                        .upsertMappingProfile(UpsertMappingProfileRequest.newBuilder().setProfile(MappingProfile.newBuilder()
                                .setId("launcher-it").setConnectionId("gh-acme")
                                .addFieldMappings(FieldMapping.newBuilder()
                                        .setSource(AssessmentAttribute.ASSESSMENT_ATTRIBUTE_OVERALL_SCORE)
                                        .setTarget(TargetField.newBuilder().setKey("ai_match_score")
                                                .setType(FieldType.FIELD_TYPE_NUMBER).setScope(FieldScope.FIELD_SCOPE_APPLICATION))))
                                .build())
                        .getProfile().getVersion();
                // Identity records are the loop's to create: the operator's token is refused, and no token at all is
                // not authenticated.
                assertThatThrownBy(() -> TestCalls.as(IdentityServiceGrpc.newBlockingStub(identity), operatorToken, "acme")
                        .resolveCandidate(ResolveCandidateRequest.newBuilder().setCandidateRef(ExternalRef.newBuilder()
                                .setConnectionId("gh-acme").setVendor(Vendor.VENDOR_GREENHOUSE)
                                .setKind(ExternalKind.EXTERNAL_KIND_CANDIDATE).setId("12345")).build()))
                        .isInstanceOfSatisfying(StatusRuntimeException.class,
                                e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
                assertThatThrownBy(() -> IdentityServiceGrpc.newBlockingStub(identity).withDeadlineAfter(5, TimeUnit.SECONDS)
                        .getCandidate(GetCandidateRequest.newBuilder().setCandidateId("c-1").build()))
                        .isInstanceOfSatisfying(StatusRuntimeException.class,
                                e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
            } finally {
                TestCalls.close(identity);
                TestCalls.close(mapping);
            }

            int exit = launcher.stop(30);
            assertThat(exit).isIn(0, 130, 143);
            assertThat(launcher.stdout()).contains("atsbridge stopped");
            assertThat(launcher.stderr()).noneMatch(line -> line.contains("Exception"));
        }

        assertThat(dataDir.resolve("identity.mv.db")).exists();
        try (LauncherProcess again = LauncherProcess.start(LauncherPorts.environment(ports), "-jar", LauncherProcess.jar(),
                "--data-dir", dataDir.toString())) {
            awaitReady(again, ports);
            String operatorToken = Files.readString(dataDir.resolve("operator.token")).trim();
            ManagedChannel mapping = TestCalls.channel(ports.get("MAPPING"));
            try {
                var profile = TestCalls.as(MappingServiceGrpc.newBlockingStub(mapping), operatorToken, "acme")
                        .getMappingProfile(GetMappingProfileRequest.newBuilder().setProfileId("launcher-it").build());
                assertThat(profile.getProfile().getVersion()).isEqualTo(profileVersion);
            } finally {
                TestCalls.close(mapping);
            }
            again.stop(30);
        }
    }

    @Test
    void demoRunsFiftyCandidatesThroughTheLoopAndSummarises() throws Exception {
        Map<String, String> environment = LauncherPorts.environment(LauncherPorts.free());
        environment.put("SANDBOX_HTTP_PORT", String.valueOf(TestPorts.free()));
        try (LauncherProcess demo = LauncherProcess.start(environment, "-jar", LauncherProcess.jar(), "demo", "--exit",
                "--data-dir", dataDir.toString())) {
            assertThat(demo.waitFor(240)).as("exit code; output %s %s", demo.stdout(), demo.stderr()).isZero();
            List<String> out = demo.stdout();
            assertThat(out).contains("Pilot summary (50 candidates)");
            int written = count(out, "results written back");
            int blocked = count(out, "blocked by consent");
            assertThat(written).isPositive();
            assertThat(blocked).isPositive();
            assertThat(written + blocked).isEqualTo(50);
            assertThat(count(out, "failed")).isZero();
            assertThat(count(out, "invited to an AI interview")).isEqualTo(written);
            assertThat(out).anySatisfy(line -> assertThat(line).matches("\\s+webhook to write-back\\s+median \\d+ ms, worst \\d+ ms"));
        }
    }

    @Test
    void theRealisticDemoAccountsForEveryCandidate() throws Exception {
        Map<String, String> environment = LauncherPorts.environment(LauncherPorts.free());
        environment.put("SANDBOX_HTTP_PORT", String.valueOf(TestPorts.free()));
        try (LauncherProcess demo = LauncherProcess.start(environment, "-jar", LauncherProcess.jar(), "demo", "--exit", "--mix",
                "--data-dir", Files.createTempDirectory(dataDir, "mix").toString())) {
            assertThat(demo.waitFor(300)).as("exit code; output %s %s", demo.stdout(), demo.stderr()).isZero();
            List<String> out = demo.stdout();
            int written = count(out, "results written back");
            int blocked = count(out, "blocked by consent");
            assertThat(count(out, "declined by the candidate")).isEqualTo(Demo.MIX_DECLINE);
            assertThat(count(out, "abandoned or failed at vendor")).isEqualTo(Demo.MIX_ABANDON);
            // Those who never start expire; on a loaded machine a completion delivered later than the demo's 20 s
            // expiry counts as expired too when the summary is taken (its result is still written afterwards).
            int expired = count(out, "expired (never completed)");
            assertThat(expired).isGreaterThanOrEqualTo(Demo.MIX_OPEN);
            assertThat(count(out, "failed")).as("the outage is ridden out").isZero();
            assertThat(written + blocked + Demo.MIX_DECLINE + Demo.MIX_ABANDON + expired)
                    .as("every candidate accounted for").isEqualTo(50);
        }
    }

    private static int count(List<String> lines, String label) {
        return lines.stream().filter(line -> line.trim().startsWith(label)).findFirst()
                .map(line -> Integer.parseInt(line.trim().substring(label.length()).trim().split("\\s+")[0]))
                .orElseThrow(() -> new AssertionError("no line '" + label + "' in " + lines));
    }

    @Test
    void configurationFileCreatesConnectionsAndMappingProfiles() throws Exception {
        Map<String, Integer> ports = LauncherPorts.free();
        Path example = Path.of("..", "atsbridge.example.yml");
        try (LauncherProcess launcher = LauncherProcess.start(LauncherPorts.environment(ports), "-jar", LauncherProcess.jar(),
                "--data-dir", dataDir.toString(), "--config", example.toString())) {
            awaitReady(launcher, ports);
            // adapter-service stores the declared profiles through mapping-service while it starts, and says so.
            assertThat(launcher.stdout()).anyMatch(line -> line.endsWith("mapping profile gh-acme-default v1 stored for tenant acme"));
            String operatorToken = Files.readString(dataDir.resolve("operator.token")).trim();
            ManagedChannel adapter = TestCalls.channel(ports.get("ADAPTER"));
            ManagedChannel mapping = TestCalls.channel(ports.get("MAPPING"));
            try {
                var connection = TestCalls.as(AdapterServiceGrpc.newBlockingStub(adapter), operatorToken, "acme")
                        .getConnection(GetConnectionRequest.newBuilder().setConnectionId("gh-acme").build()).getConnection();
                assertThat(connection.getVendor()).isEqualTo(Vendor.VENDOR_GREENHOUSE);
                assertThat(connection.getWebhookSecretCount()).isEqualTo(1);
                assertThat(connection.getHasCredentials()).isTrue();
                assertThat(connection.getSync().getTriggerStageName()).isEqualTo("AI Interview");
                assertThat(connection.getSync().getDefaultJurisdictionsList()).containsExactly("US-NY-NYC");
                var profile = TestCalls.as(MappingServiceGrpc.newBlockingStub(mapping), operatorToken, "acme")
                        .getMappingProfile(GetMappingProfileRequest.newBuilder().setProfileId("gh-acme-default").build()).getProfile();
                assertThat(profile.getFieldMappingsCount()).isEqualTo(3);
                assertThat(profile.getConnectionId()).isEqualTo("gh-acme");
            } finally {
                TestCalls.close(adapter);
                TestCalls.close(mapping);
            }
            launcher.stop(30);
        }
    }

    @Test
    void badConfigurationFileFailsFastWithOneLine() throws Exception {
        Path config = dataDir.resolve("bad.yml");
        Files.writeString(config, "connectoins:\n  gh: {}\n");
        try (LauncherProcess launcher = LauncherProcess.start(LauncherPorts.environment(LauncherPorts.free()), "-jar", LauncherProcess.jar(),
                "--data-dir", dataDir.toString(), "--config", config.toString())) {
            assertThat(launcher.waitFor(60)).isEqualTo(1);
            assertThat(launcher.stderr()).contains("atsbridge cannot start: declaration file " + config
                    + " has an unknown top-level key 'connectoins' (expected: connections, subscribers, adapter, mapping-profiles)");
        }
    }

    @Test
    void unreachableDatabaseFailsFastWithOneLine() throws Exception {
        Map<String, String> environment = LauncherPorts.environment(LauncherPorts.free());
        environment.put("IDENTITY_DATASOURCE_URL", "jdbc:mysql://127.0.0.1:1/atsbridge_identity?connectTimeout=2000");
        try (LauncherProcess launcher = LauncherProcess.start(environment, "-jar", LauncherProcess.jar(),
                "--data-dir", dataDir.toString())) {
            assertThat(launcher.waitFor(60)).isEqualTo(1);
            List<String> errors = launcher.stderr().stream().filter(line -> line.contains("cannot start")).toList();
            assertThat(errors).hasSize(1);
            assertThat(errors.get(0))
                    .startsWith("identity-service cannot start: database jdbc:mysql://127.0.0.1:1/atsbridge_identity")
                    .contains("unreachable")
                    .endsWith("start the database or set IDENTITY_DATASOURCE_URL");
        }
    }

    @Test
    void standaloneServiceWithoutCallerTokensFailsFastWithOneLine() throws Exception {
        try (TestDatabase database = TestDatabase.create("launcher");
             LauncherProcess service = LauncherProcess.start(Map.of(
                             "IDENTITY_DATASOURCE_URL", database.jdbcUrl(),
                             "IDENTITY_DATASOURCE_USERNAME", database.username(),
                             "IDENTITY_DATASOURCE_PASSWORD", database.password(),
                             "IDENTITY_GRPC_PORT", String.valueOf(TestPorts.free())),
                     "-cp", LauncherProcess.jar(), "io.atsbridge.identity.IdentityApplication")) {
            assertThat(service.waitFor(60)).isEqualTo(1);
            assertThat(service.stderr()).contains("identity-service cannot start: no caller tokens configured: set "
                    + "ATSBRIDGE_AUTH_TOKENS_<CALLER>_SECRET (and _TENANTS) for at least one caller, e.g. ATSBRIDGE_AUTH_TOKENS_ADAPTER_SECRET");
        }
    }

    private static void awaitReady(LauncherProcess launcher, Map<String, Integer> ports) throws Exception {
        LauncherPorts.awaitReady(launcher, ports, READY_WITHIN);
    }

}
