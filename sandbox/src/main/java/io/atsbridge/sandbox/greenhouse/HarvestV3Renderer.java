package io.atsbridge.sandbox.greenhouse;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atsbridge.sandbox.http.SandboxJson;
import io.atsbridge.sandbox.http.SimulatorRecords;

import java.time.Instant;

/**
 * Renders records as Harvest v3 JSON. What the shapes follow: https://harvestdocs.greenhouse.io/docs/standardizations
 * (ISO-8601 UTC with milliseconds, {@code *_at} times, every resource has {@code created_at} and
 * {@code updated_at}, children carry their parents' ids and parents do not list children, priorities
 * are {@code sort_order}). Field names beyond that come from third-party readings of the v3 reference (see
 * {@code contracts/greenhouse-harvest-v3}): an application's current stage is {@code job_interview_stage_id}
 * with {@code stage_id} (its application-stage row) and {@code stage_name}; its {@code status} is
 * {@code in_process}, {@code rejected}, {@code hired} or {@code converted}; {@code custom_fields} is keyed by
 * {@code name_key} with {@code {name, type, value}} values; there is no {@code keyed_custom_fields} and no
 * {@code current_stage_id}. Call with the simulator's lock held.
 */
final class HarvestV3Renderer {

    private final GreenhouseSimulator sim;

    HarvestV3Renderer(GreenhouseSimulator sim) {
        this.sim = sim;
    }

    /** v3's name for an application status the simulator keeps as v1 names it ({@code active} is {@code in_process}). */
    static String status(String v1Status) {
        return "active".equals(v1Status) ? "in_process" : v1Status;
    }

    ObjectNode application(ApplicationRecord a) {
        ObjectNode n = SandboxJson.object();
        n.put("id", a.id);
        n.put("candidate_id", a.candidateId);
        n.put("job_id", a.jobId);
        n.putNull("job_post_id");
        // Recruiting roles, sources and prospects are not simulated.
        n.putNull("recruiter_id");
        n.putNull("coordinator_id");
        n.putNull("referrer_id");
        n.putNull("source_id");
        n.putNull("needs_decision");
        n.putNull("location_address");
        n.putArray("answers");
        n.putArray("prospective_job_ids");
        n.putNull("agency_note_id");
        n.put("status", status(a.status));
        n.put("prospect", false);
        JobStage stage = SimulatorRecords.existing(sim.jobs, a.jobId, "job").stage(a.currentStageId).orElseThrow();
        if (sim.v3Options.applicationJobInterviewStageId()) {
            n.put("job_interview_stage_id", stage.id());
        }
        n.put("stage_id", a.currentVisit().id);
        n.put("stage_name", stage.name());
        if ("rejected".equals(a.status)) {
            n.put("rejected_at", SandboxJson.millis(a.lastActivityAt));
        } else {
            n.putNull("rejected_at");
        }
        n.put("last_activity_at", SandboxJson.millis(a.lastActivityAt));
        stamps(n, a.appliedAt, a.lastActivityAt);
        customFields(n, CustomFieldScope.APPLICATION, a.customFields);
        return n;
    }

    /** An application-stage row ({@code GET /v3/application_stages}). */
    ObjectNode applicationStage(ApplicationRecord a, ApplicationRecord.StageVisit visit) {
        ObjectNode n = SandboxJson.object();
        n.put("id", visit.id);
        n.put("application_id", a.id);
        n.put("job_interview_stage_id", visit.jobStageId);
        n.put("entered_at", SandboxJson.millis(visit.enteredAt));
        if (visit.exitedAt == null) {
            n.putNull("exited_at");
        } else {
            n.put("exited_at", SandboxJson.millis(visit.exitedAt));
        }
        n.put("current", visit == a.currentVisit());
        java.time.Instant until = visit.exitedAt == null ? Instant.now() : visit.exitedAt;
        n.put("days_in_stage", java.time.Duration.between(visit.enteredAt, until).toDays());
        stamps(n, visit.enteredAt, visit.exitedAt == null ? visit.enteredAt : visit.exitedAt);
        return n;
    }

    /** {@code custom_fields}: name_key to {@code {name, type, value}}, every field of the scope (null when unset). */
    void customFields(ObjectNode target, CustomFieldScope scope, java.util.Map<Long, Object> values) {
        ObjectNode fields = target.putObject("custom_fields");
        for (CustomFieldDefinition field : sim.customFields.values()) {
            if (field.scope() == scope) {
                fields.putObject(field.nameKey())
                        .put("name", field.name())
                        .put("type", field.type().keyedTypeName())
                        .set("value", CustomFieldValues.render(field, values.get(field.id())));
            }
        }
    }

    ObjectNode candidate(CandidateRecord c) {
        ObjectNode n = SandboxJson.object();
        n.put("id", c.id);
        n.put("first_name", c.firstName);
        n.put("last_name", c.lastName);
        n.putNull("preferred_name");
        n.put("company", c.company);
        n.put("title", c.title);
        n.put("private", c.isPrivate);
        n.put("can_email", true);
        n.putArray("linked_user_ids");
        n.set("email_addresses", HarvestRenderer.contacts(c.emailAddresses));
        n.set("phone_numbers", HarvestRenderer.contacts(c.phoneNumbers));
        n.set("addresses", HarvestRenderer.contacts(c.addresses));
        n.set("website_addresses", HarvestRenderer.contacts(c.websiteAddresses));
        n.set("social_media_addresses", HarvestRenderer.contacts(c.socialMediaAddresses));
        ArrayNode tags = n.putArray("tags");
        c.tags.forEach(tags::add);
        n.put("last_activity_at", SandboxJson.millis(c.lastActivity));
        stamps(n, c.createdAt, c.updatedAt);
        customFields(n, CustomFieldScope.CANDIDATE, c.customFields);
        return n;
    }

    ObjectNode note(CandidateNote note) {
        ObjectNode n = SandboxJson.object();
        n.put("id", note.id());
        n.put("candidate_id", note.candidateId());
        if (note.applicationId() == null) {
            n.putNull("application_id");
        } else {
            n.put("application_id", note.applicationId());
        }
        n.put("user_id", note.userId());
        n.put("body", note.body());
        n.putNull("subject");
        n.put("type", "NOTE");
        n.put("visibility", note.visibility());
        stamps(n, note.createdAt(), note.createdAt());
        return n;
    }

    ObjectNode job(GreenhouseJob job) {
        ObjectNode n = SandboxJson.object();
        n.put("id", job.id());
        n.put("name", job.name());
        n.putNull("requisition_id");
        n.putNull("notes");
        n.put("status", "open");
        n.put("confidential", false);
        Instant opened = sim.createdAt.getOrDefault(job.id(), Instant.EPOCH);
        n.put("opened_at", SandboxJson.millis(opened));
        n.putNull("closed_at");
        n.put("is_template", false);
        n.putNull("copied_from_id");
        n.putNull("department_id");
        n.putArray("office_ids");
        n.putObject("custom_fields");
        Instant created = sim.createdAt.getOrDefault(job.id(), Instant.EPOCH);
        stamps(n, created, created);
        return n;
    }

    ObjectNode stage(GreenhouseJob job, JobStage stage, int sortOrder) {
        ObjectNode n = SandboxJson.object();
        n.put("id", stage.id());
        n.put("job_id", job.id());
        n.put("name", stage.name());
        n.put("sort_order", sortOrder);
        n.put("active", true);
        Instant created = sim.createdAt.getOrDefault(stage.id(), Instant.EPOCH);
        stamps(n, created, created);
        return n;
    }

    ObjectNode customField(CustomFieldDefinition f) {
        ObjectNode n = SandboxJson.object();
        n.put("id", f.id());
        n.put("name", f.name());
        n.put("name_key", f.nameKey());
        n.put("field_type", f.scope().apiName());
        n.put("value_type", f.type().apiName());
        n.put("active", f.active());
        n.put("private", false);
        n.put("required", false);
        n.putNull("internal_type");
        if (sim.v3Options.embedCustomFieldOptions()
                && (f.type() == CustomFieldType.SINGLE_SELECT || f.type() == CustomFieldType.MULTI_SELECT)) {
            ArrayNode options = n.putArray("custom_field_options");
            for (int i = 0; i < f.options().size(); i++) {
                options.add(customFieldOption(f, f.options().get(i), i));
            }
        }
        Instant created = sim.createdAt.getOrDefault(f.id(), Instant.EPOCH);
        stamps(n, created, sim.changedAt.getOrDefault(f.id(), created));
        return n;
    }

    private static void stamps(ObjectNode n, Instant created, Instant updated) {
        n.put("created_at", SandboxJson.millis(created));
        n.put("updated_at", SandboxJson.millis(updated));
    }

    /** A select field's option ({@code GET /v3/custom_field_options}). */
    ObjectNode customFieldOption(CustomFieldDefinition field, CustomFieldOption option, int sortOrder) {
        ObjectNode n = SandboxJson.object();
        n.put("id", option.id());
        n.put("custom_field_id", field.id());
        n.put("name", option.name());
        n.putNull("external_id");
        n.put("sort_order", sortOrder);
        n.put("active", true);
        Instant created = sim.createdAt.getOrDefault(field.id(), Instant.EPOCH);
        stamps(n, created, created);
        return n;
    }

    /** A candidate tag ({@code GET /v3/candidate_tags}). */
    ObjectNode candidateTag(String name, long id) {
        ObjectNode n = SandboxJson.object();
        n.put("id", id);
        n.put("name", name);
        stamps(n, Instant.EPOCH, Instant.EPOCH);
        return n;
    }

    /** A tag on a candidate ({@code GET /v3/applied_candidate_tags}); its id is derived from the pair. */
    ObjectNode appliedCandidateTag(long candidateId, long tagId) {
        ObjectNode n = SandboxJson.object();
        n.put("id", appliedTagId(candidateId, tagId));
        n.put("candidate_id", candidateId);
        n.put("candidate_tag_id", tagId);
        stamps(n, Instant.EPOCH, Instant.EPOCH);
        return n;
    }

    /** A stable id for a (candidate, tag) pair, so the same application of a tag always has the same id. */
    static long appliedTagId(long candidateId, long tagId) {
        return candidateId * 1_000_003L + tagId;
    }

    /** An attachment ({@code POST /v3/attachments}). */
    ObjectNode attachment(ApplicationRecord a, GreenhouseAttachment attachment) {
        ObjectNode n = SandboxJson.object();
        n.put("id", attachment.id());
        n.put("application_id", a.id);
        n.put("candidate_id", a.candidateId);
        n.put("type", attachment.type());
        n.put("filename", attachment.filename());
        n.put("url", "https://prod-heroku.s3.amazonaws.com/sandbox/" + attachment.id() + "/" + attachment.filename());
        stamps(n, attachment.createdAt(), attachment.createdAt());
        return n;
    }
}
