package io.atsbridge.platform.startup;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;

import io.micronaut.runtime.server.EmbeddedServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.TimeZone;
import java.util.concurrent.CountDownLatch;

/**
 * Starts one atsbridge service as its own process. The service's configuration lives in
 * {@code application-<env>.yml} (e.g. {@code application-identity.yml}) so that several services can
 * share a class path in the all-in-one launcher without reading each other's settings. A start-up
 * failure ends the process with one line on standard error saying what to fix.
 */
public final class ServiceMain {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceMain.class);

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
        // Stored times are UTC; JDBC drivers that convert through the JVM's zone must see UTC too.
        TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
        Micronaut micronaut = Micronaut.build(args).mainClass(mainClass).environments(environment).banner(false);
        ApplicationContext context = micronaut.build();
        CountDownLatch stopped = new CountDownLatch(1);
        try {
            context.start();
            context.findBean(io.micronaut.runtime.EmbeddedApplication.class).ifPresent(app -> {
                if (!app.isRunning()) {
                    app.start();
                }
                if (app instanceof EmbeddedServer server) {
                    LOG.info("{} started, listening on port {}", serviceName, server.getPort());
                }
            });
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                context.close();
                stopped.countDown();
            }, serviceName + "-shutdown"));
        } catch (Throwable failure) {
            String url = context.getEnvironment().getProperty("datasources.default.url", String.class).orElse(null);
            System.err.println(StartupFailure.describe(serviceName, failure, url, databaseEnv));
            try {
                context.close();
            } catch (RuntimeException ignored) {
                // Already failing; the line above is what the operator needs.
            }
            System.exit(1);
            return;
        }
        // The servers' threads are daemons: keep the process alive until it is asked to stop.
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
