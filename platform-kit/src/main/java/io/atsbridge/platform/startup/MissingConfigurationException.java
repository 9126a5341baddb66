package io.atsbridge.platform.startup;

/**
 * Thrown at start-up when required configuration is absent or invalid. Its message is the one line
 * an operator reads: what is missing and which setting (environment variable) supplies it. It never
 * contains a secret value.
 */
public final class MissingConfigurationException extends RuntimeException {

    public MissingConfigurationException(String message) {
        super(message, null, false, false);
    }
}
