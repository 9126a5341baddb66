package io.atsbridge.identity;

import io.atsbridge.platform.startup.ServiceDefinition;
import io.atsbridge.platform.startup.ServiceMain;

/** Runs identity-service as its own process: {@code java -jar identity-service/target/identity-service.jar}. */
public final class IdentityApplication {

    /** The Micronaut environment that selects this service's beans and {@code application-identity.yml}. */
    public static final String ENVIRONMENT = "identity";

    private IdentityApplication() {
    }

    public static void main(String[] args) {
        ServiceMain.run(ServiceDefinition.grpc(ENVIRONMENT), IdentityApplication.class, args);
    }
}
