package io.atsbridge.sandbox.ashby;

/** Where the Ashby simulator lives on the sandbox's HTTP server. */
public final class AshbyRoutes {

    /** The path prefix: the API base URL is {@code http://host:port/ashby}, methods {@code POST /ashby/<method>}. */
    public static final String BASE = "/ashby";

    /**
     * The methods the simulator implements, as a route pattern: other methods match no route and are answered
     * by the sandbox's not-found handler (HTTP 404), as an unknown path would be.
     */
    static final String METHODS = "candidate\\.(info|createNote|listNotes|addTag)"
            + "|candidateTag\\.(list|create)"
            + "|application\\.(info|list|changeStage)"
            + "|customField\\.(list|setValue)"
            + "|interviewStage\\.list|job\\.info|assessment\\.update";

    private AshbyRoutes() {
    }
}
