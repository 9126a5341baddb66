package io.atsbridge.mapping.domain;

import io.micronaut.serde.annotation.Serdeable;

/**
 * A part of an assessment that an ATS field can carry. The constant names are stored in mapping
 * profiles: rename one only together with a migration of the stored rules.
 */
@Serdeable
public enum AssessmentAttribute {
    /** The overall score, converted to the field's range. */
    OVERALL_SCORE,
    /** The recommendation, as one of the field's options or as text. */
    RECOMMENDATION,
    /** The rationale text, cut at a word boundary to fit. */
    RATIONALE,
    /** The transcript link. */
    TRANSCRIPT_URL,
    /** The recording link. */
    RECORDING_URL,
    /** The confidence, as a percentage 0..100. */
    CONFIDENCE
}
