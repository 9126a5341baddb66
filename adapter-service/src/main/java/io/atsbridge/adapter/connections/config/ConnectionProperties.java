package io.atsbridge.adapter.connections.config;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.util.List;
import java.util.Objects;

/**
 * One connection as configuration declares it, {@code atsbridge.connections.<id>.*}; immutable. Checked by
 * {@link DeclaredConnections} at start-up. {@link #toString()} never prints the secrets. The defaults stand on the
 * components ({@code enabled}, {@code partner-completion-hosts}), not in {@code application-adapter.yml}, where a value
 * under {@code atsbridge.connections} would declare a connection; its commented example shows them.
 *
 * <p>An ATS connection runs the loop when {@code trigger-stage} is set; it then also needs
 * {@code mapping-profile}, {@code ai-connection}, {@code on-behalf-of} and {@code interview-kit}, and
 * may name default {@code jurisdictions} and the {@code jurisdiction-field} of the ATS record.
 *
 * @param id the key below {@code atsbridge.connections}, e.g. {@code gh-acme}
 * @param tenant the tenant the connection belongs to
 * @param vendor the vendor's name, e.g. GREENHOUSE
 * @param kind ATS or AI_VENDOR
 * @param displayName the name people see; the id when not set
 * @param baseUrl the vendor API's absolute http(s) URL
 * @param enabled whether the connection is in use (default true)
 * @param webhookSecrets the secrets that verify any event (several during rotation)
 * @param webhookEventSecrets secrets that verify one event type each, as {@code <event>:<secret>} (several per event
 *        during rotation): a vendor that signs every webhook, one event type each, with its own
 *        signature token (Lever) has one entry per event it receives, e.g.
 *        {@code candidateStageChange:73311ged32...}. Stored encrypted like the webhook secrets
 * @param credentials the vendor API key or token
 * @param triggerStage the ATS stage name whose entry starts an AI interview; setting it turns the loop on
 * @param mappingProfile the mapping-service profile results are written back with
 * @param aiConnection the id of the AI_VENDOR connection (same tenant) interviews are created with
 * @param onBehalfOf the ATS user id writes are attributed to (Greenhouse On-Behalf-Of, Lever perform_as)
 * @param interviewKit the AI vendor's interview kit id invitations use
 * @param jurisdictions jurisdiction codes assumed when the candidate's record names none, e.g. US-IL, US-NY-NYC, EU
 * @param jurisdictionField the ATS candidate custom field (immutable key) that holds the candidate's jurisdiction
 *        code(s); optional
 * @param partnerApiKey the key Greenhouse presents to the Assessment Partner API of this AI_VENDOR connection;
 *        optional
 * @param tests the interview kits offered to Greenhouse as tests, each "kit-id:Name" (the name defaults
 *        to the id)
 * @param partnerCompletionHosts the hosts Greenhouse's completion URLs may name (default {@code app.greenhouse.io}):
 *        atsbridge PATCHes that URL with the partner key, so it must never be a host a caller chose
 *        freely
 * @param ashbyPartnerApiKey the key Ashby presents to the Ashby assessment partner endpoints of this AI_VENDOR
 *        connection ({@code /partners/ashby/<id>/assessment.*}); optional. Stored encrypted
 * @param ashbyApiKey the customer's Ashby API key atsbridge calls Ashby's assessment.update with; required
 *        with ashby-partner-api-key
 * @param ashbyBaseUrl Ashby's API base URL for assessment.update (default https://api.ashbyhq.com)
 * @param apiVersion the vendor API version: Greenhouse {@code v3} (default) or {@code v1}; other vendors
 *        {@code v1}
 * @param tokenUrl Greenhouse Harvest v3: the OAuth token endpoint (default https://auth.greenhouse.io/token)
 * @param dataCategories AI_VENDOR connections: the data categories the vendor's interviews process, in
 *        consent-service's vocabulary (e.g. video, voice_recording, transcript, biometric.voiceprint); default
 *        video and voice_recording
 * @param biasAuditDate AI_VENDOR connections: the date (ISO, e.g. 2026-03-01) of the tool's latest independent bias
 *        audit (NYC Local Law 144); optional
 * @param biasAuditSummaryUrl AI_VENDOR connections: where the bias audit's summary is published; optional
 * @param requisitionJurisdictions ATS connections: the jurisdiction codes of the positions (requisitions) when the
 *        ATS's job carries none atsbridge can read; optional
 * @param triggers ATS connections that run the loop: what starts an AI screen, each {@code stage} (entering
 *        trigger-stage, the default), {@code stage:<name>} (entering another stage), {@code new-application} (every new
 *        application, the ATS's application-created webhook) or {@code tag:<name>} (the candidate carries the tag when
 *        the ATS reports an event of the application); an explicit StartScreen request needs none
 * @param jobTriggers ATS connections that run the loop: per-job overrides, each {@code <ATS job id>:<trigger>} with a
 *        trigger as in {@code triggers}, or {@code <ATS job id>:none} (only explicit requests); the entries of a job
 *        replace the connection's triggers for that job
 * @param nextStep ATS connections that run the loop: what happens after a result is written, {@code none} (the
 *        default), {@code tag:<name>} or {@code tag:<name>@<min score percent>} (tag the candidate), or
 *        {@code stage:<name>@<min score percent>} (move the application forward to that stage of its job when the score,
 *        as a percentage of its scale, is at least the threshold); never to a rejection, never backwards, and a task for
 *        a person (a note and a tag) instead wherever consent-service asks for human review or the confidence is low
 * @param jobNextSteps ATS connections that run the loop: per-job overrides, each {@code <ATS job id>:<next step>} with a
 *        step as in {@code next-step}
 */
@EachProperty("atsbridge.connections")
public record ConnectionProperties(
        @Parameter String id,
        @Nullable String tenant,
        @Nullable String vendor,
        @Nullable String kind,
        @Nullable String displayName,
        @Nullable String baseUrl,
        @Bindable(defaultValue = "true") boolean enabled,
        @Nullable List<String> webhookSecrets,
        @Nullable List<String> webhookEventSecrets,
        @Nullable String credentials,
        @Nullable String triggerStage,
        @Nullable String mappingProfile,
        @Nullable String aiConnection,
        @Nullable String onBehalfOf,
        @Nullable String interviewKit,
        @Nullable List<String> jurisdictions,
        @Nullable String jurisdictionField,
        @Nullable String partnerApiKey,
        @Nullable List<String> tests,
        @Bindable(defaultValue = "app.greenhouse.io") List<String> partnerCompletionHosts,
        @Nullable String ashbyPartnerApiKey,
        @Nullable String ashbyApiKey,
        @Nullable String ashbyBaseUrl,
        @Nullable String apiVersion,
        @Nullable String tokenUrl,
        @Nullable List<String> dataCategories,
        @Nullable String biasAuditDate,
        @Nullable String biasAuditSummaryUrl,
        @Nullable List<String> requisitionJurisdictions,
        @Nullable List<String> triggers,
        @Nullable List<String> jobTriggers,
        @Nullable String nextStep,
        @Nullable List<String> jobNextSteps) {

    public ConnectionProperties {
        Objects.requireNonNull(id, "id");
        webhookSecrets = webhookSecrets == null ? List.of() : List.copyOf(webhookSecrets);
        webhookEventSecrets = webhookEventSecrets == null ? List.of() : List.copyOf(webhookEventSecrets);
        jurisdictions = jurisdictions == null ? List.of() : List.copyOf(jurisdictions);
        tests = tests == null ? List.of() : List.copyOf(tests);
        partnerCompletionHosts = partnerCompletionHosts == null ? List.of() : List.copyOf(partnerCompletionHosts);
        dataCategories = dataCategories == null ? List.of() : List.copyOf(dataCategories);
        requisitionJurisdictions = requisitionJurisdictions == null ? List.of() : List.copyOf(requisitionJurisdictions);
        triggers = triggers == null ? List.of() : List.copyOf(triggers);
        jobTriggers = jobTriggers == null ? List.of() : List.copyOf(jobTriggers);
        jobNextSteps = jobNextSteps == null ? List.of() : List.copyOf(jobNextSteps);
    }

    /**
     * A list component as the constructor left it. The lists are @Nullable on the components only because configuration
     * may leave them out (Micronaut binds a missing one as null); the constructor replaces a missing one with an empty
     * one. (Explicit accessors would say so better, but Micronaut then binds the record differently: display-name was
     * lost.)
     */
    public static List<String> listed(@Nullable List<String> list) {
        return Objects.requireNonNull(list, "the constructor replaces a missing list with an empty one");
    }

    /** A declaration of the connection {@code id} with nothing set but the defaults, for a test or a tool to fill. */
    public static Builder builder(String id) {
        return new Builder(id);
    }

    /** A builder that starts from this declaration. */
    public Builder toBuilder() {
        Builder builder = new Builder(id);
        builder.tenant = tenant;
        builder.vendor = vendor;
        builder.kind = kind;
        builder.displayName = displayName;
        builder.baseUrl = baseUrl;
        builder.enabled = enabled;
        builder.webhookSecrets = listed(webhookSecrets);
        builder.webhookEventSecrets = listed(webhookEventSecrets);
        builder.credentials = credentials;
        builder.triggerStage = triggerStage;
        builder.mappingProfile = mappingProfile;
        builder.aiConnection = aiConnection;
        builder.onBehalfOf = onBehalfOf;
        builder.interviewKit = interviewKit;
        builder.jurisdictions = listed(jurisdictions);
        builder.jurisdictionField = jurisdictionField;
        builder.partnerApiKey = partnerApiKey;
        builder.tests = listed(tests);
        builder.partnerCompletionHosts = partnerCompletionHosts;
        builder.ashbyPartnerApiKey = ashbyPartnerApiKey;
        builder.ashbyApiKey = ashbyApiKey;
        builder.ashbyBaseUrl = ashbyBaseUrl;
        builder.apiVersion = apiVersion;
        builder.tokenUrl = tokenUrl;
        builder.dataCategories = listed(dataCategories);
        builder.biasAuditDate = biasAuditDate;
        builder.biasAuditSummaryUrl = biasAuditSummaryUrl;
        builder.requisitionJurisdictions = listed(requisitionJurisdictions);
        builder.triggers = listed(triggers);
        builder.jobTriggers = listed(jobTriggers);
        builder.nextStep = nextStep;
        builder.jobNextSteps = listed(jobNextSteps);
        return builder;
    }

    @Override
    public String toString() {
        // Never print the secrets.
        return "ConnectionProperties[" + id + ", tenant " + tenant + ", " + vendor + ", " + kind + ", "
                + listed(webhookSecrets).size() + " webhook secret(s)"
                + (listed(webhookEventSecrets).isEmpty() ? "" : ", " + listed(webhookEventSecrets).size() + " webhook event secret(s)")
                + ", credentials " + (credentials == null ? "none" : "set")
                + (triggerStage == null ? "" : ", trigger stage '" + triggerStage + "'")
                + (partnerApiKey == null ? "" : ", partner API key set, " + listed(tests).size() + " test(s)")
                + (ashbyPartnerApiKey == null ? "" : ", Ashby partner API key set") + "]";
    }

    /** Sets what a declaration sets; unset values keep their defaults. */
    public static final class Builder {

        private final String id;
        @Nullable
        private String tenant;
        @Nullable
        private String vendor;
        @Nullable
        private String kind;
        @Nullable
        private String displayName;
        @Nullable
        private String baseUrl;
        private boolean enabled = true;
        private List<String> webhookSecrets = List.of();
        private List<String> webhookEventSecrets = List.of();
        @Nullable
        private String credentials;
        @Nullable
        private String triggerStage;
        @Nullable
        private String mappingProfile;
        @Nullable
        private String aiConnection;
        @Nullable
        private String onBehalfOf;
        @Nullable
        private String interviewKit;
        private List<String> jurisdictions = List.of();
        @Nullable
        private String jurisdictionField;
        @Nullable
        private String partnerApiKey;
        private List<String> tests = List.of();
        private List<String> partnerCompletionHosts = List.of("app.greenhouse.io");
        @Nullable
        private String ashbyPartnerApiKey;
        @Nullable
        private String ashbyApiKey;
        @Nullable
        private String ashbyBaseUrl;
        @Nullable
        private String apiVersion;
        @Nullable
        private String tokenUrl;
        private List<String> dataCategories = List.of();
        @Nullable
        private String biasAuditDate;
        @Nullable
        private String biasAuditSummaryUrl;
        private List<String> requisitionJurisdictions = List.of();
        private List<String> triggers = List.of();
        private List<String> jobTriggers = List.of();
        @Nullable
        private String nextStep;
        private List<String> jobNextSteps = List.of();

        private Builder(String id) {
            this.id = Objects.requireNonNull(id, "id");
        }

        /** Sets {@code tenant}. */
        public Builder tenant(@Nullable String tenant) {
            this.tenant = tenant;
            return this;
        }

        /** Sets {@code vendor}. */
        public Builder vendor(@Nullable String vendor) {
            this.vendor = vendor;
            return this;
        }

        /** Sets {@code kind}. */
        public Builder kind(@Nullable String kind) {
            this.kind = kind;
            return this;
        }

        /** Sets {@code displayName}. */
        public Builder displayName(@Nullable String displayName) {
            this.displayName = displayName;
            return this;
        }

        /** Sets {@code baseUrl}. */
        public Builder baseUrl(@Nullable String baseUrl) {
            this.baseUrl = baseUrl;
            return this;
        }

        /** Sets {@code enabled}. */
        public Builder enabled(boolean enabled) {
            this.enabled = enabled;
            return this;
        }

        /** Sets {@code webhookSecrets}. */
        public Builder webhookSecrets(@Nullable List<String> webhookSecrets) {
            this.webhookSecrets = webhookSecrets == null ? List.of() : List.copyOf(webhookSecrets);
            return this;
        }

        /** Sets {@code webhookEventSecrets}. */
        public Builder webhookEventSecrets(@Nullable List<String> webhookEventSecrets) {
            this.webhookEventSecrets = webhookEventSecrets == null ? List.of() : List.copyOf(webhookEventSecrets);
            return this;
        }

        /** Sets {@code credentials}. */
        public Builder credentials(@Nullable String credentials) {
            this.credentials = credentials;
            return this;
        }

        /** Sets {@code triggerStage}. */
        public Builder triggerStage(@Nullable String triggerStage) {
            this.triggerStage = triggerStage;
            return this;
        }

        /** Sets {@code mappingProfile}. */
        public Builder mappingProfile(@Nullable String mappingProfile) {
            this.mappingProfile = mappingProfile;
            return this;
        }

        /** Sets {@code aiConnection}. */
        public Builder aiConnection(@Nullable String aiConnection) {
            this.aiConnection = aiConnection;
            return this;
        }

        /** Sets {@code onBehalfOf}. */
        public Builder onBehalfOf(@Nullable String onBehalfOf) {
            this.onBehalfOf = onBehalfOf;
            return this;
        }

        /** Sets {@code interviewKit}. */
        public Builder interviewKit(@Nullable String interviewKit) {
            this.interviewKit = interviewKit;
            return this;
        }

        /** Sets {@code jurisdictions}. */
        public Builder jurisdictions(@Nullable List<String> jurisdictions) {
            this.jurisdictions = jurisdictions == null ? List.of() : List.copyOf(jurisdictions);
            return this;
        }

        /** Sets {@code jurisdictionField}. */
        public Builder jurisdictionField(@Nullable String jurisdictionField) {
            this.jurisdictionField = jurisdictionField;
            return this;
        }

        /** Sets {@code partnerApiKey}. */
        public Builder partnerApiKey(@Nullable String partnerApiKey) {
            this.partnerApiKey = partnerApiKey;
            return this;
        }

        /** Sets {@code tests}. */
        public Builder tests(@Nullable List<String> tests) {
            this.tests = tests == null ? List.of() : List.copyOf(tests);
            return this;
        }

        /** Sets {@code partnerCompletionHosts}. */
        public Builder partnerCompletionHosts(@Nullable List<String> partnerCompletionHosts) {
            this.partnerCompletionHosts = partnerCompletionHosts == null ? List.of() : List.copyOf(partnerCompletionHosts);
            return this;
        }

        /** Sets {@code ashbyPartnerApiKey}. */
        public Builder ashbyPartnerApiKey(@Nullable String ashbyPartnerApiKey) {
            this.ashbyPartnerApiKey = ashbyPartnerApiKey;
            return this;
        }

        /** Sets {@code ashbyApiKey}. */
        public Builder ashbyApiKey(@Nullable String ashbyApiKey) {
            this.ashbyApiKey = ashbyApiKey;
            return this;
        }

        /** Sets {@code ashbyBaseUrl}. */
        public Builder ashbyBaseUrl(@Nullable String ashbyBaseUrl) {
            this.ashbyBaseUrl = ashbyBaseUrl;
            return this;
        }

        /** Sets {@code apiVersion}. */
        public Builder apiVersion(@Nullable String apiVersion) {
            this.apiVersion = apiVersion;
            return this;
        }

        /** Sets {@code tokenUrl}. */
        public Builder tokenUrl(@Nullable String tokenUrl) {
            this.tokenUrl = tokenUrl;
            return this;
        }

        /** Sets {@code dataCategories}. */
        public Builder dataCategories(@Nullable List<String> dataCategories) {
            this.dataCategories = dataCategories == null ? List.of() : List.copyOf(dataCategories);
            return this;
        }

        /** Sets {@code biasAuditDate}. */
        public Builder biasAuditDate(@Nullable String biasAuditDate) {
            this.biasAuditDate = biasAuditDate;
            return this;
        }

        /** Sets {@code biasAuditSummaryUrl}. */
        public Builder biasAuditSummaryUrl(@Nullable String biasAuditSummaryUrl) {
            this.biasAuditSummaryUrl = biasAuditSummaryUrl;
            return this;
        }

        /** Sets {@code requisitionJurisdictions}. */
        public Builder requisitionJurisdictions(@Nullable List<String> requisitionJurisdictions) {
            this.requisitionJurisdictions = requisitionJurisdictions == null ? List.of() : List.copyOf(requisitionJurisdictions);
            return this;
        }

        /** Sets {@code triggers}. */
        public Builder triggers(@Nullable List<String> triggers) {
            this.triggers = triggers == null ? List.of() : List.copyOf(triggers);
            return this;
        }

        /** Sets {@code jobTriggers}. */
        public Builder jobTriggers(@Nullable List<String> jobTriggers) {
            this.jobTriggers = jobTriggers == null ? List.of() : List.copyOf(jobTriggers);
            return this;
        }

        /** Sets {@code nextStep}. */
        public Builder nextStep(@Nullable String nextStep) {
            this.nextStep = nextStep;
            return this;
        }

        /** Sets {@code jobNextSteps}. */
        public Builder jobNextSteps(@Nullable List<String> jobNextSteps) {
            this.jobNextSteps = jobNextSteps == null ? List.of() : List.copyOf(jobNextSteps);
            return this;
        }

        public ConnectionProperties build() {
            return new ConnectionProperties(id, tenant, vendor, kind, displayName, baseUrl, enabled, webhookSecrets, webhookEventSecrets, credentials, triggerStage, mappingProfile, aiConnection, onBehalfOf, interviewKit, jurisdictions, jurisdictionField, partnerApiKey, tests, partnerCompletionHosts, ashbyPartnerApiKey, ashbyApiKey, ashbyBaseUrl, apiVersion, tokenUrl, dataCategories, biasAuditDate, biasAuditSummaryUrl, requisitionJurisdictions, triggers, jobTriggers, nextStep, jobNextSteps);
        }
    }
}
