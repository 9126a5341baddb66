package io.atsbridge.adapter.connections.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a connection connects to. */
public enum ConnectionKind {
    /** An applicant tracking system. */
    ATS,
    /** An AI screening / interview vendor. */
    AI_VENDOR;

    /** The kind with this name, ignoring case, e.g. {@code ats}. */
    public static Optional<ConnectionKind> parse(String name) {
        String wanted = name.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(k -> k.name().equals(wanted)).findFirst();
    }
}
