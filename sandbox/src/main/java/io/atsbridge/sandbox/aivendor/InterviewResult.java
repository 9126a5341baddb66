package io.atsbridge.sandbox.aivendor;

import java.util.List;

/**
 * An AI interview's assessment, as the vendor reports it. Everything here follows from the generator's
 * seed and the interview id; the completion time is on the {@link Interview}.
 *
 * @param score          overall score on the scale scaleMin..scaleMax (0..100)
 * @param recommendation advance (score >= 70), maybe (>= 45) or pass
 * @param confidence     the model's confidence in its assessment, 0.50..0.99
 * @param skills         skills the candidate showed evidence of (2..6)
 */
public record InterviewResult(int score, int scaleMin, int scaleMax, String recommendation,
                              List<Competency> competencies, String rationale, double confidence,
                              List<String> skills, String transcriptUrl, String recordingUrl,
                              String modelId, String modelVersion, String promptVersion) {

    public InterviewResult {
        competencies = List.copyOf(competencies);
        skills = List.copyOf(skills);
    }
}
