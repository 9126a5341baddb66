package io.atsbridge.mapping;

import io.atsbridge.platform.startup.ServiceDefinition;
import io.atsbridge.platform.startup.ServiceMain;

/** Runs mapping-service as its own process: {@code java -jar mapping-service/target/mapping-service.jar}. */
public final class MappingApplication {

    /** The Micronaut environment that selects this service's beans and {@code application-mapping.yml}. */
    public static final String ENVIRONMENT = "mapping";

    private MappingApplication() {
    }

    public static void main(String[] args) {
        ServiceMain.run(ServiceDefinition.grpc(ENVIRONMENT), MappingApplication.class, args);
    }
}
