package io.atsbridge.consent.grpc;

import com.google.protobuf.Timestamp;
import io.atsbridge.consent.domain.NoticeFixtures;
import io.atsbridge.platform.error.GrpcErrors;
import io.atsbridge.platform.testing.GrpcServiceTest;
import io.atsbridge.platform.testing.TestCalls;
import io.atsbridge.proto.audit.v1.AuditRecord;
import io.atsbridge.proto.consent.v1.ConsentMethod;
import io.atsbridge.proto.consent.v1.ConsentRecord;
import io.atsbridge.proto.consent.v1.ConsentServiceGrpc;
import io.atsbridge.proto.consent.v1.ConsentServiceGrpc.ConsentServiceBlockingStub;
import io.atsbridge.proto.consent.v1.ConsentState;
import io.atsbridge.proto.consent.v1.EvaluatePolicyRequest;
import io.atsbridge.proto.consent.v1.EvaluatePolicyResponse;
import io.atsbridge.proto.consent.v1.GetNoticeRequest;
import io.atsbridge.proto.consent.v1.GetNoticeResponse;
import io.atsbridge.proto.consent.v1.ListConsentsRequest;
import io.atsbridge.proto.consent.v1.ListNoticesRequest;
import io.atsbridge.proto.consent.v1.ListNoticesResponse;
import io.atsbridge.proto.consent.v1.Notice;
import io.atsbridge.proto.consent.v1.NoticeKind;
import io.atsbridge.proto.consent.v1.PolicyAction;
import io.atsbridge.proto.consent.v1.RecordConsentRequest;
import io.atsbridge.proto.consent.v1.RuleOutcome;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** ListNotices and GetNotice over a real channel: which texts an action needs, rendered and hashed. */
@MicronautTest(environments = "consent")
class NoticeGrpcTest extends GrpcServiceTest {

    /** Friday 2026-11-20, 15:00 UTC: EU AI Act Art. 50 (from 2026-08-02) applies, Colorado (2027) does not. */
    private static final Instant AT = Instant.parse("2026-11-20T15:00:00Z");

    private final AuditStandIn audit = new AuditStandIn();

    NoticeGrpcTest() {
        super("consent");
    }

    @Override
    protected Map<String, String> moreProperties() {
        return audit.properties();
    }

    @AfterAll
    void closeAudit() throws InterruptedException {
        audit.close();
    }

    private ConsentServiceBlockingStub consent() {
        return TestCalls.asTenant(ConsentServiceGrpc.newBlockingStub(channel));
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    private static ListNoticesRequest.Builder notices(PolicyAction action, String jurisdiction, String... categories) {
        return ListNoticesRequest.newBuilder().setAction(action).addJurisdictions(jurisdiction)
                .addAllDataCategories(List.of(categories)).setEvaluateTime(ts(AT));
    }

    private List<String> ids(ListNoticesRequest.Builder request) {
        return consent().listNotices(request.build()).getNoticesList().stream().map(Notice::getNoticeId).toList();
    }

    @Test
    void scoringANewYorkCityCandidateNeedsTheLl144Notice() {
        ListNoticesResponse response = consent().listNotices(
                notices(PolicyAction.POLICY_ACTION_AI_SCORING, "US-NY-NYC", "score").build());
        assertThat(response.getRulePackVersion()).isEqualTo("jurisdiction-rules-2026-12");
        assertThat(response.getNoticesList()).singleElement().satisfies(notice -> {
            assertThat(notice.getNoticeId()).isEqualTo("us-ny-nyc.ll144-aedt-notice");
            assertThat(notice.getVersion()).isEqualTo(1);
            assertThat(notice.getLanguage()).isEqualTo("en");
            assertThat(notice.getJurisdiction()).isEqualTo("US-NY-NYC");
            assertThat(notice.getKind()).isEqualTo(NoticeKind.NOTICE_KIND_NOTICE);
            assertThat(notice.getRuleIdsList()).containsExactly("NYC-04");
            assertThat(notice.getRecordPurpose()).isEqualTo("notice:us-ny-nyc.ll144-aedt-notice");
            assertThat(notice.getVariablesList()).contains("bias_audit_date", "bias_audit_summary_url");
        });
    }

    @Test
    void theRequisitionsPlaceBringsItsTextsStrictestWins() {
        // A Texas candidate applying for an Illinois job, interviewed on video with voiceprints: AIVIA and BIPA.
        assertThat(ids(notices(PolicyAction.POLICY_ACTION_AI_INTERVIEW, "US-TX", "video", "biometric.voiceprint")
                .addRequisitionJurisdictions("US-IL")))
                .containsExactly("us-il.aivia-notice-and-consent", "us-il.bipa-written-release");
        assertThat(ids(notices(PolicyAction.POLICY_ACTION_AI_INTERVIEW, "US-TX", "video"))).isEmpty();
    }

    @Test
    void marylandFaceTemplatesNeedTheWaiverAndTheEuTheDisclosureAndInformation() {
        assertThat(ids(notices(PolicyAction.POLICY_ACTION_AI_INTERVIEW, "US-MD", "biometric.face_template")))
                .containsExactly("us-md.facial-recognition-waiver");
        assertThat(ids(notices(PolicyAction.POLICY_ACTION_AI_INTERVIEW, "DE", "voice_recording")))
                .containsExactly("eu.ai-act-art50-disclosure", "eu.gdpr-art13-art22-information");
        // Before Art. 50 applied (2026-08-02) only the GDPR information was owed.
        assertThat(ids(notices(PolicyAction.POLICY_ACTION_AI_INTERVIEW, "DE", "voice_recording")
                .setEvaluateTime(ts(Instant.parse("2026-07-01T12:00:00Z")))))
                .containsExactly("eu.gdpr-art13-art22-information");
    }

    @Test
    void getNoticeRendersTheTextAndItsHash() throws Exception {
        GetNoticeResponse response = consent().getNotice(GetNoticeRequest.newBuilder()
                .setNoticeId("us-md.facial-recognition-waiver").putAllVariables(NoticeFixtures.allVariables()).build());
        assertThat(response.getNotice().getVersion()).isEqualTo(1);
        assertThat(response.getNotice().getKind()).isEqualTo(NoticeKind.NOTICE_KIND_CONSENT);
        assertThat(response.getNotice().getCandidateFieldsList())
                .contains("consents_to_facial_recognition", "has_read_waiver");
        assertThat(response.getText()).contains("Applicant's name: Jordan Example", "Date of the interview: 2026-12-14",
                "I consent to the use of facial recognition during my interview", "I have read this consent waiver");
        assertThat(response.getTextSha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(response.getText().getBytes(StandardCharsets.UTF_8))));
        // The same request gives the same text: a recorded hash can be checked again later.
        assertThat(consent().getNotice(GetNoticeRequest.newBuilder().setNoticeId("us-md.facial-recognition-waiver")
                .setVersion(1).setLanguage("en").putAllVariables(NoticeFixtures.allVariables()).build()).getTextSha256())
                .isEqualTo(response.getTextSha256());
    }

    private static final String LL144 = "us-ny-nyc.ll144-aedt-notice";

    private GetNoticeResponse ll144() {
        return consent().getNotice(GetNoticeRequest.newBuilder().setNoticeId(LL144)
                .putAllVariables(NoticeFixtures.allVariables()).build());
    }

    private static ConsentRecord.Builder shown(String candidateId, GetNoticeResponse notice, Instant captured) {
        return ConsentRecord.newBuilder().setCandidateId(candidateId).setPurpose(notice.getNotice().getRecordPurpose())
                .setDataCategory("score").setJurisdiction("US-NY-NYC").setMethod(ConsentMethod.CONSENT_METHOD_CLICKWRAP)
                .setState(ConsentState.CONSENT_STATE_GRANTED).setEvidenceRef("careers-site:page/ll144-v1")
                .setCaptureTime(ts(captured)).setNoticeVersion(notice.getNotice().getVersion())
                .setTextSha256(notice.getTextSha256());
    }

    private RecordConsentRequest.Builder recording(ConsentRecord.Builder entry) {
        return RecordConsentRequest.newBuilder().setConsent(entry).putAllNoticeVariables(NoticeFixtures.allVariables());
    }

    private RuleOutcome nyc04(String candidateId, Instant at) {
        EvaluatePolicyResponse response = consent().evaluatePolicy(EvaluatePolicyRequest.newBuilder()
                .setCandidateId(candidateId).setAction(PolicyAction.POLICY_ACTION_AI_SCORING).addJurisdictions("US-NY-NYC")
                .addDataCategories("score").setResultConfidence(0.9).setEvaluateTime(ts(at)).build());
        return response.getRulesList().stream().filter(rule -> rule.getRuleId().equals("NYC-04")).findFirst().orElseThrow();
    }

    @Test
    void aNoticeRecordedByItsIdCountsForItsRuleWithTheVersionAndHashOfTheTextShown() {
        String candidate = "cand-" + UUID.randomUUID();
        GetNoticeResponse notice = ll144();
        // Given on Monday 2026-11-02, 15 business days before Friday 2026-11-20 (Veterans Day in between).
        ConsentRecord stored = consent().recordConsent(recording(
                shown(candidate, notice, Instant.parse("2026-11-02T15:00:00Z"))).build()).getConsent();
        assertThat(stored.getPurpose()).isEqualTo("notice:" + LL144);
        assertThat(stored.getNoticeVersion()).isEqualTo(1);
        assertThat(stored.getTextSha256()).isEqualTo(notice.getTextSha256());
        assertThat(consent().listConsents(ListConsentsRequest.newBuilder().setCandidateId(candidate).build())
                .getConsentsList()).containsExactly(stored);

        RuleOutcome satisfied = nyc04(candidate, AT);
        assertThat(satisfied.getSatisfied()).isTrue();
        assertThat(satisfied.getDetail()).contains("notice:" + LL144 + " version 1, text sha256 " + notice.getTextSha256());
        // Two business days after it was given, the ten-day period still runs.
        RuleOutcome waiting = nyc04(candidate, Instant.parse("2026-11-04T15:00:00Z"));
        assertThat(waiting.getSatisfied()).isFalse();
        assertThat(waiting.hasEarliestTime()).isTrue();

        AuditRecord record = audit.records.stream()
                .filter(r -> r.getAttributesOrDefault("entry_id", "").equals(stored.getId())).findFirst().orElseThrow();
        assertThat(record.getAction()).isEqualTo("consent.notice_recorded");
        assertThat(record.getAttributesMap()).containsEntry("notice_id", LL144).containsEntry("notice_version", "1")
                .containsEntry("text_sha256", notice.getTextSha256());
    }

    @Test
    void withdrawingANoticeRecordedInErrorCancelsIt() {
        String candidate = "cand-" + UUID.randomUUID();
        consent().recordConsent(recording(shown(candidate, ll144(), Instant.parse("2026-11-02T15:00:00Z"))).build());
        consent().recordConsent(RecordConsentRequest.newBuilder().setConsent(shown(candidate, ll144(),
                Instant.parse("2026-11-03T15:00:00Z")).clearNoticeVersion().clearTextSha256()
                .setState(ConsentState.CONSENT_STATE_WITHDRAWN)).build());
        RuleOutcome outcome = nyc04(candidate, AT);
        assertThat(outcome.getSatisfied()).isFalse();
        assertThat(outcome.getDetail()).contains("no notice on record", "record it with purpose notice:" + LL144);
    }

    @Test
    void aNoticeThatIsNotTheTextShownIsRefusedAndNothingIsStored() {
        String candidate = "cand-" + UUID.randomUUID();
        GetNoticeResponse notice = ll144();
        Instant given = Instant.parse("2026-11-02T15:00:00Z");
        assertRecordRejected(recording(shown(candidate, notice, given).setTextSha256("0".repeat(64))), "TEXT_SHA256_MISMATCH");
        assertRecordRejected(recording(shown(candidate, notice, given)).putNoticeVariables("tool_name", "OtherBot"),
                "TEXT_SHA256_MISMATCH");
        assertRecordRejected(recording(shown(candidate, notice, given).setTextSha256("ABC")), "TEXT_SHA256_INVALID");
        assertRecordRejected(recording(shown(candidate, notice, given).setNoticeVersion(2)), "NOTICE_UNKNOWN");
        assertRecordRejected(recording(shown(candidate, notice, given).clearNoticeVersion().clearTextSha256()),
                "NOTICE_VERSION_MISSING");
        assertRecordRejected(recording(shown(candidate, notice, given).setPurpose("notice:us-ny-nyc.no-such-notice")),
                "NOTICE_UNKNOWN");
        assertRecordRejected(RecordConsentRequest.newBuilder().setConsent(shown(candidate, notice, given)),
                "NOTICE_VARIABLES_INVALID");
        assertRecordRejected(recording(shown(candidate, notice, given).setPurpose("notice:nyc-04")), "NOTICE_FIELDS_UNEXPECTED");
        assertRecordRejected(recording(shown(candidate, notice, given).setPurpose("ai_interview")), "NOTICE_FIELDS_UNEXPECTED");
        assertThat(consent().listConsents(ListConsentsRequest.newBuilder().setCandidateId(candidate).build())
                .getConsentsList()).isEmpty();
    }

    private void assertRecordRejected(RecordConsentRequest.Builder request, String reason) {
        assertError(() -> consent().recordConsent(request.build()), reason);
    }

    @Test
    void badRequestsAreRefusedWithWhatToFix() {
        assertError(() -> consent().getNotice(GetNoticeRequest.newBuilder().setNoticeId("us-ny-nyc.nope").build()),
                "NOTICE_UNKNOWN");
        assertError(() -> consent().getNotice(GetNoticeRequest.newBuilder().setNoticeId("us-ny-nyc.ll144-aedt-notice")
                .setVersion(2).putAllVariables(NoticeFixtures.allVariables()).build()), "NOTICE_UNKNOWN");
        assertError(() -> consent().getNotice(GetNoticeRequest.newBuilder().setNoticeId("us-ny-nyc.ll144-aedt-notice")
                .putVariables("tool_name", "InterviewBot").build()), "NOTICE_VARIABLES_INVALID");
        assertError(() -> consent().listNotices(notices(PolicyAction.POLICY_ACTION_UNSPECIFIED, "US-NY-NYC", "score")
                .build()), "ACTION_MISSING");
        assertError(() -> consent().listNotices(notices(PolicyAction.POLICY_ACTION_AI_SCORING, "US-NY-NYC", "scores")
                .build()), "DATA_CATEGORY_UNKNOWN");
        assertError(() -> consent().listNotices(notices(PolicyAction.POLICY_ACTION_AI_SCORING, "US-NY-NYC", "score")
                .setLanguage("English").build()), "LANGUAGE_INVALID");
        assertError(() -> consent().listNotices(ListNoticesRequest.newBuilder()
                .setAction(PolicyAction.POLICY_ACTION_AI_SCORING).addDataCategories("score").build()), "JURISDICTIONS_MISSING");
    }

    private static void assertError(Runnable call, String reason) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(GrpcErrors.errorInfo(e).orElseThrow().getReason()).isEqualTo(reason);
            assertThat(e.getStatus().getDescription()).doesNotContain("Exception");
        });
    }
}
