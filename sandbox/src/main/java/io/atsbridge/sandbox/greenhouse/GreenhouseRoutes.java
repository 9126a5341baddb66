package io.atsbridge.sandbox.greenhouse;

/** Where the Greenhouse simulator lives on the sandbox's HTTP server. */
public final class GreenhouseRoutes {

    /** The path prefix: the Harvest base URL is {@code http://host:port/greenhouse}, endpoints {@code /greenhouse/v1/...}. */
    public static final String BASE = "/greenhouse";

    private GreenhouseRoutes() {
    }
}
