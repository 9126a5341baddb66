package io.atsbridge.consent.grpc;

import com.google.protobuf.Timestamp;
import io.atsbridge.platform.error.GrpcErrors;
import io.atsbridge.platform.proto.ProtoTimes;
import io.atsbridge.platform.testing.GrpcServiceTest;
import io.atsbridge.platform.testing.TestCalls;
import io.atsbridge.proto.consent.v1.ConsentMethod;
import io.atsbridge.proto.consent.v1.ConsentRecord;
import io.atsbridge.proto.consent.v1.ConsentServiceGrpc;
import io.atsbridge.proto.consent.v1.ConsentServiceGrpc.ConsentServiceBlockingStub;
import io.atsbridge.proto.consent.v1.ConsentState;
import io.atsbridge.proto.consent.v1.Decision;
import io.atsbridge.proto.consent.v1.EvaluatePolicyRequest;
import io.atsbridge.proto.consent.v1.EvaluatePolicyResponse;
import io.atsbridge.proto.consent.v1.ListConsentsRequest;
import io.atsbridge.proto.consent.v1.ListConsentsResponse;
import io.atsbridge.proto.consent.v1.MissingConsent;
import io.atsbridge.proto.consent.v1.PolicyAction;
import io.atsbridge.proto.consent.v1.RecordConsentRequest;
import io.atsbridge.proto.consent.v1.RecordConsentResponse;
import io.atsbridge.proto.consent.v1.RuleOutcome;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@MicronautTest(environments = "consent")
@io.micronaut.context.annotation.Property(name = "atsbridge.consent.tenants.acme.verify-rules", value = "CO-02")
class ConsentGrpcServiceTest extends GrpcServiceTest {

    ConsentGrpcServiceTest() {
        super("consent");
    }

    private final AuditStandIn audit = new AuditStandIn();

    @Override
    protected java.util.Map<String, String> moreProperties() {
        return audit.properties();
    }

    @org.junit.jupiter.api.AfterAll
    void closeAudit() throws InterruptedException {
        audit.close();
    }

    private static final String VERSION = "jurisdiction-rules-2026-12";
    private static final String TABLE = "consent_entry";
    /** The moment most evaluations are for: Friday 2026-11-20, 15:00 UTC. Entries are captured before it. */
    private static final Instant AT = Instant.parse("2026-11-20T15:00:00Z");

    private ConsentServiceBlockingStub consent() {
        return TestCalls.asTenant(ConsentServiceGrpc.newBlockingStub(channel));
    }

    private ConsentServiceBlockingStub otherTenant() {
        return TestCalls.as(ConsentServiceGrpc.newBlockingStub(channel), TestCalls.OTHER_TENANT_TOKEN, "other");
    }

    private static String candidate() {
        return "cand-" + UUID.randomUUID();
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    private static EvaluatePolicyRequest.Builder query(String candidateId, PolicyAction action, String jurisdiction,
                                                       String... categories) {
        return EvaluatePolicyRequest.newBuilder().setCandidateId(candidateId).setAction(action)
                .addJurisdictions(jurisdiction).addAllDataCategories(List.of(categories)).setEvaluateTime(ts(AT));
    }

    private static ConsentRecord.Builder entry(String candidateId, String purpose, String category, String jurisdiction,
                                               ConsentState state, Instant captured) {
        return ConsentRecord.newBuilder().setCandidateId(candidateId).setPurpose(purpose).setDataCategory(category)
                .setJurisdiction(jurisdiction).setMethod(ConsentMethod.CONSENT_METHOD_ELECTRONIC_SIGNATURE)
                .setState(state).setEvidenceRef("esign:envelope/" + UUID.randomUUID()).setCaptureTime(ts(captured));
    }

    private ConsentRecord record(ConsentRecord.Builder entry) {
        return consent().recordConsent(RecordConsentRequest.newBuilder().setConsent(entry).build()).getConsent();
    }

    private static RuleOutcome rule(EvaluatePolicyResponse response, String ruleId) {
        return response.getRulesList().stream().filter(r -> r.getRuleId().equals(ruleId)).findFirst()
                .orElseThrow(() -> new AssertionError("rule " + ruleId + " not in " + response.getRulesList()));
    }

    private static List<String> ruleIds(EvaluatePolicyResponse response) {
        return response.getRulesList().stream().map(RuleOutcome::getRuleId).toList();
    }

    private static MissingConsent missing(String category, String jurisdiction, String consentType) {
        return MissingConsent.newBuilder().setPurpose("ai_interview").setDataCategory(category)
                .setJurisdiction(jurisdiction).setConsentType(consentType).build();
    }

    /** The missing consents without the accepted methods and all-parties flag, to compare with {@link #missing}. */
    private static List<MissingConsent> missingKeys(EvaluatePolicyResponse response) {
        return response.getMissingConsentsList().stream()
                .map(m -> m.toBuilder().clearAcceptedMethods().clearAllParties().build()).toList();
    }

    /** A scoring query with a confident result of a tool whose bias audit is current and published. */
    private static EvaluatePolicyRequest.Builder scoring(String candidateId, String jurisdiction) {
        return query(candidateId, PolicyAction.POLICY_ACTION_AI_SCORING, jurisdiction, "score").setResultConfidence(0.9)
                .setTool(io.atsbridge.proto.consent.v1.AutomatedTool.newBuilder().setToolId("vendor-1")
                        .setBiasAuditTime(ts(AT.minus(Duration.ofDays(100))))
                        .setBiasAuditSummaryUrl("https://example.com/bias-audit"));
    }

    @Test
    void illinoisVideoInterviewNeedsConsentUntilGrantedAndAgainAfterWithdrawal() {
        String candidateId = candidate();
        EvaluatePolicyRequest request = query(candidateId, PolicyAction.POLICY_ACTION_AI_INTERVIEW, "US-IL", "video").build();
        long stored = database.count(TABLE);

        EvaluatePolicyResponse before = consent().evaluatePolicy(request);

        assertThat(database.count(TABLE)).as("evaluation stores nothing").isEqualTo(stored);
        assertThat(before.getDecision()).isEqualTo(Decision.DECISION_REQUIRE_CONSENT);
        assertThat(before.getRulePackVersion()).isEqualTo(VERSION);
        assertThat(ruleIds(before)).containsExactly("IL-04", "IL-05", "IL-06", "REC-IL");
        RuleOutcome aivia = rule(before, "IL-06");
        assertThat(aivia.getCitation()).isEqualTo("820 ILCS 42/5(3)");
        assertThat(aivia.getJurisdiction()).isEqualTo("US-IL");
        assertThat(aivia.getDataCategory()).isEqualTo("video");
        assertThat(aivia.getObligation()).isEqualTo("consent_required_before_ai_analysis");
        assertThat(aivia.getEffect()).isEqualTo(Decision.DECISION_REQUIRE_CONSENT);
        assertThat(aivia.getSatisfied()).isFalse();
        assertThat(aivia.getDetail()).contains("no consent on record for purpose ai_interview, data category video in US-IL");
        assertThat(rule(before, "IL-04").getEffect()).isEqualTo(Decision.DECISION_REQUIRE_NOTICE);
        assertThat(missingKeys(before)).containsExactly(
                missing("video", "US-IL", "consent"), missing("video", "US-IL", "all_parties"));
        assertThat(before.getMissingConsents(1).getAllParties()).isTrue();

        ConsentRecord grant = record(entry(candidateId, "ai_interview", "video", "US-IL",
                ConsentState.CONSENT_STATE_GRANTED, AT.minus(Duration.ofHours(3))).setAllParties(true));
        assertThat(grant.getAllParties()).isTrue();
        EvaluatePolicyResponse granted = consent().evaluatePolicy(request);

        assertThat(rule(granted, "IL-06").getSatisfied()).isTrue();
        assertThat(rule(granted, "IL-06").getDetail()).contains(grant.getId());
        assertThat(rule(granted, "REC-IL").getSatisfied()).isTrue();
        assertThat(granted.getMissingConsentsList()).isEmpty();
        assertThat(granted.getDecision()).as("the notices are still owed").isEqualTo(Decision.DECISION_REQUIRE_NOTICE);

        record(entry(candidateId, "notice:il-04", "video", "US-IL", ConsentState.CONSENT_STATE_GRANTED,
                AT.minus(Duration.ofHours(3))));
        record(entry(candidateId, "notice:il-05", "video", "US-IL", ConsentState.CONSENT_STATE_GRANTED,
                AT.minus(Duration.ofHours(3))));
        EvaluatePolicyResponse noticed = consent().evaluatePolicy(request);
        assertThat(noticed.getDecision()).isEqualTo(Decision.DECISION_ALLOW);
        assertThat(noticed.getRulesList()).allSatisfy(r -> assertThat(r.getSatisfied()).isTrue());

        record(entry(candidateId, "ai_interview", "video", "US-IL", ConsentState.CONSENT_STATE_WITHDRAWN,
                AT.minus(Duration.ofHours(1))));
        EvaluatePolicyResponse withdrawn = consent().evaluatePolicy(request);

        assertThat(withdrawn.getDecision()).isEqualTo(Decision.DECISION_REQUIRE_CONSENT);
        assertThat(rule(withdrawn, "IL-06").getSatisfied()).isFalse();
        assertThat(rule(withdrawn, "IL-06").getDetail()).contains("withdrawn");
        assertThat(rule(withdrawn, "REC-IL").getSatisfied()).isFalse();
        assertThat(missingKeys(withdrawn)).containsExactly(
                missing("video", "US-IL", "consent"), missing("video", "US-IL", "all_parties"));

        EvaluatePolicyResponse betweenGrantAndWithdrawal = consent().evaluatePolicy(request.toBuilder()
                .setEvaluateTime(ts(AT.minus(Duration.ofMinutes(90)))).build());
        assertThat(rule(betweenGrantAndWithdrawal, "IL-06").getSatisfied())
                .as("the ledger is read as it stood at evaluate_time").isTrue();

        // Writing the interview's results rests on the same consent: allowed while it stood, stopped once withdrawn.
        EvaluatePolicyRequest writeBack = request.toBuilder().setAction(PolicyAction.POLICY_ACTION_WRITE_BACK).build();
        EvaluatePolicyResponse writeBeforeWithdrawal = consent().evaluatePolicy(writeBack.toBuilder()
                .setEvaluateTime(ts(AT.minus(Duration.ofMinutes(90)))).build());
        EvaluatePolicyResponse writeAfterWithdrawal = consent().evaluatePolicy(writeBack);

        assertThat(writeBeforeWithdrawal.getDecision()).isEqualTo(Decision.DECISION_ALLOW);
        assertThat(rule(writeBeforeWithdrawal, "IL-06").getSatisfied()).isTrue();
        assertThat(writeAfterWithdrawal.getDecision()).isEqualTo(Decision.DECISION_REQUIRE_CONSENT);
        assertThat(rule(writeAfterWithdrawal, "IL-06").getDetail()).contains("ai_interview", "withdrawn");
        assertThat(writeAfterWithdrawal.getMissingConsentsList()).extracting(MissingConsent::getPurpose)
                .containsOnly("ai_interview");
    }

    @Test
    void onlyAConsentForThePurposeCategoryAndAPlaceWithinTheRuleCounts() {
        String candidateId = candidate();
        Instant captured = AT.minus(Duration.ofDays(1));
        record(entry(candidateId, "retention", "video", "US-IL", ConsentState.CONSENT_STATE_GRANTED, captured));
        record(entry(candidateId, "ai_interview", "video", "US", ConsentState.CONSENT_STATE_GRANTED, captured));
        record(entry(candidateId, "ai_interview", "voice_recording", "US-IL", ConsentState.CONSENT_STATE_GRANTED, captured));
        record(entry(candidateId, "ai_interview", "video", "US-IL", ConsentState.CONSENT_STATE_GRANTED,
                AT.plus(Duration.ofMinutes(1))));
        EvaluatePolicyRequest request = query(candidateId, PolicyAction.POLICY_ACTION_AI_INTERVIEW, "US-IL", "video").build();

        assertThat(rule(consent().evaluatePolicy(request), "IL-06").getSatisfied()).isFalse();

        record(entry(candidateId, "ai_interview", "*", "US-IL-CHI", ConsentState.CONSENT_STATE_GRANTED, captured)
                .setAllParties(true));
        EvaluatePolicyResponse response = consent().evaluatePolicy(request);
        assertThat(rule(response, "IL-06").getSatisfied()).as("* in a place within US-IL").isTrue();
        assertThat(response.getDecision()).isEqualTo(Decision.DECISION_REQUIRE_NOTICE);
    }

    @Test
    void aRequestedFamilyMatchesEveryRuleCategoryInIt() {
        EvaluatePolicyResponse response = consent().evaluatePolicy(
                query(candidate(), PolicyAction.POLICY_ACTION_AI_INTERVIEW, "US-IL", "biometric").build());

        assertThat(response.getRulesList()).extracting(RuleOutcome::getRuleId, RuleOutcome::getDataCategory)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("IL-01", "biometric.face_geometry"),
                        org.assertj.core.groups.Tuple.tuple("IL-01", "biometric.voiceprint"));
        assertThat(missingKeys(response)).containsExactly(
                missing("biometric.face_geometry", "US-IL", "written_release"),
                missing("biometric.voiceprint", "US-IL", "written_release"));
        assertThat(response.getMissingConsents(0).getAcceptedMethodsList()).containsExactly(
                ConsentMethod.CONSENT_METHOD_WRITTEN, ConsentMethod.CONSENT_METHOD_ELECTRONIC_SIGNATURE);
    }

    @Test
    void nycScoringNeedsANoticeTenBusinessDaysAhead() {
        String late = candidate();
        String early = candidate();
        // AT is Friday 2026-11-20: Tuesday 2026-11-17 is 3 business days before, Wednesday 2026-11-04 is 11
        // (Veterans Day, 2026-11-11, is a public holiday in New York).
        record(entry(late, "notice:nyc-04", "score", "US-NY-NYC", ConsentState.CONSENT_STATE_GRANTED,
                Instant.parse("2026-11-17T09:00:00Z")));
        record(entry(early, "notice:nyc-04", "score", "US-NY-NYC", ConsentState.CONSENT_STATE_GRANTED,
                Instant.parse("2026-11-04T09:00:00Z")));

        EvaluatePolicyResponse tooLate = consent().evaluatePolicy(scoring(late, "US-NY-NYC").build());
        EvaluatePolicyResponse inTime = consent().evaluatePolicy(scoring(early, "US-NY-NYC").build());
        EvaluatePolicyResponse none = consent().evaluatePolicy(scoring(candidate(), "US-NY-NYC").build());

        assertThat(tooLate.getDecision()).isEqualTo(Decision.DECISION_REQUIRE_NOTICE);
        assertThat(ruleIds(tooLate)).containsExactly("NYC-01", "NYC-02", "NYC-04", "CONFIDENCE-FLOOR");
        assertThat(rule(tooLate, "NYC-04").getSatisfied()).isFalse();
        // Thanksgiving (2026-11-26) is not a business day: the tenth is Wednesday 2026-12-02, from midnight in New York.
        assertThat(rule(tooLate, "NYC-04").getDetail()).contains("only 3 of 10 business days", "from 2026-12-02");
        Timestamp december2 = ProtoTimes.toProto(java.time.Instant.parse("2026-12-02T05:00:00Z"));
        assertThat(rule(tooLate, "NYC-04").getEarliestTime()).isEqualTo(december2);
        assertThat(tooLate.getEarliestTime()).as("the notice was given; only its waiting period runs").isEqualTo(december2);
        assertThat(inTime.getDecision()).isEqualTo(Decision.DECISION_ALLOW);
        assertThat(rule(inTime, "NYC-04").getSatisfied()).isTrue();
        assertThat(inTime.hasEarliestTime()).isFalse();
        assertThat(rule(inTime, "NYC-04").getDetail()).contains("11 business days");
        assertThat(none.getDecision()).isEqualTo(Decision.DECISION_REQUIRE_NOTICE);
        assertThat(rule(none, "NYC-04").getDetail()).contains("record it with purpose notice:us-ny-nyc.ll144-aedt-notice", "the older form notice:nyc-04 still counts");
    }

    @Test
    void euScoringNeedsConsentAndConfidenceAndAutomatedRejectionAPerson() {
        String candidateId = candidate();
        EvaluatePolicyResponse withoutConsent = consent().evaluatePolicy(scoring(candidateId, "EU").build());
        assertThat(withoutConsent.getDecision()).isEqualTo(Decision.DECISION_REQUIRE_CONSENT);
        assertThat(ruleIds(withoutConsent)).as("EU-17 binds only from 2027-12-02").containsExactly("EU-01", "CONFIDENCE-FLOOR");

        record(entry(candidateId, "ai_interview", "*", "EU", ConsentState.CONSENT_STATE_GRANTED, AT.minus(Duration.ofDays(1))));
        EvaluatePolicyResponse confident = consent().evaluatePolicy(scoring(candidateId, "EU").build());
        EvaluatePolicyResponse unsure = consent().evaluatePolicy(scoring(candidateId, "EU").setResultConfidence(0.3).build());
        EvaluatePolicyResponse unknown = consent().evaluatePolicy(scoring(candidateId, "EU").clearResultConfidence().build());
        EvaluatePolicyResponse rejection = consent().evaluatePolicy(scoring(candidateId, "EU")
                .setAction(PolicyAction.POLICY_ACTION_AUTOMATED_REJECTION).build());

        assertThat(confident.getDecision()).isEqualTo(Decision.DECISION_ALLOW);
        assertThat(unsure.getDecision()).isEqualTo(Decision.DECISION_REQUIRE_HUMAN_REVIEW);
        assertThat(rule(unsure, "CONFIDENCE-FLOOR").getDetail()).contains("0.3 is below the floor 0.6");
        assertThat(unknown.getDecision()).isEqualTo(Decision.DECISION_REQUIRE_HUMAN_REVIEW);
        assertThat(rejection.getDecision()).isEqualTo(Decision.DECISION_REQUIRE_HUMAN_REVIEW);
        assertThat(rule(rejection, "EU-08").getCitation()).isEqualTo("GDPR Art. 22(1)(3)");
        assertThat(rule(rejection, "EU-08").getSatisfied()).isFalse();
        assertThat(rule(rejection, "EU-08").getObligationType()).isEqualTo("human_review");

        EvaluatePolicyRequest retain = query(candidateId, PolicyAction.POLICY_ACTION_RETAIN, "EU", "video").build();
        assertThat(consent().evaluatePolicy(retain).getDecision()).isEqualTo(Decision.DECISION_ALLOW);
        EvaluatePolicyResponse erasure = consent().evaluatePolicy(retain.toBuilder()
                .setDeletionRequestTime(ts(AT.minus(Duration.ofDays(2)))).build());
        assertThat(erasure.getDecision()).isEqualTo(Decision.DECISION_DENY);
        assertThat(ruleIds(erasure)).containsExactly("EU-06");
    }

    @Test
    void emotionRecognitionIsDeniedInTheEuWhateverIsConsented() {
        String candidateId = candidate();
        record(entry(candidateId, "ai_interview", "*", "EU", ConsentState.CONSENT_STATE_GRANTED, AT.minus(Duration.ofDays(1))));

        EvaluatePolicyResponse asked = consent().evaluatePolicy(query(candidateId,
                PolicyAction.POLICY_ACTION_AI_INTERVIEW, "EU", "video", "emotion_recognition").build());
        EvaluatePolicyResponse notAsked = consent().evaluatePolicy(query(candidateId,
                PolicyAction.POLICY_ACTION_AI_INTERVIEW, "EU", "video").build());

        assertThat(asked.getDecision()).isEqualTo(Decision.DECISION_DENY);
        assertThat(rule(asked, "EU-10").getDataCategory()).isEqualTo("emotion_recognition");
        assertThat(rule(asked, "EU-10").getCitation()).isEqualTo("AI Act Art. 5(1)(f)");
        assertThat(notAsked.getDecision()).as("the notice at collection is owed").isEqualTo(Decision.DECISION_REQUIRE_NOTICE);
        assertThat(ruleIds(notAsked)).doesNotContain("EU-10").contains("EU-01", "EU-03");
    }

    @Test
    void aCandidateInAMemberStateGetsTheEuRulesAndAConsentGivenThereMeetsThem() {
        String candidateId = candidate();
        EvaluatePolicyResponse inGermany = consent().evaluatePolicy(scoring(candidateId, "DE-BY").build());
        EvaluatePolicyResponse emotion = consent().evaluatePolicy(query(candidateId,
                PolicyAction.POLICY_ACTION_AI_INTERVIEW, "FR", "video", "emotion_recognition").build());
        EvaluatePolicyResponse inNorway = consent().evaluatePolicy(query(candidateId,
                PolicyAction.POLICY_ACTION_AI_INTERVIEW, "NO", "video", "emotion_recognition").build());

        assertThat(inGermany.getDecision()).isEqualTo(Decision.DECISION_REQUIRE_CONSENT);
        assertThat(ruleIds(inGermany)).containsExactly("EU-01", "CONFIDENCE-FLOOR");
        assertThat(rule(inGermany, "EU-01").getJurisdiction()).isEqualTo("EU");
        assertThat(emotion.getDecision()).isEqualTo(Decision.DECISION_DENY);
        assertThat(ruleIds(emotion)).contains("EU-10");
        assertThat(inNorway.getDecision()).as("EEA, outside the EU and its AI Act").isEqualTo(Decision.DECISION_ALLOW);

        EvaluatePolicyResponse biometricBefore = consent().evaluatePolicy(query(candidateId,
                PolicyAction.POLICY_ACTION_AI_INTERVIEW, "DE", "biometric.voiceprint").build());
        record(entry(candidateId, "ai_interview", "biometric", "DE", ConsentState.CONSENT_STATE_GRANTED,
                AT.minus(Duration.ofDays(1))));
        EvaluatePolicyResponse biometricAfter = consent().evaluatePolicy(query(candidateId,
                PolicyAction.POLICY_ACTION_AI_INTERVIEW, "DE", "biometric.voiceprint").build());

        assertThat(biometricBefore.getDecision()).isEqualTo(Decision.DECISION_REQUIRE_CONSENT);
        assertThat(rule(biometricBefore, "EU-02").getSatisfied()).isFalse();
        assertThat(rule(biometricAfter, "EU-02").getSatisfied()).as("explicit consent recorded in Germany").isTrue();
        assertThat(rule(biometricAfter, "EU-01").getSatisfied()).isTrue();
        assertThat(biometricAfter.getDecision()).as("the notice at collection (EU-03) is still owed")
                .isEqualTo(Decision.DECISION_REQUIRE_NOTICE);
    }

    @Test
    void aPlaceWithoutRulesIsAllowedNow() {
        EvaluatePolicyResponse response = consent().evaluatePolicy(EvaluatePolicyRequest.newBuilder()
                .setCandidateId(candidate()).setAction(PolicyAction.POLICY_ACTION_AI_INTERVIEW)
                .addJurisdictions("JP").addDataCategories("video").addDataCategories("voice_recording").build());

        assertThat(response.getDecision()).isEqualTo(Decision.DECISION_ALLOW);
        assertThat(response.getRulesList()).isEmpty();
        assertThat(response.getMissingConsentsList()).isEmpty();
        assertThat(response.getRulePackVersion()).isEqualTo(VERSION);
    }

    @Test
    void coloradoRulesBindOnlyFromTheirEffectiveDateAndVerifyRulesOnlyWhereTurnedOn() {
        EvaluatePolicyRequest.Builder request = scoring(candidate(), "US-CO");

        EvaluatePolicyResponse packDate = consent().evaluatePolicy(
                request.setEvaluateTime(ts(Instant.parse("2026-11-22T00:00:00Z"))).build());
        EvaluatePolicyResponse afterwards = consent().evaluatePolicy(
                request.setEvaluateTime(ts(Instant.parse("2027-02-01T00:00:00Z"))).build());

        assertThat(packDate.getDecision()).isEqualTo(Decision.DECISION_ALLOW);
        assertThat(ruleIds(packDate)).as("CO-01 is repealed, CO-02.. start 2027-01-01").containsExactly("CONFIDENCE-FLOOR");
        assertThat(afterwards.getDecision()).isEqualTo(Decision.DECISION_REQUIRE_NOTICE);
        assertThat(ruleIds(afterwards)).as("CO-04 is informational: a review on request after the decision")
                .containsExactly("CO-02", "CONFIDENCE-FLOOR");
        assertThat(rule(afterwards, "CO-02").getCitation()).isEqualTo("C.R.S. 6-1-1704(1)-(2) (SB 26-189; VERIFY)");
        EvaluatePolicyResponse otherTenant = otherTenant().evaluatePolicy(request.build());
        assertThat(otherTenant.getDecision()).as("CO-02 is marked VERIFY; only acme turned it on")
                .isEqualTo(Decision.DECISION_ALLOW);
        assertThat(ruleIds(otherTenant)).containsExactly("CONFIDENCE-FLOOR");
    }

    @Test
    void theLedgerIsListedOldestFirstInPages() {
        String candidateId = candidate();
        Instant captured = Instant.parse("2026-11-19T10:15:30.123456789Z");
        List<ConsentRecord> recorded = new ArrayList<>();
        List<String> purposes = List.of("ai_interview", "capture", "analysis", "scoring", "retention");
        for (int i = 0; i < 5; i++) {
            recorded.add(record(entry(candidateId, purposes.get(i), "video", "US-IL", ConsentState.CONSENT_STATE_GRANTED,
                    captured.minus(Duration.ofMinutes(i)))));
        }

        List<ConsentRecord> seen = new ArrayList<>();
        String token = "";
        int pages = 0;
        do {
            ListConsentsResponse page = consent().listConsents(ListConsentsRequest.newBuilder()
                    .setCandidateId(candidateId).setPageSize(2).setPageToken(token).build());
            assertThat(page.getConsentsCount()).isLessThanOrEqualTo(2);
            seen.addAll(page.getConsentsList());
            token = page.getNextPageToken();
            pages++;
        } while (!token.isEmpty() && pages < 10);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).as("listed exactly as recorded, in recording order").containsExactlyElementsOf(recorded);
        ConsentRecord first = seen.get(0);
        assertThat(first.getId()).isNotEmpty();
        assertThat(first.getCandidateId()).isEqualTo(candidateId);
        assertThat(first.getPurpose()).isEqualTo("ai_interview");
        assertThat(first.getDataCategory()).isEqualTo("video");
        assertThat(first.getJurisdiction()).isEqualTo("US-IL");
        assertThat(first.getMethod()).isEqualTo(ConsentMethod.CONSENT_METHOD_ELECTRONIC_SIGNATURE);
        assertThat(first.getState()).isEqualTo(ConsentState.CONSENT_STATE_GRANTED);
        assertThat(first.getEvidenceRef()).startsWith("esign:envelope/");
        // Fractions of a second survive only where the server and driver keep them (not MariaDB 10.x
        // through Connector/J); whole seconds survive everywhere.
        assertThat(first.getCaptureTime().getSeconds()).isEqualTo(captured.getEpochSecond());
        assertThat(first.getRecordTime().getSeconds()).isPositive();
        assertThat(consent().listConsents(ListConsentsRequest.newBuilder().setCandidateId(candidate()).build())
                .getConsentsList()).isEmpty();
    }

    @Test
    void theSameRequestIdStoresOnceAndRefusesOtherContent() {
        String candidateId = candidate();
        RecordConsentRequest request = RecordConsentRequest.newBuilder().setRequestId("req-" + UUID.randomUUID())
                .setConsent(entry(candidateId, "ai_interview", "video", "US-IL", ConsentState.CONSENT_STATE_GRANTED,
                        AT.minus(Duration.ofDays(1)).plusNanos(123_456_789)))
                .build();
        long before = database.count(TABLE);

        RecordConsentResponse first = consent().recordConsent(request);
        RecordConsentResponse retry = consent().recordConsent(request);

        assertThat(retry).isEqualTo(first);
        assertThat(database.count(TABLE)).isEqualTo(before + 1);
        RecordConsentRequest changed = request.toBuilder().setConsent(request.getConsent().toBuilder()
                .setState(ConsentState.CONSENT_STATE_WITHDRAWN)).build();
        assertError(() -> consent().recordConsent(changed), Status.Code.ALREADY_EXISTS, "REQUEST_ID_REUSED");
        assertThat(database.count(TABLE)).isEqualTo(before + 1);

        RecordConsentResponse otherTenants = otherTenant().recordConsent(request);
        assertThat(otherTenants.getConsent().getId()).as("request ids are per tenant").isNotEqualTo(first.getConsent().getId());
        assertThat(database.count(TABLE)).isEqualTo(before + 2);
    }

    @Test
    void everyGrantWithdrawalAndNoticeIsAppendedToTheAuditLogWithTheActorAndThePack() {
        String candidateId = candidate();
        ConsentRecord grant = record(entry(candidateId, "ai_interview", "video", "US-IL", ConsentState.CONSENT_STATE_GRANTED,
                AT.minus(Duration.ofDays(2))));
        ConsentRecord withdrawal = record(entry(candidateId, "*", "*", "*", ConsentState.CONSENT_STATE_WITHDRAWN,
                AT.minus(Duration.ofDays(1))));
        ConsentRecord notice = record(entry(candidateId, "notice:nyc-04", "*", "US-NY-NYC", ConsentState.CONSENT_STATE_GRANTED,
                AT.minus(Duration.ofDays(1))));

        List<io.atsbridge.proto.audit.v1.AuditRecord> appended = audit.records.stream()
                .filter(r -> r.getSubjectRef().equals(candidateId)).toList();
        assertThat(appended).extracting(io.atsbridge.proto.audit.v1.AuditRecord::getAction)
                .containsExactly("consent.granted", "consent.withdrawn", "consent.notice_recorded");
        assertThat(appended).extracting(r -> r.getAttributesMap().get("entry_id"))
                .containsExactly(grant.getId(), withdrawal.getId(), notice.getId());
        assertThat(appended).allSatisfy(r -> {
            assertThat(r.getActor()).as("the caller who recorded it").isNotBlank();
            assertThat(r.getAttributesMap()).containsEntry("rule_pack_version", VERSION)
                    .containsEntry("candidate_id", candidateId).containsKey("evidence_ref_sha256")
                    .doesNotContainKey("evidence_ref");
        });
        assertThat(appended.get(0).getAttributesMap()).containsEntry("purpose", "ai_interview")
                .containsEntry("data_category", "video").containsEntry("jurisdiction", "US-IL")
                .containsEntry("method", "ELECTRONIC_SIGNATURE");
    }

    @Test
    void anEntryTheAuditLogCannotTakeIsAnsweredUnavailableAndItsRetryAppendsIt() {
        String candidateId = candidate();
        RecordConsentRequest request = RecordConsentRequest.newBuilder().setRequestId("req-" + UUID.randomUUID())
                .setConsent(entry(candidateId, "ai_interview", "video", "US-IL", ConsentState.CONSENT_STATE_GRANTED,
                        AT.minus(Duration.ofDays(1))))
                .build();
        audit.unavailable.set(true);
        try {
            assertError(() -> consent().recordConsent(request), Status.Code.UNAVAILABLE, "LEDGER_NOT_AUDITED");
        } finally {
            audit.unavailable.set(false);
        }
        assertThat(audit.records).noneMatch(r -> r.getSubjectRef().equals(candidateId));

        RecordConsentResponse retried = consent().recordConsent(request);

        assertThat(audit.records).filteredOn(r -> r.getSubjectRef().equals(candidateId)).singleElement()
                .satisfies(r -> assertThat(r.getAttributesMap()).containsEntry("entry_id", retried.getConsent().getId()));
    }

    @Test
    void concurrentRetriesOfOneRequestStoreOneEntry() throws Exception {
        RecordConsentRequest request = RecordConsentRequest.newBuilder().setRequestId("req-" + UUID.randomUUID())
                .setConsent(entry(candidate(), "ai_interview", "video", "US-IL", ConsentState.CONSENT_STATE_GRANTED,
                        AT.minus(Duration.ofDays(1))))
                .build();
        long before = database.count(TABLE);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<String>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(() -> consent().recordConsent(request).getConsent().getId());
            }
            Set<String> ids = new HashSet<>();
            for (Future<String> result : pool.invokeAll(calls)) {
                ids.add(result.get());
            }
            assertThat(ids).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(database.count(TABLE)).isEqualTo(before + 1);
    }

    @Test
    void badInputIsRejectedAndStoresNothing() {
        String candidateId = candidate();
        long before = database.count(TABLE);
        ConsentRecord good = entry(candidateId, "ai_interview", "video", "US-IL", ConsentState.CONSENT_STATE_GRANTED,
                AT).build();

        assertRecordRejected(null, "CONSENT_MISSING");
        assertRecordRejected(good.toBuilder().clearCandidateId().build(), "CANDIDATE_ID_MISSING");
        assertRecordRejected(good.toBuilder().setCandidateId("x".repeat(65)).build(), "CANDIDATE_ID_INVALID");
        assertRecordRejected(good.toBuilder().clearPurpose().build(), "PURPOSE_UNKNOWN");
        assertRecordRejected(good.toBuilder().setPurpose("notice:NYC-04").build(), "PURPOSE_UNKNOWN");
        assertRecordRejected(good.toBuilder().setPurpose("a".repeat(101)).build(), "PURPOSE_UNKNOWN");
        assertRecordRejected(good.toBuilder().setPurpose("ai_intreview").build(), "PURPOSE_UNKNOWN");
        assertRecordRejected(good.toBuilder().setPurpose("*").build(), "PURPOSE_UNKNOWN");
        assertRecordRejected(good.toBuilder().setJurisdiction("*").build(), "JURISDICTION_INVALID");
        assertRecordRejected(good.toBuilder().clearDataCategory().build(), "DATA_CATEGORY_UNKNOWN");
        assertRecordRejected(good.toBuilder().setDataCategory("Video").build(), "DATA_CATEGORY_UNKNOWN");
        assertRecordRejected(good.toBuilder().setDataCategory("bio*").build(), "DATA_CATEGORY_UNKNOWN");
        assertRecordRejected(good.toBuilder().setDataCategory("voiceprint").build(), "DATA_CATEGORY_UNKNOWN");
        assertRecordRejected(good.toBuilder().clearJurisdiction().build(), "JURISDICTION_INVALID");
        assertRecordRejected(good.toBuilder().setJurisdiction("Illinois").build(), "JURISDICTION_INVALID");
        assertRecordRejected(good.toBuilder().clearMethod().build(), "METHOD_MISSING");
        assertRecordRejected(good.toBuilder().setMethodValue(99).build(), "METHOD_MISSING");
        assertRecordRejected(good.toBuilder().clearState().build(), "STATE_MISSING");
        assertRecordRejected(good.toBuilder().clearEvidenceRef().build(), "EVIDENCE_REF_MISSING");
        assertRecordRejected(good.toBuilder().setEvidenceRef("e".repeat(501)).build(), "EVIDENCE_REF_TOO_LONG");
        assertRecordRejected(good.toBuilder().clearCaptureTime().build(), "CAPTURE_TIME_MISSING");
        assertRecordRejected(good.toBuilder().setCaptureTime(ts(Instant.now().plus(Duration.ofMinutes(10)))).build(),
                "CAPTURE_TIME_IN_FUTURE");
        assertRecordRejected(good.toBuilder().setCaptureTime(Timestamp.newBuilder().setSeconds(1).setNanos(-1)).build(),
                "TIME_INVALID");
        assertError(() -> consent().recordConsent(RecordConsentRequest.newBuilder().setRequestId("r".repeat(101))
                .setConsent(good).build()), Status.Code.INVALID_ARGUMENT, "REQUEST_ID_INVALID");

        EvaluatePolicyRequest query = query(candidateId, PolicyAction.POLICY_ACTION_AI_INTERVIEW, "US-IL", "video").build();
        assertEvaluateRejected(query.toBuilder().clearCandidateId().build(), "CANDIDATE_ID_MISSING");
        assertEvaluateRejected(query.toBuilder().clearAction().build(), "ACTION_MISSING");
        assertEvaluateRejected(query.toBuilder().setActionValue(42).build(), "ACTION_MISSING");
        assertEvaluateRejected(query.toBuilder().clearJurisdictions().build(), "JURISDICTIONS_MISSING");
        assertEvaluateRejected(query.toBuilder().addJurisdictions("us-il").build(), "JURISDICTION_INVALID");
        assertEvaluateRejected(query.toBuilder().addJurisdictions("US-NY-NYC-BK").build(), "JURISDICTION_INVALID");
        assertEvaluateRejected(query.toBuilder().addAllJurisdictions(java.util.Collections.nCopies(20, "US")).build(),
                "TOO_MANY_JURISDICTIONS");
        assertEvaluateRejected(query.toBuilder().clearDataCategories().build(), "DATA_CATEGORIES_MISSING");
        assertEvaluateRejected(query.toBuilder().addDataCategories("*").build(), "DATA_CATEGORY_UNKNOWN");
        assertEvaluateRejected(query.toBuilder().addDataCategories("").build(), "DATA_CATEGORY_UNKNOWN");
        assertEvaluateRejected(query.toBuilder().addDataCategories("vidoe").build(), "DATA_CATEGORY_UNKNOWN");
        assertEvaluateRejected(query.toBuilder().addDataCategories("voiceprint").build(), "DATA_CATEGORY_UNKNOWN");
        assertEvaluateRejected(query.toBuilder().addRequisitionJurisdictions("Illinois").build(), "JURISDICTION_INVALID");
        assertEvaluateRejected(query.toBuilder().setResultConfidence(1.5).build(), "CONFIDENCE_INVALID");
        assertEvaluateRejected(query.toBuilder().setResultConfidence(Double.NaN).build(), "CONFIDENCE_INVALID");
        assertEvaluateRejected(query.toBuilder().addAllDataCategories(java.util.Collections.nCopies(20, "video")).build(),
                "TOO_MANY_DATA_CATEGORIES");
        assertEvaluateRejected(query.toBuilder().setEvaluateTime(Timestamp.newBuilder().setSeconds(Long.MAX_VALUE)).build(),
                "TIME_INVALID");

        assertError(() -> consent().listConsents(ListConsentsRequest.getDefaultInstance()),
                Status.Code.INVALID_ARGUMENT, "CANDIDATE_ID_MISSING");
        assertError(() -> consent().listConsents(ListConsentsRequest.newBuilder().setCandidateId(candidateId)
                .setPageSize(501).build()), Status.Code.INVALID_ARGUMENT, "PAGE_SIZE_INVALID");
        assertError(() -> consent().listConsents(ListConsentsRequest.newBuilder().setCandidateId(candidateId)
                .setPageToken("not-a-token").build()), Status.Code.INVALID_ARGUMENT, "PAGE_TOKEN_INVALID");

        assertThat(database.count(TABLE)).isEqualTo(before);
    }

    @Test
    void anotherTenantCannotSeeOrUseTheLedger() {
        String candidateId = candidate();
        record(entry(candidateId, "ai_interview", "video", "US-IL", ConsentState.CONSENT_STATE_GRANTED,
                AT.minus(Duration.ofDays(1))));
        EvaluatePolicyRequest request = query(candidateId, PolicyAction.POLICY_ACTION_AI_INTERVIEW, "US-IL", "video").build();
        ListConsentsRequest list = ListConsentsRequest.newBuilder().setCandidateId(candidateId).build();

        assertThat(consent().listConsents(list).getConsentsCount()).isEqualTo(1);
        assertThat(rule(consent().evaluatePolicy(request), "IL-06").getSatisfied()).isTrue();
        assertThat(otherTenant().listConsents(list).getConsentsList()).isEmpty();
        assertThat(rule(otherTenant().evaluatePolicy(request), "IL-06").getSatisfied()).isFalse();
        assertError(() -> TestCalls.as(ConsentServiceGrpc.newBlockingStub(channel), TestCalls.OTHER_TENANT_TOKEN,
                TestCalls.TENANT).listConsents(list), Status.Code.PERMISSION_DENIED, "TENANT_NOT_PERMITTED");
    }

    @Test
    void callsWithoutTokenOrTenantAreRejected() {
        long before = database.count(TABLE);
        RecordConsentRequest request = RecordConsentRequest.newBuilder().setConsent(entry(candidate(), "ai_interview",
                "video", "US-IL", ConsentState.CONSENT_STATE_GRANTED, AT)).build();
        assertError(() -> TestCalls.as(ConsentServiceGrpc.newBlockingStub(channel), null, TestCalls.TENANT)
                .recordConsent(request), Status.Code.UNAUTHENTICATED, "TOKEN_MISSING");
        assertError(() -> TestCalls.as(ConsentServiceGrpc.newBlockingStub(channel), TestCalls.TOKEN, null)
                .recordConsent(request), Status.Code.INVALID_ARGUMENT, "TENANT_MISSING");
        assertThat(database.count(TABLE)).isEqualTo(before);
    }

    @Test
    void reflectionListsTheConsentService() throws Exception {
        assertThat(TestCalls.listServices(channel)).contains("atsbridge.consent.v1.ConsentService", "grpc.health.v1.Health");
    }

    private void assertRecordRejected(ConsentRecord consent, String reason) {
        RecordConsentRequest.Builder request = RecordConsentRequest.newBuilder().setRequestId("bad-" + UUID.randomUUID());
        if (consent != null) {
            request.setConsent(consent);
        }
        assertError(() -> consent().recordConsent(request.build()), Status.Code.INVALID_ARGUMENT, reason);
    }

    private void assertEvaluateRejected(EvaluatePolicyRequest request, String reason) {
        assertError(() -> consent().evaluatePolicy(request), Status.Code.INVALID_ARGUMENT, reason);
    }

    private static void assertError(Runnable call, Status.Code code, String reason) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(code);
            assertThat(GrpcErrors.errorInfo(e).orElseThrow().getReason()).isEqualTo(reason);
            assertThat(GrpcErrors.errorInfo(e).orElseThrow().getDomain()).isEqualTo("consent.atsbridge.io");
        });
    }
}
