package io.atsbridge.platform.health;

import io.grpc.BindableService;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/** Server reflection ({@code grpc.reflection.v1}) on every service, so grpcurl and tests can list what it serves. */
@Factory
@Requires(property = "grpc.server.enabled", notEquals = "false")
final class ReflectionFactory {

    @Singleton
    @Named("reflection")
    @Requires(property = "atsbridge.grpc.reflection.enabled", notEquals = "false")
    BindableService reflectionService() {
        return ProtoReflectionServiceV1.newInstance();
    }
}
