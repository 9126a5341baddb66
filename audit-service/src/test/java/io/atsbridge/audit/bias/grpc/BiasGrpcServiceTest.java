package io.atsbridge.audit.bias.grpc;

import com.google.protobuf.Timestamp;
import io.atsbridge.audit.bias.domain.Assessment;
import io.atsbridge.audit.bias.domain.BiasCalculation;
import io.atsbridge.audit.bias.domain.CategoryResult;
import io.atsbridge.audit.bias.domain.Fraction;
import io.atsbridge.audit.bias.domain.RateKind;
import io.atsbridge.platform.error.GrpcErrors;
import io.atsbridge.platform.testing.GrpcServiceTest;
import io.atsbridge.platform.testing.TestCalls;
import io.atsbridge.proto.audit.v1.AuditRecord;
import io.atsbridge.proto.audit.v1.AuditServiceGrpc;
import io.atsbridge.proto.audit.v1.BiasReport;
import io.atsbridge.proto.audit.v1.BiasServiceGrpc;
import io.atsbridge.proto.audit.v1.BiasServiceGrpc.BiasServiceBlockingStub;
import io.atsbridge.proto.audit.v1.CategoryRow;
import io.atsbridge.proto.audit.v1.EraseCandidateRequest;
import io.atsbridge.proto.audit.v1.EraseCandidateResponse;
import io.atsbridge.proto.audit.v1.GenerateReportRequest;
import io.atsbridge.proto.audit.v1.GetDemographicsRequest;
import io.atsbridge.proto.audit.v1.GetLatestAuditRequest;
import io.atsbridge.proto.audit.v1.GetLatestAuditResponse;
import io.atsbridge.proto.audit.v1.ImpactTable;
import io.atsbridge.proto.audit.v1.QueryRecordsRequest;
import io.atsbridge.proto.audit.v1.RaceEthnicity;
import io.atsbridge.proto.audit.v1.RecordAuditRequest;
import io.atsbridge.proto.audit.v1.RecordDemographicsRequest;
import io.atsbridge.proto.audit.v1.RecordOutcomeRequest;
import io.atsbridge.proto.audit.v1.RenderReportRequest;
import io.atsbridge.proto.audit.v1.ReportFormat;
import io.atsbridge.proto.audit.v1.Sex;
import io.atsbridge.proto.audit.v1.Tool;
import io.atsbridge.proto.audit.v1.UploadAggregateCountsRequest;
import io.atsbridge.proto.audit.v1.UploadAggregateCountsResponse;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** BiasService over a real channel against the real database: the demographic store, outcomes, reports and audits. */
@MicronautTest(environments = "audit", transactional = false)
class BiasGrpcServiceTest extends GrpcServiceTest {

    private static final String DEMOGRAPHICS_TOKEN = "demographics-token-0123456789abcdef";
    private static final long T0 = 1_714_564_800L; // 2024-05-01T12:00:00Z

    BiasGrpcServiceTest() {
        super("bias");
    }

    @Override
    protected Map<String, String> moreProperties() {
        return Map.of(
                "atsbridge.auth.tokens.demographics.secret", DEMOGRAPHICS_TOKEN,
                "atsbridge.auth.tokens.demographics.tenants", "*",
                "atsbridge.auth.tokens.demographics.roles", "demographics");
    }

    private BiasServiceBlockingStub bias(String tenant) {
        return TestCalls.as(BiasServiceGrpc.newBlockingStub(channel), TestCalls.TOKEN, tenant);
    }

    private BiasServiceBlockingStub demographics(String tenant) {
        return TestCalls.as(BiasServiceGrpc.newBlockingStub(channel), DEMOGRAPHICS_TOKEN, tenant);
    }

    private static String freshTenant() {
        return "t-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Tool tool(String connection) {
        return Tool.newBuilder().setConnectionId(connection).setModel("screen").setModelVersion("2.1").build();
    }

    /**
     * Candidates with random self-identification (some unknown, some declined), a score each and, for some, an advance
     * recorded later: the selection and scoring reports match a calculation over the same candidates, and the audit
     * log holds the report's hash and no demographic datum.
     */
    @Test
    void reportsFromRecordedOutcomesMatchAnIndependentCalculation() throws Exception {
        String tenant = freshTenant();
        Random random = new Random(16);
        List<Assessment> expected = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            String candidate = "cand-" + i;
            Sex sex = Sex.forNumber(random.nextInt(3));
            RaceEthnicity race = RaceEthnicity.forNumber(random.nextInt(8));
            boolean declined = i % 17 == 0;
            if (declined) {
                sex = Sex.SEX_UNSPECIFIED;
                race = RaceEthnicity.RACE_ETHNICITY_UNSPECIFIED;
            }
            if (i % 23 != 0) {
                demographics(tenant).recordDemographics(RecordDemographicsRequest.newBuilder().setCandidateId(candidate)
                        .setSex(sex).setRaceEthnicity(race).setDeclined(declined).build());
            } else {
                sex = Sex.SEX_UNSPECIFIED;
                race = RaceEthnicity.RACE_ETHNICITY_UNSPECIFIED;
            }
            BigDecimal score = BigDecimal.valueOf(random.nextInt(50), 1);
            bias(tenant).recordOutcome(RecordOutcomeRequest.newBuilder().setTool(tool("ai-1"))
                    .setCandidateId(candidate).setRequisitionId("req-1").setJobCategory("engineering")
                    .setHasScore(true).setScore(score.toPlainString()).setRecommendation("advance")
                    .setAssessTime(Timestamp.newBuilder().setSeconds(T0 + i)).build());
            boolean advanced = random.nextInt(3) == 0;
            if (advanced) {
                // The ATS reports the advance later; the call carries nothing else.
                assertThat(bias(tenant).recordOutcome(RecordOutcomeRequest.newBuilder().setTool(tool("ai-1"))
                        .setCandidateId(candidate).setRequisitionId("req-1").setAdvanced(true).build()).getMerged())
                        .isTrue();
            }
            expected.add(new Assessment(toDomain(sex), toDomain(race), advanced, score));
        }
        // Another tool's outcome is not in the report.
        bias(tenant).recordOutcome(RecordOutcomeRequest.newBuilder().setTool(tool("ai-2")).setCandidateId("cand-1")
                .setRequisitionId("req-1").setSelected(true).setAssessTime(Timestamp.newBuilder().setSeconds(T0)).build());

        for (RateKind kind : RateKind.values()) {
            BiasReport report = bias(tenant).generateReport(GenerateReportRequest.newBuilder().setTool(tool("ai-1"))
                    .setRateKind(io.atsbridge.proto.audit.v1.RateKind.valueOf("RATE_KIND_" + kind.name()))
                    .setStartTime(Timestamp.newBuilder().setSeconds(T0))
                    .setEndTime(Timestamp.newBuilder().setSeconds(T0 + 3600)).build()).getReport();
            BiasCalculation independent = BiasCalculation.ofAssessments(kind, expected, false);

            assertThat(report.getAssessed()).isEqualTo(120);
            assertThat(report.getUnknownCount()).isEqualTo(independent.unknownCount()).isPositive();
            assertThat(report.getPeriodStart()).isEqualTo("2024-05-01");
            for (int t = 0; t < 3; t++) {
                ImpactTable table = report.getTables(t);
                for (CategoryResult result : independent.tables().get(t).rows()) {
                    CategoryRow row = table.getRowsList().stream()
                            .filter(r -> r.getCode().equals(result.category().code())).findFirst().orElseThrow();
                    assertThat(row.getApplicants()).as(row.getCode()).isEqualTo(result.applicants());
                    assertThat(row.getPositives()).as(row.getCode()).isEqualTo(result.positives());
                    assertThat(row.getImpactRatio()).isEqualTo(printed(result.impactRatio(), 3));
                    assertThat(row.getAdverseImpact()).isEqualTo(result.adverseImpact());
                }
            }

            List<AuditRecord> logged = TestCalls.as(AuditServiceGrpc.newBlockingStub(channel), TestCalls.TOKEN, tenant)
                    .queryRecords(QueryRecordsRequest.newBuilder().setSubjectRef(report.getReportId()).build())
                    .getRecordsList();
            assertThat(logged).singleElement().satisfies(record -> {
                assertThat(record.getAction()).isEqualTo("bias.report_generated");
                assertThat(record.getPayloadSha256()).isEqualTo(report.getSha256());
                assertThat(record.getConnectionId()).isEqualTo("ai-1");
                assertThat(record.getAttributesMap()).containsOnlyKeys("rate_kind", "period_start", "period_end",
                        "upload_id");
            });
            byte[] rendered = bias(tenant).renderReport(RenderReportRequest.newBuilder().setReportId(report.getReportId())
                    .setFormat(ReportFormat.REPORT_FORMAT_FULL_JSON).build()).getContent().toByteArray();
            assertThat(MessageDigest.getInstance("SHA-256").digest(rendered))
                    .isEqualTo(logged.get(0).getPayloadSha256().toByteArray());
        }

        // Nothing demographic outside the bias tables: the audit log's rows mention no category.
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.username(),
                database.password()); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT * FROM audit_record")) {
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                for (int c = 1; c <= columns; c++) {
                    String value = String.valueOf(rows.getObject(c));
                    assertThat(value).doesNotContain("FEMALE", "HISPANIC", "ASIAN", "WHITE", "BLACK");
                }
            }
        }
    }

    @Test
    void onlyTheDemographicsRoleTouchesIndividualSelfIdentification() {
        String tenant = freshTenant();
        RecordDemographicsRequest request = RecordDemographicsRequest.newBuilder().setCandidateId("cand-1")
                .setSex(Sex.SEX_FEMALE).build();
        // The test token holds service, operator, compliance, auditor ... but not demographics.
        assertStatus(() -> bias(tenant).recordDemographics(request), Status.Code.PERMISSION_DENIED, null);
        assertStatus(() -> bias(tenant).getDemographics(GetDemographicsRequest.newBuilder().setCandidateId("cand-1")
                .build()), Status.Code.PERMISSION_DENIED, null);
        assertStatus(() -> demographics(tenant).getDemographics(GetDemographicsRequest.newBuilder()
                .setCandidateId("cand-1").build()), Status.Code.NOT_FOUND, "DEMOGRAPHICS_NOT_FOUND");

        assertThat(demographics(tenant).recordDemographics(request).getReplaced()).isFalse();
        assertThat(demographics(tenant).getDemographics(GetDemographicsRequest.newBuilder().setCandidateId("cand-1")
                .build()).getSex()).isEqualTo(Sex.SEX_FEMALE);
        // Another tenant sees nothing.
        assertStatus(() -> demographics(freshTenant()).getDemographics(GetDemographicsRequest.newBuilder()
                .setCandidateId("cand-1").build()), Status.Code.NOT_FOUND, "DEMOGRAPHICS_NOT_FOUND");
    }

    @Test
    void badInputIsRefusedAndStoresNothing() {
        String tenant = freshTenant();
        assertStatus(() -> demographics(tenant).recordDemographics(RecordDemographicsRequest.newBuilder()
                .setCandidateId("cand-1").setSex(Sex.SEX_MALE).setDeclined(true).build()),
                Status.Code.INVALID_ARGUMENT, "DECLINED_WITH_CATEGORY");
        assertStatus(() -> demographics(tenant).recordDemographics(RecordDemographicsRequest.newBuilder()
                .setCandidateId("has space").build()), Status.Code.INVALID_ARGUMENT, "CANDIDATE_ID_INVALID");
        assertStatus(() -> demographics(tenant).getDemographics(GetDemographicsRequest.newBuilder()
                .setCandidateId("cand-1").build()), Status.Code.NOT_FOUND, "DEMOGRAPHICS_NOT_FOUND");

        assertStatus(() -> bias(tenant).recordOutcome(RecordOutcomeRequest.newBuilder().setTool(tool("ai-1"))
                .setCandidateId("cand-1").setRequisitionId("req-1").setAdvanced(true).build()),
                Status.Code.INVALID_ARGUMENT, "ASSESS_TIME_MISSING");
        assertStatus(() -> bias(tenant).recordOutcome(RecordOutcomeRequest.newBuilder().setTool(tool("ai-1"))
                .setCandidateId("cand-1").setRequisitionId("req-1").setHasScore(true).setScore("high")
                .setAssessTime(Timestamp.newBuilder().setSeconds(T0)).build()), Status.Code.INVALID_ARGUMENT,
                "SCORE_INVALID");

        UploadAggregateCountsRequest.Builder upload = UploadAggregateCountsRequest.newBuilder().setUploadId("up-1")
                .setTool(tool("ai-1")).setRateKind(io.atsbridge.proto.audit.v1.RateKind.RATE_KIND_SELECTION)
                .setPeriodStart("2024-01-01").setPeriodEnd("2024-12-31").setDataSource("vendor's historical data");
        assertStatus(() -> bias(tenant).uploadAggregateCounts(upload.clone()
                .setCsv("sex,race_ethnicity,applicants,positives\nMALE,ASIAN,10,11\n").build()),
                Status.Code.INVALID_ARGUMENT, "CSV_INVALID");
        assertStatus(() -> bias(tenant).uploadAggregateCounts(upload.clone()
                .setCsv("sex,race_ethnicity,applicants,positives\nMALE,MARTIAN,10,1\n").build()),
                Status.Code.INVALID_ARGUMENT, "CSV_INVALID");
        assertStatus(() -> bias(tenant).uploadAggregateCounts(upload.clone().setPeriodEnd("2023-01-01")
                .setCsv("sex,race_ethnicity,applicants,positives\nMALE,ASIAN,10,1\n").build()),
                Status.Code.INVALID_ARGUMENT, "PERIOD_INVALID");
        assertStatus(() -> bias(tenant).generateReport(GenerateReportRequest.newBuilder().setTool(tool("ai-1"))
                .setRateKind(io.atsbridge.proto.audit.v1.RateKind.RATE_KIND_SELECTION).setUploadId("up-1").build()),
                Status.Code.NOT_FOUND, "UPLOAD_NOT_FOUND");
        assertStatus(() -> bias(tenant).generateReport(GenerateReportRequest.newBuilder().setTool(tool("ai-1"))
                .setRateKind(io.atsbridge.proto.audit.v1.RateKind.RATE_KIND_SELECTION).build()),
                Status.Code.INVALID_ARGUMENT, "PERIOD_INVALID");
        assertStatus(() -> bias(tenant).generateReport(GenerateReportRequest.newBuilder().setTool(tool("ai-1")).build()),
                Status.Code.INVALID_ARGUMENT, "RATE_KIND_INVALID");

        String tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(2).toString();
        assertStatus(() -> bias(tenant).recordAudit(RecordAuditRequest.newBuilder().setAuditId("a-1").setTool(tool("ai-1"))
                .setAuditDate(tomorrow).setSummaryUrl("https://example.com/audit").setDistributionDate("2024-01-01")
                .build()), Status.Code.INVALID_ARGUMENT, "AUDIT_DATE_INVALID");
        assertStatus(() -> bias(tenant).recordAudit(RecordAuditRequest.newBuilder().setAuditId("a-1").setTool(tool("ai-1"))
                .setAuditDate("2024-06-01").setSummaryUrl("http://example.com/audit").setDistributionDate("2024-01-01")
                .build()), Status.Code.INVALID_ARGUMENT, "SUMMARY_URL_INVALID");
        assertThat(bias(tenant).getLatestAudit(GetLatestAuditRequest.newBuilder().setConnectionId("ai-1").build())
                .getFound()).isFalse();
    }

    /** The DCWP scoring example's intersectional counts uploaded as CSV: the report prints the example's ratios. */
    @Test
    void aggregateUploadReportsAndRendersEveryFormat() {
        String tenant = freshTenant();
        String csv = "sex,race_ethnicity,applicants,positives\n"
                + "MALE,HISPANIC_OR_LATINO,16,12\nFEMALE,HISPANIC_OR_LATINO,12,6\nMALE,WHITE,20,7\nFEMALE,WHITE,20,8\n"
                + "MALE,BLACK_OR_AFRICAN_AMERICAN,20,10\nFEMALE,BLACK_OR_AFRICAN_AMERICAN,12,6\n"
                + "MALE,NATIVE_HAWAIIAN_OR_PACIFIC_ISLANDER,4,3\nFEMALE,NATIVE_HAWAIIAN_OR_PACIFIC_ISLANDER,4,2\n"
                + "MALE,ASIAN,12,7\nFEMALE,ASIAN,12,3\nMALE,NATIVE_AMERICAN_OR_ALASKA_NATIVE,8,5\n"
                + "FEMALE,NATIVE_AMERICAN_OR_ALASKA_NATIVE,8,5\nMALE,TWO_OR_MORE_RACES,12,6\nFEMALE,TWO_OR_MORE_RACES,8,4\n"
                + ",,15,0\n";
        UploadAggregateCountsRequest upload = UploadAggregateCountsRequest.newBuilder().setUploadId("dcwp-scoring")
                .setTool(tool("ai-1")).setRateKind(io.atsbridge.proto.audit.v1.RateKind.RATE_KIND_SCORING)
                .setPeriodStart("2023-01-01").setPeriodEnd("2023-12-31")
                .setDataSource("historical data of the employer's use of the tool").setCsv(csv).build();
        UploadAggregateCountsResponse uploaded = bias(tenant).uploadAggregateCounts(upload);
        assertThat(uploaded.getRows()).isEqualTo(15);
        assertThat(uploaded.getApplicants()).isEqualTo(168 + 15);
        assertThat(bias(tenant).uploadAggregateCounts(upload).getRows()).as("the same upload again").isEqualTo(15);
        assertStatus(() -> bias(tenant).uploadAggregateCounts(upload.toBuilder().setCsv(csv.replace("16,12", "16,11"))
                .build()), Status.Code.ALREADY_EXISTS, "UPLOAD_ID_REUSED");

        bias(tenant).recordAudit(RecordAuditRequest.newBuilder().setAuditId("a-1").setTool(tool("ai-1"))
                .setAuditDate("2024-02-01").setSummaryUrl("https://example.com/bias-audit")
                .setDistributionDate("2023-01-01").build());
        bias(tenant).recordAudit(RecordAuditRequest.newBuilder().setAuditId("a-0").setTool(tool("ai-1"))
                .setAuditDate("2023-02-01").setSummaryUrl("https://example.com/old").setDistributionDate("2023-01-01")
                .build());
        GetLatestAuditResponse latest = bias(tenant).getLatestAudit(GetLatestAuditRequest.newBuilder()
                .setConnectionId("ai-1").build());
        assertThat(latest.getAudit().getAuditId()).isEqualTo("a-1");
        assertThat(latest.getAudit().getUseUntilDate()).isEqualTo("2025-02-01");

        BiasReport report = bias(tenant).generateReport(GenerateReportRequest.newBuilder().setTool(tool("ai-1"))
                .setRateKind(io.atsbridge.proto.audit.v1.RateKind.RATE_KIND_SCORING).setUploadId("dcwp-scoring")
                .setExcludeSmallCategories(true).build()).getReport();
        assertThat(report.getUnknownCount()).isEqualTo(15);
        Map<String, CategoryRow> rows = new HashMap<>();
        report.getTablesList().forEach(table -> table.getRowsList().forEach(row -> rows.put(row.getCode(), row)));
        assertThat(rows.get("FEMALE").getImpactRatio()).isEqualTo("0.823");
        assertThat(rows.get("WHITE").getImpactRatio()).isEqualTo("0.583");
        assertThat(rows.get("WHITE").getAdverseImpact()).isTrue();
        assertThat(rows.get("HISPANIC_OR_LATINO:MALE").getImpactRatio()).isEqualTo("1.000");
        // 4 of 168 is 2.4 %: kept; no category of this example is under 2 %.
        assertThat(rows.values()).noneMatch(CategoryRow::getExcluded);

        String html = render(tenant, report, ReportFormat.REPORT_FORMAT_SUMMARY_HTML);
        assertThat(html).contains("Date of the most recent bias audit</dt><dd>2024-02-01")
                .contains("Distribution date of the tool</dt><dd>2023-01-01").contains("<td>Asian Female</td><td>12</td>")
                .contains("(not included in the tables)</dt><dd>15");
        assertThat(render(tenant, report, ReportFormat.REPORT_FORMAT_SUMMARY_JSON)).contains("\"auditDate\":\"2024-02-01\"")
                .contains("\"unknownCount\":15");
        assertThat(render(tenant, report, ReportFormat.REPORT_FORMAT_FULL_CSV).lines()).hasSize(1 + 2 + 7 + 14)
                .contains("SEX,FEMALE,Female,76,34,0.4474,0.823,false,false,");
        String svg = render(tenant, report, ReportFormat.REPORT_FORMAT_CHART_SVG);
        assertThat(svg).startsWith("<svg").contains("0.8 (four-fifths)").contains("fill=\"#c0392b\"");
        assertStatus(() -> bias(tenant).renderReport(RenderReportRequest.newBuilder().setReportId(report.getReportId())
                .build()), Status.Code.INVALID_ARGUMENT, "FORMAT_INVALID");
        assertStatus(() -> bias(freshTenant()).renderReport(RenderReportRequest.newBuilder()
                .setReportId(report.getReportId()).setFormat(ReportFormat.REPORT_FORMAT_FULL_JSON).build()),
                Status.Code.NOT_FOUND, "REPORT_NOT_FOUND");
    }

    @Test
    void erasingACandidateDeletesTheSelfIdentificationAndOutcomes() {
        String tenant = freshTenant();
        demographics(tenant).recordDemographics(RecordDemographicsRequest.newBuilder().setCandidateId("cand-9")
                .setSex(Sex.SEX_MALE).setRaceEthnicity(RaceEthnicity.RACE_ETHNICITY_ASIAN).build());
        bias(tenant).recordOutcome(RecordOutcomeRequest.newBuilder().setTool(tool("ai-1")).setCandidateId("cand-9")
                .setRequisitionId("req-1").setAssessTime(Timestamp.newBuilder().setSeconds(T0)).build());
        bias(tenant).recordOutcome(RecordOutcomeRequest.newBuilder().setTool(tool("ai-1")).setCandidateId("cand-9")
                .setRequisitionId("req-2").setAssessTime(Timestamp.newBuilder().setSeconds(T0)).build());

        EraseCandidateResponse erased = demographics(tenant).eraseCandidate(EraseCandidateRequest.newBuilder()
                .setCandidateId("cand-9").build());

        assertThat(erased.getDemographicsErased()).isTrue();
        assertThat(erased.getOutcomesErased()).isEqualTo(2);
        assertStatus(() -> demographics(tenant).getDemographics(GetDemographicsRequest.newBuilder()
                .setCandidateId("cand-9").build()), Status.Code.NOT_FOUND, "DEMOGRAPHICS_NOT_FOUND");
        BiasReport report = bias(tenant).generateReport(GenerateReportRequest.newBuilder().setTool(tool("ai-1"))
                .setRateKind(io.atsbridge.proto.audit.v1.RateKind.RATE_KIND_SELECTION)
                .setStartTime(Timestamp.newBuilder().setSeconds(T0 - 10))
                .setEndTime(Timestamp.newBuilder().setSeconds(T0 + 10)).build()).getReport();
        assertThat(report.getAssessed()).isZero();
    }

    private String render(String tenant, BiasReport report, ReportFormat format) {
        return bias(tenant).renderReport(RenderReportRequest.newBuilder().setReportId(report.getReportId())
                .setFormat(format).build()).getContent().toString(StandardCharsets.UTF_8);
    }

    private static String printed(Fraction value, int scale) {
        return value == null ? "" : value.decimal(scale).toPlainString();
    }

    private static io.atsbridge.audit.bias.domain.Sex toDomain(Sex sex) {
        return switch (sex) {
            case SEX_MALE -> io.atsbridge.audit.bias.domain.Sex.MALE;
            case SEX_FEMALE -> io.atsbridge.audit.bias.domain.Sex.FEMALE;
            default -> null;
        };
    }

    private static io.atsbridge.audit.bias.domain.RaceEthnicity toDomain(RaceEthnicity race) {
        return race == RaceEthnicity.RACE_ETHNICITY_UNSPECIFIED ? null
                : io.atsbridge.audit.bias.domain.RaceEthnicity.valueOf(race.name().substring("RACE_ETHNICITY_".length()));
    }

    private static void assertStatus(Executable call, Status.Code code, String reason) {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call);
        assertThat(e.getStatus().getCode()).as(e.getStatus().getDescription()).isEqualTo(code);
        if (reason != null) {
            assertThat(GrpcErrors.errorInfo(e).orElseThrow().getReason()).isEqualTo(reason);
        }
    }
}
