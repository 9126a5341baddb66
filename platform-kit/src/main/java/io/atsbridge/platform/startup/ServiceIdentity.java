package io.atsbridge.platform.startup;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Which atsbridge service this application context is, {@code atsbridge.service.*}. Used for error domains, logs
 * and health names; each service's YAML sets its name.
 *
 * @param name the service name, e.g. {@code identity-service}
 */
@ConfigurationProperties("atsbridge.service")
public record ServiceIdentity(@Bindable(defaultValue = "atsbridge") String name) {

    /** The {@code ErrorInfo.domain} of this service's errors, e.g. {@code identity.atsbridge.io}. */
    public String errorDomain() {
        String shortName = name.endsWith("-service") ? name.substring(0, name.length() - "-service".length()) : name;
        return shortName + ".atsbridge.io";
    }
}
