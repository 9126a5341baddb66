package io.atsbridge.platform.testing;

import io.grpc.ManagedChannel;
import io.micronaut.grpc.server.GrpcEmbeddedServer;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import java.util.HashMap;
import java.util.Map;

/**
 * The common frame of a service test: a fresh database for the class, the test tokens, the gRPC
 * server on a random port and a real channel to it. Subclasses add {@code @MicronautTest(environments
 * = "<service>")} and may contribute more properties through {@link #moreProperties()}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class GrpcServiceTest implements TestPropertyProvider {

    protected final TestDatabase database;

    @Inject
    protected GrpcEmbeddedServer server;

    protected ManagedChannel channel;

    protected GrpcServiceTest(String databasePrefix) {
        this.database = TestDatabase.create(databasePrefix);
    }

    /** Properties beyond database, tokens and port; none by default. */
    protected Map<String, String> moreProperties() {
        return Map.of();
    }

    @Override
    public final Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(database.micronautProperties());
        properties.putAll(TestCalls.authProperties());
        properties.put("grpc.server.port", TestPorts.freeText());
        properties.putAll(moreProperties());
        return properties;
    }

    @BeforeAll
    void openChannel() {
        channel = TestCalls.channel(server.getPort());
    }

    @AfterAll
    void closeChannelAndDatabase() throws InterruptedException {
        TestCalls.close(channel);
        database.close();
    }
}
