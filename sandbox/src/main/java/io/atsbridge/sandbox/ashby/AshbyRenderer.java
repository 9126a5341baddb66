package io.atsbridge.sandbox.ashby;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atsbridge.sandbox.http.SandboxJson;
import io.atsbridge.sandbox.http.SimulatorRecords;
import io.micronaut.core.annotation.Nullable;

import java.util.Map;

/**
 * Renders the simulator's state as Ashby's API does. Shapes follow Ashby's published OpenAPI (the copy in
 * {@code api-evangelist/ashby} {@code openapi/ashby-*-api-openapi.yml}): the application object is the one
 * {@code application.info}, {@code application.list}, {@code application.changeStage} and the webhooks' {@code
 * data.application} share. Fields the simulator has no data for are rendered empty or null rather than left
 * out. Call with the simulator's lock held.
 */
final class AshbyRenderer {

    /** Where Ashby's UI lives; profile and job URLs point into it. */
    static final String APP_URL = "https://app.ashbyhq.com";

    private final AshbySimulator sim;

    AshbyRenderer(AshbySimulator sim) {
        this.sim = sim;
    }

    /**
     * {@code candidate.info} results: id, createdAt, updatedAt, name, primaryEmailAddress {value, type, isPrimary}
     * (when there is an e-mail), emailAddresses, phoneNumbers, socialLinks, tags [{id, title, isArchived}],
     * applicationIds, fileHandles, customFields, profileUrl. E-mail {@code type} is always {@code Personal} here
     * (Ashby's enum: Personal, Work, Other).
     */
    ObjectNode candidate(AshbySimulator.CandidateRecord c) {
        ObjectNode n = SandboxJson.object();
        n.put("id", c.id);
        n.put("createdAt", SandboxJson.millis(c.createdAt));
        n.put("updatedAt", SandboxJson.millis(c.updatedAt));
        n.put("name", c.name);
        ArrayNode emails = n.putArray("emailAddresses");
        for (int i = 0; i < c.emails.size(); i++) {
            ObjectNode email = emails.addObject();
            email.put("value", c.emails.get(i));
            email.put("type", "Personal");
            email.put("isPrimary", i == 0);
        }
        if (!c.emails.isEmpty()) {
            n.set("primaryEmailAddress", emails.get(0).deepCopy());
        }
        n.putArray("phoneNumbers");
        n.putArray("socialLinks");
        ArrayNode tags = n.putArray("tags");
        for (String tagId : c.tagIds) {
            tags.add(tag(SimulatorRecords.existing(sim.tags, tagId, "tag")));
        }
        ArrayNode applicationIds = n.putArray("applicationIds");
        c.applicationIds.forEach(applicationIds::add);
        n.putArray("fileHandles");
        n.set("customFields", customFieldValues(c.customFields));
        n.put("profileUrl", APP_URL + "/candidates/" + c.id);
        return n;
    }

    /**
     * The application object (the OpenAPI's webhooks.pushToHRIS data.application, which application.info, .list and
     * .changeStage answer too): id, createdAt, updatedAt, status, customFields, candidate {id, name,
     * primaryEmailAddress}, currentInterviewStage {id, title, type, orderInInterviewPlan, interviewPlanId},
     * archiveReason and archivedAt when archived, job {id, title}, hiringTeam (all required ones are there; source,
     * creditedToUser and the rest are left out).
     */
    ObjectNode application(AshbySimulator.ApplicationRecord a) {
        AshbySimulator.CandidateRecord c = SimulatorRecords.existing(sim.candidates, a.candidateId, "candidate");
        AshbyJob job = SimulatorRecords.existing(sim.jobs, a.jobId, "job");
        AshbyInterviewStage stage = job.stage(a.stageId).orElseThrow();
        ObjectNode n = SandboxJson.object();
        n.put("id", a.id);
        n.put("createdAt", SandboxJson.millis(a.createdAt));
        n.put("updatedAt", SandboxJson.millis(a.updatedAt));
        n.put("status", a.status);
        n.set("customFields", customFieldValues(a.customFields));
        ObjectNode candidate = n.putObject("candidate");
        candidate.put("id", c.id);
        candidate.put("name", c.name);
        if (!c.emails.isEmpty()) {
            ObjectNode email = candidate.putObject("primaryEmailAddress");
            email.put("value", c.emails.get(0));
            email.put("type", "Personal");
            email.put("isPrimary", true);
        }
        n.set("currentInterviewStage", stage(stage));
        if (a.archiveReasonId != null && "Archived".equals(a.status)) {
            ObjectNode reason = n.putObject("archiveReason");
            reason.put("id", a.archiveReasonId);
            reason.put("text", sim.archiveReasons.get(a.archiveReasonId));
            reason.put("reasonType", "RejectedByOrg");
            reason.put("isArchived", false);
            // The OpenAPI's archiveReason on an application requires its archive detail fields (none here).
            reason.putArray("customFields");
            n.put("archivedAt", SandboxJson.millis(a.updatedAt));
        }
        ObjectNode j = n.putObject("job");
        j.put("id", job.id());
        j.put("title", job.title());
        n.putArray("hiringTeam");
        return n;
    }

    /** An interview stage as {@code interviewStage.list} and {@code currentInterviewStage} render it. */
    ObjectNode stage(AshbyInterviewStage stage) {
        ObjectNode n = SandboxJson.object();
        n.put("id", stage.id());
        n.put("title", stage.title());
        n.put("type", stage.type());
        n.put("orderInInterviewPlan", stage.orderInInterviewPlan());
        n.put("interviewPlanId", stage.interviewPlanId());
        return n;
    }

    /** {@code job.info} results (the fields the simulator models; status always Open). */
    ObjectNode job(AshbyJob job) {
        ObjectNode n = SandboxJson.object();
        n.put("id", job.id());
        n.put("title", job.title());
        n.put("confidential", false);
        n.put("status", "Open");
        n.put("employmentType", "FullTime");
        n.put("defaultInterviewPlanId", job.interviewPlanId());
        n.putArray("interviewPlanIds").add(job.interviewPlanId());
        n.putArray("customFields");
        n.putArray("jobPostingIds");
        n.putArray("hiringTeam");
        n.put("requisitionId", job.requisitionId());
        return n;
    }

    /** A custom field definition as {@code customField.list} renders it. */
    ObjectNode customField(AshbyCustomField field) {
        ObjectNode n = SandboxJson.object();
        n.put("id", field.id());
        n.put("isPrivate", false);
        n.put("title", field.title());
        n.put("objectType", field.objectType().apiName());
        n.put("isArchived", false);
        n.put("fieldType", field.fieldType().apiName());
        n.put("isRequired", false);
        if (field.fieldType().selectable()) {
            ArrayNode values = n.putArray("selectableValues");
            for (AshbySelectableValue option : field.options()) {
                values.addObject().put("label", option.label()).put("value", option.value()).put("isArchived", false);
            }
        }
        return n;
    }

    ObjectNode tag(AshbyTag tag) {
        ObjectNode n = SandboxJson.object();
        n.put("id", tag.id());
        n.put("title", tag.title());
        n.put("isArchived", tag.isArchived());
        return n;
    }

    /**
     * A note as {@code candidate.createNote} and {@code candidate.listNotes} render it: id, createdAt, isPrivate,
     * content, author {id, firstName, lastName, email} (Ashby's OpenAPI, candidate.createNote response).
     */
    ObjectNode note(AshbyNote note) {
        ObjectNode n = SandboxJson.object();
        n.put("id", note.id());
        n.put("createdAt", SandboxJson.millis(note.createdAt()));
        n.put("content", note.content());
        AshbyUser author = SimulatorRecords.existing(sim.users, note.authorId(), "user");
        ObjectNode a = n.putObject("author");
        a.put("id", author.id());
        a.put("firstName", author.firstName());
        a.put("lastName", author.lastName());
        a.put("email", author.email());
        n.put("isPrivate", note.isPrivate());
        return n;
    }

    /**
     * The {@code assessment.start} request Ashby sends a partner (Ashby's OpenAPI, assessment.start "Implemented by
     * Partner"): assessment_type_id; candidate {ashby_id, first_name, last_name, email, ashby_profile_url};
     * application {ashby_id, status}; job {ashby_id, name, req_id, ashby_job_url, hiringTeam}. The name is split
     * at its first space (Ashby keeps one name field).
     */
    ObjectNode assessmentStart(String assessmentTypeId, AshbySimulator.ApplicationRecord a) {
        AshbySimulator.CandidateRecord c = SimulatorRecords.existing(sim.candidates, a.candidateId, "candidate");
        AshbyJob job = SimulatorRecords.existing(sim.jobs, a.jobId, "job");
        ObjectNode body = SandboxJson.object();
        body.put("assessment_type_id", assessmentTypeId);
        ObjectNode candidate = body.putObject("candidate");
        candidate.put("ashby_id", c.id);
        int space = c.name.indexOf(' ');
        candidate.put("first_name", space < 0 ? c.name : c.name.substring(0, space));
        candidate.put("last_name", space < 0 ? "" : c.name.substring(space + 1).strip());
        candidate.put("email", c.emails.isEmpty() ? "" : c.emails.get(0));
        candidate.put("ashby_profile_url", APP_URL + "/candidates/" + c.id);
        ObjectNode application = body.putObject("application");
        application.put("ashby_id", a.id);
        application.put("status", a.status);
        ObjectNode j = body.putObject("job");
        j.put("ashby_id", job.id());
        j.put("name", job.title());
        j.put("req_id", job.requisitionId());
        j.put("ashby_job_url", APP_URL + "/jobs/" + job.id());
        j.putArray("hiringTeam");
        return body;
    }

    /** Custom field values as {@link #customFieldValue} renders each, in the order they were first set. */
    private ArrayNode customFieldValues(Map<String, JsonNode> values) {
        ArrayNode array = SandboxJson.array();
        values.forEach((fieldId, value) -> array.add(customFieldValue(SimulatorRecords.existing(sim.customFields, fieldId, "custom field"), value)));
        return array;
    }

    /**
     * One field's value as customField.setValue answers it and candidate.info / application.info list it (Ashby's
     * OpenAPI: {@code {id, isPrivate, title, value, valueLabel}}): a select's {@code value} is the option value
     * (a MultiValueSelect's an array of them), {@code valueLabel} the option label(s), present for select fields only.
     */
    ObjectNode customFieldValue(AshbyCustomField field, @Nullable JsonNode value) {
        ObjectNode n = SandboxJson.object();
        n.put("id", field.id());
        n.put("isPrivate", false);
        n.put("title", field.title());
        n.set("value", value == null ? null : value.deepCopy());
        if (field.fieldType().selectable() && value != null) {
            if (value.isArray()) {
                ArrayNode labels = n.putArray("valueLabel");
                value.forEach(v -> labels.add(field.option(v.asText()).map(AshbySelectableValue::label).orElse(v.asText())));
            } else {
                n.put("valueLabel", field.option(value.asText()).map(AshbySelectableValue::label).orElse(value.asText()));
            }
        }
        return n;
    }
}
