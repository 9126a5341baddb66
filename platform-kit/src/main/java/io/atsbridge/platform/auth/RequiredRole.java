package io.atsbridge.platform.auth;

import java.util.Objects;

/**
 * A gRPC method only callers holding a role may call, beyond being allowed for the tenant — e.g.
 * appending to the audit log is for services, not people. A service declares each as a bean; the
 * authentication interceptor refuses others with PERMISSION_DENIED (ROLE_REQUIRED).
 *
 * @param fullMethodName e.g. {@code atsbridge.audit.v1.AuditService/AppendRecords}
 * @param role           the role the caller must hold, e.g. {@code service}
 */
public record RequiredRole(String fullMethodName, String role) {

    public RequiredRole {
        Objects.requireNonNull(fullMethodName, "fullMethodName");
        Objects.requireNonNull(role, "role");
    }
}
