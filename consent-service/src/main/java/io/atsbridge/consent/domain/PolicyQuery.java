package io.atsbridge.consent.domain;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.List;

/**
 * An action to decide on.
 *
 * @param candidateId    the canonical candidate whose ledger is read
 * @param action         what atsbridge wants to do
 * @param jurisdictions  the places whose law applies; each also brings in its ancestors
 * @param dataCategories the kinds of data the action captures or produces
 * @param evaluateTime   the moment to decide for, or null for now
 */
public record PolicyQuery(
        String candidateId,
        PolicyAction action,
        List<String> jurisdictions,
        List<String> dataCategories,
        @Nullable Instant evaluateTime) {

    public PolicyQuery {
        jurisdictions = List.copyOf(jurisdictions);
        dataCategories = List.copyOf(dataCategories);
    }
}
