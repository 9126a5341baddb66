package io.atsbridge.launcher;

import io.atsbridge.platform.testing.TestCalls;
import io.atsbridge.platform.testing.TestPorts;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The ports a packaged launcher is started on (a free one per gRPC service and one for the gateway, keyed
 * {@code IDENTITY} … {@code ADAPTER}, {@code GATEWAY}) and the wait until the process serves on all of them.
 */
final class LauncherPorts {

    /** The gRPC services, by the prefix of their port variable ({@code IDENTITY_GRPC_PORT}). */
    static final List<String> GRPC_SERVICES = List.of("IDENTITY", "MAPPING", "CONSENT", "AUDIT", "ADAPTER");

    private LauncherPorts() {
    }

    /** A free port for every service and the gateway. */
    static Map<String, Integer> free() throws IOException {
        Map<String, Integer> ports = new HashMap<>();
        for (String service : GRPC_SERVICES) {
            ports.put(service, TestPorts.free());
        }
        ports.put("GATEWAY", TestPorts.free());
        return ports;
    }

    /** The environment variables that put the launcher's services on these ports. */
    static Map<String, String> environment(Map<String, Integer> ports) {
        Map<String, String> environment = new HashMap<>();
        for (String service : GRPC_SERVICES) {
            environment.put(service + "_GRPC_PORT", String.valueOf(ports.get(service)));
        }
        environment.put("GATEWAY_HTTP_PORT", String.valueOf(ports.get("GATEWAY")));
        return environment;
    }

    /**
     * Returns once every gRPC service reports SERVING (readiness: started, database answering) and the gateway's
     * {@code GET /health} answers 200 (adapter-service serving and accepting the gateway's token); fails
     * with the process's output when it exits first or is not ready within the limit.
     */
    static void awaitReady(LauncherProcess launcher, Map<String, Integer> ports, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        while (true) {
            if (!launcher.alive()) {
                throw new AssertionError("launcher exited: " + launcher.stdout() + launcher.stderr());
            }
            if (allServing(ports) && gatewayHealthy(http, ports.get("GATEWAY"))) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not every service was SERVING with GET /health 200 within "
                        + within.toSeconds() + " s; output: " + launcher.stdout() + launcher.stderr());
            }
            Thread.sleep(200);
        }
    }

    private static boolean allServing(Map<String, Integer> ports) throws InterruptedException {
        for (String service : GRPC_SERVICES) {
            ManagedChannel channel = TestCalls.channel(ports.get(service));
            try {
                if (HealthGrpc.newBlockingStub(channel).withDeadlineAfter(1, TimeUnit.SECONDS)
                        .check(HealthCheckRequest.newBuilder().build()).getStatus() != ServingStatus.SERVING) {
                    return false;
                }
            } catch (StatusRuntimeException e) {
                return false;
            } finally {
                TestCalls.close(channel);
            }
        }
        return true;
    }

    private static boolean gatewayHealthy(HttpClient http, int port) throws InterruptedException {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }
}
