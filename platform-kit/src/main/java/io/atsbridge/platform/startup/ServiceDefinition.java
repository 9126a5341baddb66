package io.atsbridge.platform.startup;

import io.micronaut.core.annotation.Nullable;

/**
 * What {@link ServiceMain} needs to know to run one service as its own process and to explain it:
 * its name, Micronaut environment, the port it listens on and the variables that set port and database.
 *
 * @param name             e.g. {@code identity-service}; also the name of its environment catalog
 * @param environment      its Micronaut environment, e.g. {@code identity} (selects {@code application-identity.yml})
 * @param protocol         {@code grpc} or {@code http}
 * @param portProperty     the property holding its port, e.g. {@code grpc.server.port}
 * @param portVariable     the environment variable that sets it, e.g. {@code IDENTITY_GRPC_PORT}
 * @param databaseVariable the variable that sets its JDBC URL, e.g. {@code IDENTITY_DATASOURCE_URL}; null without a database
 */
public record ServiceDefinition(String name, String environment, String protocol, String portProperty, String portVariable,
                                @Nullable String databaseVariable) {

    /** A gRPC service with its own database, following the naming every atsbridge service uses. */
    public static ServiceDefinition grpc(String environment) {
        String prefix = environment.toUpperCase(java.util.Locale.ROOT);
        return new ServiceDefinition(environment + "-service", environment, "grpc", "grpc.server.port",
                prefix + "_GRPC_PORT", prefix + "_DATASOURCE_URL");
    }
}
