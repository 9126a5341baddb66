package io.atsbridge.audit.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.convert.ConversionContext;
import io.micronaut.data.model.runtime.convert.AttributeConverter;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;

/**
 * Writes and reads DATETIME(6) columns as UTC text ({@code 2024-05-01 12:00:00.123456}) instead of
 * {@link java.sql.Timestamp}.
 *
 * <p>Why: MySQL Connector/J decides from the server version whether to send fractional seconds,
 * and MariaDB 10.x announces itself as "5.5.5-10.x", a MySQL older than fractional seconds, so the
 * driver silently drops the microseconds of every Timestamp it binds. The audit log cannot afford
 * that: a leaf commits to occur_time to the microsecond, so the stored time must be exactly the
 * hashed time or verification fails. Text is taken literally by MySQL, MariaDB and H2 alike, and
 * as a side effect no JVM or session time zone can shift it.
 */
@Singleton
public final class UtcDateTimeText implements AttributeConverter<Instant, String> {

    private static final DateTimeFormatter WRITE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");
    /** Servers differ in how many fraction digits they return (MySQL six, H2 no trailing zeros). */
    private static final DateTimeFormatter READ = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .toFormatter();

    /** The column text of an instant, to the microsecond. */
    public static String format(Instant instant) {
        return WRITE.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    /** The instant a column's text stands for. */
    public static Instant parse(String text) {
        return LocalDateTime.parse(text.replace('T', ' '), READ).toInstant(ZoneOffset.UTC);
    }

    @Override
    @Nullable
    public String convertToPersistedValue(@Nullable Instant entityValue, ConversionContext context) {
        return entityValue == null ? null : format(entityValue);
    }

    @Override
    @Nullable
    public Instant convertToEntityValue(@Nullable String persistedValue, ConversionContext context) {
        return persistedValue == null ? null : parse(persistedValue);
    }
}
