package io.atsbridge.identity.domain;

import io.atsbridge.platform.error.DomainException;

/**
 * One id in one external system, read together with the connection that issued it.
 *
 * @param connectionId the atsbridge connection, e.g. {@code gh-acme}
 * @param vendor       the vendor's name, e.g. {@code GREENHOUSE}
 * @param kind         what the id names
 * @param id           the id as the external system spells it
 */
public record ExternalId(String connectionId, String vendor, ExternalIdKind kind, String id) {

    static final int MAX_ID_LENGTH = 200;
    static final int MAX_CONNECTION_ID_LENGTH = 100;

    /** Checks that the id is complete and of the expected kind; {@code field} names it in errors. */
    void check(String field, ExternalIdKind expected) {
        DomainException.checkArgument(kind == expected, "EXTERNAL_REF_KIND_MISMATCH",
                "%s.kind: %s (expected: %s)", field, kind, expected);
        DomainException.checkArgument(!connectionId.isBlank() && connectionId.length() <= MAX_CONNECTION_ID_LENGTH,
                "EXTERNAL_REF_INCOMPLETE", "%s.connection_id: '%s' (expected: 1..%s characters)",
                field, connectionId, MAX_CONNECTION_ID_LENGTH);
        DomainException.checkArgument(!vendor.isBlank(), "EXTERNAL_REF_INCOMPLETE",
                "%s.vendor is unset (expected: the vendor of connection %s)", field, connectionId);
        DomainException.checkArgument(!id.isBlank() && id.length() <= MAX_ID_LENGTH, "EXTERNAL_REF_INCOMPLETE",
                "%s.id: '%s' (expected: 1..%s characters)", field, id, MAX_ID_LENGTH);
    }
}
