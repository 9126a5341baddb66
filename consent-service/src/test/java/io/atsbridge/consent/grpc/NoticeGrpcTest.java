package io.atsbridge.consent.grpc;

import com.google.protobuf.Timestamp;
import io.atsbridge.consent.domain.NoticeFixtures;
import io.atsbridge.platform.error.GrpcErrors;
import io.atsbridge.platform.testing.GrpcServiceTest;
import io.atsbridge.platform.testing.TestCalls;
import io.atsbridge.proto.consent.v1.ConsentServiceGrpc;
import io.atsbridge.proto.consent.v1.ConsentServiceGrpc.ConsentServiceBlockingStub;
import io.atsbridge.proto.consent.v1.GetNoticeRequest;
import io.atsbridge.proto.consent.v1.GetNoticeResponse;
import io.atsbridge.proto.consent.v1.ListNoticesRequest;
import io.atsbridge.proto.consent.v1.ListNoticesResponse;
import io.atsbridge.proto.consent.v1.Notice;
import io.atsbridge.proto.consent.v1.NoticeKind;
import io.atsbridge.proto.consent.v1.PolicyAction;
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
