package io.atsbridge.mapping.domain;

import io.atsbridge.platform.error.DomainException;
import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One AI result about one application, as far as mapping needs it. Empty strings are unknown.
 *
 * @param id             atsbridge's id for the assessment
 * @param sourceId       the vendor's id of the interview that produced it; may be empty
 * @param overallScore   the overall score on the vendor's scale
 * @param recommendation the vendor's suggestion, or null when it gave none
 * @param rationale      the vendor's explanation of the overall score, plain text
 * @param competencies   the per-competency scores, in the interview kit's order
 * @param confidence     the vendor's confidence, 0.0..1.0; 0 when not given
 * @param evaluator      who or what produced the assessment
 * @param model          the model and prompt used
 * @param skillTags      skills the vendor observed, as free text
 * @param artifacts      links to the transcript, recording and report
 * @param completeTime   when the candidate completed the interview, or null when unknown
 */
public record Assessment(String id, String sourceId, Score overallScore,
                         @Nullable Recommendation recommendation, String rationale, List<Competency> competencies,
                         double confidence, Evaluator evaluator, Model model, List<String> skillTags,
                         List<Artifact> artifacts, @Nullable Instant completeTime) {

    /** Bounds on what one assessment may carry, so that every loop over it is bounded too. */
    static final int MAX_COMPETENCIES = 200;
    static final int MAX_SKILL_TAGS = 500;
    static final int MAX_ARTIFACTS = 100;
    static final int MAX_RATIONALE_LENGTH = 100_000;

    public Assessment {
        competencies = List.copyOf(competencies);
        skillTags = List.copyOf(skillTags);
        artifacts = List.copyOf(artifacts);
    }

    /**
     * Checks what a plan cannot do without: an overall score on a valid scale, and sizes within bounds.
     * Everything else that is wrong or missing only drops the items that need it.
     */
    void check() {
        overallScore.check("assessment.overall_score");
        DomainException.checkArgument(rationale.length() <= MAX_RATIONALE_LENGTH, "ASSESSMENT_TOO_LARGE",
                "assessment.rationale is %s characters (expected: at most %s)", rationale.length(), MAX_RATIONALE_LENGTH);
        DomainException.checkArgument(competencies.size() <= MAX_COMPETENCIES, "ASSESSMENT_TOO_LARGE",
                "assessment.competency_scores has %s entries (expected: at most %s)", competencies.size(), MAX_COMPETENCIES);
        DomainException.checkArgument(skillTags.size() <= MAX_SKILL_TAGS, "ASSESSMENT_TOO_LARGE",
                "assessment.skill_tags has %s entries (expected: at most %s)", skillTags.size(), MAX_SKILL_TAGS);
        DomainException.checkArgument(artifacts.size() <= MAX_ARTIFACTS, "ASSESSMENT_TOO_LARGE",
                "assessment.artifacts has %s entries (expected: at most %s)", artifacts.size(), MAX_ARTIFACTS);
    }

    /** The first artifact of this kind, if any. */
    Optional<Artifact> artifact(ArtifactKind kind) {
        return artifacts.stream().filter(artifact -> artifact.kind() == kind).findFirst();
    }

    /** A number on an explicit scale, so that it converts without guessing. */
    public record Score(double value, double min, double max) {

        /** Whether the scale is a proper range and the value lies in it. */
        boolean valid() {
            return Double.isFinite(value) && Double.isFinite(min) && Double.isFinite(max) && min < max
                    && value >= min && value <= max;
        }

        void check(String field) {
            DomainException.checkArgument(Double.isFinite(min) && Double.isFinite(max) && min < max, "SCORE_SCALE_INVALID",
                    "%s.scale: min %s, max %s (expected: finite numbers with min < max, e.g. 0..5 or 0..100)",
                    field, min, max);
            DomainException.checkArgument(Double.isFinite(value) && value >= min && value <= max, "SCORE_OUT_OF_SCALE",
                    "%s.value: %s (expected: within its scale %s..%s)", field, value, min, max);
        }
    }

    /** The score for one competency of the interview kit; {@code score} is null when the vendor gave none. */
    public record Competency(String name, @Nullable Score score, String rationale) {
    }

    /** Who or what produced the assessment; {@code kind} is null when not stated. */
    public record Evaluator(@Nullable EvaluatorKind kind, String name) {
    }

    /** Which model and prompt produced the assessment. */
    public record Model(String modelId, String modelVersion, String promptVersion) {
    }

    /** A link to something the vendor keeps. */
    public record Artifact(ArtifactKind kind, String uri) {
    }

    /** The vendor's suggestion. Only ever a suggestion: people decide. */
    public enum Recommendation {
        ADVANCE, MAYBE, PASS
    }

    /** What produced an assessment. */
    public enum EvaluatorKind {
        AI, AI_WITH_HUMAN_REVIEW, HUMAN
    }

    /** What an artifact link points at. */
    public enum ArtifactKind {
        TRANSCRIPT, RECORDING, REPORT
    }
}
