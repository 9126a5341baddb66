package io.atsbridge.sandbox.lever;

/** Where the Lever simulator lives on the sandbox's HTTP server. */
public final class LeverRoutes {

    /** The path prefix: the Lever base URL is {@code http://host:port/lever}, endpoints {@code /lever/v1/...}. */
    public static final String BASE = "/lever";

    private LeverRoutes() {
    }
}
