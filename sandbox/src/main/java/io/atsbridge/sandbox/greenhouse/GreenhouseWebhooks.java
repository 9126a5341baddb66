package io.atsbridge.sandbox.greenhouse;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atsbridge.sandbox.http.SandboxJson;
import io.atsbridge.sandbox.http.SimulatorRecords;
import io.atsbridge.sandbox.http.WebhookDispatcher;
import io.atsbridge.sandbox.http.WebhookEvent;
import io.atsbridge.sandbox.http.WebhookLog;
import io.atsbridge.sandbox.signing.GreenhouseSignature;
import io.atsbridge.sandbox.signing.RubyJson;
import io.micronaut.core.annotation.Nullable;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Greenhouse recruiting webhooks: payloads built like the documented examples from the simulator's current
 * state, serialised with Ruby's escaping, signed {@code Signature: sha256 <hex>}, and delivered with
 * Greenhouse's retry policy: up to 7 attempts, the next one 1, 15, 60, 120, 240 and 480 minutes after a
 * failure (scaled), where anything but HTTP 200 (or no answer in time) is a failure.
 */
final class GreenhouseWebhooks {

    /** Greenhouse's delays before attempts 2..7. */
    static final List<Duration> RETRY_DELAYS = List.of(Duration.ofMinutes(1), Duration.ofMinutes(15),
            Duration.ofMinutes(60), Duration.ofMinutes(120), Duration.ofMinutes(240), Duration.ofMinutes(480));

    static final String USER_AGENT = "Greenhouse-Webhooks/1.0 (atsbridge sandbox)";

    private final GreenhouseSimulator sim;
    private final WebhookDispatcher dispatcher;
    private final WebhookLog log = new WebhookLog("Greenhouse webhook event");
    @Nullable
    private volatile URI endpoint;
    private volatile String secretKey;

    GreenhouseWebhooks(GreenhouseSimulator sim, WebhookDispatcher dispatcher, @Nullable URI endpoint, String secretKey) {
        this.sim = sim;
        this.dispatcher = dispatcher;
        this.endpoint = endpoint;
        this.secretKey = secretKey;
    }

    void configure(@Nullable URI endpoint, String secretKey) {
        if (secretKey == null || secretKey.isEmpty()) {
            throw new IllegalArgumentException("Greenhouse webhook secret key: empty (expected: the key configured in Greenhouse)");
        }
        this.endpoint = endpoint;
        this.secretKey = secretKey;
    }

    /** Records and delivers an event; returns its Greenhouse-Event-ID. */
    String send(String action, ObjectNode payload) {
        ObjectNode envelope = SandboxJson.object();
        envelope.put("action", action);
        envelope.set("payload", payload);
        return sendRaw(action, RubyJson.bytes(envelope));
    }

    String sendRaw(String action, byte[] body) {
        WebhookEvent event = log.created(new WebhookEvent(UUID.randomUUID().toString(), action, body.clone(), Instant.now()));
        deliver(event);
        return event.id();
    }

    void replay(String eventId) {
        deliver(log.event(eventId));
    }

    /** The events created and their delivery attempts. */
    WebhookLog log() {
        return log;
    }

    private void deliver(WebhookEvent event) {
        URI target = endpoint;
        if (target == null) {
            return;
        }
        String signature = GreenhouseSignature.headerValue(secretKey, event.body());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put(GreenhouseSignature.HEADER, signature);
        headers.put("Greenhouse-Event-ID", event.id());
        headers.put("User-Agent", USER_AGENT);
        Map<String, String> fixed = Map.copyOf(headers);
        dispatcher.deliver(new WebhookDispatcher.Delivery(event.id(), target, event.body(), attempt -> fixed,
                status -> status == 200, RETRY_DELAYS, log::attempted));
    }

    /**
     * {@code payload.application} as in the candidate_stage_change and new_candidate_application examples:
     * the application with its current stage, its candidate and its job, custom fields keyed with
     * name/type/value. Call with the simulator's lock held.
     */
    ObjectNode applicationPayload(ApplicationRecord a, boolean newApplication) {
        CandidateRecord c = SimulatorRecords.existing(sim.candidates, a.candidateId, "candidate");
        GreenhouseJob job = SimulatorRecords.existing(sim.jobs, a.jobId, "job");
        JobStage stage = job.stage(a.currentStageId).orElseThrow();
        String base = "https://app.greenhouse.io";
        ObjectNode app = SandboxJson.object();
        app.put("id", a.id);
        if ("rejected".equals(a.status)) {
            app.put("rejected_at", SandboxJson.seconds(a.lastActivityAt));
        } else {
            app.putNull("rejected_at");
        }
        app.put("prospect", false);
        app.put("status", a.status);
        app.put("applied_at", SandboxJson.seconds(a.appliedAt));
        app.put("last_activity_at", SandboxJson.seconds(a.lastActivityAt));
        app.put("url", base + "/people/" + c.id + "?application_id=" + a.id);
        app.putNull("source");
        app.putNull("credited_to");
        app.putNull("rejection_reason");
        app.putNull("rejection_details");
        ObjectNode currentStage = app.putObject("current_stage");
        currentStage.put("id", stage.id());
        currentStage.put("name", stage.name());
        currentStage.putArray("interviews");
        if (newApplication) {
            ObjectNode prospect = app.putObject("prospect_detail");
            prospect.putNull("prospect_pool");
            prospect.putNull("prospect_stage");
            prospect.putNull("prospect_owner");
        }
        app.set("custom_fields", sim.renderer.webhookCustomFields(CustomFieldScope.APPLICATION, a.customFields));
        app.set("candidate", candidate(c, base));
        ArrayNode jobs = app.putArray("jobs");
        ObjectNode j = jobs.addObject();
        j.put("id", job.id());
        j.put("name", job.name());
        j.putNull("requisition_id");
        j.putNull("notes");
        j.put("confidential", false);
        j.putNull("job_post_id");
        j.put("status", "open");
        j.putNull("created_by_id");
        j.putNull("created_at");
        j.putNull("opened_at");
        j.putNull("closed_at");
        if (newApplication) {
            j.put("url", base + "/sdash/" + job.id());
        }
        j.putArray("departments");
        j.putArray("offices");
        if (newApplication) {
            ObjectNode team = j.putObject("hiring_team");
            team.putArray("hiring_managers");
            team.putArray("sourcers");
            team.putArray("recruiters");
            team.putArray("coordinators");
        }
        j.putObject("custom_fields");
        ObjectNode payload = SandboxJson.object();
        payload.set("application", app);
        return payload;
    }

    private ObjectNode candidate(CandidateRecord c, String base) {
        ObjectNode n = SandboxJson.object();
        n.put("id", c.id);
        n.put("first_name", c.firstName);
        n.put("last_name", c.lastName);
        n.put("title", c.title);
        n.put("company", c.company);
        n.put("created_at", SandboxJson.seconds(c.createdAt));
        n.putNull("external_id");
        n.putNull("photo_url");
        n.put("url", base + "/people/" + c.id);
        n.put("is_private", c.isPrivate);
        n.put("can_email", true);
        n.set("phone_numbers", HarvestRenderer.contacts(c.phoneNumbers));
        n.set("email_addresses", HarvestRenderer.contacts(c.emailAddresses));
        n.set("addresses", HarvestRenderer.contacts(c.addresses));
        n.set("website_addresses", HarvestRenderer.contacts(c.websiteAddresses));
        n.set("social_media_addresses", HarvestRenderer.contacts(c.socialMediaAddresses));
        n.putArray("educations");
        n.putArray("employments");
        n.putNull("recruiter");
        n.putNull("coordinator");
        n.putArray("attachments");
        ArrayNode tags = n.putArray("tags");
        c.tags.forEach(tags::add);
        n.set("custom_fields", sim.renderer.webhookCustomFields(CustomFieldScope.CANDIDATE, c.customFields));
        return n;
    }
}
