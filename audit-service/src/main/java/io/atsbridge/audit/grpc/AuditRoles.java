package io.atsbridge.audit.grpc;

import io.atsbridge.platform.auth.RequiredRole;
import io.atsbridge.proto.audit.v1.AuditServiceGrpc;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** Who may write the audit log: services record what they did; people read. */
@Factory
final class AuditRoles {

    @Singleton
    RequiredRole appendIsForServices() {
        return new RequiredRole(AuditServiceGrpc.getAppendRecordsMethod().getFullMethodName(), "service");
    }
}
