package io.atsbridge.sandbox.contract;

import io.micronaut.core.annotation.Nullable;

import java.util.Objects;

/**
 * One way an exchange left a vendor's published contract: which API and operation, which request, which part
 * (the endpoint itself, the request body, the response body), where in the body (a JSON pointer), what was
 * expected, and the vendor document the expectation comes from.
 *
 * @param api       the contract's API, e.g. {@code lever}
 * @param operation the operation's id in the contract, e.g. {@code addNote}; null when no operation covers the request
 * @param method    the HTTP method of the request
 * @param path      the request path as served, prefix included, e.g. {@code /lever/v1/opportunities/42/notes}
 * @param part      what left the contract
 * @param pointer   the JSON pointer of the offending value in the body ({@code ""} is the whole body)
 * @param problem   what is wrong, with the expected and the found value or type
 * @param source    the vendor document behind the expectation; null for an undocumented endpoint
 */
public record ContractViolation(String api, @Nullable String operation, String method, String path, Part part,
                                String pointer, String problem, @Nullable String source) {

    /** What of the exchange left the contract. */
    public enum Part {
        /** No documented operation has this method and path. */
        ENDPOINT,
        /** The body the client (a connector) sent. */
        REQUEST,
        /** The body the simulator answered. */
        RESPONSE
    }

    public ContractViolation {
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(part, "part");
        Objects.requireNonNull(pointer, "pointer");
        Objects.requireNonNull(problem, "problem");
    }

    /**
     * The violation in one line, e.g. {@code lever addNote POST /lever/v1/opportunities/7/notes: response body at
     * /data/noteUrl: field not in the documented example (Lever developer documentation, Notes > Create a note ...)}.
     */
    public String message() {
        StringBuilder m = new StringBuilder(api);
        if (operation != null) {
            m.append(' ').append(operation);
        }
        m.append(' ').append(method).append(' ').append(path).append(": ");
        switch (part) {
            case ENDPOINT -> m.append(problem);
            case REQUEST, RESPONSE -> m.append(part == Part.REQUEST ? "request body" : "response body")
                    .append(" at ").append(pointer.isEmpty() ? "(root)" : pointer).append(": ").append(problem);
        }
        if (source != null) {
            m.append(" [source: ").append(source).append(']');
        }
        return m.toString();
    }

    @Override
    public String toString() {
        return message();
    }
}
