package io.atsbridge.platform.error;

/**
 * The canonical error codes domain code may raise. They mirror the gRPC codes without importing
 * gRPC into domain code; {@link GrpcErrors} maps them.
 */
public enum ErrorCode {
    /** The request is malformed or a value is out of range: the caller must change it. */
    INVALID_ARGUMENT,
    /** The named resource does not exist (for this tenant). */
    NOT_FOUND,
    /** A resource with this identity already exists. */
    ALREADY_EXISTS,
    /** The system is not in a state that allows the request (e.g. a disabled connection). */
    FAILED_PRECONDITION,
    /** The caller is authenticated but may not do this. */
    PERMISSION_DENIED,
    /** The caller did not present a valid credential. */
    UNAUTHENTICATED,
    /** A quota or limit was hit; retry later. */
    RESOURCE_EXHAUSTED,
    /** A concurrency conflict; retry the whole operation. */
    ABORTED,
    /** A dependency is unavailable; retry with backoff. */
    UNAVAILABLE
}
