package io.atsbridge.sandbox.greenhouse;

/** Where the Greenhouse simulator lives on the sandbox's HTTP server. */
public final class GreenhouseRoutes {

    /** The path prefix: the Harvest base URL is {@code http://host:port/greenhouse}, endpoints {@code /greenhouse/v1/...}. */
    public static final String BASE = "/greenhouse";

    /** The Harvest v3 OAuth token endpoint under {@link #BASE}; stands for {@code https://auth.greenhouse.io/token}. */
    public static final String TOKEN_PATH = "/auth/token";

    private GreenhouseRoutes() {
    }
}
