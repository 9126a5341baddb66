package io.atsbridge.mapping.grpc;

import io.atsbridge.platform.error.GrpcErrors;
import io.atsbridge.platform.testing.GrpcServiceTest;
import io.atsbridge.platform.testing.TestCalls;
import io.atsbridge.proto.common.v1.ArtifactKind;
import io.atsbridge.proto.common.v1.ArtifactRef;
import io.atsbridge.proto.common.v1.Assessment;
import io.atsbridge.proto.common.v1.CompetencyScore;
import io.atsbridge.proto.common.v1.Evaluator;
import io.atsbridge.proto.common.v1.EvaluatorKind;
import io.atsbridge.proto.common.v1.ModelInfo;
import io.atsbridge.proto.common.v1.Recommendation;
import io.atsbridge.proto.common.v1.Score;
import io.atsbridge.proto.common.v1.ScoreScale;
import io.atsbridge.proto.mapping.v1.AssessmentAttribute;
import io.atsbridge.proto.mapping.v1.DroppedItem;
import io.atsbridge.proto.mapping.v1.FieldMapping;
import io.atsbridge.proto.mapping.v1.FieldOption;
import io.atsbridge.proto.mapping.v1.FieldScope;
import io.atsbridge.proto.mapping.v1.FieldType;
import io.atsbridge.proto.mapping.v1.FieldWrite;
import io.atsbridge.proto.mapping.v1.GetMappingProfileRequest;
import io.atsbridge.proto.mapping.v1.MappingProfile;
import io.atsbridge.proto.mapping.v1.MappingServiceGrpc;
import io.atsbridge.proto.mapping.v1.MappingServiceGrpc.MappingServiceBlockingStub;
import io.atsbridge.proto.mapping.v1.NoteRule;
import io.atsbridge.proto.mapping.v1.NoteVisibility;
import io.atsbridge.proto.mapping.v1.PlanWriteBackRequest;
import io.atsbridge.proto.mapping.v1.SkillTagRule;
import io.atsbridge.proto.mapping.v1.TargetField;
import io.atsbridge.proto.mapping.v1.UpsertMappingProfileRequest;
import io.atsbridge.proto.mapping.v1.WritePlan;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@MicronautTest(environments = "mapping")
class MappingGrpcServiceTest extends GrpcServiceTest {

    MappingGrpcServiceTest() {
        super("mapping");
    }

    private static final String TABLE = "mapping_profile_version";
    private static final String RATIONALE = "Clear and structured answers about distributed systems trade-offs.";

    private MappingServiceBlockingStub mapping() {
        return TestCalls.asTenant(MappingServiceGrpc.newBlockingStub(channel));
    }

    private MappingServiceBlockingStub otherTenant() {
        return TestCalls.as(MappingServiceGrpc.newBlockingStub(channel), TestCalls.OTHER_TENANT_TOKEN, "other");
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static FieldMapping.Builder mapping(AssessmentAttribute source, String key, FieldType type) {
        return FieldMapping.newBuilder().setSource(source)
                .setTarget(TargetField.newBuilder().setKey(key).setType(type).setScope(FieldScope.FIELD_SCOPE_APPLICATION));
    }

    private static FieldOption option(String id, String label) {
        return FieldOption.newBuilder().setId(id).setLabel(label).build();
    }

    /** A profile that uses every kind of conversion. */
    private static MappingProfile.Builder fullProfile(String id) {
        FieldMapping.Builder recommendation = mapping(AssessmentAttribute.ASSESSMENT_ATTRIBUTE_RECOMMENDATION,
                "ai_recommendation", FieldType.FIELD_TYPE_SINGLE_SELECT)
                .putOptionLabels("ADVANCE", "Strong yes")
                .putOptionLabels("PASS", "No");
        recommendation.getTargetBuilder()
                .addOptions(option("101", "Strong yes")).addOptions(option("102", "Maybe")).addOptions(option("103", "No"));
        FieldMapping.Builder scoreText = mapping(AssessmentAttribute.ASSESSMENT_ATTRIBUTE_OVERALL_SCORE,
                "ai_score_text", FieldType.FIELD_TYPE_SHORT_TEXT);
        scoreText.getTargetBuilder().setNumberMin(0).setNumberMax(5).setScope(FieldScope.FIELD_SCOPE_CANDIDATE);
        FieldMapping.Builder rationale = mapping(AssessmentAttribute.ASSESSMENT_ATTRIBUTE_RATIONALE,
                "ai_rationale", FieldType.FIELD_TYPE_SHORT_TEXT);
        rationale.getTargetBuilder().setMaxLength(40);
        return MappingProfile.newBuilder()
                .setId(id)
                .setConnectionId("gh-acme")
                .setDisplayName("Acme default")
                .addFieldMappings(mapping(AssessmentAttribute.ASSESSMENT_ATTRIBUTE_OVERALL_SCORE, "ai_match_score", FieldType.FIELD_TYPE_NUMBER))
                .addFieldMappings(scoreText)
                .addFieldMappings(recommendation)
                .addFieldMappings(rationale)
                .addFieldMappings(mapping(AssessmentAttribute.ASSESSMENT_ATTRIBUTE_TRANSCRIPT_URL, "ai_transcript", FieldType.FIELD_TYPE_URL))
                .addFieldMappings(mapping(AssessmentAttribute.ASSESSMENT_ATTRIBUTE_RECORDING_URL, "ai_recording", FieldType.FIELD_TYPE_URL))
                .addFieldMappings(mapping(AssessmentAttribute.ASSESSMENT_ATTRIBUTE_CONFIDENCE, "ai_confidence", FieldType.FIELD_TYPE_NUMBER))
                .setSkillTags(SkillTagRule.newBuilder().setEnabled(true).setPrefix("ai-skill:").setMaxTags(2))
                .setNote(NoteRule.newBuilder().setEnabled(true).setVisibility(NoteVisibility.NOTE_VISIBILITY_PRIVATE));
    }

    /** A profile with one field, for tests about storage rather than conversion. */
    private static MappingProfile.Builder smallProfile(String id) {
        return MappingProfile.newBuilder().setId(id).setConnectionId("gh-acme")
                .addFieldMappings(mapping(AssessmentAttribute.ASSESSMENT_ATTRIBUTE_OVERALL_SCORE, "ai_match_score", FieldType.FIELD_TYPE_NUMBER));
    }

    private static Assessment.Builder assessment() {
        return Assessment.newBuilder()
                .setId("as-1")
                .setOverallScore(Score.newBuilder().setValue(4.1).setScale(ScoreScale.newBuilder().setMin(0).setMax(5)))
                .setRecommendation(Recommendation.RECOMMENDATION_ADVANCE)
                .setRationale(RATIONALE)
                .setConfidence(0.87)
                .addCompetencyScores(CompetencyScore.newBuilder().setCompetency("Communication")
                        .setScore(Score.newBuilder().setValue(4).setScale(ScoreScale.newBuilder().setMin(0).setMax(5)))
                        .setRationale("Explains\ntrade-offs well"))
                .setEvaluator(Evaluator.newBuilder().setKind(EvaluatorKind.EVALUATOR_KIND_AI).setName("Acme Interview AI"))
                .setModel(ModelInfo.newBuilder().setModelId("interviewer-large").setModelVersion("2026-09-01").setPromptVersion("kit-7"))
                .addSkillTags("Java").addSkillTags("  java ").addSkillTags("SQL").addSkillTags("Kubernetes").addSkillTags("Go")
                .addArtifacts(ArtifactRef.newBuilder().setKind(ArtifactKind.ARTIFACT_KIND_TRANSCRIPT)
                        .setUri("https://vendor.example/transcripts/1"));
    }

    private MappingProfile upsert(MappingProfile.Builder profile) {
        return mapping().upsertMappingProfile(UpsertMappingProfileRequest.newBuilder().setProfile(profile).build()).getProfile();
    }

    private static PlanWriteBackRequest plan(String profileId, int version, Assessment.Builder assessment) {
        return PlanWriteBackRequest.newBuilder().setProfileId(profileId).setProfileVersion(version)
                .setAssessment(assessment).setAuditReference("trace-1").build();
    }

    private static FieldWrite write(WritePlan plan, String key) {
        return plan.getFieldWritesList().stream().filter(w -> w.getField().getKey().equals(key)).findFirst().orElseThrow();
    }

    @Test
    void upsertStoresNumberedVersionsThatStayReadable() {
        String id = unique("profile");
        MappingProfile.Builder sent = fullProfile(id);
        MappingProfile first = upsert(sent);
        MappingProfile second = upsert(smallProfile(id).setDisplayName("Score only"));

        assertThat(first.getVersion()).isEqualTo(1);
        assertThat(second.getVersion()).isEqualTo(2);
        assertThat(first.getCreateTime().getSeconds()).isPositive();
        // Everything sent comes back as sent: the nested rules survive storage exactly.
        assertThat(first.toBuilder().clearVersion().clearCreateTime().build()).isEqualTo(sent.build());

        MappingProfile latest = mapping().getMappingProfile(GetMappingProfileRequest.newBuilder().setProfileId(id).build()).getProfile();
        MappingProfile v1 = mapping().getMappingProfile(GetMappingProfileRequest.newBuilder().setProfileId(id).setVersion(1).build()).getProfile();
        assertThat(latest).isEqualTo(second);
        assertThat(latest.getDisplayName()).isEqualTo("Score only");
        assertThat(v1).isEqualTo(first);
    }

    @Test
    void aRetriedUpsertReturnsTheVersionItStoredAndStoresNothingMore() {
        String id = unique("profile");
        UpsertMappingProfileRequest request = UpsertMappingProfileRequest.newBuilder()
                .setRequestId(UUID.randomUUID().toString()).setProfile(smallProfile(id)).build();
        long before = database.count(TABLE);

        MappingProfile first = mapping().upsertMappingProfile(request).getProfile();
        MappingProfile retry = mapping().upsertMappingProfile(request).getProfile();

        assertThat(retry).isEqualTo(first);
        assertThat(database.count(TABLE)).isEqualTo(before + 1);
        assertError(() -> mapping().upsertMappingProfile(request.toBuilder()
                        .setProfile(smallProfile(id).setDisplayName("changed")).build()),
                Status.Code.ALREADY_EXISTS, "REQUEST_ID_REUSED");
        assertThat(database.count(TABLE)).isEqualTo(before + 1);
    }

    @Test
    void concurrentUpsertsGetDistinctConsecutiveVersions() throws Exception {
        String id = unique("profile");
        int writers = 6;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                String name = "writer " + i;
                calls.add(() -> upsert(smallProfile(id).setDisplayName(name)).getVersion());
            }
            List<Integer> versions = new ArrayList<>();
            for (Future<Integer> result : pool.invokeAll(calls)) {
                versions.add(result.get());
            }
            assertThat(versions).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6);
        } finally {
            pool.shutdownNow();
        }
        assertThat(mapping().getMappingProfile(GetMappingProfileRequest.newBuilder().setProfileId(id).build())
                .getProfile().getVersion()).isEqualTo(writers);
    }

    @Test
    void planConvertsEveryPartAndSaysWhatItLeftOut() {
        String id = unique("profile");
        upsert(fullProfile(id));

        WritePlan plan = mapping().planWriteBack(plan(id, 0, assessment())).getPlan();

        assertThat(plan.getProfileId()).isEqualTo(id);
        assertThat(plan.getProfileVersion()).isEqualTo(1);
        assertThat(write(plan, "ai_match_score").getValue().getNumberValue()).isEqualTo(82.0);
        assertThat(write(plan, "ai_match_score").getSource()).isEqualTo(AssessmentAttribute.ASSESSMENT_ATTRIBUTE_OVERALL_SCORE);
        assertThat(write(plan, "ai_score_text").getValue().getTextValue()).isEqualTo("4.1 on a scale of 0 to 5");
        assertThat(write(plan, "ai_score_text").getField().getScope()).isEqualTo(FieldScope.FIELD_SCOPE_CANDIDATE);
        assertThat(write(plan, "ai_recommendation").getValue().getOptionId()).isEqualTo("101");
        assertThat(write(plan, "ai_rationale").getValue().getTextValue()).isEqualTo("Clear and structured answers about\u2026");
        assertThat(write(plan, "ai_transcript").getValue().getUrlValue()).isEqualTo("https://vendor.example/transcripts/1");
        assertThat(write(plan, "ai_confidence").getValue().getNumberValue()).isEqualTo(87.0);
        assertThat(plan.getFieldWritesList()).extracting(w -> w.getField().getKey())
                .containsExactly("ai_match_score", "ai_score_text", "ai_recommendation", "ai_rationale", "ai_transcript", "ai_confidence");

        assertThat(plan.getTagsList()).containsExactly("ai-skill:Java", "ai-skill:SQL");
        assertThat(plan.getDroppedList()).extracting(DroppedItem::getSource, DroppedItem::getReason).containsExactly(
                org.assertj.core.groups.Tuple.tuple(AssessmentAttribute.ASSESSMENT_ATTRIBUTE_RECORDING_URL, "VALUE_MISSING"),
                org.assertj.core.groups.Tuple.tuple(AssessmentAttribute.ASSESSMENT_ATTRIBUTE_UNSPECIFIED, "TAG_LIMIT_REACHED"));
        assertThat(plan.getDropped(1).getDetail()).contains("Kubernetes", "Go", "max_tags");

        assertThat(plan.getNote().getVisibility()).isEqualTo(NoteVisibility.NOTE_VISIBILITY_PRIVATE);
        assertThat(plan.getNote().getBody()).contains(
                "suggestion only: people make every hiring decision",
                "Overall score: 4.1 on a scale of 0 to 5\n",
                "Recommendation: Advance\n",
                "Confidence: 87%\n",
                "Rationale: " + RATIONALE + "\n",
                "- Communication: 4 on a scale of 0 to 5. Explains trade-offs well\n",
                "Skills observed: Java, SQL, Kubernetes, Go\n",
                "Evaluated by: Acme Interview AI (AI, no person in the scoring loop)\n",
                "Model: interviewer-large, version 2026-09-01, prompt kit-7\n",
                "Transcript: https://vendor.example/transcripts/1\n",
                "Assessment: as-1\n",
                "Audit reference: trace-1\n",
                "mapping profile " + id + ", version 1.");
        assertThat(plan.getNote().getBody()).doesNotContain("Recording:");
    }

    @Test
    void planLeavesOutWhatTheConnectorCannotWrite() {
        String id = unique("profile");
        upsert(fullProfile(id));

        // Lever: no custom-field write API at all; tags and notes only.
        io.atsbridge.proto.mapping.v1.ConnectorCapabilities lever = io.atsbridge.proto.mapping.v1.ConnectorCapabilities.newBuilder()
                .setVendor("LEVER").setApiVersion("v1").setTags(true).setNotes(true).build();
        WritePlan leverPlan = mapping().planWriteBack(plan(id, 0, assessment()).toBuilder().setCapabilities(lever).build()).getPlan();
        assertThat(leverPlan.getFieldWritesList()).isEmpty();
        assertThat(leverPlan.getDroppedList()).filteredOn(d -> d.getReason().equals("CONNECTOR_CANNOT_WRITE"))
                .hasSize(7)
                .allSatisfy(d -> assertThat(d.getDetail()).contains("LEVER connector cannot write"));
        assertThat(leverPlan.getTagsList()).containsExactly("ai-skill:Java", "ai-skill:SQL");
        assertThat(leverPlan.hasNote()).isTrue();

        // A connector writing numbers and text on candidates only, and no tags or notes.
        io.atsbridge.proto.mapping.v1.ConnectorCapabilities narrow = io.atsbridge.proto.mapping.v1.ConnectorCapabilities.newBuilder()
                .setVendor("NARROW")
                .addCandidateFieldTypes(FieldType.FIELD_TYPE_NUMBER).addCandidateFieldTypes(FieldType.FIELD_TYPE_SHORT_TEXT)
                .build();
        WritePlan narrowPlan = mapping().planWriteBack(plan(id, 0, assessment()).toBuilder().setCapabilities(narrow).build()).getPlan();
        assertThat(narrowPlan.getFieldWritesList()).extracting(w -> w.getField().getKey()).containsExactly("ai_score_text");
        assertThat(narrowPlan.getTagsList()).isEmpty();
        assertThat(narrowPlan.hasNote()).isFalse();
        assertThat(narrowPlan.getDroppedList()).extracting(DroppedItem::getDetail)
                .anySatisfy(detail -> assertThat(detail).contains("cannot add tags"))
                .anySatisfy(detail -> assertThat(detail).contains("cannot add notes"))
                .anySatisfy(detail -> assertThat(detail).contains("application custom fields", "ai_match_score"));

        // An unspecified type in the description is the caller's mistake, not a silent drop.
        assertError(() -> mapping().planWriteBack(plan(id, 0, assessment()).toBuilder().setCapabilities(narrow.toBuilder()
                        .addApplicationFieldTypes(FieldType.FIELD_TYPE_UNSPECIFIED)).build()),
                Status.Code.INVALID_ARGUMENT, "TARGET_TYPE_INVALID");
    }

    @Test
    void planUsesTheRequestedVersionAndDropsWhatThatVersionCannotTake() {
        String id = unique("profile");
        upsert(fullProfile(id));
        // Version 2 loses the "Maybe" option and maps confidence into a 0..1 field.
        MappingProfile.Builder second = fullProfile(id).setNote(NoteRule.getDefaultInstance());
        second.getFieldMappingsBuilder(2).getTargetBuilder().removeOptions(1);
        second.getFieldMappingsBuilder(6).getTargetBuilder().setNumberMax(1);
        upsert(second);
        Assessment.Builder maybe = assessment().setRecommendation(Recommendation.RECOMMENDATION_MAYBE);

        WritePlan v1 = mapping().planWriteBack(plan(id, 1, maybe)).getPlan();
        WritePlan latest = mapping().planWriteBack(plan(id, 0, maybe)).getPlan();

        assertThat(v1.getProfileVersion()).isEqualTo(1);
        assertThat(write(v1, "ai_recommendation").getValue().getOptionId()).isEqualTo("102");
        assertThat(v1.hasNote()).isTrue();
        assertThat(latest.getProfileVersion()).isEqualTo(2);
        assertThat(latest.hasNote()).isFalse();
        assertThat(latest.getFieldWritesList()).extracting(w -> w.getField().getKey())
                .doesNotContain("ai_recommendation", "ai_confidence");
        assertThat(latest.getDroppedList()).extracting(DroppedItem::getReason)
                .contains("NO_MATCHING_OPTION", "VALUE_OUT_OF_RANGE");
        assertThat(latest.getDroppedList()).filteredOn(d -> d.getReason().equals("NO_MATCHING_OPTION"))
                .singleElement().satisfies(d -> assertThat(d.getDetail()).contains("ai_recommendation", "MAYBE", "Strong yes"));
    }

    @Test
    void malformedAssessmentPartsAreDroppedNotGuessed() {
        String id = unique("profile");
        upsert(fullProfile(id));
        Assessment.Builder odd = assessment()
                .setRecommendation(Recommendation.RECOMMENDATION_UNSPECIFIED)
                .setRationale("   ")
                .setConfidence(1.7)
                .clearArtifacts()
                .addArtifacts(ArtifactRef.newBuilder().setKind(ArtifactKind.ARTIFACT_KIND_TRANSCRIPT).setUri("javascript:alert(1)"));

        WritePlan plan = mapping().planWriteBack(plan(id, 0, odd)).getPlan();

        assertThat(plan.getFieldWritesList()).extracting(w -> w.getField().getKey())
                .containsExactly("ai_match_score", "ai_score_text");
        assertThat(plan.getDroppedList()).extracting(DroppedItem::getSource, DroppedItem::getReason).contains(
                org.assertj.core.groups.Tuple.tuple(AssessmentAttribute.ASSESSMENT_ATTRIBUTE_RECOMMENDATION, "VALUE_MISSING"),
                org.assertj.core.groups.Tuple.tuple(AssessmentAttribute.ASSESSMENT_ATTRIBUTE_RATIONALE, "VALUE_MISSING"),
                org.assertj.core.groups.Tuple.tuple(AssessmentAttribute.ASSESSMENT_ATTRIBUTE_TRANSCRIPT_URL, "URL_INVALID"),
                org.assertj.core.groups.Tuple.tuple(AssessmentAttribute.ASSESSMENT_ATTRIBUTE_CONFIDENCE, "VALUE_INVALID"));
        assertThat(plan.getNote().getBody()).doesNotContain("javascript", "Confidence:", "Recommendation:", "Rationale:");
    }

    @Test
    void badUpsertsAreRejectedAndStoreNothing() {
        String id = unique("profile");
        upsert(smallProfile(id));
        long before = database.count(TABLE);

        assertError(() -> mapping().upsertMappingProfile(UpsertMappingProfileRequest.getDefaultInstance()),
                Status.Code.INVALID_ARGUMENT, "PROFILE_MISSING");
        assertBadProfile(p -> p.setId(""), "PROFILE_ID_MISSING");
        assertBadProfile(p -> p.setId("Bad Id"), "PROFILE_ID_INVALID");
        assertBadProfile(p -> p.setConnectionId(""), "CONNECTION_ID_INVALID");
        assertBadProfile(p -> p.setDisplayName("x".repeat(201)), "DISPLAY_NAME_TOO_LONG");
        assertBadProfile(MappingProfile.Builder::clearFieldMappings, "FIELD_MAPPINGS_MISSING");
        assertBadProfile(p -> p.addFieldMappings(FieldMapping.newBuilder()
                .setTarget(TargetField.newBuilder().setKey("k").setType(FieldType.FIELD_TYPE_NUMBER)
                        .setScope(FieldScope.FIELD_SCOPE_CANDIDATE))), "FIELD_MAPPING_SOURCE_INVALID");
        assertBadProfile(p -> p.addFieldMappings(FieldMapping.newBuilder()
                .setSource(AssessmentAttribute.ASSESSMENT_ATTRIBUTE_CONFIDENCE)), "TARGET_FIELD_MISSING");
        assertBadProfile(p -> p.addFieldMappings(mapping(AssessmentAttribute.ASSESSMENT_ATTRIBUTE_CONFIDENCE,
                "k", FieldType.FIELD_TYPE_UNSPECIFIED)), "TARGET_TYPE_INVALID");
        assertBadProfile(p -> p.addFieldMappings(mapping(AssessmentAttribute.ASSESSMENT_ATTRIBUTE_CONFIDENCE,
                "k", FieldType.FIELD_TYPE_NUMBER).setTarget(TargetField.newBuilder().setKey("k")
                .setType(FieldType.FIELD_TYPE_NUMBER))), "TARGET_SCOPE_INVALID");
        assertBadProfile(p -> p.addFieldMappings(mapping(AssessmentAttribute.ASSESSMENT_ATTRIBUTE_CONFIDENCE,
                "ai confidence", FieldType.FIELD_TYPE_NUMBER)), "TARGET_KEY_INVALID");
        assertBadProfile(p -> p.addFieldMappings(mapping(AssessmentAttribute.ASSESSMENT_ATTRIBUTE_RATIONALE,
                "k", FieldType.FIELD_TYPE_NUMBER)), "TARGET_TYPE_INCOMPATIBLE");
        assertBadProfile(p -> p.addFieldMappings(mapping(AssessmentAttribute.ASSESSMENT_ATTRIBUTE_RECOMMENDATION,
                "k", FieldType.FIELD_TYPE_MULTI_SELECT)), "TARGET_TYPE_INCOMPATIBLE");
        assertBadProfile(p -> p.addFieldMappings(withTarget(AssessmentAttribute.ASSESSMENT_ATTRIBUTE_RATIONALE,
                FieldType.FIELD_TYPE_LONG_TEXT, t -> t.setMaxLength(-1))), "MAX_LENGTH_INVALID");
        assertBadProfile(p -> p.addFieldMappings(withTarget(AssessmentAttribute.ASSESSMENT_ATTRIBUTE_CONFIDENCE,
                FieldType.FIELD_TYPE_NUMBER, t -> t.setNumberMin(10).setNumberMax(5))), "NUMBER_RANGE_INVALID");
        assertBadProfile(p -> p.addFieldMappings(withTarget(AssessmentAttribute.ASSESSMENT_ATTRIBUTE_CONFIDENCE,
                FieldType.FIELD_TYPE_NUMBER, t -> t.setNumberMax(Double.NaN))), "NUMBER_RANGE_INVALID");
        assertBadProfile(p -> p.addFieldMappings(withTarget(AssessmentAttribute.ASSESSMENT_ATTRIBUTE_RECOMMENDATION,
                FieldType.FIELD_TYPE_SINGLE_SELECT, t -> t)), "OPTIONS_INVALID");
        assertBadProfile(p -> p.addFieldMappings(withTarget(AssessmentAttribute.ASSESSMENT_ATTRIBUTE_RECOMMENDATION,
                FieldType.FIELD_TYPE_SINGLE_SELECT, t -> t.addOptions(option("1", "Yes")).addOptions(option("1", "No")))),
                "OPTIONS_INVALID");
        assertBadProfile(p -> p.addFieldMappings(withTarget(AssessmentAttribute.ASSESSMENT_ATTRIBUTE_RATIONALE,
                FieldType.FIELD_TYPE_LONG_TEXT, t -> t.addOptions(option("1", "Yes")))), "OPTIONS_INVALID");
        assertBadProfile(p -> p.addFieldMappings(withTarget(AssessmentAttribute.ASSESSMENT_ATTRIBUTE_RECOMMENDATION,
                FieldType.FIELD_TYPE_SINGLE_SELECT, t -> t.addOptions(option("1", "Yes")))
                .putOptionLabels("YES", "Yes")), "OPTION_LABELS_INVALID");
        assertBadProfile(p -> p.addFieldMappings(withTarget(AssessmentAttribute.ASSESSMENT_ATTRIBUTE_RECOMMENDATION,
                FieldType.FIELD_TYPE_SINGLE_SELECT, t -> t.addOptions(option("1", "Yes")))
                .putOptionLabels("ADVANCE", "Strong yes")), "OPTION_LABELS_INVALID");
        assertBadProfile(p -> p.addFieldMappings(withTarget(AssessmentAttribute.ASSESSMENT_ATTRIBUTE_CONFIDENCE,
                FieldType.FIELD_TYPE_NUMBER, t -> t).putOptionLabels("ADVANCE", "Yes")), "OPTION_LABELS_INVALID");
        assertBadProfile(p -> p.addFieldMappings(mapping(AssessmentAttribute.ASSESSMENT_ATTRIBUTE_CONFIDENCE,
                "ai_match_score", FieldType.FIELD_TYPE_NUMBER)), "TARGET_KEY_DUPLICATE");
        assertBadProfile(p -> p.setSkillTags(SkillTagRule.newBuilder().setEnabled(true).setMaxTags(51)), "SKILL_TAG_RULE_INVALID");
        assertBadProfile(p -> p.setSkillTags(SkillTagRule.newBuilder().setEnabled(true).setPrefix("ai\n")), "SKILL_TAG_RULE_INVALID");
        assertBadProfile(p -> p.setNote(NoteRule.newBuilder().setEnabled(true).setVisibilityValue(99)), "NOTE_VISIBILITY_INVALID");
        assertError(() -> mapping().upsertMappingProfile(UpsertMappingProfileRequest.newBuilder()
                        .setRequestId("has spaces").setProfile(smallProfile(unique("profile"))).build()),
                Status.Code.INVALID_ARGUMENT, "REQUEST_ID_INVALID");
        assertError(() -> upsert(smallProfile(id).setConnectionId("lever-acme")),
                Status.Code.FAILED_PRECONDITION, "PROFILE_CONNECTION_CHANGED");

        assertThat(database.count(TABLE)).isEqualTo(before);
    }

    private void assertBadProfile(UnaryOperator<MappingProfile.Builder> change, String reason) {
        MappingProfile.Builder profile = change.apply(smallProfile(unique("profile")));
        assertError(() -> upsert(profile), Status.Code.INVALID_ARGUMENT, reason);
    }

    private static FieldMapping.Builder withTarget(AssessmentAttribute source, FieldType type, UnaryOperator<TargetField.Builder> change) {
        return FieldMapping.newBuilder().setSource(source).setTarget(change.apply(TargetField.newBuilder()
                .setKey("extra").setType(type).setScope(FieldScope.FIELD_SCOPE_APPLICATION)));
    }

    @Test
    void badPlanAndGetRequestsAreRejectedAndStoreNothing() {
        String id = unique("profile");
        upsert(smallProfile(id));
        long before = database.count(TABLE);

        assertError(() -> mapping().planWriteBack(PlanWriteBackRequest.newBuilder().setProfileId(id).build()),
                Status.Code.INVALID_ARGUMENT, "ASSESSMENT_MISSING");
        assertError(() -> mapping().planWriteBack(plan(id, 0, assessment().clearOverallScore())),
                Status.Code.INVALID_ARGUMENT, "OVERALL_SCORE_MISSING");
        assertError(() -> mapping().planWriteBack(plan(id, 0, assessment().setOverallScore(Score.newBuilder().setValue(3)))),
                Status.Code.INVALID_ARGUMENT, "SCORE_SCALE_INVALID");
        assertError(() -> mapping().planWriteBack(plan(id, 0, assessment().setOverallScore(Score.newBuilder().setValue(3)
                        .setScale(ScoreScale.newBuilder().setMin(5).setMax(0))))),
                Status.Code.INVALID_ARGUMENT, "SCORE_SCALE_INVALID");
        assertError(() -> mapping().planWriteBack(plan(id, 0, assessment().setOverallScore(Score.newBuilder().setValue(7)
                        .setScale(ScoreScale.newBuilder().setMin(0).setMax(5))))),
                Status.Code.INVALID_ARGUMENT, "SCORE_OUT_OF_SCALE");
        assertError(() -> mapping().planWriteBack(plan(id, 0, assessment().setRecommendationValue(42))),
                Status.Code.INVALID_ARGUMENT, "RECOMMENDATION_INVALID");
        assertError(() -> mapping().planWriteBack(plan("", 0, assessment())),
                Status.Code.INVALID_ARGUMENT, "PROFILE_ID_MISSING");
        assertError(() -> mapping().planWriteBack(plan(id, -1, assessment())),
                Status.Code.INVALID_ARGUMENT, "PROFILE_VERSION_INVALID");
        assertError(() -> mapping().planWriteBack(plan(id, 0, assessment()).toBuilder().setAuditReference("a\nb").build()),
                Status.Code.INVALID_ARGUMENT, "AUDIT_REFERENCE_INVALID");
        assertError(() -> mapping().planWriteBack(plan(unique("missing"), 0, assessment())),
                Status.Code.NOT_FOUND, "PROFILE_NOT_FOUND");
        assertError(() -> mapping().planWriteBack(plan(id, 2, assessment())),
                Status.Code.NOT_FOUND, "PROFILE_VERSION_NOT_FOUND");

        assertError(() -> mapping().getMappingProfile(GetMappingProfileRequest.getDefaultInstance()),
                Status.Code.INVALID_ARGUMENT, "PROFILE_ID_MISSING");
        assertError(() -> mapping().getMappingProfile(GetMappingProfileRequest.newBuilder().setProfileId(id).setVersion(-3).build()),
                Status.Code.INVALID_ARGUMENT, "PROFILE_VERSION_INVALID");
        assertError(() -> mapping().getMappingProfile(GetMappingProfileRequest.newBuilder().setProfileId(id).setVersion(9).build()),
                Status.Code.NOT_FOUND, "PROFILE_VERSION_NOT_FOUND");

        assertThat(database.count(TABLE)).isEqualTo(before);
    }

    @Test
    void anotherTenantCannotSeeOrUseTheProfile() {
        String id = unique("profile");
        upsert(smallProfile(id));

        assertError(() -> otherTenant().getMappingProfile(GetMappingProfileRequest.newBuilder().setProfileId(id).build()),
                Status.Code.NOT_FOUND, "PROFILE_NOT_FOUND");
        // Write plans are the loop's to ask for: a service acting for the other tenant does not find the profile.
        assertError(() -> TestCalls.as(MappingServiceGrpc.newBlockingStub(channel), TestCalls.TOKEN, "other")
                        .planWriteBack(plan(id, 0, assessment())),
                Status.Code.NOT_FOUND, "PROFILE_NOT_FOUND");

        // The same id is a different profile in the other tenant, with its own versions and connection.
        MappingProfile theirs = otherTenant().upsertMappingProfile(UpsertMappingProfileRequest.newBuilder()
                .setProfile(smallProfile(id).setConnectionId("gh-other")).build()).getProfile();
        assertThat(theirs.getVersion()).isEqualTo(1);
        MappingProfile ours = mapping().getMappingProfile(GetMappingProfileRequest.newBuilder().setProfileId(id).build()).getProfile();
        assertThat(ours.getVersion()).isEqualTo(1);
        assertThat(ours.getConnectionId()).isEqualTo("gh-acme");
    }

    @Test
    void callsWithoutTokenOrTenantAreRejected() {
        GetMappingProfileRequest request = GetMappingProfileRequest.newBuilder().setProfileId("p").build();
        assertError(() -> TestCalls.as(MappingServiceGrpc.newBlockingStub(channel), null, TestCalls.TENANT)
                .getMappingProfile(request), Status.Code.UNAUTHENTICATED, "TOKEN_MISSING");
        assertError(() -> TestCalls.as(MappingServiceGrpc.newBlockingStub(channel), TestCalls.TOKEN, null)
                .getMappingProfile(request), Status.Code.INVALID_ARGUMENT, "TENANT_MISSING");
    }

    @Test
    void reflectionListsTheMappingService() throws Exception {
        assertThat(TestCalls.listServices(channel)).contains("atsbridge.mapping.v1.MappingService", "grpc.health.v1.Health");
    }

    private static void assertError(Runnable call, Status.Code code, String reason) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(code);
            assertThat(GrpcErrors.errorInfo(e).orElseThrow().getReason()).isEqualTo(reason);
            assertThat(GrpcErrors.errorInfo(e).orElseThrow().getDomain()).isEqualTo("mapping.atsbridge.io");
        });
    }
}
