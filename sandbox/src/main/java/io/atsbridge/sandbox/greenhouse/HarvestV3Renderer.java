package io.atsbridge.sandbox.greenhouse;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atsbridge.sandbox.http.SandboxJson;

import java.time.Instant;

/**
 * Renders records as Harvest v3 JSON. What the shapes follow: https://harvestdocs.greenhouse.io/docs/standardizations
 * (ISO-8601 UTC with milliseconds, {@code *_at} times, every resource has {@code created_at} and
 * {@code updated_at}, children carry their parents' ids and parents do not list children, priorities
 * are {@code sort_order}). Field lists beyond that are not documented in the sources at hand; assumed to
 * mirror v1's names (custom fields as v1's {@code custom_fields} and {@code keyed_custom_fields}, tags as
 * names). Call with the simulator's lock held.
 */
final class HarvestV3Renderer {

    private final GreenhouseSimulator sim;

    HarvestV3Renderer(GreenhouseSimulator sim) {
        this.sim = sim;
    }

    ObjectNode application(ApplicationRecord a) {
        ObjectNode n = SandboxJson.object();
        n.put("id", a.id);
        n.put("candidate_id", a.candidateId);
        n.put("job_id", a.jobId);
        n.put("current_stage_id", a.currentStageId);
        n.put("status", a.status);
        n.put("prospect", false);
        n.put("applied_at", SandboxJson.millis(a.appliedAt));
        if ("rejected".equals(a.status)) {
            n.put("rejected_at", SandboxJson.millis(a.lastActivityAt));
        } else {
            n.putNull("rejected_at");
        }
        n.put("last_activity_at", SandboxJson.millis(a.lastActivityAt));
        stamps(n, a.appliedAt, a.lastActivityAt);
        sim.renderer.customFields(n, CustomFieldScope.APPLICATION, a.customFields);
        return n;
    }

    ObjectNode candidate(CandidateRecord c) {
        ObjectNode n = SandboxJson.object();
        n.put("id", c.id);
        n.put("first_name", c.firstName);
        n.put("last_name", c.lastName);
        n.put("company", c.company);
        n.put("title", c.title);
        n.put("is_private", c.isPrivate);
        n.set("email_addresses", HarvestRenderer.contacts(c.emailAddresses));
        n.set("phone_numbers", HarvestRenderer.contacts(c.phoneNumbers));
        n.set("addresses", HarvestRenderer.contacts(c.addresses));
        n.set("website_addresses", HarvestRenderer.contacts(c.websiteAddresses));
        n.set("social_media_addresses", HarvestRenderer.contacts(c.socialMediaAddresses));
        ArrayNode tags = n.putArray("tags");
        c.tags.forEach(tags::add);
        n.put("last_activity_at", SandboxJson.millis(c.lastActivity));
        stamps(n, c.createdAt, c.updatedAt);
        sim.renderer.customFields(n, CustomFieldScope.CANDIDATE, c.customFields);
        return n;
    }

    ObjectNode note(CandidateNote note) {
        ObjectNode n = SandboxJson.object();
        n.put("id", note.id());
        n.put("candidate_id", note.candidateId());
        n.put("user_id", note.userId());
        n.put("body", note.body());
        n.put("visibility", note.visibility());
        stamps(n, note.createdAt(), note.createdAt());
        return n;
    }

    ObjectNode job(GreenhouseJob job) {
        ObjectNode n = SandboxJson.object();
        n.put("id", job.id());
        n.put("name", job.name());
        n.putNull("requisition_id");
        n.put("status", "open");
        n.put("confidential", false);
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
        ArrayNode options = n.putArray("custom_field_options");
        for (int i = 0; i < f.options().size(); i++) {
            CustomFieldOption option = f.options().get(i);
            options.addObject().put("id", option.id()).put("name", option.name()).put("sort_order", i);
        }
        Instant created = sim.createdAt.getOrDefault(f.id(), Instant.EPOCH);
        stamps(n, created, sim.changedAt.getOrDefault(f.id(), created));
        return n;
    }

    private static void stamps(ObjectNode n, Instant created, Instant updated) {
        n.put("created_at", SandboxJson.millis(created));
        n.put("updated_at", SandboxJson.millis(updated));
    }
}
