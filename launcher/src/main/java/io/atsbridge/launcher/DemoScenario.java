package io.atsbridge.launcher;

import io.atsbridge.proto.mapping.v1.AssessmentAttribute;
import io.atsbridge.proto.mapping.v1.FieldMapping;
import io.atsbridge.proto.mapping.v1.FieldOption;
import io.atsbridge.proto.mapping.v1.FieldScope;
import io.atsbridge.proto.mapping.v1.FieldType;
import io.atsbridge.proto.mapping.v1.MappingProfile;
import io.atsbridge.proto.mapping.v1.NoteRule;
import io.atsbridge.proto.mapping.v1.NoteVisibility;
import io.atsbridge.proto.mapping.v1.SkillTagRule;
import io.atsbridge.proto.mapping.v1.TargetField;
import io.atsbridge.sandbox.Sandbox;
import io.atsbridge.sandbox.greenhouse.CustomFieldDefinition;
import io.atsbridge.sandbox.greenhouse.CustomFieldOption;
import io.atsbridge.sandbox.greenhouse.CustomFieldScope;
import io.atsbridge.sandbox.greenhouse.CustomFieldType;
import io.atsbridge.sandbox.greenhouse.GreenhouseJob;
import io.atsbridge.sandbox.greenhouse.GreenhouseSimulator;
import io.atsbridge.sandbox.greenhouse.GreenhouseUser;
import io.atsbridge.sandbox.greenhouse.NewCandidate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A recruiting team on the sandbox: a Greenhouse account with a job whose process has an "AI
 * Interview" stage, the custom fields AI results land in, and synthetic candidates — some in
 * Illinois, where an AI video interview needs the candidate's consent first (820 ILCS 42/5) — plus
 * the atsbridge connections and mapping profile that tie it to the AI interview vendor.
 */
final class DemoScenario {

    static final String TENANT = "demo";
    static final String ATS_CONNECTION = "gh-demo";
    static final String AI_CONNECTION = "ai-demo";
    static final String PROFILE = "gh-demo-default";
    static final String TRIGGER_STAGE = "AI Interview";
    static final String JURISDICTION_FIELD = "candidate_jurisdiction";

    private static final String[] GIVEN = {"Ada", "Grace", "Alan", "Katherine", "Edsger", "Barbara", "Donald", "Frances",
            "Ken", "Radia", "Leslie", "Margaret", "Tim", "Shafi", "Niklaus", "Hedy", "John", "Sophie", "Dennis", "Mary"};
    private static final String[] FAMILY = {"Lovelace", "Hopper", "Turing", "Johnson", "Dijkstra", "Liskov", "Knuth",
            "Allen", "Thompson", "Perlman", "Lamport", "Hamilton", "Berners-Lee", "Goldwasser", "Wirth", "Lamarr",
            "McCarthy", "Wilson", "Ritchie", "Keller"};

    final GreenhouseUser recruiter;
    final GreenhouseJob job;
    final long triggerStageId;
    final List<Seeded> seeded = new ArrayList<>();
    final Map<String, Long> recommendationOptions = new HashMap<>();
    /** The seeded candidates' full names and e-mail addresses: personal data that must never be logged. */
    final List<String> candidatePersonalData = new ArrayList<>();

    private final String greenhouseClient;
    private final String greenhouseTokenUrl;
    private final String greenhouseSecret;
    private final String aiApiKey;
    private final String aiSecret;
    private final String greenhouseBaseUrl;
    private final String aiBaseUrl;

    /** One seeded candidate with their application in "Application Review". */
    record Seeded(long candidateId, long applicationId, String jurisdiction) {
    }

    /** {@code count} jurisdictions, about {@code illinoisShare} of them Illinois and the rest New York City. */
    static List<String> jurisdictions(int count, double illinoisShare, long seed) {
        Random random = new Random(seed ^ 0x5DEECE66DL);
        List<String> jurisdictions = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            jurisdictions.add(random.nextDouble() < illinoisShare ? "US-IL" : "US-NY-NYC");
        }
        return jurisdictions;
    }

    /** Seeds the sandbox's Greenhouse with a job, custom fields and one application per jurisdiction given. */
    DemoScenario(Sandbox sandbox, List<String> candidateJurisdictions, long seed) {
        GreenhouseSimulator greenhouse = sandbox.greenhouse();
        this.greenhouseClient = sandbox.settings().greenhouseClientId() + ":" + sandbox.settings().greenhouseClientSecret();
        this.greenhouseTokenUrl = sandbox.greenhouseTokenUrl();
        this.greenhouseSecret = sandbox.settings().greenhouseWebhookSecret();
        this.aiApiKey = sandbox.settings().aiVendorApiKey();
        this.aiSecret = sandbox.settings().aiVendorWebhookSecret();
        this.greenhouseBaseUrl = sandbox.greenhouseBaseUrl();
        this.aiBaseUrl = sandbox.aiVendorBaseUrl();
        recruiter = greenhouse.addUser("Atsbridge", "Integration", "atsbridge@example.com");
        job = greenhouse.addJob("Backend Engineer", "Application Review", TRIGGER_STAGE, "Hiring Manager Review", "Offer");
        triggerStageId = job.stageNamed(TRIGGER_STAGE).orElseThrow().id();
        greenhouse.addCustomField(CustomFieldScope.CANDIDATE, "AI Match Score", "ai_match_score", CustomFieldType.NUMBER);
        CustomFieldDefinition recommendation = greenhouse.addCustomField(CustomFieldScope.CANDIDATE, "AI Recommendation",
                "ai_recommendation", CustomFieldType.SINGLE_SELECT, "Advance", "Maybe", "Pass");
        for (CustomFieldOption option : recommendation.options()) {
            recommendationOptions.put(option.name(), option.id());
        }
        greenhouse.addCustomField(CustomFieldScope.CANDIDATE, "AI Reasoning", "ai_reasoning", CustomFieldType.SHORT_TEXT);
        greenhouse.addCustomField(CustomFieldScope.CANDIDATE, "AI Interview Transcript", "ai_transcript", CustomFieldType.URL);
        greenhouse.addCustomField(CustomFieldScope.CANDIDATE, "Candidate Jurisdiction", JURISDICTION_FIELD, CustomFieldType.SHORT_TEXT);

        Random random = new Random(seed);
        long reviewStage = job.stageNamed("Application Review").orElseThrow().id();
        for (int i = 0; i < candidateJurisdictions.size(); i++) {
            String given = GIVEN[random.nextInt(GIVEN.length)];
            String family = FAMILY[random.nextInt(FAMILY.length)];
            String email = given.toLowerCase() + "." + family.toLowerCase() + "." + i + "@example.com";
            long candidate = greenhouse.addCandidate(NewCandidate.builder(given, family).email(email).build());
            candidatePersonalData.add(given + " " + family);
            candidatePersonalData.add(email);
            String jurisdiction = candidateJurisdictions.get(i);
            greenhouse.setCustomField(CustomFieldScope.CANDIDATE, candidate, JURISDICTION_FIELD, jurisdiction);
            seeded.add(new Seeded(candidate, greenhouse.addApplication(candidate, job.id(), reviewStage, "active"), jurisdiction));
        }
    }

    /** The adapter's configuration for the two connections, as Micronaut properties. */
    Map<String, String> connectionProperties() {
        Map<String, String> p = new HashMap<>();
        String gh = "atsbridge.connections." + ATS_CONNECTION + ".";
        p.put(gh + "tenant", TENANT);
        p.put(gh + "vendor", "GREENHOUSE");
        p.put(gh + "kind", "ATS");
        p.put(gh + "display-name", "Greenhouse (sandbox)");
        p.put(gh + "base-url", greenhouseBaseUrl);
        p.put(gh + "webhook-secrets", greenhouseSecret);
        // Harvest v3 (the default): the OAuth client, tokens from the sandbox's stand-in for auth.greenhouse.io.
        p.put(gh + "credentials", greenhouseClient);
        p.put(gh + "token-url", greenhouseTokenUrl);
        p.put(gh + "trigger-stage", TRIGGER_STAGE);
        p.put(gh + "mapping-profile", PROFILE);
        p.put(gh + "ai-connection", AI_CONNECTION);
        p.put(gh + "on-behalf-of", String.valueOf(recruiter.id()));
        p.put(gh + "interview-kit", "backend-engineer-v1");
        p.put(gh + "jurisdictions", "US-NY-NYC");
        p.put(gh + "jurisdiction-field", JURISDICTION_FIELD);
        String ai = "atsbridge.connections." + AI_CONNECTION + ".";
        p.put(ai + "tenant", TENANT);
        p.put(ai + "vendor", "STANDARD_WEBHOOKS");
        p.put(ai + "kind", "AI_VENDOR");
        p.put(ai + "display-name", "AI interviews (sandbox)");
        p.put(ai + "base-url", aiBaseUrl);
        p.put(ai + "webhook-secrets", aiSecret);
        p.put(ai + "credentials", aiApiKey);
        // The interview tool's bias audit (NYC Local Law 144): two months old, its summary published at the vendor.
        p.put(ai + "bias-audit-date", java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusMonths(2).toString());
        p.put(ai + "bias-audit-summary-url", aiBaseUrl + "/bias-audit-summary");
        return p;
    }

    /** How AI results land in this Greenhouse account. */
    MappingProfile mappingProfile() {
        return MappingProfile.newBuilder()
                .setId(PROFILE)
                .setConnectionId(ATS_CONNECTION)
                .setDisplayName("Demo: AI interview results on the candidate")
                .addFieldMappings(FieldMapping.newBuilder()
                        .setSource(AssessmentAttribute.ASSESSMENT_ATTRIBUTE_OVERALL_SCORE)
                        .setTarget(field("ai_match_score", FieldType.FIELD_TYPE_NUMBER).setNumberMin(0).setNumberMax(100)))
                .addFieldMappings(FieldMapping.newBuilder()
                        .setSource(AssessmentAttribute.ASSESSMENT_ATTRIBUTE_RECOMMENDATION)
                        .setTarget(field("ai_recommendation", FieldType.FIELD_TYPE_SINGLE_SELECT)
                                .addAllOptions(recommendationOptions.entrySet().stream()
                                        .map(o -> FieldOption.newBuilder().setId(String.valueOf(o.getValue())).setLabel(o.getKey()).build())
                                        .sorted((a, b) -> a.getId().compareTo(b.getId()))
                                        .toList()))
                        .putOptionLabels("ADVANCE", "Advance")
                        .putOptionLabels("MAYBE", "Maybe")
                        .putOptionLabels("PASS", "Pass"))
                .addFieldMappings(FieldMapping.newBuilder()
                        .setSource(AssessmentAttribute.ASSESSMENT_ATTRIBUTE_RATIONALE)
                        .setTarget(field("ai_reasoning", FieldType.FIELD_TYPE_SHORT_TEXT).setMaxLength(200)))
                .addFieldMappings(FieldMapping.newBuilder()
                        .setSource(AssessmentAttribute.ASSESSMENT_ATTRIBUTE_TRANSCRIPT_URL)
                        .setTarget(field("ai_transcript", FieldType.FIELD_TYPE_URL)))
                .setSkillTags(SkillTagRule.newBuilder().setEnabled(true).setPrefix("ai-skill:").setMaxTags(5))
                .setNote(NoteRule.newBuilder().setEnabled(true).setVisibility(NoteVisibility.NOTE_VISIBILITY_PRIVATE))
                .build();
    }

    private static TargetField.Builder field(String key, FieldType type) {
        return TargetField.newBuilder().setKey(key).setType(type).setScope(FieldScope.FIELD_SCOPE_CANDIDATE);
    }
}
