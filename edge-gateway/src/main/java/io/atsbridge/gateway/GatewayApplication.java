package io.atsbridge.gateway;

import io.atsbridge.platform.startup.ServiceMain;

/** Runs the edge gateway as its own process. */
public final class GatewayApplication {

    /** The Micronaut environment that selects the gateway's beans and {@code application-gateway.yml}. */
    public static final String ENVIRONMENT = "gateway";

    private GatewayApplication() {
    }

    public static void main(String[] args) {
        ServiceMain.run(ENVIRONMENT, "edge-gateway", "(the gateway has no database)", GatewayApplication.class, args);
    }
}
