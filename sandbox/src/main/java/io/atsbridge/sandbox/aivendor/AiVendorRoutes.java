package io.atsbridge.sandbox.aivendor;

/** Where the AI vendor simulator lives on the sandbox's HTTP server. */
public final class AiVendorRoutes {

    /** The path prefix: the vendor's base URL is {@code http://host:port/ai}, endpoints {@code /ai/v1/...}. */
    public static final String BASE = "/ai";

    private AiVendorRoutes() {
    }
}
