package io.atsbridge.sandbox.lever;

import io.micronaut.core.annotation.Nullable;

import java.util.List;

/**
 * The person behind one or more opportunities. Holds personal data; {@link #toString()} prints the id only.
 *
 * @param name     the full name, as Lever keeps it (one field)
 * @param emails   e-mail addresses, primary first
 * @param location free text such as {@code Berlin}; null when unknown
 */
public record LeverContact(String id, String name, @Nullable String headline, List<String> emails, List<String> phones,
                           @Nullable String location) {

    public LeverContact {
        emails = List.copyOf(emails);
        phones = List.copyOf(phones);
    }

    @Override
    public String toString() {
        return "LeverContact[" + id + "]";
    }
}
