package io.atsbridge.sandbox.greenhouse;

import io.micronaut.core.annotation.Nullable;

/** A Greenhouse user: who may act (On-Behalf-Of), write notes and move candidates. */
public record GreenhouseUser(long id, String firstName, String lastName, String email, @Nullable String employeeId) {

    /** "First Last", as Greenhouse's {@code name}. */
    public String name() {
        return firstName + " " + lastName;
    }
}
