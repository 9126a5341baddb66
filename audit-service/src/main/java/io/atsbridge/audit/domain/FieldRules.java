package io.atsbridge.audit.domain;

import java.time.Instant;
import java.util.regex.Pattern;

/** The shapes audit fields must have, shared by appends and query filters. */
final class FieldRules {

    /** Most characters of record_id, trace_id, subject_ref, connection_id and action. */
    static final int MAX_ID_LENGTH = 100;
    /** Most characters of actor. */
    static final int MAX_ACTOR_LENGTH = 200;
    /** Most attributes per record. */
    static final int MAX_ATTRIBUTES = 50;
    /** Most characters of an attribute value. */
    static final int MAX_ATTRIBUTE_VALUE_LENGTH = 256;

    /**
     * Ids are visible ASCII without spaces. That keeps them references rather than prose, and makes
     * them compare the same way in every database collation the service may meet (no case folding
     * surprises beyond what the binary collation of the tables rules out, no trailing-space padding).
     */
    private static final Pattern ID = Pattern.compile("[!-~]+");
    /** Dotted lower-case words, at least two: "consent.decided", "writeback.written". */
    private static final Pattern ACTION = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+");
    /** Attribute keys are names, not data: ASCII, starting with a letter, at most 64 characters. */
    private static final Pattern ATTRIBUTE_KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_.:-]{0,63}");
    private static final int SHOWN_LENGTH = 64;

    /**
     * The earliest and latest occur_time: after the Unix epoch (which a proto Timestamp cannot tell
     * from "unset") and no later than DATETIME(6) can hold.
     */
    static final Instant EARLIEST_TIME = Instant.EPOCH;
    static final Instant LATEST_TIME = Instant.parse("9999-12-31T23:59:59.999999Z");

    private FieldRules() {
    }

    static boolean isId(String value, int maxLength) {
        return value.length() <= maxLength && ID.matcher(value).matches();
    }

    static boolean isAction(String value) {
        return value.length() <= MAX_ID_LENGTH && ACTION.matcher(value).matches();
    }

    static boolean isAttributeKey(String key) {
        return ATTRIBUTE_KEY.matcher(key).matches();
    }

    static boolean isAttributeValue(String value) {
        return value.length() <= MAX_ATTRIBUTE_VALUE_LENGTH && value.chars().noneMatch(Character::isISOControl);
    }

    /** The value quoted for an error message, cut short when long so that messages stay readable. */
    static String shown(String value) {
        if (value.length() <= SHOWN_LENGTH) {
            return '"' + value + '"';
        }
        return '"' + value.substring(0, SHOWN_LENGTH) + "...\" (" + value.length() + " characters)";
    }
}
