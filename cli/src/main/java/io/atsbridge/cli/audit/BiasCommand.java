package io.atsbridge.cli.audit;

import com.google.protobuf.Timestamp;
import io.atsbridge.cli.Atsbridge;
import io.atsbridge.proto.audit.v1.BiasAudit;
import io.atsbridge.proto.audit.v1.BiasReport;
import io.atsbridge.proto.audit.v1.BiasServiceGrpc;
import io.atsbridge.proto.audit.v1.BiasServiceGrpc.BiasServiceBlockingStub;
import io.atsbridge.proto.audit.v1.CategoryRow;
import io.atsbridge.proto.audit.v1.GenerateReportRequest;
import io.atsbridge.proto.audit.v1.GetLatestAuditRequest;
import io.atsbridge.proto.audit.v1.GetLatestAuditResponse;
import io.atsbridge.proto.audit.v1.ImpactTable;
import io.atsbridge.proto.audit.v1.RateKind;
import io.atsbridge.proto.audit.v1.RecordAuditRequest;
import io.atsbridge.proto.audit.v1.RenderReportRequest;
import io.atsbridge.proto.audit.v1.RenderReportResponse;
import io.atsbridge.proto.audit.v1.ReportFormat;
import io.atsbridge.proto.audit.v1.Tool;
import io.grpc.ManagedChannel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code atsbridge bias ...}: bias reports (NYC LL144 impact ratios, the four-fifths rule) of an AI tool, their
 * renderings, and the independent audits LL144 gating checks. Same target, token, tenant and TLS options and exit
 * codes as {@code atsbridge audit}: BiasService is hosted by audit-service.
 */
@Command(name = "bias", mixinStandardHelpOptions = true,
        description = "Generate and render bias reports of an AI tool, and record its independent bias audits.",
        subcommands = {BiasCommand.Report.class, BiasCommand.Render.class, BiasCommand.RecordAudit.class,
                BiasCommand.LatestAudit.class})
public final class BiasCommand {

    private BiasCommand() {
    }

    /** The rate a report computes. */
    enum Rate {
        selection(RateKind.RATE_KIND_SELECTION), scoring(RateKind.RATE_KIND_SCORING);

        private final RateKind kind;

        Rate(RateKind kind) {
            this.kind = kind;
        }
    }

    /** A rendering of a stored report, by the names people type. */
    enum Format {
        summary_html(ReportFormat.REPORT_FORMAT_SUMMARY_HTML), summary_json(ReportFormat.REPORT_FORMAT_SUMMARY_JSON),
        full_json(ReportFormat.REPORT_FORMAT_FULL_JSON), csv(ReportFormat.REPORT_FORMAT_FULL_CSV),
        svg(ReportFormat.REPORT_FORMAT_CHART_SVG);

        private final ReportFormat proto;

        Format(ReportFormat proto) {
            this.proto = proto;
        }

        static Format named(String name) {
            try {
                return valueOf(name.replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--format " + name + " (expected: summary-html, summary-json, "
                        + "full-json, csv or svg)", e);
            }
        }
    }

    /** The tool a command is about: the AI vendor connection, and optionally the model and its version. */
    static final class ToolOptions {

        @Option(names = "--tool", required = true, description = "the AI vendor connection id of the tool")
        String connection = "";
        @Option(names = "--model", description = "the model; any when omitted")
        String model = "";
        @Option(names = "--version", description = "the model's version; any when omitted")
        String version = "";

        Tool tool() {
            return Tool.newBuilder().setConnectionId(connection).setModel(model).setModelVersion(version).build();
        }
    }

    @Command(name = "report", mixinStandardHelpOptions = true,
            description = "Generates a bias report (stored and audited) and prints its tables.")
    static final class Report extends AuditCommand.Subcommand {

        @CommandLine.Mixin
        ToolOptions tool = new ToolOptions();
        @Option(names = "--from", description = "outcomes assessed at or after this date (2026-01-01) or instant")
        String from = "";
        @Option(names = "--to", description = "outcomes assessed before this date (2027-01-01) or instant")
        String to = "";
        @Option(names = "--job-category", description = "only this category of job; all when omitted")
        String jobCategory = "";
        @Option(names = "--rate", defaultValue = "selection", description = "selection or scoring (default ${DEFAULT-VALUE})")
        Rate rate = Rate.selection;
        @Option(names = "--upload-id", description = "report from this upload of aggregate counts instead of outcomes")
        String uploadId = "";
        @Option(names = "--exclude-small-categories", description = "leave categories under 2 % out of the impact ratios")
        boolean excludeSmall;
        @Option(names = "--output", defaultValue = "table", description = "json, csv or table (default ${DEFAULT-VALUE})")
        AuditCommand.Output output = AuditCommand.Output.table;

        @Override
        public Integer call() throws IOException {
            GenerateReportRequest.Builder request = GenerateReportRequest.newBuilder().setTool(tool.tool())
                    .setJobCategory(jobCategory).setRateKind(rate.kind).setUploadId(uploadId)
                    .setExcludeSmallCategories(excludeSmall);
            if (!from.isEmpty()) {
                request.setStartTime(timestamp("--from", from));
            }
            if (!to.isEmpty()) {
                request.setEndTime(timestamp("--to", to));
            }
            return connection.run(channel -> {
                BiasReport report = stub(connection, channel).generateReport(request.build()).getReport();
                print(report);
                return Atsbridge.OK;
            });
        }

        private void print(BiasReport report) throws IOException {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (ImpactTable table : report.getTablesList()) {
                for (CategoryRow row : table.getRowsList()) {
                    Map<String, Object> line = new LinkedHashMap<>();
                    line.put("dimension", table.getDimension().name().substring("DIMENSION_".length()).toLowerCase(
                            java.util.Locale.ROOT));
                    line.put("category", row.getLabel());
                    line.put("applicants", row.getApplicants());
                    line.put("positives", row.getPositives());
                    line.put("rate", row.getRate());
                    line.put("impact_ratio", row.getImpactRatio());
                    line.put("adverse_impact", row.getAdverseImpact());
                    line.put("excluded", row.getExcluded());
                    if (output != AuditCommand.Output.table) {
                        line.put("code", row.getCode());
                        line.put("justification", row.getJustification());
                    }
                    rows.add(line);
                }
            }
            PrintWriter out = spec.commandLine().getOut();
            if (output == AuditCommand.Output.json) {
                Map<String, Object> head = new LinkedHashMap<>();
                head.put("report_id", report.getReportId());
                head.put("tool", Map.of("connection_id", report.getTool().getConnectionId(), "model",
                        report.getTool().getModel(), "model_version", report.getTool().getModelVersion()));
                head.put("job_category", report.getJobCategory());
                head.put("rate_kind", report.getRateKind().name());
                head.put("period_start", report.getPeriodStart());
                head.put("period_end", report.getPeriodEnd());
                head.put("data_source", report.getDataSource());
                head.put("median_score", report.getMedianScore());
                head.put("assessed", report.getAssessed());
                head.put("unknown_count", report.getUnknownCount());
                head.put("sha256", HexFormat.of().formatHex(report.getSha256().toByteArray()));
                head.put("categories", rows);
                out.println(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(head));
                out.flush();
                return;
            }
            if (output == AuditCommand.Output.table) {
                out.println("report " + report.getReportId() + ": " + report.getRateKind().name() + " of tool "
                        + report.getTool().getConnectionId() + ", " + report.getPeriodStart() + " to "
                        + report.getPeriodEnd() + ", " + report.getAssessed() + " assessed, " + report.getUnknownCount()
                        + " unknown (" + report.getDataSource() + ")");
            }
            AuditCommand.printRows(spec, output, rows);
        }
    }

    @Command(name = "render", mixinStandardHelpOptions = true,
            description = "Writes a stored report as the published summary, the full report or a chart.")
    static final class Render extends AuditCommand.Subcommand {

        @Parameters(index = "0", description = "the report id (from bias report)")
        String reportId = "";
        @Option(names = "--format", required = true,
                description = "summary-html, summary-json, full-json, csv or svg")
        String format = "";
        @Option(names = "--out", required = true, description = "the file to write")
        Path out = Path.of("report");

        @Override
        public Integer call() throws IOException {
            ReportFormat proto = Format.named(format).proto;
            return connection.run(channel -> {
                RenderReportResponse rendered = stub(connection, channel).renderReport(RenderReportRequest.newBuilder()
                        .setReportId(reportId).setFormat(proto).build());
                Files.write(out, rendered.getContent().toByteArray());
                spec.commandLine().getOut().println("wrote " + rendered.getContent().size() + " bytes ("
                        + rendered.getContentType() + ") to " + out);
                spec.commandLine().getOut().flush();
                return Atsbridge.OK;
            });
        }
    }

    @Command(name = "record-audit", mixinStandardHelpOptions = true,
            description = "Records an independent bias audit of a tool and where its summary is published.")
    static final class RecordAudit extends AuditCommand.Subcommand {

        @CommandLine.Mixin
        ToolOptions tool = new ToolOptions();
        @Option(names = "--audit-id", required = true, description = "your id of the audit")
        String auditId = "";
        @Option(names = "--audit-date", required = true, description = "the date of the audit, e.g. 2026-03-02")
        String auditDate = "";
        @Option(names = "--summary-url", required = true, description = "where the summary of results is published")
        String summaryUrl = "";
        @Option(names = "--distribution-date", description = "the date the tool was first distributed, e.g. 2025-01-15")
        String distributionDate = "";
        @Option(names = "--report-id", description = "the bias report the audit is based on, if atsbridge generated it")
        String reportId = "";

        @Override
        public Integer call() throws IOException {
            return connection.run(channel -> {
                BiasAudit audit = stub(connection, channel).recordAudit(RecordAuditRequest.newBuilder().setAuditId(auditId)
                        .setTool(tool.tool()).setAuditDate(auditDate).setSummaryUrl(summaryUrl)
                        .setDistributionDate(distributionDate).setReportId(reportId).build()).getAudit();
                printAudit(spec, AuditCommand.Output.table, audit);
                return Atsbridge.OK;
            });
        }
    }

    @Command(name = "latest-audit", mixinStandardHelpOptions = true,
            description = "The latest recorded bias audit of a tool, and the last day LL144 allows using it on it.")
    static final class LatestAudit extends AuditCommand.Subcommand {

        @Option(names = "--tool", required = true, description = "the AI vendor connection id of the tool")
        String connectionId = "";
        @Option(names = "--output", defaultValue = "table", description = "json, csv or table (default ${DEFAULT-VALUE})")
        AuditCommand.Output output = AuditCommand.Output.table;

        @Override
        public Integer call() throws IOException {
            return connection.run(channel -> {
                GetLatestAuditResponse answer = stub(connection, channel).getLatestAudit(GetLatestAuditRequest.newBuilder()
                        .setConnectionId(connectionId).build());
                if (!answer.getFound()) {
                    // Not an error: a tool without an audit is what this command exists to find out.
                    spec.commandLine().getOut().println("(no bias audit recorded for tool " + connectionId + ")");
                    spec.commandLine().getOut().flush();
                    return Atsbridge.OK;
                }
                printAudit(spec, output, answer.getAudit());
                return Atsbridge.OK;
            });
        }
    }

    private static void printAudit(CommandLine.Model.CommandSpec spec, AuditCommand.Output output, BiasAudit audit)
            throws IOException {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("audit_id", audit.getAuditId());
        row.put("tool", audit.getTool().getConnectionId());
        row.put("model", audit.getTool().getModel());
        row.put("model_version", audit.getTool().getModelVersion());
        row.put("audit_date", audit.getAuditDate());
        row.put("use_until_date", audit.getUseUntilDate());
        row.put("distribution_date", audit.getDistributionDate());
        row.put("summary_url", audit.getSummaryUrl());
        row.put("report_id", audit.getReportId());
        AuditCommand.printRows(spec, output, List.of(row));
    }

    /** BiasService with the caller's token and tenant and the call's deadline. */
    private static BiasServiceBlockingStub stub(Connection connection, ManagedChannel channel) {
        return connection.as(BiasServiceGrpc.newBlockingStub(channel), connection.timeoutSeconds);
    }

    /** A date (the start of that day, UTC) or an ISO-8601 instant. */
    static Timestamp timestamp(String option, String value) {
        Instant instant;
        try {
            instant = value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + " " + value + " is neither a date nor an ISO-8601 instant "
                    + "(expected e.g. 2026-01-01 or 2026-01-01T00:00:00Z)", e);
        }
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }
}
