package io.atsbridge.sandbox.contract;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.core.annotation.Nullable;

import java.util.List;
import java.util.TreeSet;

/**
 * A vendor API's contract: where the sandbox serves it ({@code base}), its documented operations, and whether
 * they are all of them ({@link Scope#COMPLETE}: anything else is an undocumented endpoint) or only those written
 * down so far ({@link Scope#PARTIAL}: anything else goes unchecked and is reported as such).
 *
 * @param name       the API, e.g. {@code greenhouse-harvest-v1}
 * @param base       the path prefix the sandbox serves it under, stripped before matching, e.g. {@code /greenhouse/v1}
 * @param scope      whether the operations are every documented endpoint
 * @param operations the documented operations
 */
record ApiContract(String name, String base, Scope scope, List<ContractOperation> operations) {

    /** Whether a contract lists every endpoint the vendor documents. */
    enum Scope { COMPLETE, PARTIAL }

    ApiContract {
        operations = List.copyOf(operations);
    }

    /**
     * The operation for {@code method} and {@code path} (below the base): the matching template with the most
     * literal segments. Null when none matches; {@link #methodsFor} then tells whether the path is documented
     * with other methods.
     */
    @Nullable
    ContractOperation match(String method, String path, @Nullable JsonNode requestBody) {
        ContractOperation best = null;
        for (ContractOperation operation : operations) {
            // Operations sharing a URL (webhooks) are told apart by a field of the body.
            boolean chosen = operation.when() == null || operation.when().matches(requestBody);
            if (chosen && operation.method().equals(method) && operation.path().matches(path)
                    && (best == null || operation.path().literals() > best.path().literals())) {
                best = operation;
            }
        }
        return best;
    }

    /** The methods the contract documents for {@code path}, sorted. */
    TreeSet<String> methodsFor(String path) {
        TreeSet<String> methods = new TreeSet<>();
        for (ContractOperation operation : operations) {
            if (operation.path().matches(path)) {
                methods.add(operation.method());
            }
        }
        return methods;
    }
}
