package io.atsbridge.adapter.connections.config;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.annotation.Nullable;

import java.util.List;

/**
 * One connection as configuration declares it, {@code atsbridge.connections.<id>.*}. Checked by
 * {@link DeclaredConnections} at start-up. {@link #toString()} never prints the secrets.
 *
 * <p>An ATS connection runs the loop when {@code trigger-stage} is set; it then also needs
 * {@code mapping-profile}, {@code ai-connection}, {@code on-behalf-of} and {@code interview-kit}, and
 * may name default {@code jurisdictions} and the {@code jurisdiction-field} of the ATS record.
 */
@EachProperty("atsbridge.connections")
public final class ConnectionProperties {

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

    public ConnectionProperties(@Parameter String id) {
        this.id = id;
    }

    public String getId() {
        return id;
    }

    @Nullable
    public String getTenant() {
        return tenant;
    }

    public void setTenant(@Nullable String tenant) {
        this.tenant = tenant;
    }

    @Nullable
    public String getVendor() {
        return vendor;
    }

    public void setVendor(@Nullable String vendor) {
        this.vendor = vendor;
    }

    @Nullable
    public String getKind() {
        return kind;
    }

    public void setKind(@Nullable String kind) {
        this.kind = kind;
    }

    @Nullable
    public String getDisplayName() {
        return displayName;
    }

    public void setDisplayName(@Nullable String displayName) {
        this.displayName = displayName;
    }

    @Nullable
    public String getBaseUrl() {
        return baseUrl;
    }

    public void setBaseUrl(@Nullable String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public List<String> getWebhookSecrets() {
        return webhookSecrets;
    }

    public void setWebhookSecrets(@Nullable List<String> webhookSecrets) {
        this.webhookSecrets = webhookSecrets == null ? List.of() : List.copyOf(webhookSecrets);
    }

    /**
     * Secrets that verify one event type each, as {@code <event>:<secret>} (several per event during rotation).
     * Lever signs every webhook — one event type each — with its own signature token, so a Lever connection
     * declares one entry per event it receives, e.g. {@code candidateStageChange:73311ged32...}, and a token
     * verifies deliveries of its own event only. Stored encrypted like {@link #getWebhookSecrets()}.
     */
    public List<String> getWebhookEventSecrets() {
        return webhookEventSecrets;
    }

    public void setWebhookEventSecrets(@Nullable List<String> webhookEventSecrets) {
        this.webhookEventSecrets = webhookEventSecrets == null ? List.of() : List.copyOf(webhookEventSecrets);
    }

    @Nullable
    public String getCredentials() {
        return credentials;
    }

    public void setCredentials(@Nullable String credentials) {
        this.credentials = credentials;
    }

    /** The ATS stage name whose entry starts an AI interview; setting it turns the loop on. */
    @Nullable
    public String getTriggerStage() {
        return triggerStage;
    }

    public void setTriggerStage(@Nullable String triggerStage) {
        this.triggerStage = triggerStage;
    }

    /** The mapping-service profile results are written back with. */
    @Nullable
    public String getMappingProfile() {
        return mappingProfile;
    }

    public void setMappingProfile(@Nullable String mappingProfile) {
        this.mappingProfile = mappingProfile;
    }

    /** The id of the AI_VENDOR connection (same tenant) interviews are created with. */
    @Nullable
    public String getAiConnection() {
        return aiConnection;
    }

    public void setAiConnection(@Nullable String aiConnection) {
        this.aiConnection = aiConnection;
    }

    /** The ATS user id writes are attributed to (Greenhouse On-Behalf-Of). */
    @Nullable
    public String getOnBehalfOf() {
        return onBehalfOf;
    }

    public void setOnBehalfOf(@Nullable String onBehalfOf) {
        this.onBehalfOf = onBehalfOf;
    }

    /** The AI vendor's interview kit id invitations use. */
    @Nullable
    public String getInterviewKit() {
        return interviewKit;
    }

    public void setInterviewKit(@Nullable String interviewKit) {
        this.interviewKit = interviewKit;
    }

    /** Jurisdiction codes assumed when the candidate's record names none, e.g. US-IL, US-NY-NYC, EU. */
    public List<String> getJurisdictions() {
        return jurisdictions;
    }

    public void setJurisdictions(@Nullable List<String> jurisdictions) {
        this.jurisdictions = jurisdictions == null ? List.of() : List.copyOf(jurisdictions);
    }

    /** The ATS candidate custom field (immutable key) that holds the candidate's jurisdiction code(s); optional. */
    @Nullable
    public String getJurisdictionField() {
        return jurisdictionField;
    }

    public void setJurisdictionField(@Nullable String jurisdictionField) {
        this.jurisdictionField = jurisdictionField;
    }

    /** The key Greenhouse presents to the Assessment Partner API of this AI_VENDOR connection; optional. */
    @Nullable
    public String getPartnerApiKey() {
        return partnerApiKey;
    }

    public void setPartnerApiKey(@Nullable String partnerApiKey) {
        this.partnerApiKey = partnerApiKey;
    }

    /**
     * The hosts Greenhouse's completion URLs may name (default {@code app.greenhouse.io}): atsbridge
     * PATCHes that URL with the partner key, so it must never be a host a caller chose freely.
     */
    public List<String> getPartnerCompletionHosts() {
        return partnerCompletionHosts;
    }

    public void setPartnerCompletionHosts(@Nullable List<String> hosts) {
        this.partnerCompletionHosts = hosts == null ? List.of() : List.copyOf(hosts);
    }

    /**
     * The key Ashby presents to the Ashby assessment partner endpoints of this AI_VENDOR connection
     * ({@code /partners/ashby/<id>/assessment.*}); optional. Stored encrypted.
     */
    @Nullable
    public String getAshbyPartnerApiKey() {
        return ashbyPartnerApiKey;
    }

    public void setAshbyPartnerApiKey(@Nullable String ashbyPartnerApiKey) {
        this.ashbyPartnerApiKey = ashbyPartnerApiKey;
    }

    /** The customer's Ashby API key atsbridge calls Ashby's assessment.update with; required with ashby-partner-api-key. */
    @Nullable
    public String getAshbyApiKey() {
        return ashbyApiKey;
    }

    public void setAshbyApiKey(@Nullable String ashbyApiKey) {
        this.ashbyApiKey = ashbyApiKey;
    }

    /** Ashby's API base URL for assessment.update (default https://api.ashbyhq.com). */
    @Nullable
    public String getAshbyBaseUrl() {
        return ashbyBaseUrl;
    }

    public void setAshbyBaseUrl(@Nullable String ashbyBaseUrl) {
        this.ashbyBaseUrl = ashbyBaseUrl;
    }

    /** The interview kits offered to Greenhouse as tests, each "kit-id:Name" (the name defaults to the id). */
    public List<String> getTests() {
        return tests;
    }

    public void setTests(@Nullable List<String> tests) {
        this.tests = tests == null ? List.of() : List.copyOf(tests);
    }

    @Override
    public String toString() {
        // Never print the secrets.
        return "ConnectionProperties[" + id + ", tenant " + tenant + ", " + vendor + ", " + kind + ", "
                + webhookSecrets.size() + " webhook secret(s)"
                + (webhookEventSecrets.isEmpty() ? "" : ", " + webhookEventSecrets.size() + " webhook event secret(s)")
                + ", credentials " + (credentials == null ? "none" : "set")
                + (triggerStage == null ? "" : ", trigger stage '" + triggerStage + "'")
                + (partnerApiKey == null ? "" : ", partner API key set, " + tests.size() + " test(s)")
                + (ashbyPartnerApiKey == null ? "" : ", Ashby partner API key set") + "]";
    }

    /** The vendor API version: Greenhouse {@code v3} (default) or {@code v1}; other vendors {@code v1}. */
    @Nullable
    public String getApiVersion() {
        return apiVersion;
    }

    public void setApiVersion(@Nullable String apiVersion) {
        this.apiVersion = apiVersion;
    }

    /** Greenhouse Harvest v3: the OAuth token endpoint (default https://auth.greenhouse.io/token). */
    @Nullable
    public String getTokenUrl() {
        return tokenUrl;
    }

    public void setTokenUrl(@Nullable String tokenUrl) {
        this.tokenUrl = tokenUrl;
    }
}
