package io.atsbridge.gateway;

import io.atsbridge.platform.startup.ServiceDefinition;
import io.atsbridge.platform.startup.ServiceMain;

/** Runs the edge gateway as its own process: {@code java -jar edge-gateway/target/edge-gateway.jar}. */
public final class GatewayApplication {

    /** The Micronaut environment that selects the gateway's beans and {@code application-gateway.yml}. */
    public static final String ENVIRONMENT = "gateway";

    private GatewayApplication() {
    }

    public static void main(String[] args) {
        ServiceMain.run(new ServiceDefinition("edge-gateway", ENVIRONMENT, "http", "micronaut.server.port", "GATEWAY_HTTP_PORT", null),
                GatewayApplication.class, args);
    }
}
