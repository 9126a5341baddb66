package io.atsbridge.platform.health;

import io.atsbridge.platform.testing.GrpcServiceTest;
import io.atsbridge.platform.testing.TcpRelay;
import io.atsbridge.proto.access.v1.AccessServiceGrpc;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A service's readiness follows its database and its liveness does not: the service reaches its real
 * database through a {@link TcpRelay}, which the test cuts (the database becomes unreachable, as in a
 * network outage) and restores, while a real channel asks standard health under "" and "liveness".
 */
@MicronautTest(transactional = false)
class ServingStatusPublisherTest extends GrpcServiceTest {

    private static final String ACCESS_SERVICE = AccessServiceGrpc.SERVICE_NAME;

    private final TcpRelay relay = TcpRelay.to(database.serverAddress());

    ServingStatusPublisherTest() {
        super("health");
    }

    @Override
    protected Map<String, String> moreProperties() {
        Map<String, String> properties = new HashMap<>(database.micronautPropertiesVia("127.0.0.1", relay.port()));
        properties.put("atsbridge.service.name", "probe-service");
        properties.put("atsbridge.health.database.interval", "200ms");
        // A pool that cannot reach its database gives up on a connection after 1 s instead of 30 s.
        properties.put("datasources.default.connection-timeout", "1000");
        properties.put("datasources.default.maximum-pool-size", "2");
        return properties;
    }

    @AfterAll
    void closeRelay() {
        relay.close();
    }

    @Test
    void readinessFollowsTheDatabaseWhileLivenessStaysServing() {
        assertThat(status(HealthNames.READINESS)).isEqualTo(ServingStatus.SERVING);
        assertThat(status(HealthNames.LIVENESS)).isEqualTo(ServingStatus.SERVING);
        assertThat(status(ACCESS_SERVICE)).isEqualTo(ServingStatus.SERVING);

        relay.cut();
        await("readiness NOT_SERVING once the database is unreachable").atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> {
                    assertThat(status(HealthNames.READINESS)).isEqualTo(ServingStatus.NOT_SERVING);
                    assertThat(status(ACCESS_SERVICE)).isEqualTo(ServingStatus.NOT_SERVING);
                });
        assertThat(status(HealthNames.LIVENESS)).as("liveness during the outage").isEqualTo(ServingStatus.SERVING);

        relay.restore();
        await("readiness SERVING again once the database answers").atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> {
                    assertThat(status(HealthNames.READINESS)).isEqualTo(ServingStatus.SERVING);
                    assertThat(status(ACCESS_SERVICE)).isEqualTo(ServingStatus.SERVING);
                });
        assertThat(status(HealthNames.LIVENESS)).as("liveness after the outage").isEqualTo(ServingStatus.SERVING);
    }

    private ServingStatus status(String service) {
        return HealthGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
                .check(HealthCheckRequest.newBuilder().setService(service).build())
                .getStatus();
    }
}
