package io.atsbridge.sandbox.contract;

import io.micronaut.core.annotation.Nullable;

import java.util.List;

/**
 * The outcome of checking one exchange against its API's contract.
 *
 * @param api        the API the exchange belongs to
 * @param operation  the contract operation that covered it; null when none did
 * @param coverage   whether it was checked at all
 * @param violations how it left the contract; empty when it did not (or was not checked)
 */
public record ContractCheck(String api, @Nullable String operation, Coverage coverage, List<ContractViolation> violations) {

    /** Whether an exchange was held to a contract. */
    public enum Coverage {
        /** An operation of the API's contract covered it (or a complete contract found no operation: a violation). */
        CHECKED,
        /** The API has no contract yet. */
        NO_CONTRACT,
        /** The API's contract is partial and lists no operation for this method and path. */
        NOT_LISTED
    }

    public ContractCheck {
        violations = List.copyOf(violations);
    }
}
