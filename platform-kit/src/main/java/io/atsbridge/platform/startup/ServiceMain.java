package io.atsbridge.platform.startup;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;

/**
 * Starts one atsbridge service as its own process. The service's configuration lives in
 * {@code application-<env>.yml} (e.g. {@code application-identity.yml}) so that several services can
 * share a class path in the all-in-one launcher without reading each other's settings. A start-up
 * failure ends the process with one line on standard error saying what to fix.
 */
public final class ServiceMain {

    private ServiceMain() {
    }

    /**
     * Runs the service until the JVM is asked to stop.
     *
     * @param environment the service's Micronaut environment, e.g. {@code identity}
     * @param serviceName the service's name for messages, e.g. {@code identity-service}
     * @param databaseEnv the environment variable that sets its JDBC URL, e.g. {@code IDENTITY_DATASOURCE_URL}
     * @param mainClass   the service's main class
     * @param args        the command line
     */
    public static void run(String environment, String serviceName, String databaseEnv, Class<?> mainClass, String[] args) {
        Micronaut micronaut = Micronaut.build(args).mainClass(mainClass).environments(environment);
        ApplicationContext context = micronaut.build();
        try {
            context.start();
            context.findBean(io.micronaut.runtime.EmbeddedApplication.class).ifPresent(app -> {
                if (!app.isRunning()) {
                    app.start();
                }
            });
            Runtime.getRuntime().addShutdownHook(new Thread(context::close, serviceName + "-shutdown"));
        } catch (Throwable failure) {
            String url = context.getEnvironment().getProperty("datasources.default.url", String.class).orElse(null);
            System.err.println(StartupFailure.describe(serviceName, failure, url, databaseEnv));
            try {
                context.close();
            } catch (RuntimeException ignored) {
                // Already failing; the line above is what the operator needs.
            }
            System.exit(1);
        }
    }
}
