package io.atsbridge.mapping.domain;

import io.atsbridge.mapping.domain.Assessment.ArtifactKind;
import io.atsbridge.mapping.domain.Assessment.Competency;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Renders the attributed explanation note: what the AI concluded, on which evidence, who and which
 * model produced it, and that people decide. Plain text, one fact per line; lines for facts the
 * assessment does not give are left out rather than shown empty.
 */
final class ExplanationNote {

    /** At most this many competencies and skills are listed; the rest are counted. */
    static final int MAX_LISTED = 50;
    private static final int MAX_NAME_LENGTH = 200;
    private static final int MAX_LINE_LENGTH = 1000;

    private ExplanationNote() {
    }

    static String render(MappingProfile profile, Assessment assessment, String auditReference) {
        StringBuilder note = new StringBuilder();
        line(note, "AI assessment. This is a suggestion only: people make every hiring decision.");
        line(note, "Overall score: " + onScale(assessment.overallScore()));
        if (assessment.recommendation() != null) {
            line(note, "Recommendation: " + FieldConversion.displayName(assessment.recommendation()));
        }
        if (assessment.confidence() > 0 && assessment.confidence() <= 1) {
            line(note, "Confidence: " + FieldConversion.format(FieldConversion.percent(assessment.confidence())) + "%");
        }
        if (!assessment.rationale().isBlank()) {
            line(note, "Rationale: " + assessment.rationale().strip());
        }
        competencies(note, assessment.competencies());
        skills(note, assessment.skillTags());
        evaluator(note, assessment.evaluator());
        model(note, assessment.model());
        if (assessment.completeTime() != null) {
            line(note, "Interview completed: " + assessment.completeTime());
        }
        link(note, "Transcript", assessment, ArtifactKind.TRANSCRIPT);
        link(note, "Recording", assessment, ArtifactKind.RECORDING);
        link(note, "Report", assessment, ArtifactKind.REPORT);
        if (!assessment.id().isBlank()) {
            line(note, "Assessment: " + oneLine(assessment.id(), MAX_NAME_LENGTH)
                    + (assessment.sourceId().isBlank() ? "" : " (vendor interview " + oneLine(assessment.sourceId(), MAX_NAME_LENGTH) + ")"));
        }
        if (!auditReference.isEmpty()) {
            line(note, "Audit reference: " + auditReference);
        }
        note.append("Written by atsbridge with mapping profile ").append(profile.id())
                .append(", version ").append(profile.version()).append('.');
        return note.toString();
    }

    private static void competencies(StringBuilder note, List<Competency> competencies) {
        if (competencies.isEmpty()) {
            return;
        }
        line(note, "Competencies:");
        int listed = Math.min(competencies.size(), MAX_LISTED);
        for (Competency competency : competencies.subList(0, listed)) {
            StringBuilder item = new StringBuilder("- ").append(oneLine(competency.name(), MAX_NAME_LENGTH)).append(": ");
            Assessment.Score score = competency.score();
            item.append(score == null ? "no score" : score.valid() ? onScale(score) : FieldConversion.format(score.value()));
            if (!competency.rationale().isBlank()) {
                item.append(". ").append(oneLine(competency.rationale(), MAX_LINE_LENGTH));
            }
            line(note, item.toString());
        }
        if (competencies.size() > listed) {
            line(note, "- and " + (competencies.size() - listed) + " more");
        }
    }

    private static void skills(StringBuilder note, List<String> skillTags) {
        Set<String> seen = new LinkedHashSet<>();
        Set<String> names = new LinkedHashSet<>();
        for (String skill : skillTags) {
            String name = oneLine(skill, MAX_NAME_LENGTH);
            if (!name.isEmpty() && seen.add(name.toLowerCase(Locale.ROOT))) {
                names.add(name);
            }
        }
        if (names.isEmpty()) {
            return;
        }
        List<String> listed = names.stream().limit(MAX_LISTED).toList();
        line(note, "Skills observed: " + String.join(", ", listed)
                + (names.size() > listed.size() ? " and " + (names.size() - listed.size()) + " more" : ""));
    }

    private static void evaluator(StringBuilder note, Assessment.Evaluator evaluator) {
        String name = oneLine(evaluator.name(), MAX_NAME_LENGTH);
        if (name.isEmpty() && evaluator.kind() == null) {
            return;
        }
        String kind = evaluator.kind() == null ? "" : switch (evaluator.kind()) {
            case AI -> "AI, no person in the scoring loop";
            case AI_WITH_HUMAN_REVIEW -> "AI, reviewed by a person before release";
            case HUMAN -> "a person";
        };
        line(note, "Evaluated by: " + (name.isEmpty() ? kind : kind.isEmpty() ? name : name + " (" + kind + ")"));
    }

    private static void model(StringBuilder note, Assessment.Model model) {
        StringBuilder text = new StringBuilder();
        if (!model.modelId().isBlank()) {
            text.append(oneLine(model.modelId(), MAX_NAME_LENGTH));
        }
        if (!model.modelVersion().isBlank()) {
            text.append(text.isEmpty() ? "" : ", ").append("version ").append(oneLine(model.modelVersion(), MAX_NAME_LENGTH));
        }
        if (!model.promptVersion().isBlank()) {
            text.append(text.isEmpty() ? "" : ", ").append("prompt ").append(oneLine(model.promptVersion(), MAX_NAME_LENGTH));
        }
        if (!text.isEmpty()) {
            line(note, "Model: " + text);
        }
    }

    private static void link(StringBuilder note, String label, Assessment assessment, ArtifactKind kind) {
        assessment.artifact(kind)
                .map(artifact -> artifact.uri().strip())
                .filter(FieldConversion::isHttpUrl)
                .ifPresent(uri -> line(note, label + ": " + uri));
    }

    private static String onScale(Assessment.Score score) {
        return FieldConversion.format(score.value()) + " on a scale of "
                + FieldConversion.format(score.min()) + " to " + FieldConversion.format(score.max());
    }

    private static String oneLine(String text, int max) {
        return TextFit.cut(TextFit.oneLine(text), max);
    }

    private static void line(StringBuilder note, String text) {
        note.append(text).append('\n');
    }
}
