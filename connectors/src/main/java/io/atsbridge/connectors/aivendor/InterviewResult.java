package io.atsbridge.connectors.aivendor;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What an AI vendor's {@code interview.completed} event says: the interview, the ids atsbridge gave
 * the vendor, and the result with its provenance (model, prompt). Scores are on explicit scales.
 *
 * @param recommendation {@code advance}, {@code maybe} or {@code pass} as the vendor spells it (lower case), or null
 * @param confidence     0.0..1.0; 0 when the vendor gives none
 * @param completedAt    when the candidate completed the interview, or null when the vendor does not say
 */
public record InterviewResult(
        String interviewId,
        String candidateExternalId,
        String jobExternalId,
        Map<String, String> metadata,
        double score,
        double scaleMin,
        double scaleMax,
        @Nullable String recommendation,
        List<CompetencyResult> competencies,
        String rationale,
        double confidence,
        List<String> skills,
        @Nullable String transcriptUrl,
        @Nullable String recordingUrl,
        String modelId,
        String modelVersion,
        String promptVersion,
        @Nullable Instant completedAt) {

    /** One competency's score on its scale. */
    public record CompetencyResult(String name, double score, double scaleMin, double scaleMax, String rationale) {
    }

    public InterviewResult {
        metadata = Map.copyOf(metadata);
        competencies = List.copyOf(competencies);
        skills = List.copyOf(skills);
    }

    /**
     * The result in a canonical text form (every field the vendor reports, none of the invitation's
     * metadata), whose hash tells a re-scored result from the same result sent again.
     */
    public String fingerprint() {
        StringBuilder text = new StringBuilder();
        java.util.function.Consumer<Object> add = part -> text.append(part == null ? "\u0000" : part.toString()).append('\u001f');
        add.accept(interviewId);
        add.accept(score);
        add.accept(scaleMin);
        add.accept(scaleMax);
        add.accept(recommendation);
        for (CompetencyResult c : competencies) {
            add.accept(c.name());
            add.accept(c.score());
            add.accept(c.scaleMin());
            add.accept(c.scaleMax());
            add.accept(c.rationale());
        }
        add.accept("|");
        add.accept(rationale);
        add.accept(confidence);
        skills.forEach(add);
        add.accept("|");
        add.accept(transcriptUrl);
        add.accept(recordingUrl);
        add.accept(modelId);
        add.accept(modelVersion);
        add.accept(promptVersion);
        add.accept(completedAt);
        return text.toString();
    }

    @Override
    public String toString() {
        return "InterviewResult[" + interviewId + ", score " + score + " on " + scaleMin + ".." + scaleMax + ", model "
                + modelId + " " + modelVersion + ", prompt " + promptVersion + "]";
    }
}
