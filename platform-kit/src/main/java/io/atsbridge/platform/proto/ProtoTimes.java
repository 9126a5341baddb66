package io.atsbridge.platform.proto;

import com.google.protobuf.Timestamp;
import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/** Conversions between {@link Instant} and {@code google.protobuf.Timestamp}, for the grpc layers. */
public final class ProtoTimes {

    private ProtoTimes() {
    }

    public static Timestamp toProto(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    /** The instant, or null when the timestamp is unset (all zero). */
    @Nullable
    public static Instant toInstant(Timestamp timestamp) {
        if (timestamp.getSeconds() == 0 && timestamp.getNanos() == 0) {
            return null;
        }
        return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
    }
}
