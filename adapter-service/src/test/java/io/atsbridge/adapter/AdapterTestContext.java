package io.atsbridge.adapter;

import io.atsbridge.platform.startup.MissingConfigurationException;
import io.atsbridge.platform.testing.TestCalls;
import io.atsbridge.platform.testing.TestDatabase;
import io.atsbridge.platform.testing.TestPorts;
import io.micronaut.context.ApplicationContext;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Builds the adapter's application context the way its tests need it: on a test database, with the test callers'
 * tokens, a free gRPC port and a fresh master key, plus what each test declares (connections, subscribers, tuning).
 * Start it once per replica a test needs; every start gets the same properties.
 *
 * <pre>{@code
 * ApplicationContext context = AdapterTestContext.on(database)
 *         .connection("gh-acme", "acme", "GREENHOUSE", "ATS", "https://harvest.greenhouse.io", "a-secret-0123456789")
 *         .withoutWorker()
 *         .start();
 * }</pre>
 */
public final class AdapterTestContext {

    private final Map<String, Object> properties = new HashMap<>();
    private final List<Object> singletons = new ArrayList<>();

    private AdapterTestContext(Map<String, ?> database) {
        properties.putAll(database);
        properties.putAll(TestCalls.authProperties());
        properties.put("grpc.server.port", TestPorts.freeText());
        properties.put("atsbridge.adapter.master-key", randomMasterKey());
    }

    /** The adapter on {@code database}, declaring nothing yet. */
    public static AdapterTestContext on(TestDatabase database) {
        return new AdapterTestContext(database.micronautProperties());
    }

    /**
     * The adapter on a fresh in-memory H2 database in MySQL mode, as the all-in-one launcher runs it, declaring
     * nothing yet.
     *
     * @param name names the database (a random suffix makes it fresh)
     */
    public static AdapterTestContext onH2(String name) {
        return new AdapterTestContext(Map.of(
                "datasources.default.url", "jdbc:h2:mem:" + name + "_" + UUID.randomUUID().toString().replace("-", "")
                        + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                "datasources.default.username", "sa",
                "datasources.default.password", "",
                "datasources.default.driver-class-name", "org.h2.Driver"));
    }

    /**
     * The one line an adapter context with {@code properties} fails to start with (the message of the
     * {@link MissingConfigurationException} it names); fails the test when it starts or fails otherwise.
     */
    public static String startupFailure(Map<String, Object> properties) {
        ApplicationContext context = ApplicationContext.builder()
                .environments(AdapterApplication.ENVIRONMENT).properties(properties).build();
        Throwable failure;
        try {
            failure = catchThrowable(context::start);
        } finally {
            // A context that failed half-way still holds what it created (the connection pool); a failure to close
            // it says nothing about the start-up failure asked about.
            Throwable unused = catchThrowable(context::close);
        }
        assertThat(failure).as("start-up should fail").isNotNull();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof MissingConfigurationException missing) {
                return missing.getMessage();
            }
        }
        throw new AssertionError("start-up failed without a MissingConfigurationException", failure);
    }

    /** Base64 of 32 random bytes, a master key as {@code atsbridge.adapter.master-key} takes it. */
    public static String randomMasterKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    /** Sets one property, e.g. {@code atsbridge.adapter.outbound.batch}. */
    public AdapterTestContext with(String key, Object value) {
        properties.put(key, value);
        return this;
    }

    /** Sets every property of {@code more}. */
    public AdapterTestContext with(Map<String, ?> more) {
        properties.putAll(more);
        return this;
    }

    /** Declares a connection with the settings every connection has ({@code atsbridge.connections.<id>.*}). */
    public AdapterTestContext connection(String id, String tenant, String vendor, String kind, String baseUrl,
                                         String webhookSecrets) {
        String prefix = "atsbridge.connections." + id + ".";
        properties.put(prefix + "tenant", tenant);
        properties.put(prefix + "vendor", vendor);
        properties.put(prefix + "kind", kind);
        properties.put(prefix + "base-url", baseUrl);
        properties.put(prefix + "webhook-secrets", webhookSecrets);
        return this;
    }

    /** Starts no inbox worker threads: the test drives the worker or leaves events pending. */
    public AdapterTestContext withoutWorker() {
        return with("atsbridge.adapter.worker.enabled", "false");
    }

    /** Beans the context takes as they are, e.g. a {@code TestClock}. */
    public AdapterTestContext singletons(Object... beans) {
        singletons.addAll(List.of(beans));
        return this;
    }

    /** The properties so far, for a test that builds its context otherwise (e.g. {@code @MicronautTest}). */
    public Map<String, Object> properties() {
        return Map.copyOf(properties);
    }

    /** Starts a context in the adapter's environment with the properties so far. */
    public ApplicationContext start() {
        return ApplicationContext.builder().environments(AdapterApplication.ENVIRONMENT).properties(properties)
                .singletons(singletons.toArray()).start();
    }
}
