package io.atsbridge.cli.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Timestamp;
import io.atsbridge.cli.Atsbridge;
import io.atsbridge.proto.audit.v1.AuditRecord;
import io.atsbridge.proto.audit.v1.AuditServiceGrpc;
import io.atsbridge.proto.audit.v1.AuditServiceGrpc.AuditServiceBlockingStub;
import io.atsbridge.proto.audit.v1.ExportRecordsRequest;
import io.atsbridge.proto.audit.v1.ExportRecordsResponse;
import io.atsbridge.proto.audit.v1.GetCandidateTimelineRequest;
import io.atsbridge.proto.audit.v1.GetCandidateTimelineResponse;
import io.atsbridge.proto.audit.v1.GetTreeHeadRequest;
import io.atsbridge.proto.audit.v1.GetTreeHeadResponse;
import io.atsbridge.proto.audit.v1.QueryRecordsRequest;
import io.atsbridge.proto.audit.v1.QueryRecordsResponse;
import io.atsbridge.proto.audit.v1.SignedTreeHead;
import io.atsbridge.proto.audit.v1.TimelineEntry;
import io.atsbridge.proto.audit.v1.VerifyLogRequest;
import io.atsbridge.proto.audit.v1.VerifyLogResponse;
import io.grpc.ManagedChannel;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code atsbridge audit ...}: compliance queries, timelines, exports and verification of the audit log. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Query, export and verify the tenant's audit log.",
        subcommands = {AuditCommand.Query.class, AuditCommand.Timeline.class, AuditCommand.Export.class,
                AuditCommand.Verify.class, AuditCommand.Head.class})
public final class AuditCommand {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();
    /** Most pages one query or timeline command reads: 1,000 records a page. */
    private static final int MAX_PAGES = 1000;
    private static final int PROGRESS_EVERY = 1000;

    /** How records are printed. */
    enum Output {
        json, csv, table
    }

    /** What every audit subcommand has: its picocli spec (for its output streams) and where and as whom it calls. */
    abstract static class Subcommand implements Callable<Integer> {

        // Set by picocli before call().
        @SuppressWarnings("NullAway.Init")
        @Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        Connection connection = new Connection();
    }

    /** The filters of a query or an export. */
    static final class Filters {

        @Option(names = "--candidate", description = "records about this canonical candidate id")
        String candidate = "";
        @Option(names = "--application", description = "records about this canonical application id")
        String application = "";
        @Option(names = "--requisition", description = "records naming this requisition (job) id")
        String requisition = "";
        @Option(names = "--trace", description = "records of this trace")
        String trace = "";
        @Option(names = "--subject", description = "records whose subject_ref is this")
        String subject = "";
        @Option(names = "--actor", description = "records of this actor (service or user id)")
        String actor = "";
        @Option(names = "--action", description = "records of this action, e.g. consent.decided")
        String action = "";
        @Option(names = "--from", description = "occur_time at or after this ISO-8601 instant, e.g. 2026-01-01T00:00:00Z")
        String from = "";
        @Option(names = "--to", description = "occur_time before this ISO-8601 instant")
        String to = "";

        QueryRecordsRequest.Builder query() {
            QueryRecordsRequest.Builder query = QueryRecordsRequest.newBuilder().setCandidateId(candidate)
                    .setApplicationId(application).setRequisitionId(requisition).setTraceId(trace).setSubjectRef(subject)
                    .setActor(actor).setAction(action);
            if (!from.isEmpty()) {
                query.setStartTime(timestamp("--from", from));
            }
            if (!to.isEmpty()) {
                query.setEndTime(timestamp("--to", to));
            }
            return query;
        }

        /** The same filters for an export: ExportRecordsRequest has QueryRecordsRequest's filter fields by name. */
        ExportRecordsRequest export() {
            QueryRecordsRequest query = query().build();
            ExportRecordsRequest.Builder export = ExportRecordsRequest.newBuilder();
            query.getAllFields().forEach((field, value) -> {
                var same = ExportRecordsRequest.getDescriptor().findFieldByName(field.getName());
                if (same != null) {
                    export.setField(same, value);
                }
            });
            return export.build();
        }

        private static Timestamp timestamp(String option, String value) {
            try {
                Instant instant = Instant.parse(value);
                return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException(option + " " + value + " is not an ISO-8601 instant (expected e.g. "
                        + "2026-01-01T00:00:00Z)", e);
            }
        }
    }

    @Command(name = "query", mixinStandardHelpOptions = true, description = "Records matching every filter, in log order.")
    static final class Query extends Subcommand {

        @CommandLine.ArgGroup(exclusive = false)
        Filters filters = new Filters();
        @Option(names = "--output", defaultValue = "table", description = "json, csv or table (default ${DEFAULT-VALUE})")
        Output output = Output.table;
        @Option(names = "--limit", defaultValue = "10000", description = "most records to print (default ${DEFAULT-VALUE})")
        int limit = 10_000;

        @Override
        public Integer call() throws IOException {
            return connection.run(channel -> {
                List<AuditRecord> records = new ArrayList<>();
                pages(token -> {
                    QueryRecordsResponse answer = connection.as(AuditServiceGrpc.newBlockingStub(channel),
                            connection.timeoutSeconds).queryRecords(filters.query().setPageSize(1000).setPageToken(token).build());
                    records.addAll(answer.getRecordsList());
                    return records.size() < limit ? answer.getNextPageToken() : "";
                });
                print(spec, output, records.subList(0, Math.min(limit, records.size())), List.of());
                return Atsbridge.OK;
            });
        }
    }

    @Command(name = "timeline", mixinStandardHelpOptions = true,
            description = "Every record about one candidate, in log order, with what each says.")
    static final class Timeline extends Subcommand {

        @Option(names = "--candidate", required = true, description = "the canonical candidate id")
        String candidate = "";
        @Option(names = "--output", defaultValue = "table", description = "json, csv or table (default ${DEFAULT-VALUE})")
        Output output = Output.table;

        @Override
        public Integer call() throws IOException {
            return connection.run(channel -> {
                List<AuditRecord> records = new ArrayList<>();
                List<String> summaries = new ArrayList<>();
                pages(token -> {
                    GetCandidateTimelineResponse answer = connection.as(AuditServiceGrpc.newBlockingStub(channel),
                            connection.timeoutSeconds).getCandidateTimeline(GetCandidateTimelineRequest.newBuilder()
                            .setCandidateId(candidate).setPageSize(1000).setPageToken(token).build());
                    for (TimelineEntry entry : answer.getEntriesList()) {
                        records.add(entry.getRecord());
                        summaries.add(entry.getSummary());
                    }
                    return answer.getNextPageToken();
                });
                print(spec, output, records, summaries);
                return Atsbridge.OK;
            });
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "The records of a query with a signed head and each record's proof, to check offline.")
    static final class Export extends Subcommand {

        @CommandLine.ArgGroup(exclusive = false)
        Filters filters = new Filters();
        @Option(names = "--format", defaultValue = "JSONL", description = "JSONL or CSV (default ${DEFAULT-VALUE})")
        ExportFile.Format format = ExportFile.Format.JSONL;
        @Option(names = "--file", required = true, description = "where to write the export")
        Path file = Path.of("export.jsonl");
        @Option(names = "--verify-with", description = "after writing, verify the export offline with this head-signing "
                + "public key (base64 of the 32-byte Ed25519 key, or a file holding it)")
        String verifyWith = "";
        @Option(names = "--export-timeout", defaultValue = "600", description = "seconds the export may take "
                + "(default ${DEFAULT-VALUE})")
        long exportTimeoutSeconds = 600;

        @Override
        public Integer call() throws IOException {
            byte[] key = verifyWith.isEmpty() ? new byte[0] : publicKey(verifyWith);
            ManagedChannel channel = connection.open();
            PrintWriter err = spec.commandLine().getErr();
            try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                 ExportFile.Writer writer = new ExportFile.Writer(format, out)) {
                AuditServiceBlockingStub stub = connection.as(AuditServiceGrpc.newBlockingStub(channel), exportTimeoutSeconds);
                Iterator<ExportRecordsResponse> parts = stub.exportRecords(filters.export());
                while (parts.hasNext()) {
                    ExportRecordsResponse part = parts.next();
                    if (part.hasSignedTreeHead()) {
                        writer.head(part.getSignedTreeHead());
                    } else {
                        writer.record(part.getRecord());
                        if (writer.records() % PROGRESS_EVERY == 0) {
                            err.println("exported " + writer.records() + " records...");
                            err.flush();
                        }
                    }
                }
                writer.end();
            } finally {
                Connection.close(channel);
            }
            spec.commandLine().getOut().println("wrote " + file);
            if (key.length == 0) {
                return Atsbridge.OK;
            }
            return Verify.report(spec, file, key);
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Verify an export offline (with --export), or ask the service to verify the whole log.")
    static final class Verify extends Subcommand {

        @Option(names = "--export", description = "an export file to verify offline; needs --public-key")
        Path export = Path.of("");
        @Option(names = "--public-key", description = "the head-signing public key: base64 of the 32-byte Ed25519 key, "
                + "or a file holding it; get it from the operator, not from the export")
        String publicKey = "";

        @Override
        public Integer call() throws IOException {
            if (!export.toString().isEmpty()) {
                if (publicKey.isEmpty()) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "--export needs --public-key");
                }
                return report(spec, export, publicKey(publicKey));
            }
            return connection.run(channel -> {
                VerifyLogResponse verified = connection.as(AuditServiceGrpc.newBlockingStub(channel),
                        connection.timeoutSeconds).verifyLog(VerifyLogRequest.getDefaultInstance());
                PrintWriter out = spec.commandLine().getOut();
                out.println((verified.getIntact() ? "intact: " : "NOT intact: ") + verified.getFinding()
                        + " (size " + verified.getTreeHead().getTreeSize() + ", root "
                        + HEX.formatHex(verified.getTreeHead().getRootHash().toByteArray()) + ", "
                        + verified.getSignedHeadsChecked() + " signed heads checked)");
                return verified.getIntact() ? Atsbridge.OK : Atsbridge.VERIFICATION_FAILED;
            });
        }

        static int report(CommandLine.Model.CommandSpec spec, Path file, byte[] key) throws IOException {
            AuditExport export;
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                export = ExportFile.read(in);
            } catch (ExportFile.ExportFormatException e) {
                spec.commandLine().getErr().println("NOT verified: " + file + ": " + e.getMessage());
                return Atsbridge.VERIFICATION_FAILED;
            }
            OfflineVerifier.Result result = OfflineVerifier.verify(export, key);
            AuditExport.Head head = export.head();
            if (result.verified()) {
                spec.commandLine().getOut().println("verified: " + result.recordsVerified() + " records of tenant "
                        + head.tenantId() + " are in its log of size " + head.treeSize() + " with root "
                        + HEX.formatHex(head.rootHash()) + ", signed by " + head.keyId());
                return Atsbridge.OK;
            }
            PrintWriter err = spec.commandLine().getErr();
            err.println("NOT verified: " + file + ":");
            result.problems().forEach(problem -> err.println("  " + problem));
            return Atsbridge.VERIFICATION_FAILED;
        }
    }

    @Command(name = "head", mixinStandardHelpOptions = true, description = "The log's current signed tree head.")
    static final class Head extends Subcommand {

        @Option(names = "--output", defaultValue = "table", description = "json, csv or table (default ${DEFAULT-VALUE})")
        Output output = Output.table;

        @Override
        public Integer call() throws IOException {
            return connection.run(channel -> {
                GetTreeHeadResponse answer = connection.as(AuditServiceGrpc.newBlockingStub(channel),
                        connection.timeoutSeconds).getTreeHead(GetTreeHeadRequest.getDefaultInstance());
                Map<String, Object> head = new LinkedHashMap<>();
                head.put("tree_size", answer.getTreeHead().getTreeSize());
                head.put("root_hash", HEX.formatHex(answer.getTreeHead().getRootHash().toByteArray()));
                if (answer.hasSignedTreeHead()) {
                    SignedTreeHead signed = answer.getSignedTreeHead();
                    head.put("signed_tree_size", signed.getTreeSize());
                    head.put("head_time", Instant.ofEpochSecond(signed.getHeadTime().getSeconds(),
                            signed.getHeadTime().getNanos()).toString());
                    head.put("key_id", signed.getKeyId());
                    head.put("signature", Base64.getEncoder().encodeToString(signed.getSignature().toByteArray()));
                }
                printRows(spec, output, List.of(head));
                return Atsbridge.OK;
            });
        }
    }

    /** Fetches one page for a page token and answers the next token (empty: done). */
    @FunctionalInterface
    private interface PageFetch {
        String fetch(String pageToken);
    }

    /** Every page, at most {@link #MAX_PAGES}. */
    private static void pages(PageFetch fetch) {
        String token = "";
        for (int page = 0; page < MAX_PAGES; page++) {
            token = fetch.fetch(token);
            if (token.isEmpty()) {
                return;
            }
        }
    }

    /** A base64 Ed25519 public key, given as the value or as a file holding it. */
    static byte[] publicKey(String value) throws IOException {
        Path path = Path.of(value);
        String text = Files.isRegularFile(path) ? Files.readString(path, StandardCharsets.UTF_8).strip() : value.strip();
        try {
            byte[] key = Base64.getDecoder().decode(text);
            if (key.length != 32) {
                throw new IllegalArgumentException("the public key has " + key.length + " bytes (expected: 32)");
            }
            return key;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the public key is not base64 of a 32-byte Ed25519 public key ("
                    + e.getMessage() + ")", e);
        }
    }

    private static void print(CommandLine.Model.CommandSpec spec, Output output, List<AuditRecord> records,
                              List<String> summaries) throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            AuditRecord record = records.get(i);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("sequence", record.getSequence());
            row.put("occur_time", Instant.ofEpochSecond(record.getOccurTime().getSeconds(),
                    record.getOccurTime().getNanos()).toString());
            row.put("action", record.getAction());
            row.put("actor", record.getActor());
            row.put("subject_ref", record.getSubjectRef());
            row.put("trace_id", record.getTraceId());
            if (!summaries.isEmpty()) {
                row.put("summary", summaries.get(i));
            }
            if (output != Output.table) {
                row.put("record_id", record.getRecordId());
                row.put("connection_id", record.getConnectionId());
                row.put("attributes", new java.util.TreeMap<>(record.getAttributesMap()));
                row.put("leaf_hash", HEX.formatHex(record.getLeafHash().toByteArray()));
            }
            rows.add(row);
        }
        printRows(spec, output, rows);
    }

    static void printRows(CommandLine.Model.CommandSpec spec, Output output, List<Map<String, Object>> rows)
            throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        switch (output) {
            case json -> {
                for (Map<String, Object> row : rows) {
                    out.println(JSON.writeValueAsString(row));
                }
            }
            case csv -> {
                if (!rows.isEmpty()) {
                    CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder().setRecordSeparator("\n").get());
                    csv.printRecord(rows.get(0).keySet());
                    for (Map<String, Object> row : rows) {
                        List<String> cells = new ArrayList<>();
                        for (Object value : row.values()) {
                            cells.add(value instanceof Map<?, ?> ? JSON.writeValueAsString(value) : String.valueOf(value));
                        }
                        csv.printRecord(cells);
                    }
                    csv.flush();
                }
            }
            case table -> {
                if (rows.isEmpty()) {
                    out.println("(no records)");
                    break;
                }
                List<String> columns = new ArrayList<>(rows.get(0).keySet());
                int[] widths = new int[columns.size()];
                for (int c = 0; c < columns.size(); c++) {
                    widths[c] = columns.get(c).length();
                    for (Map<String, Object> row : rows) {
                        widths[c] = Math.max(widths[c], String.valueOf(row.get(columns.get(c))).length());
                    }
                }
                out.println(line(columns, widths));
                for (Map<String, Object> row : rows) {
                    List<String> cells = new ArrayList<>();
                    columns.forEach(column -> cells.add(String.valueOf(row.get(column))));
                    out.println(line(cells, widths));
                }
            }
        }
        out.flush();
    }

    private static String line(List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            String cell = cells.get(c);
            line.append(cell);
            if (c < cells.size() - 1) {
                line.append(" ".repeat(widths[c] - cell.length() + 2));
            }
        }
        return line.toString();
    }
}
