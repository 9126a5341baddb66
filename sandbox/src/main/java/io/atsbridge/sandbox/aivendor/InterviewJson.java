package io.atsbridge.sandbox.aivendor;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atsbridge.sandbox.http.SandboxJson;

import java.util.Objects;

/** The AI vendor's JSON: snake_case, timestamps ISO-8601 UTC, absent values as null. */
final class InterviewJson {

    private InterviewJson() {
    }

    static ObjectNode interview(Interview i) {
        ObjectNode n = SandboxJson.object();
        n.put("id", i.id());
        n.put("status", i.status());
        n.put("invitation_url", i.invitationUrl());
        n.put("created_at", i.createdAt().toString());
        n.put("completed_at", i.completedAt() == null ? null : i.completedAt().toString());
        n.put("cancelled_at", i.cancelledAt() == null ? null : i.cancelledAt().toString());
        ObjectNode candidate = n.putObject("candidate");
        candidate.put("external_id", i.candidate().externalId());
        candidate.put("first_name", i.candidate().firstName());
        candidate.put("last_name", i.candidate().lastName());
        candidate.put("email", i.candidate().email());
        n.putObject("job").put("external_id", i.job().externalId()).put("title", i.job().title());
        n.putObject("interview_kit").put("id", i.interviewKitId());
        ObjectNode metadata = n.putObject("metadata");
        i.metadata().forEach(metadata::put);
        if (i.result() == null) {
            n.putNull("result");
        } else {
            n.set("result", result(i));
        }
        return n;
    }

    /** The {@code data} of an {@code interview.completed} event. */
    static ObjectNode completionData(Interview i) {
        ObjectNode n = SandboxJson.object();
        n.put("interview_id", i.id());
        n.put("status", i.status());
        n.putObject("candidate").put("external_id", i.candidate().externalId());
        n.putObject("job").put("external_id", i.job().externalId());
        n.putObject("interview_kit").put("id", i.interviewKitId());
        ObjectNode metadata = n.putObject("metadata");
        i.metadata().forEach(metadata::put);
        n.set("result", result(i));
        return n;
    }

    static ObjectNode result(Interview i) {
        InterviewResult r = Objects.requireNonNull(i.result(), "only a completed interview is rendered with its result");
        ObjectNode n = SandboxJson.object();
        n.put("score", r.score());
        n.putObject("scale").put("min", r.scaleMin()).put("max", r.scaleMax());
        n.put("recommendation", r.recommendation());
        ArrayNode competencies = n.putArray("competencies");
        r.competencies().forEach(c -> competencies.addObject()
                .put("name", c.name()).put("score", c.score()).put("rationale", c.rationale()));
        n.put("rationale", r.rationale());
        n.put("confidence", r.confidence());
        ArrayNode skills = n.putArray("skills");
        r.skills().forEach(skills::add);
        n.put("transcript_url", r.transcriptUrl());
        n.put("recording_url", r.recordingUrl());
        n.putObject("model").put("id", r.modelId()).put("version", r.modelVersion());
        n.put("prompt_version", r.promptVersion());
        n.put("completed_at", Objects.requireNonNull(i.completedAt(), "a result comes with its completion time").toString());
        return n;
    }
}
