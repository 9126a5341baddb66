package io.atsbridge.consent;

import io.atsbridge.platform.startup.ServiceMain;

/** Runs consent-service as its own process: {@code java -cp ... io.atsbridge.consent.ConsentApplication}. */
public final class ConsentApplication {

    /** The Micronaut environment that selects this service's beans and {@code application-consent.yml}. */
    public static final String ENVIRONMENT = "consent";

    private ConsentApplication() {
    }

    public static void main(String[] args) {
        ServiceMain.run(ENVIRONMENT, "consent-service", "CONSENT_DATASOURCE_URL", ConsentApplication.class, args);
    }
}
