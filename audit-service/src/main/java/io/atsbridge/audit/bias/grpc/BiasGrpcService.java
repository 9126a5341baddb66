package io.atsbridge.audit.bias.grpc;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.atsbridge.audit.bias.domain.AggregateUpload;
import io.atsbridge.audit.bias.domain.BiasAudits;
import io.atsbridge.audit.bias.domain.BiasReport;
import io.atsbridge.audit.bias.domain.BiasStore;
import io.atsbridge.audit.bias.domain.DemographicCell;
import io.atsbridge.audit.bias.domain.Demographics;
import io.atsbridge.audit.bias.domain.Outcome;
import io.atsbridge.audit.bias.domain.RecordedAudit;
import io.atsbridge.audit.bias.domain.ReportRenderer;
import io.atsbridge.audit.bias.domain.ReportSpec;
import io.atsbridge.platform.context.CallContext;
import io.atsbridge.platform.error.DomainException;
import io.atsbridge.platform.proto.ProtoTimes;
import io.atsbridge.proto.audit.v1.BiasAudit;
import io.atsbridge.proto.audit.v1.BiasServiceGrpc;
import io.atsbridge.proto.audit.v1.CategoryRow;
import io.atsbridge.proto.audit.v1.Dimension;
import io.atsbridge.proto.audit.v1.EraseCandidateRequest;
import io.atsbridge.proto.audit.v1.EraseCandidateResponse;
import io.atsbridge.proto.audit.v1.GenerateReportRequest;
import io.atsbridge.proto.audit.v1.GenerateReportResponse;
import io.atsbridge.proto.audit.v1.GetDemographicsRequest;
import io.atsbridge.proto.audit.v1.GetDemographicsResponse;
import io.atsbridge.proto.audit.v1.GetLatestAuditRequest;
import io.atsbridge.proto.audit.v1.GetLatestAuditResponse;
import io.atsbridge.proto.audit.v1.ImpactTable;
import io.atsbridge.proto.audit.v1.RaceEthnicity;
import io.atsbridge.proto.audit.v1.RateKind;
import io.atsbridge.proto.audit.v1.RecordAuditRequest;
import io.atsbridge.proto.audit.v1.RecordAuditResponse;
import io.atsbridge.proto.audit.v1.RecordDemographicsRequest;
import io.atsbridge.proto.audit.v1.RecordDemographicsResponse;
import io.atsbridge.proto.audit.v1.RecordOutcomeRequest;
import io.atsbridge.proto.audit.v1.RecordOutcomeResponse;
import io.atsbridge.proto.audit.v1.RenderReportRequest;
import io.atsbridge.proto.audit.v1.RenderReportResponse;
import io.atsbridge.proto.audit.v1.ReportFormat;
import io.atsbridge.proto.audit.v1.Sex;
import io.atsbridge.proto.audit.v1.Tool;
import io.atsbridge.proto.audit.v1.UploadAggregateCountsRequest;
import io.atsbridge.proto.audit.v1.UploadAggregateCountsResponse;
import io.grpc.stub.StreamObserver;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Translates BiasService RPCs to {@link BiasAudits} and {@link ReportRenderer} and back. */
@Singleton
final class BiasGrpcService extends BiasServiceGrpc.BiasServiceImplBase {

    private final BiasAudits audits;
    private final ReportRenderer renderer;

    BiasGrpcService(BiasAudits audits, ReportRenderer renderer) {
        this.audits = audits;
        this.renderer = renderer;
    }

    @Override
    public void recordDemographics(RecordDemographicsRequest request, StreamObserver<RecordDemographicsResponse> observer) {
        boolean replaced = audits.recordDemographics(CallContext.tenant(), request.getCandidateId(),
                new Demographics(toDomain(request.getSex()), toDomain(request.getRaceEthnicity()), request.getDeclined()));
        reply(observer, RecordDemographicsResponse.newBuilder().setReplaced(replaced).build());
    }

    @Override
    public void getDemographics(GetDemographicsRequest request, StreamObserver<GetDemographicsResponse> observer) {
        Demographics demographics = audits.demographics(CallContext.tenant(), request.getCandidateId());
        io.atsbridge.audit.bias.domain.Sex sex = demographics.sex();
        io.atsbridge.audit.bias.domain.RaceEthnicity race = demographics.race();
        reply(observer, GetDemographicsResponse.newBuilder()
                .setSex(sex == null ? Sex.SEX_UNSPECIFIED : Sex.valueOf("SEX_" + sex.name()))
                .setRaceEthnicity(race == null ? RaceEthnicity.RACE_ETHNICITY_UNSPECIFIED
                        : RaceEthnicity.valueOf("RACE_ETHNICITY_" + race.name()))
                .setDeclined(demographics.declined())
                .build());
    }

    @Override
    public void eraseCandidate(EraseCandidateRequest request, StreamObserver<EraseCandidateResponse> observer) {
        BiasStore.Erasure erasure = audits.erase(CallContext.tenant(), request.getCandidateId());
        reply(observer, EraseCandidateResponse.newBuilder().setDemographicsErased(erasure.demographics())
                .setOutcomesErased(erasure.outcomes()).build());
    }

    @Override
    public void recordOutcome(RecordOutcomeRequest request, StreamObserver<RecordOutcomeResponse> observer) {
        BigDecimal score = null;
        if (request.getHasScore()) {
            try {
                score = new BigDecimal(request.getScore());
            } catch (NumberFormatException e) {
                throw DomainException.invalidArgument("SCORE_INVALID", "score \"%s\" is not a decimal number "
                        + "(expected: e.g. \"73.5\")", shorten(request.getScore())).with("field", "score");
            }
        }
        Outcome outcome = new Outcome(toDomain(request.getTool()), request.getCandidateId(), request.getRequisitionId(),
                request.getJobCategory(), score, request.getRecommendation(), request.getAdvanced(),
                request.getSelected(), request.hasAssessTime() ? ProtoTimes.toInstant(request.getAssessTime()) : null);
        boolean merged = audits.recordOutcome(CallContext.tenant(), outcome);
        reply(observer, RecordOutcomeResponse.newBuilder().setMerged(merged).build());
    }

    @Override
    public void uploadAggregateCounts(UploadAggregateCountsRequest request,
                                      StreamObserver<UploadAggregateCountsResponse> observer) {
        AggregateUpload upload = new AggregateUpload(request.getUploadId(), toDomain(request.getTool()),
                request.getJobCategory(), toDomain(request.getRateKind()), date(request.getPeriodStart(), "period_start"),
                date(request.getPeriodEnd(), "period_end"), request.getDataSource(), request.getCsv());
        List<DemographicCell> cells = audits.uploadAggregates(CallContext.tenant(), upload);
        reply(observer, UploadAggregateCountsResponse.newBuilder().setRows(cells.size())
                .setApplicants(cells.stream().mapToLong(DemographicCell::applicants).sum()).build());
    }

    @Override
    public void generateReport(GenerateReportRequest request, StreamObserver<GenerateReportResponse> observer) {
        ReportSpec spec = new ReportSpec(toDomain(request.getTool()), request.getJobCategory(),
                toDomain(request.getRateKind()), time(request.hasStartTime(), request.getStartTime()),
                time(request.hasEndTime(), request.getEndTime()), request.getUploadId(),
                request.getExcludeSmallCategories());
        CallContext context = CallContext.current();
        BiasAudits.StoredReport stored = audits.generate(context.tenantId(), spec, context.caller().name());
        reply(observer, GenerateReportResponse.newBuilder().setReport(toProto(stored.report())
                .setSha256(ByteString.copyFrom(stored.sha256()))).build());
    }

    @Override
    public void renderReport(RenderReportRequest request, StreamObserver<RenderReportResponse> observer) {
        DomainException.checkArgument(request.getFormat() != ReportFormat.REPORT_FORMAT_UNSPECIFIED
                        && request.getFormat() != ReportFormat.UNRECOGNIZED, "FORMAT_INVALID",
                "format is %s (expected: one of SUMMARY_HTML, SUMMARY_JSON, FULL_JSON, FULL_CSV, CHART_SVG)",
                request.getFormat());
        String tenant = CallContext.tenant();
        BiasAudits.StoredReport report = audits.report(tenant, request.getReportId());
        io.atsbridge.audit.bias.domain.ReportFormat format = io.atsbridge.audit.bias.domain.ReportFormat.valueOf(
                request.getFormat().name().substring("REPORT_FORMAT_".length()));
        RecordedAudit audit = audits.latestAudit(tenant, report.report().tool().connectionId()).orElse(null);
        reply(observer, RenderReportResponse.newBuilder().setContentType(format.contentType())
                .setContent(ByteString.copyFrom(renderer.render(report, format, audit), StandardCharsets.UTF_8)).build());
    }

    @Override
    public void recordAudit(RecordAuditRequest request, StreamObserver<RecordAuditResponse> observer) {
        RecordedAudit audit = audits.recordAudit(CallContext.tenant(), new RecordedAudit(request.getAuditId(),
                toDomain(request.getTool()), date(request.getAuditDate(), "audit_date"), request.getSummaryUrl(),
                date(request.getDistributionDate(), "distribution_date"), request.getReportId(), null));
        reply(observer, RecordAuditResponse.newBuilder().setAudit(toProto(audit)).build());
    }

    @Override
    public void getLatestAudit(GetLatestAuditRequest request, StreamObserver<GetLatestAuditResponse> observer) {
        GetLatestAuditResponse.Builder response = GetLatestAuditResponse.newBuilder();
        audits.latestAudit(CallContext.tenant(), request.getConnectionId())
                .ifPresent(audit -> response.setFound(true).setAudit(toProto(audit)));
        reply(observer, response.build());
    }

    private static <T> void reply(StreamObserver<T> observer, T response) {
        observer.onNext(response);
        observer.onCompleted();
    }

    private static io.atsbridge.audit.bias.domain.Tool toDomain(Tool tool) {
        return new io.atsbridge.audit.bias.domain.Tool(tool.getConnectionId(), tool.getModel(), tool.getModelVersion());
    }

    private static Tool toProto(io.atsbridge.audit.bias.domain.Tool tool) {
        return Tool.newBuilder().setConnectionId(tool.connectionId()).setModel(tool.model())
                .setModelVersion(tool.modelVersion()).build();
    }

    private static io.atsbridge.audit.bias.domain.@Nullable Sex toDomain(Sex sex) {
        return switch (sex) {
            case SEX_MALE -> io.atsbridge.audit.bias.domain.Sex.MALE;
            case SEX_FEMALE -> io.atsbridge.audit.bias.domain.Sex.FEMALE;
            case SEX_UNSPECIFIED -> null;
            case UNRECOGNIZED -> throw DomainException.invalidArgument("SEX_INVALID",
                    "sex is not a known value (expected: SEX_MALE, SEX_FEMALE or unspecified)").with("field", "sex");
        };
    }

    private static io.atsbridge.audit.bias.domain.@Nullable RaceEthnicity toDomain(RaceEthnicity race) {
        if (race == RaceEthnicity.RACE_ETHNICITY_UNSPECIFIED) {
            return null;
        }
        DomainException.checkArgument(race != RaceEthnicity.UNRECOGNIZED, "RACE_ETHNICITY_INVALID",
                "race_ethnicity is not a known value (expected: a RaceEthnicity value or unspecified)");
        return io.atsbridge.audit.bias.domain.RaceEthnicity.valueOf(race.name().substring("RACE_ETHNICITY_".length()));
    }

    private static io.atsbridge.audit.bias.domain.RateKind toDomain(RateKind kind) {
        return switch (kind) {
            case RATE_KIND_SELECTION -> io.atsbridge.audit.bias.domain.RateKind.SELECTION;
            case RATE_KIND_SCORING -> io.atsbridge.audit.bias.domain.RateKind.SCORING;
            case RATE_KIND_UNSPECIFIED, UNRECOGNIZED -> throw DomainException.invalidArgument("RATE_KIND_INVALID",
                    "rate_kind is %s (expected: RATE_KIND_SELECTION or RATE_KIND_SCORING)", kind).with("field", "rate_kind");
        };
    }

    private static RateKind toProto(io.atsbridge.audit.bias.domain.RateKind kind) {
        return RateKind.valueOf("RATE_KIND_" + kind.name());
    }

    private static io.atsbridge.proto.audit.v1.BiasReport.Builder toProto(BiasReport report) {
        io.atsbridge.proto.audit.v1.BiasReport.Builder proto = io.atsbridge.proto.audit.v1.BiasReport.newBuilder()
                .setReportId(report.reportId())
                .setTool(toProto(report.tool()))
                .setJobCategory(report.jobCategory())
                .setRateKind(toProto(report.kind()))
                .setPeriodStart(report.periodStart())
                .setPeriodEnd(report.periodEnd())
                .setDataSource(report.dataSource())
                .setMedianScore(report.medianScore())
                .setAssessed(report.assessed())
                .setUnknownCount(report.unknownCount())
                .setGenerateTime(ProtoTimes.toProto(report.generateTime()));
        for (BiasReport.Table table : report.tables()) {
            ImpactTable.Builder impact = ImpactTable.newBuilder()
                    .setDimension(Dimension.valueOf("DIMENSION_" + table.dimension().name()))
                    .setApplicants(table.applicants());
            for (BiasReport.Row row : table.rows()) {
                impact.addRows(CategoryRow.newBuilder().setCode(row.code()).setLabel(row.label())
                        .setApplicants(row.applicants()).setPositives(row.positives()).setRate(row.rate())
                        .setImpactRatio(row.impactRatio()).setExcluded(row.excluded())
                        .setJustification(row.justification()).setAdverseImpact(row.adverseImpact()));
            }
            proto.addTables(impact);
        }
        return proto;
    }

    private static BiasAudit toProto(RecordedAudit audit) {
        BiasAudit.Builder proto = BiasAudit.newBuilder().setAuditId(audit.auditId()).setTool(toProto(audit.tool()))
                .setAuditDate(audit.auditDate().toString()).setSummaryUrl(audit.summaryUrl())
                .setDistributionDate(audit.distributionDate().toString()).setReportId(audit.reportId())
                .setUseUntilDate(audit.useUntil().toString());
        Instant recordTime = audit.recordTime();
        if (recordTime != null) {
            proto.setRecordTime(ProtoTimes.toProto(recordTime));
        }
        return proto.build();
    }

    private static @Nullable Instant time(boolean present, Timestamp timestamp) {
        return present ? ProtoTimes.toInstant(timestamp) : null;
    }

    private static LocalDate date(String value, String field) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw DomainException.invalidArgument(field.toUpperCase(java.util.Locale.ROOT) + "_INVALID",
                    "%s is \"%s\" (expected: a date YYYY-MM-DD)", field, shorten(value)).with("field", field);
        }
    }

    private static String shorten(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "...";
    }
}
