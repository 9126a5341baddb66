package io.atsbridge.identity.grpc;

import io.atsbridge.platform.auth.RequiredRole;
import io.atsbridge.proto.identity.v1.IdentityServiceGrpc;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/**
 * Who may merge candidates: the services that learn of a merge in a source system (adapter-service, from an ATS
 * webhook). Joining two people's records is not undone by resolving again, so a token valid for the tenant is not
 * enough.
 */
@Factory
final class IdentityRoles {

    @Singleton
    RequiredRole mergeIsForServices() {
        return new RequiredRole(IdentityServiceGrpc.getMergeCandidatesMethod().getFullMethodName(), "service");
    }
}
