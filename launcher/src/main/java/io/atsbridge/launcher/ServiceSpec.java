package io.atsbridge.launcher;

/**
 * One service the launcher runs.
 *
 * @param name        the service's name, e.g. {@code identity-service}
 * @param environment its Micronaut environment, e.g. {@code identity}
 * @param peer        its name in {@code atsbridge.peers} for the services that call it
 * @param envPrefix   the prefix of its environment variables, e.g. {@code IDENTITY}
 */
record ServiceSpec(String name, String environment, String peer, String envPrefix) {

    /** The gRPC services, in start order: every service starts after the ones it calls. */
    static final java.util.List<ServiceSpec> GRPC_SERVICES = java.util.List.of(
            new ServiceSpec("audit-service", "audit", "audit", "AUDIT"),
            new ServiceSpec("identity-service", "identity", "identity", "IDENTITY"),
            new ServiceSpec("mapping-service", "mapping", "mapping", "MAPPING"),
            new ServiceSpec("consent-service", "consent", "consent", "CONSENT"),
            new ServiceSpec("adapter-service", "adapter", "adapter", "ADAPTER"));

    /** The HTTP edge, started last. */
    static final ServiceSpec GATEWAY = new ServiceSpec("edge-gateway", "gateway", "gateway", "GATEWAY");

    String datasourceUrlVariable() {
        return envPrefix + "_DATASOURCE_URL";
    }
}
