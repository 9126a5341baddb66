package io.atsbridge.sandbox;

import io.atsbridge.sandbox.aivendor.AiVendorRoutes;
import io.atsbridge.sandbox.aivendor.AiVendorSimulator;
import io.atsbridge.sandbox.contract.ContractCoverage;
import io.atsbridge.sandbox.contract.ContractLog;
import io.atsbridge.sandbox.contract.ContractViolation;
import io.atsbridge.sandbox.faults.SandboxFaults;
import io.atsbridge.sandbox.greenhouse.GreenhouseRoutes;
import io.atsbridge.sandbox.greenhouse.GreenhouseSimulator;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;

import java.util.HashMap;
import java.util.List;

/**
 * A running sandbox: the Greenhouse simulator under {@code /greenhouse} and the AI interview vendor under
 * {@code /ai}, on one HTTP server in its own Micronaut application context (environment {@code sandbox}).
 *
 * <pre>{@code
 * try (Sandbox sandbox = Sandbox.start(SandboxSettings.builder().retryTimeScale(1.0 / 600).build())) {
 *     GreenhouseUser recruiter = sandbox.greenhouse().addUser("Ada", "Lovelace", "ada@example.com");
 *     String harvest = sandbox.greenhouseBaseUrl(); // http://127.0.0.1:PORT/greenhouse
 * }
 * }</pre>
 */
public final class Sandbox implements AutoCloseable {

    /** The Micronaut environment that selects the sandbox's beans and {@code application-sandbox.yml}. */
    public static final String ENVIRONMENT = "sandbox";

    private final ApplicationContext context;
    private final EmbeddedServer server;

    private Sandbox(ApplicationContext context, EmbeddedServer server) {
        this.context = context;
        this.server = server;
        greenhouse().assessments().serveCompletionsUnder(greenhouseBaseUrl());
    }

    /** Starts a sandbox with default settings on a free port. */
    public static Sandbox start() {
        return start(SandboxSettings.builder().build());
    }

    /**
     * Starts a sandbox; returns once it accepts requests.
     *
     * @throws IllegalStateException when the server cannot start (e.g. the port is taken)
     */
    public static Sandbox start(SandboxSettings settings) {
        ApplicationContext context = ApplicationContext.builder()
                .environments(ENVIRONMENT)
                .deduceEnvironment(false)
                .banner(false)
                .properties(new HashMap<>(settings.toProperties()))
                .build();
        try {
            context.start();
            EmbeddedServer server = context.getBean(EmbeddedServer.class);
            server.start();
            return new Sandbox(context, server);
        } catch (RuntimeException e) {
            try {
                context.close();
            } catch (RuntimeException ignored) {
                // Already failing; the cause below says why.
            }
            throw new IllegalStateException("sandbox did not start on port " + settings.port() + ": " + e.getMessage(), e);
        }
    }

    /** Wraps a context that the standalone main started. */
    static Sandbox attach(ApplicationContext context) {
        return new Sandbox(context, context.getBean(EmbeddedServer.class));
    }

    /** The port the server listens on. */
    public int port() {
        return server.getPort();
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getPort();
    }

    /** The Harvest base URL: endpoints are {@code <this>/v1/...}. */
    public String greenhouseBaseUrl() {
        return baseUrl() + GreenhouseRoutes.BASE;
    }

    /** The AI vendor base URL: endpoints are {@code <this>/v1/...}. */
    public String aiVendorBaseUrl() {
        return baseUrl() + AiVendorRoutes.BASE;
    }

    /** The Greenhouse simulator: seed data, act as a recruiter, read what clients wrote. */
    public GreenhouseSimulator greenhouse() {
        return context.getBean(GreenhouseSimulator.class);
    }

    /** The AI interview vendor simulator. */
    public AiVendorSimulator aiVendor() {
        return context.getBean(AiVendorSimulator.class);
    }

    /**
     * Fault injection for every simulator on this server, by path prefix ({@code /greenhouse}, {@code /lever},
     * {@code /ashby}, {@code /ai}): 5xx, latency, outages, 429 storms, set at run time.
     */
    public SandboxFaults faults() {
        return context.getBean(SandboxFaults.class);
    }

    /** The Harvest v3 OAuth token URL (stands for {@code https://auth.greenhouse.io/token}). */
    public String greenhouseTokenUrl() {
        return greenhouseBaseUrl() + GreenhouseRoutes.TOKEN_PATH;
    }

    /** The Ashby API base URL: methods are {@code POST <this>/<method>}, e.g. {@code <this>/candidate.info}. */
    public String ashbyBaseUrl() {
        return baseUrl() + io.atsbridge.sandbox.ashby.AshbyRoutes.BASE;
    }

    /** The Ashby simulator: seed data, act as a recruiter, read what clients wrote, call an assessment partner. */
    public io.atsbridge.sandbox.ashby.AshbySimulator ashby() {
        return context.getBean(io.atsbridge.sandbox.ashby.AshbySimulator.class);
    }

    /** The Lever Data API base URL: endpoints are {@code <this>/v1/...}, e.g. {@code <this>/v1/opportunities}. */
    public String leverBaseUrl() {
        return baseUrl() + io.atsbridge.sandbox.lever.LeverRoutes.BASE;
    }

    /** The Lever simulator: seed data, act as a recruiter, read what clients wrote. */
    public io.atsbridge.sandbox.lever.LeverSimulator lever() {
        return context.getBean(io.atsbridge.sandbox.lever.LeverSimulator.class);
    }

    /**
     * Every way an exchange this sandbox served left the vendor's published contract (request or response body,
     * or an undocumented endpoint), oldest first, since the start or the last {@link #clearContractViolations()}.
     * Each simulator API with a contract under {@code contracts/<api>/} is checked as it is served; one without a
     * contract is not (see {@link #contractCoverage()}).
     */
    public List<ContractViolation> contractViolations() {
        return contractLog().violations();
    }

    /** Forgets the contract violations and coverage counts recorded so far (e.g. after a test's set-up). */
    public void clearContractViolations() {
        contractLog().clear();
    }

    /**
     * Fails when any exchange left a vendor's published contract: for the end of a test that runs connectors
     * against this sandbox.
     *
     * @throws AssertionError listing every violation with its operation, JSON pointer, expectation and source
     */
    public void assertNoContractViolations() {
        contractLog().assertNone();
    }

    /** The simulated APIs without a contract yet, and what was served unchecked or checked so far. */
    public ContractCoverage contractCoverage() {
        return contractLog().coverage();
    }

    private ContractLog contractLog() {
        return context.getBean(ContractLog.class);
    }

    /** The settings in force. */
    public SandboxSettings settings() {
        return context.getBean(SandboxSettings.class);
    }

    /** Stops the server and drops all state; pending webhook retries are abandoned. */
    @Override
    public void close() {
        context.close();
    }
}
