package io.atsbridge.platform.startup;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

/**
 * Which atsbridge service this application context is, from {@code atsbridge.service.name}
 * (e.g. {@code identity-service}). Used for error domains, logs and health names.
 */
@Singleton
public final class ServiceIdentity {

    private final String name;

    public ServiceIdentity(@Value("${atsbridge.service.name:atsbridge}") String name) {
        this.name = name;
    }

    /** The service name, e.g. {@code identity-service}. */
    public String name() {
        return name;
    }

    /** The {@code ErrorInfo.domain} of this service's errors, e.g. {@code identity.atsbridge.io}. */
    public String errorDomain() {
        String shortName = name.endsWith("-service") ? name.substring(0, name.length() - "-service".length()) : name;
        return shortName + ".atsbridge.io";
    }
}
