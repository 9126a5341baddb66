package io.atsbridge.sandbox.greenhouse;

import io.micronaut.core.annotation.Nullable;

/** An e-mail address, phone number, address or website of a candidate, with its type ({@code personal}, {@code mobile}, ...). */
public record ContactValue(String value, @Nullable String type) {

    /** A value of the given type. */
    public static ContactValue of(String value, String type) {
        return new ContactValue(value, type);
    }
}
