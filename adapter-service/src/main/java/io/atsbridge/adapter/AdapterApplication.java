package io.atsbridge.adapter;

import io.atsbridge.adapter.config.Declarations;
import io.atsbridge.platform.startup.MissingConfigurationException;
import io.atsbridge.platform.startup.ServiceDefinition;
import io.atsbridge.platform.startup.ServiceMain;

import java.util.HashMap;

/**
 * Runs adapter-service as its own process: {@code java -jar adapter-service/target/adapter-service.jar}. Its
 * declarations (connections, subscribers, tuning, mapping profiles) come from the file {@code ATSBRIDGE_CONFIG}
 * names and from the environment, read exactly as the all-in-one launcher reads them.
 */
public final class AdapterApplication {

    /** The Micronaut environment that selects this service's beans and {@code application-adapter.yml}. */
    public static final String ENVIRONMENT = "adapter";

    private AdapterApplication() {
    }

    public static void main(String[] args) {
        ServiceDefinition service = ServiceDefinition.grpc(ENVIRONMENT);
        Declarations declarations;
        try {
            declarations = Declarations.resolve(System.getenv(), null);
        } catch (MissingConfigurationException e) {
            System.err.println(service.name() + " cannot start: " + e.getMessage());
            System.exit(1);
            return;
        }
        ServiceMain.run(service, AdapterApplication.class, args, new HashMap<>(declarations.properties()),
                declarations.consumedVariables(), declarations);
    }
}
