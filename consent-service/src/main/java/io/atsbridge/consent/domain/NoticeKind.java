package io.atsbridge.consent.domain;

import java.util.Locale;

/** What a candidate-facing text asks of the candidate. */
public enum NoticeKind {
    /** A notice: the candidate is told something; it is recorded as given with purpose {@code notice:<notice id>}. */
    NOTICE,
    /**
     * A consent text (release, waiver, consent form): the candidate agrees to it; its notice part is recorded
     * like a notice, the agreement as a consent grant in the form the rule asks for.
     */
    CONSENT;

    /** The code the catalogue uses, e.g. {@code notice}. */
    String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
