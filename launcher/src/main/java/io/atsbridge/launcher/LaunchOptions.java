package io.atsbridge.launcher;

import io.atsbridge.adapter.config.Declarations;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * How to start the embedded platform.
 *
 * @param dataDir           where the H2 databases and local secrets live
 * @param environment       the process environment; a service whose {@code <SERVICE>_DATASOURCE_URL} is
 *                          set there keeps that database instead of H2
 * @param serviceProperties extra Micronaut properties by service environment ({@code identity},
 *                          {@code adapter}, {@code gateway}, ...) or {@code *} for every service; they
 *                          win over everything else (tests use them for databases and connections)
 * @param randomPorts       listen on free ports instead of the configured ones
 * @param declarations      what the declaration file and the environment declare for adapter-service (connections,
 *                          subscribers, tuning, mapping profiles), read as a standalone adapter reads them
 */
public record LaunchOptions(Path dataDir, Map<String, String> environment,
                            Map<String, Map<String, String>> serviceProperties, boolean randomPorts,
                            Declarations declarations) {

    /** Every service, for {@link #serviceProperties}. */
    public static final String ALL_SERVICES = "*";

    /** Options without a declaration file: only what the environment declares. */
    public LaunchOptions(Path dataDir, Map<String, String> environment, Map<String, Map<String, String>> serviceProperties,
                         boolean randomPorts) {
        this(dataDir, environment, serviceProperties, randomPorts, Declarations.resolve(environment, null));
    }

    public LaunchOptions {
        environment = Map.copyOf(environment);
        Map<String, Map<String, String>> copy = new HashMap<>();
        serviceProperties.forEach((service, properties) -> copy.put(service, Map.copyOf(properties)));
        serviceProperties = Map.copyOf(copy);
    }

    /** The options of {@code java -jar atsbridge.jar}: this process's environment, configured ports. */
    public static LaunchOptions of(Path dataDir, Map<String, String> environment, Declarations declarations) {
        return new LaunchOptions(dataDir, environment, Map.of(), false, declarations);
    }

    /** The extra properties for one service: those for every service, then its own. */
    Map<String, String> propertiesFor(String serviceEnvironment) {
        Map<String, String> properties = new HashMap<>(serviceProperties.getOrDefault(ALL_SERVICES, Map.of()));
        properties.putAll(serviceProperties.getOrDefault(serviceEnvironment, Map.of()));
        return properties;
    }
}
