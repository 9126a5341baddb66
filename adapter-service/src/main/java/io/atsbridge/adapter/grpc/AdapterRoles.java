package io.atsbridge.adapter.grpc;

import io.atsbridge.platform.auth.RequiredRole;
import io.atsbridge.proto.adapter.v1.AdapterServiceGrpc;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** The adapter methods only callers holding a role may call, beyond being allowed for the tenant. */
@Factory
final class AdapterRoles {

    /** Operators settle write conflicts: a decision about a person's edit on the ATS record. */
    static final String OPERATOR_ROLE = "operator";

    @Singleton
    RequiredRole resolveConflictIsForOperators() {
        return new RequiredRole(AdapterServiceGrpc.getResolveConflictMethod().getFullMethodName(), OPERATOR_ROLE);
    }

    /** Operators decide when a dead letter's cause is fixed and it may run again. */
    @Singleton
    RequiredRole replayDeadLetterIsForOperators() {
        return new RequiredRole(AdapterServiceGrpc.getReplayDeadLetterMethod().getFullMethodName(), OPERATOR_ROLE);
    }

    /** Operators decide when a connection is backfilled: it may start interviews for many applications at once. */
    @Singleton
    RequiredRole startBackfillIsForOperators() {
        return new RequiredRole(AdapterServiceGrpc.getStartBackfillMethod().getFullMethodName(), OPERATOR_ROLE);
    }

    @Singleton
    RequiredRole stopBackfillIsForOperators() {
        return new RequiredRole(AdapterServiceGrpc.getStopBackfillMethod().getFullMethodName(), OPERATOR_ROLE);
    }

    @Singleton
    RequiredRole resumeBackfillIsForOperators() {
        return new RequiredRole(AdapterServiceGrpc.getResumeBackfillMethod().getFullMethodName(), OPERATOR_ROLE);
    }
}
