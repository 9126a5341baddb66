package io.atsbridge.consent.domain;

import io.micronaut.core.annotation.Nullable;

import java.time.LocalDate;

/**
 * One consent method a rule accepts, from a date when the law admitted it later (BIPA has accepted an
 * electronic signature as a written release since 2024-08-02).
 *
 * @param method the method
 * @param since  the first capture day on which the method counts, or null for always
 */
public record ConsentForm(ConsentMethod method, @Nullable LocalDate since) {

    /** Whether a consent captured with {@code used} on {@code capturedOn} meets this form. */
    boolean accepts(ConsentMethod used, LocalDate capturedOn) {
        return used == method && (since == null || !capturedOn.isBefore(since));
    }

    /** The pack's notation, e.g. {@code electronic_signature>=2024-08-02}. */
    @Override
    public String toString() {
        String name = method.name().toLowerCase(java.util.Locale.ROOT);
        return since == null ? name : name + ">=" + since;
    }
}
