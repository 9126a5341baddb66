package io.atsbridge.launcher;

import io.atsbridge.adapter.config.Declarations;
import io.atsbridge.platform.startup.EnvironmentCatalog;
import io.atsbridge.platform.startup.MissingConfigurationException;
import io.micronaut.core.annotation.Nullable;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar atsbridge.jar [--data-dir DIR]}: runs every atsbridge service in one JVM on
 * embedded H2 databases under {@code ./data} (so data survives a restart), prints one line per
 * service with its address, and stops cleanly on Ctrl-C.
 *
 * <p>Ports come from each service's variable ({@code IDENTITY_GRPC_PORT} 9101, {@code MAPPING_GRPC_PORT}
 * 9102, {@code CONSENT_GRPC_PORT} 9103, {@code AUDIT_GRPC_PORT} 9104, {@code ADAPTER_GRPC_PORT} 9105,
 * {@code GATEWAY_HTTP_PORT} 8080); a service whose {@code <SERVICE>_DATASOURCE_URL} is set uses that
 * database instead of H2.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) throws InterruptedException, java.io.IOException {
        // Stored times are UTC; JDBC drivers that convert through the JVM's zone must see UTC too.
        java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("UTC"));
        Path dataDir = null;
        Path config = null;
        boolean demo = false;
        boolean exit = false;
        boolean mix = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data-dir" -> {
                    if (i + 1 >= args.length) {
                        usage("--data-dir needs a directory");
                    }
                    dataDir = Path.of(args[++i]);
                }
                case "run" -> {
                    // The default command.
                }
                case "demo" -> demo = true;
                case "--config" -> {
                    if (i + 1 >= args.length) {
                        usage("--config needs a file");
                    }
                    config = Path.of(args[++i]);
                }
                case "--exit" -> exit = true;
                case "--mix" -> mix = true;
                case "-h", "--help" -> {
                    System.out.println(USAGE);
                    return;
                }
                default -> usage("unknown argument '" + args[i] + "'");
            }
        }
        if ((exit || mix) && !demo) {
            usage((exit ? "--exit" : "--mix") + " goes with demo");
        }
        if (demo) {
            // Each demo starts from empty databases: the sandbox's ids start over on every run.
            Path demoData = dataDir != null ? dataDir : java.nio.file.Files.createTempDirectory("atsbridge-demo");
            Demo.run(demoData, System.getenv(), exit, mix);
            return;
        }
        if (config == null && System.getenv("ATSBRIDGE_CONFIG") != null) {
            config = Path.of(System.getenv("ATSBRIDGE_CONFIG"));
        } else if (config == null && java.nio.file.Files.exists(Path.of("atsbridge.yml"))) {
            config = Path.of("atsbridge.yml");
        }
        run(dataDir != null ? dataDir : Path.of(System.getenv().getOrDefault("ATSBRIDGE_DATA_DIR", "data")), config,
                System.getenv());
    }

    private static void run(Path dataDir, @Nullable Path config, Map<String, String> environment) throws InterruptedException {
        long started = System.nanoTime();
        EmbeddedPlatform platform;
        try {
            launcherEnvironment().checkNoUnknown(environment);
            // Read before anything starts, so a mistake in the file costs no start-up.
            Declarations declarations = Declarations.resolve(environment, config);
            platform = EmbeddedPlatform.start(LaunchOptions.of(dataDir, environment, declarations));
        } catch (MissingConfigurationException e) {
            System.err.println("atsbridge cannot start: " + e.getMessage());
            System.exit(1);
            return;
        } catch (EmbeddedPlatform.StartupException e) {
            System.err.println(e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = stopOnShutdown(platform, "atsbridge stopped");
        printServices("atsbridge all-in-one", dataDir, started, platform);
        System.out.println("operator token (Bearer, any tenant) in " + new LocalSecrets(dataDir).operatorTokenFile().toAbsolutePath()
                + "; Ctrl-C stops");
        stopped.await();
    }

    /** The variables the all-in-one process reads: every service's, and the launcher's own. */
    static EnvironmentCatalog launcherEnvironment() {
        List<EnvironmentCatalog> services = java.util.stream.Stream.of("identity-service", "mapping-service",
                "consent-service", "audit-service", "adapter-service", "edge-gateway").map(EnvironmentCatalog::load).toList();
        return EnvironmentCatalog.union("atsbridge", services, List.of(
                new EnvironmentCatalog.Variable("ATSBRIDGE_DATA_DIR", false, false, "where the embedded databases live"),
                new EnvironmentCatalog.Variable("ATSBRIDGE_CONFIG", false, false, "the declaration file")));
    }

    /** Closes what runs when the JVM is asked to stop (Ctrl-C, SIGTERM); the latch opens once it is closed. */
    static CountDownLatch stopOnShutdown(AutoCloseable running, String farewell) {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                running.close();
            } catch (Exception e) {
                System.err.println("atsbridge did not stop cleanly: " + e.getMessage());
            }
            System.out.println(farewell);
            stopped.countDown();
        }, "atsbridge-shutdown"));
        return stopped;
    }

    /** The start-up banner: one line per service with its address. */
    static void printServices(String what, Path dataDir, long startedNanos, EmbeddedPlatform platform) {
        System.out.printf("%s, data in %s, started in %d ms%n", what, dataDir.toAbsolutePath(),
                (System.nanoTime() - startedNanos) / 1_000_000);
        for (EmbeddedPlatform.RunningService service : platform.services()) {
            System.out.printf("  %-17s %-4s %s%n", service.name(), service.protocol(), service.address());
        }
    }

    private static final String USAGE = """
            usage: java -jar atsbridge.jar [run | demo [--exit] [--mix]] [--data-dir DIR] [--config FILE]
              run           start every service in one process (default)
              demo          start everything with the sandbox vendors, run 50 synthetic candidates through the
                            loop and print a summary; --exit stops afterwards (exit code 1 if any did not settle);
                            --mix makes it a realistic pilot: some candidates decline, some never finish, some
                            never start (their invitations expire after 20 s), and the AI vendor has an outage
              --data-dir    where the embedded databases and local secrets live (default ./data, or ATSBRIDGE_DATA_DIR)
              --config      connections and mapping profiles to create at start-up (default ./atsbridge.yml if it
                            exists, or ATSBRIDGE_CONFIG); see atsbridge.example.yml""";

    private static void usage(String problem) {
        System.err.println("atsbridge: " + problem);
        System.err.println(USAGE);
        System.exit(2);
    }
}
