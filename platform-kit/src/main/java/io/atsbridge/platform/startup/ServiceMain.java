package io.atsbridge.platform.startup;

import io.micronaut.context.ApplicationContext;
import io.micronaut.grpc.server.GrpcEmbeddedServer;
import io.micronaut.runtime.EmbeddedApplication;
import io.micronaut.runtime.Micronaut;
import io.micronaut.runtime.server.EmbeddedServer;

import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.concurrent.CountDownLatch;

/**
 * Starts one atsbridge service as its own process ({@code java -jar <service>.jar}). The service's
 * configuration lives in {@code application-<env>.yml} (e.g. {@code application-identity.yml}) so that
 * several services can share a class path in the all-in-one launcher without reading each other's
 * settings. Before anything starts, the environment is checked against the service's catalog of
 * variables ({@link EnvironmentCatalog}): an unknown one is refused. Start-up prints one line naming
 * every port the service listens on; a failure ends the process with one line on standard error
 * saying what to fix.
 */
public final class ServiceMain {

    private ServiceMain() {
    }

    /** Runs the service until the JVM is asked to stop. */
    public static void run(ServiceDefinition service, Class<?> mainClass, String[] args) {
        run(service, mainClass, args, Map.of(), Set.of(), new Object[0]);
    }

    /**
     * Runs the service until the JVM is asked to stop, with settings it derived itself.
     *
     * @param properties        properties added to the context (above configuration files, below system properties)
     * @param consumedVariables environment variables the service has interpreted itself, kept from Micronaut's
     *                          automatic mapping (which would read {@code ATSBRIDGE_CONNECTIONS_GH_ACME_TENANT} as
     *                          connection {@code gh})
     * @param singletons        beans handed to the context as they are
     */
    public static void run(ServiceDefinition service, Class<?> mainClass, String[] args, Map<String, Object> properties,
                           Set<String> consumedVariables, Object... singletons) {
        // Stored times are UTC; JDBC drivers that convert through the JVM's zone must see UTC too.
        TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
        long started = System.nanoTime();
        try {
            EnvironmentCatalog.load(service.name()).checkNoUnknown(System.getenv());
        } catch (MissingConfigurationException e) {
            fail(service.name() + " cannot start: " + e.getMessage());
            return;
        }
        Micronaut micronaut = Micronaut.build(args).mainClass(mainClass).environments(service.environment()).banner(false);
        micronaut.properties(properties);
        micronaut.singletons(singletons);
        if (!consumedVariables.isEmpty()) {
            micronaut.environmentVariableExcludes(consumedVariables.toArray(String[]::new));
        }
        ApplicationContext context = micronaut.build();
        CountDownLatch stopped = new CountDownLatch(1);
        try {
            context.start();
            EmbeddedApplication<?> application = context.getBean(EmbeddedApplication.class);
            if (!application.isRunning()) {
                application.start();
            }
            System.out.println(startedLine(service, application, (System.nanoTime() - started) / 1_000_000));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                context.close();
                stopped.countDown();
            }, service.name() + "-shutdown"));
        } catch (Throwable failure) {
            String url = context.getEnvironment().getProperty("datasources.default.url", String.class).orElse(null);
            Integer port = context.getEnvironment().getProperty(service.portProperty(), Integer.class).orElse(null);
            String line = StartupFailure.describe(service, failure, url, port);
            try {
                context.close();
            } catch (RuntimeException ignored) {
                // Already failing; the line below is what the operator needs.
            }
            fail(line);
            return;
        }
        // The servers' threads are daemons: keep the process alive until it is asked to stop.
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** E.g. {@code identity-service started in 2310 ms: grpc 0.0.0.0:9101 (IDENTITY_GRPC_PORT)}. */
    static String startedLine(ServiceDefinition service, EmbeddedApplication<?> application, long millis) {
        int port = application instanceof GrpcEmbeddedServer grpc ? grpc.getPort()
                : application instanceof EmbeddedServer server ? server.getPort() : -1;
        return service.name() + " started in " + millis + " ms: " + service.protocol() + " 0.0.0.0:" + port
                + " (" + service.portVariable() + ")";
    }

    private static void fail(String line) {
        System.err.println(line);
        System.exit(1);
    }
}
