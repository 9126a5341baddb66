package io.atsbridge.sandbox.greenhouse;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atsbridge.sandbox.http.SandboxJson;
import io.atsbridge.sandbox.http.SimulatorRecords;
import io.micronaut.core.annotation.Nullable;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Renders the simulator's records as Harvest v1 JSON, field for field as the Harvest documentation's
 * examples (copied, with their sources, under {@code contracts/greenhouse-harvest-v1/examples}). Properties without a value are null, not absent,
 * as Harvest's "general considerations" promise. Call with the simulator's lock held.
 */
final class HarvestRenderer {

    private final GreenhouseSimulator sim;

    HarvestRenderer(GreenhouseSimulator sim) {
        this.sim = sim;
    }

    ObjectNode candidate(CandidateRecord c) {
        ObjectNode n = SandboxJson.object();
        n.put("id", c.id);
        n.put("first_name", c.firstName);
        n.put("last_name", c.lastName);
        n.put("company", c.company);
        n.put("title", c.title);
        n.put("created_at", SandboxJson.millis(c.createdAt));
        n.put("updated_at", SandboxJson.millis(c.updatedAt));
        n.put("last_activity", SandboxJson.millis(c.lastActivity));
        n.put("is_private", c.isPrivate);
        n.putNull("photo_url");
        n.putArray("attachments");
        ArrayNode applicationIds = n.putArray("application_ids");
        c.applicationIds.forEach(applicationIds::add);
        n.set("phone_numbers", contacts(c.phoneNumbers));
        n.set("addresses", contacts(c.addresses));
        n.set("email_addresses", contacts(c.emailAddresses));
        n.set("website_addresses", contacts(c.websiteAddresses));
        n.set("social_media_addresses", contacts(c.socialMediaAddresses));
        n.putNull("recruiter");
        n.putNull("coordinator");
        n.put("can_email", true);
        ArrayNode tags = n.putArray("tags");
        c.tags.forEach(tags::add);
        ArrayNode applications = n.putArray("applications");
        c.applicationIds.forEach(id -> applications.add(application(SimulatorRecords.existing(sim.applications, id, "application"))));
        n.putArray("educations");
        n.putArray("employments");
        customFields(n, CustomFieldScope.CANDIDATE, c.customFields);
        return n;
    }

    ObjectNode application(ApplicationRecord a) {
        GreenhouseJob job = SimulatorRecords.existing(sim.jobs, a.jobId, "job");
        ObjectNode n = SandboxJson.object();
        n.put("id", a.id);
        n.put("candidate_id", a.candidateId);
        n.put("prospect", false);
        n.put("applied_at", SandboxJson.millis(a.appliedAt));
        if ("rejected".equals(a.status)) {
            n.put("rejected_at", SandboxJson.millis(a.lastActivityAt));
        } else {
            n.putNull("rejected_at");
        }
        n.put("last_activity_at", SandboxJson.millis(a.lastActivityAt));
        n.putNull("location");
        n.putNull("source");
        n.putNull("credited_to");
        n.putNull("recruiter");
        n.putNull("coordinator");
        n.putNull("rejection_reason");
        n.putNull("rejection_details");
        ArrayNode jobs = n.putArray("jobs");
        jobs.addObject().put("id", job.id()).put("name", job.name());
        n.putNull("job_post_id");
        n.put("status", a.status);
        JobStage stage = job.stage(a.currentStageId).orElseThrow();
        n.putObject("current_stage").put("id", stage.id()).put("name", stage.name());
        n.putArray("answers");
        n.putNull("prospective_office");
        n.putNull("prospective_department");
        ObjectNode prospect = n.putObject("prospect_detail");
        prospect.putNull("prospect_pool");
        prospect.putNull("prospect_stage");
        prospect.putNull("prospect_owner");
        customFields(n, CustomFieldScope.APPLICATION, a.customFields);
        ArrayNode attachments = n.putArray("attachments");
        for (GreenhouseAttachment attachment : a.attachments) {
            attachments.addObject()
                    .put("filename", attachment.filename())
                    .put("url", attachmentUrl(attachment))
                    .put("type", attachment.type())
                    .put("created_at", SandboxJson.millis(attachment.createdAt()));
        }
        return n;
    }

    /** The answer to an attachment upload: what was stored and where Greenhouse serves it. */
    ObjectNode attachment(GreenhouseAttachment a) {
        ObjectNode n = SandboxJson.object();
        n.put("id", a.id());
        n.put("application_id", a.applicationId());
        n.put("filename", a.filename());
        n.put("url", attachmentUrl(a));
        n.put("type", a.type());
        n.put("content_type", a.contentType());
        n.put("visibility", a.visibility());
        n.put("created_at", SandboxJson.millis(a.createdAt()));
        n.put("updated_at", SandboxJson.millis(a.createdAt()));
        return n;
    }

    /**
     * Greenhouse serves uploads from signed, expiring S3 links; the sandbox gives a stable URL on a reserved
     * (.invalid) host instead, since nothing downloads from it. A file given by URL keeps its URL.
     */
    static String attachmentUrl(GreenhouseAttachment a) {
        if (a.url() != null) {
            return a.url();
        }
        return "https://attachments.sandbox.invalid/applications/" + a.applicationId() + "/attachments/" + a.id() + "/"
                + URLEncoder.encode(a.filename(), StandardCharsets.UTF_8).replace("+", "%20");
    }

    ObjectNode job(GreenhouseJob job) {
        ObjectNode n = SandboxJson.object();
        n.put("id", job.id());
        n.put("name", job.name());
        n.putNull("requisition_id");
        n.putNull("notes");
        n.put("confidential", false);
        n.put("status", "open");
        n.putNull("created_at");
        n.putNull("opened_at");
        n.putNull("closed_at");
        n.putNull("updated_at");
        n.put("is_template", false);
        n.putNull("copied_from_id");
        n.putArray("departments");
        n.putArray("offices");
        ObjectNode team = n.putObject("hiring_team");
        team.putArray("hiring_managers");
        team.putArray("recruiters");
        team.putArray("coordinators");
        team.putArray("sourcers");
        n.putObject("custom_fields");
        n.putObject("keyed_custom_fields");
        n.putArray("openings");
        return n;
    }

    ArrayNode stages(GreenhouseJob job) {
        ArrayNode stages = SandboxJson.array();
        List<JobStage> plan = job.stages();
        for (int i = 0; i < plan.size(); i++) {
            JobStage stage = plan.get(i);
            ObjectNode s = stages.addObject();
            s.put("id", stage.id());
            s.put("name", stage.name());
            s.putNull("created_at");
            s.putNull("updated_at");
            s.put("active", true);
            s.put("job_id", job.id());
            s.put("priority", i);
            s.putArray("interviews");
        }
        return stages;
    }

    ObjectNode customFieldDefinition(CustomFieldDefinition f) {
        ObjectNode n = SandboxJson.object();
        n.put("id", f.id());
        n.put("name", f.name());
        n.put("active", f.active());
        n.put("field_type", f.scope().apiName());
        n.put("priority", 0);
        n.put("value_type", f.type().apiName());
        n.put("private", false);
        n.put("required", false);
        n.put("require_approval", false);
        n.put("trigger_new_version", false);
        n.put("name_key", f.nameKey());
        n.putNull("description");
        n.put("expose_in_job_board_api", false);
        n.put("api_only", false);
        n.putArray("offices");
        n.putArray("departments");
        n.putNull("template_token_string");
        ArrayNode options = n.putArray("custom_field_options");
        for (int i = 0; i < f.options().size(); i++) {
            CustomFieldOption option = f.options().get(i);
            options.addObject().put("id", option.id()).put("name", option.name()).put("priority", i).putNull("external_id");
        }
        return n;
    }

    ObjectNode note(CandidateNote note) {
        ObjectNode n = SandboxJson.object();
        n.put("id", note.id());
        n.put("created_at", SandboxJson.seconds(note.createdAt()));
        n.put("body", note.body());
        n.set("user", user(sim.users.get(note.userId())));
        n.put("private", "private".equals(note.visibility()));
        // Harvest keeps its legacy misspelling next to the correct key.
        n.put("visiblity", note.visibility());
        n.put("visibility", note.visibility());
        return n;
    }

    ObjectNode activity(CandidateRecord.Activity activity) {
        ObjectNode n = SandboxJson.object();
        n.put("id", activity.id());
        n.put("created_at", SandboxJson.seconds(activity.createdAt()));
        n.put("subject", activity.subject());
        n.put("body", activity.body());
        n.set("user", activity.userId() == null ? null : user(sim.users.get(activity.userId())));
        return n;
    }

    ObjectNode user(@Nullable GreenhouseUser user) {
        ObjectNode n = SandboxJson.object();
        if (user == null) {
            return n;
        }
        n.put("id", user.id());
        n.put("first_name", user.firstName());
        n.put("last_name", user.lastName());
        n.put("name", user.name());
        n.put("employee_id", user.employeeId());
        return n;
    }

    /** Adds {@code custom_fields} (name_key to value) and {@code keyed_custom_fields} (name_key to name, type, value). */
    void customFields(ObjectNode target, CustomFieldScope scope, Map<Long, Object> values) {
        ObjectNode plain = target.putObject("custom_fields");
        ObjectNode keyed = target.putObject("keyed_custom_fields");
        for (CustomFieldDefinition field : sim.customFields.values()) {
            if (field.scope() != scope) {
                continue;
            }
            var value = CustomFieldValues.render(field, values.get(field.id()));
            plain.set(field.nameKey(), value);
            keyed.putObject(field.nameKey())
                    .put("name", field.name())
                    .put("type", field.type().keyedTypeName())
                    .set("value", value.deepCopy());
        }
    }

    /** Webhook-style custom fields: name_key to {name, type, value} only. */
    ObjectNode webhookCustomFields(CustomFieldScope scope, Map<Long, Object> values) {
        ObjectNode out = SandboxJson.object();
        for (CustomFieldDefinition field : sim.customFields.values()) {
            if (field.scope() == scope) {
                out.putObject(field.nameKey())
                        .put("name", field.name())
                        .put("type", field.type().keyedTypeName())
                        .set("value", CustomFieldValues.render(field, values.get(field.id())));
            }
        }
        return out;
    }

    static ArrayNode contacts(List<ContactValue> values) {
        ArrayNode array = SandboxJson.array();
        for (ContactValue v : values) {
            ObjectNode entry = array.addObject().put("value", v.value());
            if (v.type() != null) {
                entry.put("type", v.type());
            }
        }
        return array;
    }
}
