package io.atsbridge.consent.domain;

import io.atsbridge.platform.error.DomainException;
import io.micronaut.core.annotation.Nullable;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The closed vocabulary of consent purposes. Each {@link ActionStep} is a purpose ({@code capture},
 * {@code analysis}, ...); {@code ai_interview} covers the steps of an AI interview and its results
 * (capture, analysis, scoring, write-back); {@code *} (withdrawals only) covers every consent purpose.
 * Notices are recorded as {@code notice:<notice id>} (a text of the {@link NoticeCatalogue}) or, the older
 * form, {@code notice:<rule id>}; no consent purpose, not even {@code *}, covers them: a candidate cannot
 * un-receive a notice.
 */
public final class ConsentPurposes {

    /** The umbrella purpose of an AI interview. */
    public static final String AI_INTERVIEW = "ai_interview";
    /** Every consent purpose; only a withdrawal may name it. */
    public static final String ALL = "*";
    /** The prefix of the purpose that records a notice for a rule. */
    static final String NOTICE_PREFIX = "notice:";
    private static final Pattern NOTICE = Pattern.compile("notice:[a-z0-9][a-z0-9-]{0,31}");
    private static final Set<ActionStep> INTERVIEW_STEPS =
            EnumSet.of(ActionStep.CAPTURE, ActionStep.ANALYSIS, ActionStep.SCORING, ActionStep.WRITE_BACK);

    private ConsentPurposes() {
    }

    /** The consent purposes, umbrella first. */
    static List<String> vocabulary() {
        List<String> names = new ArrayList<>();
        names.add(AI_INTERVIEW);
        for (ActionStep step : ActionStep.values()) {
            names.add(step.code());
        }
        return names;
    }

    /** Throws INVALID_ARGUMENT (PURPOSE_UNKNOWN) unless the purpose is in the vocabulary. */
    static void check(String field, String purpose, boolean withdrawal) {
        boolean known = vocabulary().contains(purpose) || NOTICE.matcher(purpose).matches() || noticeId(purpose) != null
                || (withdrawal && purpose.equals(ALL));
        DomainException.checkArgument(known, "PURPOSE_UNKNOWN",
                "%s: '%s' is not a consent purpose (expected one of: %s; notice:<notice id> for a notice shown, e.g. "
                        + "notice:us-ny-nyc.ll144-aedt-notice, or notice:<rule id>, e.g. notice:nyc-04; or * to withdraw "
                        + "every purpose)", field, purpose, String.join(", ", vocabulary()));
        DomainException.checkArgument(withdrawal || !purpose.equals(ALL), "PURPOSE_UNKNOWN",
                "%s: * is only for withdrawals (a grant names what it is for)", field);
    }

    /** Whether a ledger entry's purpose covers the step. */
    static boolean covers(String purpose, ActionStep step) {
        return purpose.equals(ALL) || purpose.equals(step.code())
                || (purpose.equals(AI_INTERVIEW) && INTERVIEW_STEPS.contains(step));
    }

    /**
     * The notice id of a purpose {@code notice:<notice id>} (a notice id has a dot, a rule id none), or null
     * when the purpose is anything else, the older {@code notice:<rule id>} included.
     */
    @Nullable
    static String noticeId(String purpose) {
        if (!purpose.startsWith(NOTICE_PREFIX)) {
            return null;
        }
        String id = purpose.substring(NOTICE_PREFIX.length());
        return NoticeCatalogue.NOTICE_ID.matcher(id).matches() ? id : null;
    }

    /** The purpose under which a notice for the rule is recorded, e.g. {@code notice:nyc-04}. */
    static String notice(String ruleId) {
        return NOTICE_PREFIX + ruleId.toLowerCase(Locale.ROOT);
    }
}
