package io.atsbridge.adapter.persistence;

import io.micronaut.core.annotation.Nullable;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/** Small JDBC helpers the hand-written repositories share. */
public final class Sql {

    /** The longest outcome / detail text stored. */
    public static final int MAX_TEXT = 1000;

    private Sql() {
    }

    /** Binds each parameter: strings, numbers, byte arrays, Instants (as UTC timestamps) and nulls. */
    public static void bind(PreparedStatement statement, @Nullable Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            Object value = parameters[i];
            if (value instanceof Instant instant) {
                statement.setTimestamp(i + 1, Timestamp.from(instant));
            } else if (value instanceof NullTime) {
                statement.setNull(i + 1, Types.TIMESTAMP);
            } else if (value == null) {
                statement.setNull(i + 1, Types.VARCHAR);
            } else {
                statement.setObject(i + 1, value);
            }
        }
    }

    /** A typed null for a timestamp parameter. */
    enum NullTime {
        INSTANCE
    }

    public static Object time(@Nullable Instant instant) {
        return instant == null ? NullTime.INSTANCE : instant;
    }

    /** The time in a nullable column, or null. */
    @Nullable
    public static Instant instant(ResultSet rows, String column) throws SQLException {
        Timestamp timestamp = rows.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    /** The time in a column the schema declares NOT NULL. */
    public static Instant requiredInstant(ResultSet rows, String column) throws SQLException {
        return Objects.requireNonNull(instant(rows, column), () -> "column " + column + " is NOT NULL");
    }

    /** Text cut to {@link #MAX_TEXT} characters, so that an outcome never fails its own write. */
    @Nullable
    public static String cut(@Nullable String text) {
        if (text == null || text.length() <= MAX_TEXT) {
            return text;
        }
        return text.substring(0, MAX_TEXT - 3) + "...";
    }

    public static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }
}
