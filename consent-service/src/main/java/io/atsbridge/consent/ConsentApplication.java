package io.atsbridge.consent;

import io.atsbridge.platform.startup.ServiceDefinition;
import io.atsbridge.platform.startup.ServiceMain;

/** Runs consent-service as its own process: {@code java -jar consent-service/target/consent-service.jar}. */
public final class ConsentApplication {

    /** The Micronaut environment that selects this service's beans and {@code application-consent.yml}. */
    public static final String ENVIRONMENT = "consent";

    private ConsentApplication() {
    }

    public static void main(String[] args) {
        ServiceMain.run(ServiceDefinition.grpc(ENVIRONMENT), ConsentApplication.class, args);
    }
}
