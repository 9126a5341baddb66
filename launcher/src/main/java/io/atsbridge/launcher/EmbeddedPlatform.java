package io.atsbridge.launcher;

import io.atsbridge.adapter.config.Declarations;
import io.atsbridge.platform.startup.MissingConfigurationException;
import io.atsbridge.platform.startup.StartupFailure;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.grpc.server.GrpcEmbeddedServer;
import io.micronaut.runtime.server.EmbeddedServer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every atsbridge service in one JVM. Each service runs in its own Micronaut application context
 * (selected by its environment, so it sees only its own beans and configuration), with its own
 * embedded H2 database under the data directory unless its {@code <SERVICE>_DATASOURCE_URL} is set.
 * Services talk to each other over real gRPC on loopback, exactly as when deployed apart.
 */
public final class EmbeddedPlatform implements AutoCloseable {

    /** One started service and where it listens. */
    public record RunningService(String name, String environment, String protocol, String address, ApplicationContext context) {
    }

    private final List<RunningService> running = new ArrayList<>();
    // Set by start() before any service starts; empty only on an instance start() has not finished making.
    private String operatorToken = "";
    private String internalToken = "";
    private String masterKey = "";
    private String auditSigningKey = "";

    private EmbeddedPlatform() {
    }

    /**
     * Starts every service, in dependency order.
     *
     * @throws StartupException with a one-line explanation when a service cannot start; the services
     *                          already started are stopped again
     */
    public static EmbeddedPlatform start(LaunchOptions options) throws StartupException {
        Path dataDir = options.dataDir();
        Map<String, String> environment = options.environment();
        EmbeddedPlatform platform = new EmbeddedPlatform();
        LocalSecrets secrets = new LocalSecrets(dataDir);
        String internalToken = LocalSecrets.internalToken();
        Map<String, String> peers = new HashMap<>();
        try {
            String operatorToken = secrets.operatorToken();
            platform.operatorToken = operatorToken;
            platform.internalToken = internalToken;
            String masterKey = secrets.masterKey();
            platform.masterKey = masterKey;
            String auditSigningKey = secrets.auditSigningKey();
            platform.auditSigningKey = auditSigningKey;
            for (ServiceSpec spec : ServiceSpec.GRPC_SERVICES) {
                Map<String, String> properties = commonProperties(internalToken, operatorToken, peers);
                if (!environment.containsKey(spec.datasourceUrlVariable())) {
                    properties.putAll(h2(dataDir, spec));
                }
                if (spec.environment().equals("adapter") && !environment.containsKey("ATSBRIDGE_ADAPTER_MASTER_KEY")) {
                    properties.put("atsbridge.adapter.master-key", masterKey);
                    if (!environment.containsKey("ATSBRIDGE_ADAPTER_PREVIOUS_MASTER_KEYS")) {
                        secrets.previousMasterKeys().ifPresent(keys ->
                                properties.put("atsbridge.adapter.previous-master-keys", keys));
                    }
                }
                if (spec.environment().equals("audit") && !environment.containsKey("ATSBRIDGE_AUDIT_SIGNING_PRIVATE_KEY")) {
                    properties.put("atsbridge.audit.signing.private-key", auditSigningKey);
                }
                if (options.randomPorts()) {
                    // Port 0: the OS picks a free port as the server binds, so nothing can take it in between.
                    properties.put("grpc.server.port", "0");
                }
                Declarations declarations = Declarations.none();
                if (spec.environment().equals("adapter")) {
                    // Read exactly as a standalone adapter reads them (AdapterApplication).
                    declarations = options.declarations();
                    properties.putAll(declarations.properties());
                }
                properties.putAll(options.propertiesFor(spec.environment()));
                ApplicationContext context = platform.startContext(spec, properties, declarations);
                GrpcEmbeddedServer server = context.getBean(GrpcEmbeddedServer.class);
                try {
                    server.start();
                } catch (RuntimeException e) {
                    context.close();
                    throw e;
                }
                String address = "127.0.0.1:" + server.getPort();
                peers.put(spec.peer(), address);
                platform.running.add(new RunningService(spec.name(), spec.environment(), "grpc", address, context));
            }
            Map<String, String> gatewayProperties = commonProperties(internalToken, operatorToken, peers);
            if (options.randomPorts()) {
                gatewayProperties.put("micronaut.server.port", "0");
            }
            gatewayProperties.putAll(options.propertiesFor(ServiceSpec.GATEWAY.environment()));
            ApplicationContext gateway = platform.startContext(ServiceSpec.GATEWAY, gatewayProperties, Declarations.none());
            EmbeddedServer http = gateway.getBean(EmbeddedServer.class);
            try {
                http.start();
            } catch (RuntimeException e) {
                gateway.close();
                throw e;
            }
            platform.running.add(new RunningService(ServiceSpec.GATEWAY.name(), ServiceSpec.GATEWAY.environment(), "http",
                    "http://127.0.0.1:" + http.getPort(), gateway));
            return platform;
        } catch (StartupException e) {
            platform.close();
            throw e;
        } catch (IOException e) {
            platform.close();
            throw new StartupException("atsbridge cannot start: data directory " + dataDir.toAbsolutePath()
                    + " is not writable (" + e.getMessage() + "); choose another with --data-dir");
        } catch (MissingConfigurationException e) {
            platform.close();
            throw new StartupException("atsbridge cannot start: " + e.getMessage());
        } catch (RuntimeException e) {
            platform.close();
            throw new StartupException(StartupFailure.describe("atsbridge", e, null, "the service's *_DATASOURCE_URL"));
        }
    }

    private ApplicationContext startContext(ServiceSpec spec, Map<String, String> properties, Declarations declarations)
            throws StartupException {
        ApplicationContextBuilder builder = ApplicationContext.builder()
                .environments(spec.environment(), "embedded")
                .deduceEnvironment(false)
                .banner(false)
                .properties(new HashMap<>(properties));
        if (spec.environment().equals("adapter")) {
            builder.singletons(declarations);
        }
        // Declared in the environment, connections and subscribers are the adapter's to read (Declarations): Micronaut's
        // own mapping would take ATSBRIDGE_CONNECTIONS_GH_ACME_TENANT for connection "gh".
        Set<String> declarationVariables = System.getenv().keySet().stream()
                .filter(n -> n.startsWith("ATSBRIDGE_CONNECTIONS_") || n.startsWith("ATSBRIDGE_SUBSCRIBERS_"))
                .collect(Collectors.toSet());
        if (!declarationVariables.isEmpty()) {
            builder.environmentVariableExcludes(declarationVariables.toArray(String[]::new));
        }
        ApplicationContext context = builder.build();
        try {
            context.start();
            return context;
        } catch (RuntimeException e) {
            String url = context.getEnvironment().getProperty("datasources.default.url", String.class).orElse(null);
            try {
                context.close();
            } catch (RuntimeException ignored) {
                // Already failing; the explanation below is what the operator needs.
            }
            throw new StartupException(StartupFailure.describe(spec.name(), e, url, spec.datasourceUrlVariable()));
        }
    }

    private static Map<String, String> commonProperties(String internalToken, String operatorToken, Map<String, String> peers) {
        Map<String, String> properties = new HashMap<>();
        properties.put("atsbridge.auth.tokens.launcher.secret", internalToken);
        properties.put("atsbridge.auth.tokens.launcher.tenants", "*");
        // The services' token for calling each other; "gateway" lets the edge look up webhook connections.
        properties.put("atsbridge.auth.tokens.launcher.roles", "service,gateway");
        properties.put("atsbridge.auth.tokens.operator.secret", operatorToken);
        properties.put("atsbridge.auth.tokens.operator.kind", "PERSON");
        // The one person trying atsbridge on their own machine: the only place a static token may stand for a person.
        properties.put("atsbridge.auth.allow-static-person-tokens", "true");
        properties.put("atsbridge.auth.tokens.operator.tenants", "*");
        properties.put("atsbridge.auth.tokens.operator.roles", "operator,reviewer,compliance,auditor");
        properties.put("atsbridge.client.token", internalToken);
        peers.forEach((peer, address) -> properties.put("atsbridge.peers." + peer + ".address", address));
        return properties;
    }

    private static Map<String, String> h2(Path dataDir, ServiceSpec spec) {
        String file = dataDir.toAbsolutePath().resolve(spec.environment()).toString();
        return Map.of(
                "datasources.default.url", "jdbc:h2:file:" + file
                        // DB_CLOSE_ON_EXIT=FALSE: our shutdown hook closes the services first, then the pools.
                        // WRITE_DELAY=0: a commit is on disk when it returns, so an acknowledged webhook survives a kill.
                        + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0",
                "datasources.default.username", "sa",
                "datasources.default.password", "",
                "datasources.default.driver-class-name", "org.h2.Driver");
    }

    /** The started services, in start order. */
    public List<RunningService> services() {
        return Collections.unmodifiableList(running);
    }

    /** A started service by environment ({@code identity}, ..., {@code gateway}). */
    public RunningService service(String environment) {
        return running.stream().filter(s -> s.environment().equals(environment)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no running service " + environment));
    }

    /**
     * Stores a mapping profile through mapping-service's gRPC API, as an operator would. The same
     * content again returns the version stored the first time (the request id is the content's hash).
     */
    public io.atsbridge.proto.mapping.v1.MappingProfile storeMappingProfile(
            String tenant, io.atsbridge.proto.mapping.v1.MappingProfile profile) {
        io.grpc.ManagedChannel channel = io.grpc.netty.NettyChannelBuilder.forTarget(service("mapping").address())
                .usePlaintext().build();
        try {
            io.grpc.Metadata headers = new io.grpc.Metadata();
            headers.put(io.atsbridge.platform.context.CallHeaders.AUTHORIZATION, "Bearer " + operatorToken);
            headers.put(io.atsbridge.platform.context.CallHeaders.TENANT, tenant);
            String requestId = "profile-" + java.util.HexFormat.of().formatHex(sha256(profile.toByteArray())).substring(0, 32);
            return io.atsbridge.proto.mapping.v1.MappingServiceGrpc.newBlockingStub(channel)
                    .withInterceptors(io.grpc.stub.MetadataUtils.newAttachHeadersInterceptor(headers))
                    .withDeadlineAfter(10, java.util.concurrent.TimeUnit.SECONDS)
                    .upsertMappingProfile(io.atsbridge.proto.mapping.v1.UpsertMappingProfileRequest.newBuilder()
                            .setRequestId(requestId).setProfile(profile).build())
                    .getProfile();
        } finally {
            channel.shutdownNow();
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** The services' own token (roles service and gateway), for tests that act as the loop does. */
    String serviceToken() {
        return internalToken;
    }

    /**
     * The secrets this process made or read, by what they are: the operator's token, the services' internal token
     * the master key and the audit signing key. For checks that none of them is ever logged; never print them.
     */
    Map<String, String> ownSecrets() {
        return Map.of("the operator token", operatorToken, "the internal service token", internalToken,
                "the master key", masterKey, "the audit signing key", auditSigningKey);
    }

    /** The operator's bearer token (any tenant). */
    public String operatorToken() {
        return operatorToken;
    }

    /** Stops every service, the last started first. */
    @Override
    public void close() {
        for (int i = running.size() - 1; i >= 0; i--) {
            try {
                running.get(i).context().close();
            } catch (RuntimeException e) {
                System.err.println(running.get(i).name() + " did not stop cleanly: " + e.getMessage());
            }
        }
        running.clear();
    }

    /** A start-up failure with its one-line explanation as the message. */
    public static final class StartupException extends Exception {
        StartupException(String line) {
            super(line, null, false, false);
        }
    }
}
