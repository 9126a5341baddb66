package io.atsbridge.consent.grpc;

import com.google.protobuf.Timestamp;
import io.atsbridge.consent.domain.NoticeFixtures;
import io.atsbridge.platform.error.GrpcErrors;
import io.atsbridge.platform.testing.GrpcServiceTest;
import io.atsbridge.platform.testing.TestCalls;
import io.atsbridge.proto.consent.v1.AutomatedTool;
import io.atsbridge.proto.consent.v1.ConsentMethod;
import io.atsbridge.proto.consent.v1.ConsentRecord;
import io.atsbridge.proto.consent.v1.ConsentServiceGrpc;
import io.atsbridge.proto.consent.v1.ConsentServiceGrpc.ConsentServiceBlockingStub;
import io.atsbridge.proto.consent.v1.ConsentState;
import io.atsbridge.proto.consent.v1.EvaluatePolicyRequest;
import io.atsbridge.proto.consent.v1.EvaluatePolicyResponse;
import io.atsbridge.proto.consent.v1.GetNoticeRequest;
import io.atsbridge.proto.consent.v1.GetNoticeResponse;
import io.atsbridge.proto.consent.v1.PolicyAction;
import io.atsbridge.proto.consent.v1.Recipient;
import io.atsbridge.proto.consent.v1.RecordConsentRequest;
import io.atsbridge.proto.consent.v1.RuleOutcome;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The scenario table {@code scenarios/consent-scenarios.csv}, each row run through the real gRPC service on a
 * real database: the row's ledger entries are recorded with RecordConsent for a fresh candidate, then
 * EvaluatePolicy must answer the row's decision with exactly its unsatisfied and satisfied rules (and its
 * earliest time), or refuse the request with the row's error reason.
 *
 * <p>Columns: {@code id}; {@code tenant} (acme, which turned on the VERIFY rules CO-02 and CA-02, or other);
 * {@code candidate} and {@code requisition} places ('|'); {@code action} (PolicyAction without its prefix);
 * {@code categories} ('|'); {@code ledger}: entries separated by ';', each
 * {@code G|W purpose category jurisdiction method [all] capture-time} (method written, esign, click, verbal;
 * {@code all} for all parties), {@code N rule-id jurisdiction capture-time} for a notice by rule id, or
 * {@code T notice-id jurisdiction capture-time} for a catalogue text shown (rendered with GetNotice and the
 * variables of {@link NoticeFixtures}, recorded with its version and hash); {@code at}, the
 * evaluation instant; {@code request}: {@code key=value} separated by spaces (confidence, audit, summary,
 * recipient, last, deletion, posting); the expected {@code decision}, {@code unsatisfied} and {@code satisfied}
 * rule ids ('|'), {@code earliest} time, or {@code error} reason; and {@code note}, what the row shows.
 */
@MicronautTest(environments = "consent")
class ConsentScenarioTest extends GrpcServiceTest {

    static final String TABLE = "scenarios/consent-scenarios.csv";

    ConsentScenarioTest() {
        super("consent");
    }

    private final AuditStandIn audit = new AuditStandIn();

    @Override
    protected Map<String, String> moreProperties() {
        Map<String, String> properties = new java.util.HashMap<>(audit.properties());
        properties.put("atsbridge.consent.tenants.acme.verify-rules", "CO-02,CA-02");
        return properties;
    }

    @org.junit.jupiter.api.AfterAll
    void closeAudit() throws InterruptedException {
        audit.close();
    }

    /** One row of the table. */
    record Scenario(String id, String tenant, List<String> candidate, List<String> requisition, String action,
                    List<String> categories, String ledger, Instant at, String request, String decision,
                    Set<String> unsatisfied, Set<String> satisfied, String earliest, String error, String note) {

        @Override
        public String toString() {
            return id + ": " + note;
        }
    }

    static List<Scenario> scenarios() throws IOException {
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true)
                .setTrim(true).setCommentMarker('#').get();
        List<Scenario> scenarios = new ArrayList<>();
        try (Reader reader = new InputStreamReader(Objects.requireNonNull(
                ConsentScenarioTest.class.getClassLoader().getResourceAsStream(TABLE), TABLE), StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get()) {
            for (CSVRecord row : parser) {
                scenarios.add(new Scenario(row.get("id"), row.get("tenant"), list(row.get("candidate")),
                        list(row.get("requisition")), row.get("action"), list(row.get("categories")), row.get("ledger"),
                        Instant.parse(row.get("at")), row.get("request"), row.get("decision"),
                        new TreeSet<>(list(row.get("unsatisfied"))), new TreeSet<>(list(row.get("satisfied"))),
                        row.get("earliest"), row.get("error"), row.get("note")));
            }
        }
        return scenarios;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void scenario(Scenario scenario) {
        String candidateId = "scn-" + scenario.id() + "-" + UUID.randomUUID();
        ConsentServiceBlockingStub stub = scenario.tenant().equals("other")
                ? TestCalls.as(ConsentServiceGrpc.newBlockingStub(channel), TestCalls.OTHER_TENANT_TOKEN, "other")
                : TestCalls.asTenant(ConsentServiceGrpc.newBlockingStub(channel));
        for (String entry : scenario.ledger().split(";")) {
            if (!entry.isBlank()) {
                stub.recordConsent(entry.trim().startsWith("T ") ? shown(stub, candidateId, entry.trim())
                        : RecordConsentRequest.newBuilder().setConsent(entry(candidateId, entry.trim())).build());
            }
        }
        EvaluatePolicyRequest request = request(candidateId, scenario);

        if (!scenario.error().isEmpty()) {
            assertThatThrownBy(() -> stub.evaluatePolicy(request))
                    .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                        assertThat(GrpcErrors.errorInfo(e).orElseThrow().getReason()).isEqualTo(scenario.error());
                    });
            return;
        }
        EvaluatePolicyResponse response = stub.evaluatePolicy(request);
        String rules = response.getRulesList().stream()
                .map(r -> r.getRuleId() + "/" + r.getDataCategory() + (r.getSatisfied() ? " ok" : " NOT: " + r.getDetail()))
                .collect(Collectors.joining("\n  "));
        assertThat(response.getDecision().name()).as("decision; rules:\n  %s", rules)
                .isEqualTo("DECISION_" + scenario.decision());
        Set<String> unsatisfied = response.getRulesList().stream().filter(r -> !r.getSatisfied())
                .map(RuleOutcome::getRuleId).collect(Collectors.toCollection(TreeSet::new));
        Set<String> satisfied = response.getRulesList().stream().filter(RuleOutcome::getSatisfied)
                .map(RuleOutcome::getRuleId).collect(Collectors.toCollection(TreeSet::new));
        assertThat(unsatisfied).as("unsatisfied rules; rules:\n  %s", rules).isEqualTo(scenario.unsatisfied());
        assertThat(satisfied).as("satisfied rules; rules:\n  %s", rules).isEqualTo(scenario.satisfied());
        if (!scenario.earliest().isEmpty()) {
            assertThat(response.hasEarliestTime()).as("earliest_time set").isTrue();
            assertThat(Instant.ofEpochSecond(response.getEarliestTime().getSeconds()))
                    .isEqualTo(Instant.parse(scenario.earliest()));
        }
    }

    @Test
    void theTableCoversEveryDecidingRuleAndIsLargeEnough() throws IOException {
        List<Scenario> scenarios = scenarios();
        assertThat(scenarios).hasSizeGreaterThanOrEqualTo(80);
        assertThat(scenarios.stream().map(Scenario::id).distinct().count()).as("unique ids").isEqualTo(scenarios.size());
        Set<String> decided = new TreeSet<>();
        for (Scenario scenario : scenarios) {
            if (!scenario.decision().equals("ALLOW") || !scenario.satisfied().isEmpty()) {
                decided.addAll(scenario.unsatisfied());
                decided.addAll(scenario.satisfied());
            }
        }
        Set<String> deciding = io.atsbridge.consent.domain.RulePackAccess.decidingRuleIds();
        assertThat(decided).as("every deciding rule is in some row's expected rules").containsAll(deciding);
        Set<String> unsatisfiedSomewhere = scenarios.stream().flatMap(s -> s.unsatisfied().stream())
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(unsatisfiedSomewhere).as("every deciding rule decides against some row").containsAll(deciding);
    }

    /** A catalogue text as a careers site shows and records it: rendered, then recorded with its version and hash. */
    private static RecordConsentRequest shown(ConsentServiceBlockingStub stub, String candidateId, String text) {
        List<String> t = List.of(text.split("\\s+"));
        GetNoticeResponse notice = stub.getNotice(GetNoticeRequest.newBuilder().setNoticeId(t.get(1))
                .putAllVariables(NoticeFixtures.allVariables()).build());
        return RecordConsentRequest.newBuilder().putAllNoticeVariables(NoticeFixtures.allVariables())
                .setConsent(ConsentRecord.newBuilder().setCandidateId(candidateId).setEvidenceRef("scenario:" + text)
                        .setCaptureTime(ts(Instant.parse(t.get(3)))).setPurpose(notice.getNotice().getRecordPurpose())
                        .setDataCategory("*").setJurisdiction(t.get(2)).setMethod(ConsentMethod.CONSENT_METHOD_CLICKWRAP)
                        .setState(ConsentState.CONSENT_STATE_GRANTED).setNoticeVersion(notice.getNotice().getVersion())
                        .setTextSha256(notice.getTextSha256()))
                .build();
    }

    private static ConsentRecord entry(String candidateId, String text) {
        List<String> t = new ArrayList<>(Arrays.asList(text.split("\\s+")));
        Instant captured = Instant.parse(t.remove(t.size() - 1));
        ConsentRecord.Builder entry = ConsentRecord.newBuilder().setCandidateId(candidateId)
                .setEvidenceRef("scenario:" + text).setCaptureTime(ts(captured));
        if (t.get(0).equals("N")) {
            return entry.setPurpose("notice:" + t.get(1)).setDataCategory("*").setJurisdiction(t.get(2))
                    .setMethod(ConsentMethod.CONSENT_METHOD_CLICKWRAP).setState(ConsentState.CONSENT_STATE_GRANTED).build();
        }
        entry.setState(t.get(0).equals("G") ? ConsentState.CONSENT_STATE_GRANTED : ConsentState.CONSENT_STATE_WITHDRAWN)
                .setPurpose(t.get(1)).setDataCategory(t.get(2)).setJurisdiction(t.get(3))
                .setMethod(switch (t.get(4)) {
                    case "written" -> ConsentMethod.CONSENT_METHOD_WRITTEN;
                    case "esign" -> ConsentMethod.CONSENT_METHOD_ELECTRONIC_SIGNATURE;
                    case "click" -> ConsentMethod.CONSENT_METHOD_CLICKWRAP;
                    case "verbal" -> ConsentMethod.CONSENT_METHOD_RECORDED_VERBAL;
                    default -> throw new IllegalArgumentException("method " + t.get(4) + " in " + text);
                });
        if (t.size() > 5 && t.get(5).equals("all")) {
            entry.setAllParties(true);
        }
        return entry.build();
    }

    private static EvaluatePolicyRequest request(String candidateId, Scenario scenario) {
        EvaluatePolicyRequest.Builder request = EvaluatePolicyRequest.newBuilder().setCandidateId(candidateId)
                .setAction(PolicyAction.valueOf("POLICY_ACTION_" + scenario.action()))
                .addAllJurisdictions(scenario.candidate()).addAllRequisitionJurisdictions(scenario.requisition())
                .addAllDataCategories(scenario.categories()).setEvaluateTime(ts(scenario.at()));
        AutomatedTool.Builder tool = null;
        for (String pair : scenario.request().split("\\s+")) {
            if (pair.isBlank()) {
                continue;
            }
            String[] kv = pair.split("=", 2);
            switch (kv[0]) {
                case "confidence" -> request.setResultConfidence(Double.parseDouble(kv[1]));
                case "audit" -> tool = (tool == null ? AutomatedTool.newBuilder().setToolId("vendor") : tool)
                        .setBiasAuditTime(ts(Instant.parse(kv[1])));
                case "summary" -> tool = (tool == null ? AutomatedTool.newBuilder().setToolId("vendor") : tool)
                        .setBiasAuditSummaryUrl(kv[1]);
                case "recipient" -> request.setRecipient(Recipient.valueOf("RECIPIENT_" + kv[1]));
                case "last" -> request.setLastInteractionTime(ts(Instant.parse(kv[1])));
                case "deletion" -> request.setDeletionRequestTime(ts(Instant.parse(kv[1])));
                case "posting" -> request.setJobPostingDisclosesAi(Boolean.parseBoolean(kv[1]));
                default -> throw new IllegalArgumentException("request key " + kv[0] + " in " + scenario.id());
            }
        }
        if (tool != null) {
            request.setTool(tool);
        }
        return request.build();
    }

    private static List<String> list(String text) {
        return text.isBlank() ? List.of() : Arrays.stream(text.split("\\|")).map(String::trim).toList();
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

}
