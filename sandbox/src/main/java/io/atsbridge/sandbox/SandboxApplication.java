package io.atsbridge.sandbox;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import io.micronaut.runtime.server.EmbeddedServer;

/**
 * Runs the sandbox as its own process (port {@code SANDBOX_HTTP_PORT}, default 9180; every setting in
 * {@code application-sandbox.yml}). Starts with no data: seed it through the Java API in-process, or point
 * tests at it and let them seed.
 */
public final class SandboxApplication {

    private SandboxApplication() {
    }

    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            // The sandbox jar ships no logback.xml, so that it never competes with the launcher's on one class path.
            System.setProperty("logback.configurationFile", "sandbox-logback.xml");
        }
        ApplicationContext context = Micronaut.build(args)
                .mainClass(SandboxApplication.class)
                .environments(Sandbox.ENVIRONMENT)
                .banner(false)
                .build();
        try {
            context.start();
            Sandbox sandbox = Sandbox.attach(context);
            context.getBean(EmbeddedServer.class).start();
            Runtime.getRuntime().addShutdownHook(new Thread(context::close, "sandbox-shutdown"));
            System.out.println("atsbridge sandbox listening: Greenhouse Harvest at " + sandbox.greenhouseBaseUrl()
                    + "/v3 and /v1 (OAuth tokens at " + sandbox.greenhouseTokenUrl() + "), Lever at " + sandbox.leverBaseUrl()
                    + "/v1, Ashby at " + sandbox.ashbyBaseUrl() + ", AI vendor at " + sandbox.aiVendorBaseUrl() + "/v1");
        } catch (RuntimeException e) {
            System.err.println("atsbridge sandbox did not start: " + e.getMessage()
                    + " (check SANDBOX_HTTP_PORT and the SANDBOX_* settings)");
            try {
                context.close();
            } catch (RuntimeException ignored) {
                // Already failing; the line above is what the operator needs.
            }
            System.exit(1);
        }
    }
}
