package io.atsbridge.adapter.connections.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** A system atsbridge connects to. Names match {@code atsbridge.common.v1.Vendor} without its prefix. */
public enum Vendor {
    GREENHOUSE, LEVER, ASHBY, SMARTRECRUITERS, WORKABLE, JAZZHR, BAMBOOHR, TEAMTAILOR, WORKDAY, ICIMS, BULLHORN,
    STANDARD_WEBHOOKS;

    /** The vendor with this name, ignoring case, e.g. {@code greenhouse}. */
    public static Optional<Vendor> parse(String name) {
        String wanted = name.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(v -> v.name().equals(wanted)).findFirst();
    }

    /** Every vendor name, for error messages. */
    public static String names() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }
}
