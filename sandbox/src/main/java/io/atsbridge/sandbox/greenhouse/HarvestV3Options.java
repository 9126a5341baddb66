package io.atsbridge.sandbox.greenhouse;

/**
 * Harvest v3 behaviours that Greenhouse's public material leaves open, as switches, so that a connector is
 * tested against each answer instead of against one guess. Thread-safe; read on every request.
 */
public final class HarvestV3Options {

    private volatile boolean embedCustomFieldOptions;
    private volatile boolean requireNoteAuthor = true;
    private volatile boolean applicationJobInterviewStageId = true;

    HarvestV3Options() {
    }

    /**
     * Whether {@code GET /v3/custom_fields} embeds a select field's options as {@code custom_field_options}.
     * Default false: v3 does not embed children that have an endpoint of their own
     * (https://harvestdocs.greenhouse.io/docs/standardizations), and options have {@code GET /v3/custom_field_options};
     * whether custom fields are an exception is not in the public material.
     */
    public boolean embedCustomFieldOptions() {
        return embedCustomFieldOptions;
    }

    public HarvestV3Options embedCustomFieldOptions(boolean embed) {
        this.embedCustomFieldOptions = embed;
        return this;
    }

    /**
     * Whether {@code POST /v3/notes} requires {@code user_id} (an existing user, who becomes the author) and
     * {@code note_type} ({@code NOTE}). Default true: third-party v3 clients send both; the reference page is not in
     * the public material at hand. False accepts notes without them, authored by the token's user.
     */
    public boolean requireNoteAuthor() {
        return requireNoteAuthor;
    }

    public HarvestV3Options requireNoteAuthor(boolean require) {
        this.requireNoteAuthor = require;
        return this;
    }

    /**
     * Whether an application carries {@code job_interview_stage_id} (its stage in the job's plan) besides
     * {@code stage_id} and {@code stage_name}. Default true, as the reading of the v3 reference has it; a
     * third-party reading lists only {@code stage_id} (an application-stage row, "NOT job interview stage
     * definition IDs") and {@code stage_name}. False renders that shape: the plan stage is then only found through
     * {@code GET /v3/application_stages?application_ids=&current=true}.
     */
    public boolean applicationJobInterviewStageId() {
        return applicationJobInterviewStageId;
    }

    public HarvestV3Options applicationJobInterviewStageId(boolean render) {
        this.applicationJobInterviewStageId = render;
        return this;
    }

    /** Back to the defaults. */
    public void reset() {
        embedCustomFieldOptions = false;
        requireNoteAuthor = true;
        applicationJobInterviewStageId = true;
    }
}
