package io.atsbridge.sandbox.contract;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the sandbox's contract checks covered so far: the simulated APIs that have no contract yet (their
 * exchanges are served unchecked), the requests that went unchecked because no operation of a {@code partial}
 * contract lists them, and how often each contract operation was checked.
 *
 * @param apisWithoutContract simulated APIs without {@code contracts/<api>/operations.yml}, as {@code name (prefix)}
 * @param uncheckedRequests   {@code api METHOD path} (ids in the path written {@code {id}}) to how many such requests
 *                            were served unchecked, for APIs without a contract and endpoints a partial contract lacks
 * @param checkedOperations   {@code api operationId} to how many exchanges were checked against it
 */
public record ContractCoverage(List<String> apisWithoutContract, Map<String, Integer> uncheckedRequests,
                               Map<String, Integer> checkedOperations) {

    public ContractCoverage {
        apisWithoutContract = List.copyOf(apisWithoutContract);
        // Sorted, so a printed coverage reads by API.
        uncheckedRequests = Collections.unmodifiableMap(new TreeMap<>(uncheckedRequests));
        checkedOperations = Collections.unmodifiableMap(new TreeMap<>(checkedOperations));
    }
}
