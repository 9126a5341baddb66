package io.atsbridge.cli.audit;

import com.google.protobuf.ByteString;
import io.atsbridge.cli.Atsbridge;
import io.atsbridge.proto.audit.v1.BiasAudit;
import io.atsbridge.proto.audit.v1.BiasReport;
import io.atsbridge.proto.audit.v1.BiasServiceGrpc;
import io.atsbridge.proto.audit.v1.CategoryRow;
import io.atsbridge.proto.audit.v1.Dimension;
import io.atsbridge.proto.audit.v1.GenerateReportRequest;
import io.atsbridge.proto.audit.v1.GenerateReportResponse;
import io.atsbridge.proto.audit.v1.GetLatestAuditRequest;
import io.atsbridge.proto.audit.v1.GetLatestAuditResponse;
import io.atsbridge.proto.audit.v1.ImpactTable;
import io.atsbridge.proto.audit.v1.RateKind;
import io.atsbridge.proto.audit.v1.RenderReportRequest;
import io.atsbridge.proto.audit.v1.RenderReportResponse;
import io.atsbridge.proto.audit.v1.ReportFormat;
import io.atsbridge.proto.audit.v1.Tool;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code atsbridge bias} against a stand-in BiasService over a real gRPC channel: what the commands send (token,
 * tenant, filters), how they print, and their exit codes. The launcher end-to-end test with the real audit-service
 * is still to come (see docs/bias-audits.md).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BiasCommandTest {

    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private final List<GenerateReportRequest> generated = new CopyOnWriteArrayList<>();
    private final List<String> tokens = new CopyOnWriteArrayList<>();
    private Server server;

    @BeforeAll
    void start() throws Exception {
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(ServerInterceptors.intercept(new StandIn(), new io.grpc.ServerInterceptor() {
                    @Override
                    public <Q, A> io.grpc.ServerCall.Listener<Q> interceptCall(io.grpc.ServerCall<Q, A> call,
                                                                              Metadata headers,
                                                                              io.grpc.ServerCallHandler<Q, A> next) {
                        tokens.add(String.valueOf(headers.get(AUTHORIZATION)));
                        return Contexts.interceptCall(io.grpc.Context.current(), call, headers, next);
                    }
                })).build().start();
    }

    @AfterAll
    void stop() throws InterruptedException {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void reportSendsTheFiltersAndPrintsEveryCategory() {
        Run table = cli("bias", "report", "--tool", "ai-acme", "--model", "m1", "--version", "2", "--from", "2026-01-01",
                "--to", "2027-01-01T00:00:00Z", "--job-category", "engineering", "--rate", "scoring");
        assertThat(table.exit).as(table.err).isEqualTo(Atsbridge.OK);
        assertThat(generated).last().satisfies(request -> {
            assertThat(request.getTool().getConnectionId()).isEqualTo("ai-acme");
            assertThat(request.getTool().getModel()).isEqualTo("m1");
            assertThat(request.getTool().getModelVersion()).isEqualTo("2");
            assertThat(request.getRateKind()).isEqualTo(RateKind.RATE_KIND_SCORING);
            assertThat(request.getJobCategory()).isEqualTo("engineering");
            assertThat(request.getStartTime().getSeconds()).isEqualTo(1767225600L);
            assertThat(request.getEndTime().getSeconds()).isEqualTo(1798761600L);
        });
        assertThat(tokens).last().isEqualTo("Bearer compliance-token");
        assertThat(table.out).contains("report rep-1", "Female", "0.700", "true");

        Run json = cli("bias", "report", "--tool", "ai-acme", "--output", "json");
        assertThat(json.out).contains("\"report_id\":\"rep-1\"", "\"impact_ratio\":\"0.700\"", "\"adverse_impact\":true");
        Run csv = cli("bias", "report", "--tool", "ai-acme", "--output", "csv");
        assertThat(csv.out).startsWith("dimension,category,applicants").contains("sex,Female,10,7,0.7000,0.700,true");

        Run bad = cli("bias", "report", "--tool", "ai-acme", "--from", "yesterday");
        assertThat(bad.exit).isEqualTo(Atsbridge.USAGE);
        assertThat(bad.err).contains("--from yesterday is neither a date nor an ISO-8601 instant");
    }

    @Test
    void renderWritesTheFileTheServiceRendered() throws Exception {
        Path out = Files.createTempFile("bias", ".svg");
        Run run = cli("bias", "render", "rep-1", "--format", "svg", "--out", out.toString());
        assertThat(run.exit).as(run.err).isEqualTo(Atsbridge.OK);
        assertThat(Files.readString(out)).isEqualTo("<svg>REPORT_FORMAT_CHART_SVG</svg>");
        Run unknown = cli("bias", "render", "rep-1", "--format", "pdf", "--out", out.toString());
        assertThat(unknown.exit).isEqualTo(Atsbridge.USAGE);
        assertThat(unknown.err).contains("--format pdf (expected: summary-html");
        Run missing = cli("bias", "render", "rep-none", "--format", "csv", "--out", out.toString());
        assertThat(missing.exit).isEqualTo(Atsbridge.USAGE);
        assertThat(missing.err).contains("NOT_FOUND");
    }

    @Test
    void latestAuditSaysWhenNoneIsRecorded() {
        Run found = cli("bias", "latest-audit", "--tool", "ai-acme");
        assertThat(found.exit).as(found.err).isEqualTo(Atsbridge.OK);
        assertThat(found.out).contains("2026-03-02", "2027-03-02", "https://acme.example/bias");
        Run none = cli("bias", "latest-audit", "--tool", "ai-other");
        assertThat(none.exit).isEqualTo(Atsbridge.OK);
        assertThat(none.out).contains("(no bias audit recorded for tool ai-other)");
    }

    private Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine line = Atsbridge.commandLine();
        line.setOut(new PrintWriter(out));
        line.setErr(new PrintWriter(err));
        String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.stream.Stream.of(
                "--target", "127.0.0.1:" + server.getPort(), "--plaintext", "--token", "compliance-token",
                "--tenant", "acme")).toArray(String[]::new);
        int exit = line.execute(all);
        return new Run(exit, out.toString(), err.toString());
    }

    private record Run(int exit, String out, String err) {
    }

    private final class StandIn extends BiasServiceGrpc.BiasServiceImplBase {
        @Override
        public void generateReport(GenerateReportRequest request, StreamObserver<GenerateReportResponse> observer) {
            generated.add(request);
            observer.onNext(GenerateReportResponse.newBuilder().setReport(BiasReport.newBuilder().setReportId("rep-1")
                    .setTool(request.getTool()).setRateKind(RateKind.RATE_KIND_SELECTION).setAssessed(20)
                    .setPeriodStart("2026-01-01").setPeriodEnd("2026-12-31").setDataSource("recorded outcomes")
                    .setSha256(ByteString.copyFrom(new byte[32]))
                    .addTables(ImpactTable.newBuilder().setDimension(Dimension.DIMENSION_SEX).setApplicants(20)
                            .addRows(CategoryRow.newBuilder().setCode("M").setLabel("Male").setApplicants(10)
                                    .setPositives(10).setRate("1.0000").setImpactRatio("1.000"))
                            .addRows(CategoryRow.newBuilder().setCode("F").setLabel("Female").setApplicants(10)
                                    .setPositives(7).setRate("0.7000").setImpactRatio("0.700").setAdverseImpact(true))))
                    .build());
            observer.onCompleted();
        }

        @Override
        public void renderReport(RenderReportRequest request, StreamObserver<RenderReportResponse> observer) {
            if (!request.getReportId().equals("rep-1")) {
                observer.onError(Status.NOT_FOUND.withDescription("no report " + request.getReportId()).asRuntimeException());
                return;
            }
            ReportFormat format = request.getFormat();
            observer.onNext(RenderReportResponse.newBuilder().setContentType("image/svg+xml")
                    .setContent(ByteString.copyFrom("<svg>" + format.name() + "</svg>", StandardCharsets.UTF_8)).build());
            observer.onCompleted();
        }

        @Override
        public void getLatestAudit(GetLatestAuditRequest request, StreamObserver<GetLatestAuditResponse> observer) {
            GetLatestAuditResponse.Builder answer = GetLatestAuditResponse.newBuilder();
            if (request.getConnectionId().equals("ai-acme")) {
                answer.setFound(true).setAudit(BiasAudit.newBuilder().setAuditId("audit-2026")
                        .setTool(Tool.newBuilder().setConnectionId("ai-acme")).setAuditDate("2026-03-02")
                        .setUseUntilDate("2027-03-02").setSummaryUrl("https://acme.example/bias"));
            }
            observer.onNext(answer.build());
            observer.onCompleted();
        }
    }
}
