package io.atsbridge.launcher;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.AppenderBase;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every log line of the launcher's tests, as the services wrote it (atsbridge at DEBUG, so what an operator who turns
 * logging up would see; message, arguments, exceptions and their causes), kept in memory for {@link NoLeaks} to scan
 * for the secrets and personal data a test says must never be logged. Registered on the root logger by
 * {@code logback-test.xml}.
 */
public final class CapturedLogs extends AppenderBase<ILoggingEvent> {

    /** The most lines kept: beyond it the oldest go (a test's own lines are scanned when it ends). */
    private static final int MAX_LINES = 200_000;
    /** Shorter values are not looked for: they would match by chance. */
    private static final int MIN_NEEDLE = 8;

    /** The last {@link #MAX_LINES} lines; guarded by itself. */
    private static final ArrayDeque<String> LINES = new ArrayDeque<>();
    /** How many lines were ever captured (a line's number is its position in that count); guarded by LINES. */
    private static long appended;
    private static final Map<String, String> WATCHED = new ConcurrentHashMap<>();

    @Override
    protected void append(ILoggingEvent event) {
        StringBuilder line = new StringBuilder(event.getLoggerName()).append(' ').append(event.getFormattedMessage());
        for (IThrowableProxy thrown = event.getThrowableProxy(); thrown != null; thrown = thrown.getCause()) {
            line.append(" | ").append(thrown.getClassName()).append(": ").append(thrown.getMessage());
            for (IThrowableProxy suppressed : thrown.getSuppressed()) {
                line.append(" | suppressed ").append(suppressed.getClassName()).append(": ").append(suppressed.getMessage());
            }
            StackTraceElementProxy[] frames = thrown.getStackTraceElementProxyArray();
            if (frames.length > 0) {
                line.append(" at ").append(frames[0].getSTEAsString());
            }
        }
        synchronized (LINES) {
            LINES.addLast(line.toString());
            appended++;
            if (LINES.size() > MAX_LINES) {
                LINES.removeFirst();
            }
        }
    }

    /** Looks for each value from now on, named by what it is (the name, never the value, is what a failure prints). */
    public static void watch(String what, Collection<String> values) {
        for (String value : values) {
            if (value != null && value.strip().length() >= MIN_NEEDLE) {
                WATCHED.put(value.strip(), what);
            }
        }
    }

    /** Each value watched, by what it is. */
    public static void watch(Map<String, ? extends Collection<String>> values) {
        values.forEach(CapturedLogs::watch);
    }

    /** How many lines were captured so far (a mark to scan from). */
    static long mark() {
        synchronized (LINES) {
            return appended;
        }
    }

    /**
     * The captured lines, from the mark on, that hold a watched value: each said with the value masked and what it
     * was, so the report itself leaks nothing.
     */
    static List<String> leaks(long from) {
        List<String> lines;
        long first;
        synchronized (LINES) {
            lines = new ArrayList<>(LINES);
            first = appended - LINES.size();
        }
        // Lines before the mark are skipped; lines already dropped from the front are gone either way.
        int skip = (int) Math.min(lines.size(), Math.max(0, from - first));
        List<String> leaks = new ArrayList<>();
        for (String line : lines.subList(skip, lines.size())) {
            for (Map.Entry<String, String> watched : WATCHED.entrySet()) {
                if (line.contains(watched.getKey())) {
                    String masked = line.replace(watched.getKey(), "<" + watched.getValue() + ">");
                    leaks.add(masked.length() > 400 ? masked.substring(0, 400) + "..." : masked);
                }
            }
        }
        return leaks;
    }

    /** Forgets the watched values (between test classes, whose environments differ). */
    static void forget() {
        WATCHED.clear();
    }

    /**
     * Fails the test class when any line it logged holds a value it watched ({@link #watch}): a secret, a token or a
     * candidate's personal data in a log line.
     */
    public static final class NoLeaks implements BeforeAllCallback, AfterAllCallback {

        private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(NoLeaks.class);

        @Override
        public void beforeAll(ExtensionContext context) {
            forget();
            context.getStore(NAMESPACE).put("mark", mark());
        }

        @Override
        public void afterAll(ExtensionContext context) {
            long from = context.getStore(NAMESPACE).getOrDefault("mark", Long.class, 0L);
            assertThat(WATCHED).as("the test watched values to look for").isNotEmpty();
            assertThat(mark()).as("the services' log lines were captured (CAPTURE in logback-test.xml)").isGreaterThan(from);
            assertThat(leaks(from)).as("log lines holding a secret or personal data").isEmpty();
            forget();
        }
    }
}
