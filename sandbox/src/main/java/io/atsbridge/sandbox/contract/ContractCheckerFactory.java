package io.atsbridge.sandbox.contract;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** The sandbox's checker: the class path's contracts, loaded once per JVM however many sandboxes start. */
@Factory
final class ContractCheckerFactory {

    @Singleton
    ContractChecker contractChecker() {
        return ContractChecker.fromClasspath();
    }
}
