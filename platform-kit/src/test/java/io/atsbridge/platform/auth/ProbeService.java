package io.atsbridge.platform.auth;

import io.atsbridge.platform.context.CallContext;
import io.atsbridge.platform.error.DomainException;
import io.grpc.BindableService;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.ServerCalls;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A tiny service with a string-in, string-out method, used only by platform-kit's own tests to
 * exercise the interceptors over a real channel. It answers "tenant/caller" for "whoami", throws a
 * domain exception for "invalid" and an unexpected exception for "boom".
 */
@Singleton
@Requires(property = "platform-kit.test.probe", value = "true")
final class ProbeService implements BindableService {

    static final MethodDescriptor<String, String> ASK = MethodDescriptor.<String, String>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName(MethodDescriptor.generateFullMethodName("atsbridge.test.Probe", "Ask"))
            .setRequestMarshaller(new Utf8())
            .setResponseMarshaller(new Utf8())
            .build();

    static final MethodDescriptor<String, String> LOOKUP = ASK.toBuilder()
            .setFullMethodName(MethodDescriptor.generateFullMethodName("atsbridge.test.Probe", "Lookup"))
            .build();

    static final MethodDescriptor<String, String> UNDECLARED = ASK.toBuilder()
            .setFullMethodName(MethodDescriptor.generateFullMethodName("atsbridge.test.Probe", "Undeclared"))
            .build();

    /**
     * The probe has no proto contract, so it declares its methods' policies as beans: Ask for any caller with a
     * tenant, Lookup without a tenant for callers with role "gateway"; Undeclared has none.
     */
    @io.micronaut.context.annotation.Factory
    @Requires(property = "platform-kit.test.probe", value = "true")
    static final class ProbePolicies {
        @Singleton
        MethodPolicy ask() {
            return new MethodPolicy(ASK.getFullMethodName(), java.util.List.of(), false);
        }

        @Singleton
        MethodPolicy lookup() {
            return new MethodPolicy(LOOKUP.getFullMethodName(), java.util.List.of("gateway"), true);
        }
    }

    @Override
    public ServerServiceDefinition bindService() {
        return ServerServiceDefinition.builder("atsbridge.test.Probe")
                .addMethod(ASK, ServerCalls.asyncUnaryCall((request, observer) -> {
                    switch (request) {
                        case "invalid" -> throw DomainException.invalidArgument("PROBE_INVALID", "probe: %s (expected: whoami)", request);
                        case "boom" -> throw new IllegalStateException("secret-detail-that-must-not-leak");
                        default -> {
                            CallContext context = CallContext.current();
                            observer.onNext(context.tenantId() + "/" + context.caller().name());
                            observer.onCompleted();
                        }
                    }
                }))
                .addMethod(UNDECLARED, ServerCalls.asyncUnaryCall((request, observer) -> {
                    observer.onNext("reached");
                    observer.onCompleted();
                }))
                .addMethod(LOOKUP, ServerCalls.asyncUnaryCall((request, observer) -> {
                    CallContext context = CallContext.current();
                    observer.onNext("[" + context.tenantId() + "]/" + context.caller().name());
                    observer.onCompleted();
                }))
                .build();
    }

    static final class Utf8 implements MethodDescriptor.Marshaller<String> {
        @Override
        public InputStream stream(String value) {
            return new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String parse(InputStream stream) {
            try {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
