package io.atsbridge.platform.context;

import io.grpc.Context;
import io.micronaut.core.annotation.Nullable;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who is calling, for which tenant: carried on the gRPC {@link Context} of every call, set by the
 * authentication interceptor on the server side and propagated by {@code PeerChannels} to the
 * services this call reaches.
 *
 * @param tenantId   the tenant every read and write of this call is confined to
 * @param caller     the authenticated principal
 * @param onBehalfOf the original principal when a service calls on a person's behalf; may be null
 * @param traceId    the trace id tying the steps of one path together; may be null
 */
public record CallContext(String tenantId, Caller caller, @Nullable String onBehalfOf, @Nullable String traceId) {

    /** Tenant ids are lower-case letters, digits and '-', 1..63 characters, starting with a letter or digit. */
    public static final Pattern TENANT_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private static final Context.Key<CallContext> KEY = Context.key("atsbridge-call-context");

    public CallContext {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(caller, "caller");
    }

    /** The context of the current call. */
    public static CallContext current() {
        CallContext context = KEY.get();
        if (context == null) {
            throw new IllegalStateException("no call context: this code must run inside an authenticated gRPC call "
                    + "or inside CallContext.run(...)");
        }
        return context;
    }

    /** The context of the current call, if there is one. */
    public static Optional<CallContext> find() {
        return Optional.ofNullable(KEY.get());
    }

    /** The current call's tenant. */
    public static String tenant() {
        return current().tenantId();
    }

    /** A gRPC context that carries this call context. */
    public Context attachTo(Context parent) {
        return parent.withValue(KEY, this);
    }

    /** Runs work with this call context current (for background work that calls other services). */
    public void run(Runnable work) {
        attachTo(Context.current()).run(work);
    }

    /** Calls work with this call context current and returns its result. */
    public <T> T call(java.util.concurrent.Callable<T> work) throws Exception {
        return attachTo(Context.current()).call(work);
    }

    /** This context with another trace id. */
    public CallContext withTraceId(@Nullable String newTraceId) {
        return new CallContext(tenantId, caller, onBehalfOf, newTraceId);
    }
}
