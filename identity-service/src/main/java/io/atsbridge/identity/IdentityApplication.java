package io.atsbridge.identity;

import io.atsbridge.platform.startup.ServiceMain;

/** Runs identity-service as its own process: {@code java -cp ... io.atsbridge.identity.IdentityApplication}. */
public final class IdentityApplication {

    /** The Micronaut environment that selects this service's beans and {@code application-identity.yml}. */
    public static final String ENVIRONMENT = "identity";

    private IdentityApplication() {
    }

    public static void main(String[] args) {
        ServiceMain.run(ENVIRONMENT, "identity-service", "IDENTITY_DATASOURCE_URL", IdentityApplication.class, args);
    }
}
