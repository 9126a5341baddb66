package io.atsbridge.platform.context;

import io.grpc.Metadata;

/** The gRPC metadata keys atsbridge reads and writes on every call. */
public final class CallHeaders {

    /** {@code authorization: Bearer <token>}: the caller's credential. */
    public static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    /** {@code x-atsbridge-tenant}: the tenant the call acts for. Required on every non-health call. */
    public static final Metadata.Key<String> TENANT =
            Metadata.Key.of("x-atsbridge-tenant", Metadata.ASCII_STRING_MARSHALLER);
    /** {@code x-atsbridge-on-behalf-of}: the original principal when a service relays a person's call. */
    public static final Metadata.Key<String> ON_BEHALF_OF =
            Metadata.Key.of("x-atsbridge-on-behalf-of", Metadata.ASCII_STRING_MARSHALLER);
    /** {@code x-atsbridge-trace-id}: the trace the call belongs to. */
    public static final Metadata.Key<String> TRACE_ID =
            Metadata.Key.of("x-atsbridge-trace-id", Metadata.ASCII_STRING_MARSHALLER);

    private CallHeaders() {
    }
}
