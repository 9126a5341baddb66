package io.atsbridge.platform.privacy;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.atsbridge.platform.context.CallContext;
import io.atsbridge.platform.context.Caller;
import io.atsbridge.platform.context.CallerKind;
import io.atsbridge.platform.error.GrpcErrors;
import io.atsbridge.platform.startup.ServiceIdentity;
import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micronaut.context.BeanProvider;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Applies a method's personal-data policy to one call: clears the fields marked personal in its answers for callers
 * whose roles do not see them, and, for a method that reads personal data, holds the answer until the read is
 * recorded in the audit log ({@link ReadLog}); a read that cannot be recorded is answered UNAVAILABLE
 * {@code READ_NOT_RECORDED} and nothing else. Calls by the loop's own services (kind SERVICE with role
 * {@code service} or {@code gateway}) are not recorded: the loop's steps are audited as steps.
 */
@Singleton
public final class PersonalDataReads {

    private static final Logger LOG = LoggerFactory.getLogger(PersonalDataReads.class);
    private static final String REASON = "READ_NOT_RECORDED";

    private final BeanProvider<ReadLog> readLog;
    private final Clock clock;
    private final String domain;

    PersonalDataReads(BeanProvider<ReadLog> readLog, Clock clock, ServiceIdentity identity) {
        this.readLog = readLog;
        this.clock = clock;
        this.domain = identity.errorDomain();
    }

    /** Whether a read by this caller is recorded: every caller's but the loop's own services'. */
    public static boolean recorded(Caller caller) {
        return !(caller.kind() == CallerKind.SERVICE && (caller.hasRole("service") || caller.hasRole("gateway")));
    }

    /**
     * The handler that serves the call under the policy, or {@code next} itself when the policy changes nothing for
     * this caller.
     *
     * @param readsPersonalData  the method's answers are about identifiable candidates
     * @param showPersonalFields the caller's roles see the fields marked personal
     */
    public <Q, R> ServerCallHandler<Q, R> guard(ServerCallHandler<Q, R> next, CallContext context,
                                                boolean readsPersonalData, boolean showPersonalFields) {
        boolean record = readsPersonalData && recorded(context.caller());
        if (!record && showPersonalFields) {
            return next;
        }
        return (call, headers) -> {
            GuardedCall<Q, R> guarded = new GuardedCall<>(call, context, record, showPersonalFields);
            return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(next.startCall(guarded, headers)) {
                @Override
                public void onMessage(Q message) {
                    guarded.request = message;
                    super.onMessage(message);
                }
            };
        };
    }

    private final class GuardedCall<Q, R> extends ForwardingServerCall.SimpleForwardingServerCall<Q, R> {

        private final CallContext context;
        private final boolean record;
        private final boolean showPersonalFields;
        private final List<R> held = new ArrayList<>();
        @Nullable
        volatile Q request;

        GuardedCall(ServerCall<Q, R> call, CallContext context, boolean record, boolean showPersonalFields) {
            super(call);
            this.context = context;
            this.record = record;
            this.showPersonalFields = showPersonalFields;
        }

        @Override
        @SuppressWarnings("unchecked")
        public void sendMessage(R message) {
            R answer = showPersonalFields || !(message instanceof Message proto) ? message : (R) PersonalFields.withheld(proto);
            if (record) {
                held.add(answer);
            } else {
                super.sendMessage(answer);
            }
        }

        @Override
        public void close(Status status, Metadata trailers) {
            if (record && status.isOk()) {
                try {
                    readLog.get().record(read());
                } catch (ReadLog.ReadNotRecordedException e) {
                    LOG.warn("refused to answer {} to '{}' for tenant {}: {}", getMethodDescriptor().getBareMethodName(),
                            context.caller().name(), context.tenantId(), e.getMessage());
                    StatusRuntimeException refusal = GrpcErrors.toStatusException(Status.Code.UNAVAILABLE, REASON,
                            "the read could not be recorded in the audit log, so it is not answered; try again later ("
                                    + e.getMessage() + ")", domain, Map.of());
                    held.clear();
                    super.close(refusal.getStatus(), refusal.getTrailers() != null ? refusal.getTrailers() : new Metadata());
                    return;
                }
                held.forEach(super::sendMessage);
            }
            held.clear();
            super.close(status, trailers);
        }

        private PersonalDataRead read() {
            Map<String, String> attributes = new LinkedHashMap<>();
            Caller caller = context.caller();
            attributes.put("method", getMethodDescriptor().getFullMethodName());
            attributes.put("caller_kind", caller.kind().name());
            attributes.put("caller_roles", caller.roles().stream().sorted().collect(Collectors.joining(",")));
            if (context.onBehalfOf() != null) {
                attributes.put("on_behalf_of", context.onBehalfOf());
            }
            String subject = "";
            String connection = "";
            Q asked = request;
            if (asked instanceof Message proto) {
                for (Map.Entry<FieldDescriptor, Object> field : proto.getAllFields().entrySet()) {
                    String name = field.getKey().getName();
                    if (field.getKey().isRepeated() || !(field.getValue() instanceof String value)
                            || !(name.endsWith("_id") || name.endsWith("_ref")) || PersonalFields.isPersonal(field.getKey())) {
                        continue;
                    }
                    attributes.put("request." + name, value);
                    if (name.equals("candidate_id") || name.equals("subject_ref")) {
                        subject = value;
                    } else if (name.equals("connection_id")) {
                        connection = value;
                    }
                }
            }
            int records = 0;
            MessageDigest sha256 = sha256();
            boolean carriesPersonal = false;
            for (R answer : held) {
                if (answer instanceof Message proto) {
                    records += answered(proto);
                    carriesPersonal |= PersonalFields.carried(proto.getDescriptorForType());
                    sha256.update(proto.toByteArray());
                }
            }
            attributes.put("answered_records", Integer.toString(records));
            attributes.put("personal_fields", !carriesPersonal ? "none" : showPersonalFields ? "shown" : "withheld");
            String recordId = UUID.randomUUID().toString();
            return PersonalDataRead.of(recordId, context.traceId(), context.tenantId(), caller.name(), subject, connection,
                    attributes, sha256.digest(), clock.instant());
        }
    }

    /** How many records an answer holds: the entries of its lists of messages, else 1 for each message it holds. */
    private static int answered(Message answer) {
        int lists = 0;
        int singles = 0;
        for (Map.Entry<FieldDescriptor, Object> field : answer.getAllFields().entrySet()) {
            if (field.getKey().getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
                continue;
            }
            if (field.getKey().isRepeated()) {
                lists += answer.getRepeatedFieldCount(field.getKey());
            } else {
                singles++;
            }
        }
        return lists > 0 ? lists : singles;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }
}
