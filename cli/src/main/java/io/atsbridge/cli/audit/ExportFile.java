package io.atsbridge.cli.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.atsbridge.proto.audit.v1.AuditRecord;
import io.atsbridge.proto.audit.v1.ExportedRecord;
import io.atsbridge.proto.audit.v1.SignedTreeHead;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The file form of an audit export, JSON Lines or CSV (docs/audit.md, "Exports"): a head line, one line per record,
 * then an end line with the record count. Every line has the same fields; hashes are hex, leaf bytes and signatures
 * base64, times both ISO-8601 (for people) and microseconds since the epoch (what the encodings commit to).
 */
public final class ExportFile {

    /** The columns of the CSV form and the fields of the JSON Lines form, in order. */
    static final List<String> FIELDS = List.of("kind", "sequence", "record_id", "trace_id", "action", "actor",
            "subject_ref", "connection_id", "attributes", "payload_sha256", "occur_time", "occur_time_micros",
            "leaf_hash", "leaf_bytes", "audit_path", "tenant_id", "tree_size", "root_hash", "head_time",
            "head_time_micros", "key_id", "signature", "record_count");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();
    private static final CSVFormat CSV = CSVFormat.RFC4180.builder().setRecordSeparator("\n").get();
    /** Most lines read from one file: an export holds at most 50,000 records. */
    private static final long MAX_LINES = 1_000_000;

    /** The two forms. */
    public enum Format {
        JSONL, CSV
    }

    /** Writes an export's lines as they arrive. */
    public static final class Writer implements AutoCloseable {

        private final Format format;
        private final Appendable out;
        private final CSVPrinter csv;
        private long records;
        private boolean ended;

        public Writer(Format format, Appendable out) throws IOException {
            this.format = format;
            this.out = out;
            this.csv = new CSVPrinter(out, CSV);
            if (format == Format.CSV) {
                csv.printRecord(FIELDS);
            }
        }

        public void head(SignedTreeHead head) throws IOException {
            Map<String, Object> line = line("head");
            line.put("tenant_id", head.getTenantId());
            line.put("tree_size", head.getTreeSize());
            line.put("root_hash", HEX.formatHex(head.getRootHash().toByteArray()));
            line.put("head_time", instant(head.getHeadTime()).toString());
            line.put("head_time_micros", micros(head.getHeadTime()));
            line.put("key_id", head.getKeyId());
            line.put("signature", Base64.getEncoder().encodeToString(head.getSignature().toByteArray()));
            write(line);
        }

        public void record(ExportedRecord exported) throws IOException {
            AuditRecord record = exported.getRecord();
            Map<String, Object> line = line("record");
            line.put("sequence", record.getSequence());
            line.put("record_id", record.getRecordId());
            line.put("trace_id", record.getTraceId());
            line.put("action", record.getAction());
            line.put("actor", record.getActor());
            line.put("subject_ref", record.getSubjectRef());
            line.put("connection_id", record.getConnectionId());
            line.put("attributes", new TreeMap<>(record.getAttributesMap()));
            line.put("payload_sha256", HEX.formatHex(record.getPayloadSha256().toByteArray()));
            line.put("occur_time", instant(record.getOccurTime()).toString());
            line.put("occur_time_micros", micros(record.getOccurTime()));
            line.put("leaf_hash", HEX.formatHex(record.getLeafHash().toByteArray()));
            line.put("leaf_bytes", Base64.getEncoder().encodeToString(exported.getLeafBytes().toByteArray()));
            List<String> path = new ArrayList<>();
            for (ByteString hash : exported.getAuditPathList()) {
                path.add(HEX.formatHex(hash.toByteArray()));
            }
            line.put("audit_path", path);
            write(line);
            records++;
        }

        /** Writes the end line with the record count; an export without one does not verify. */
        public void end() throws IOException {
            Map<String, Object> line = line("end");
            line.put("record_count", records);
            write(line);
            ended = true;
        }

        public long records() {
            return records;
        }

        public boolean ended() {
            return ended;
        }

        private static Map<String, Object> line(String kind) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("kind", kind);
            return line;
        }

        private void write(Map<String, Object> line) throws IOException {
            if (format == Format.JSONL) {
                out.append(JSON.writeValueAsString(line)).append('\n');
                return;
            }
            List<String> row = new ArrayList<>(FIELDS.size());
            for (String field : FIELDS) {
                Object value = line.get(field);
                row.add(value == null ? "" : value instanceof String text ? text
                        : value instanceof Number number ? number.toString()
                        : value instanceof List<?> list ? String.join(" ", list.stream().map(String::valueOf).toList())
                        : JSON.writeValueAsString(value));
            }
            csv.printRecord(row);
        }

        @Override
        public void close() throws IOException {
            csv.flush();
        }
    }

    private ExportFile() {
    }

    /**
     * Reads an export in either form (CSV when the first line is the CSV header, else JSON Lines).
     *
     * @throws ExportFormatException naming the line that cannot be read
     */
    public static AuditExport read(BufferedReader in) throws IOException {
        in.mark(8192);
        String first = in.readLine();
        in.reset();
        if (first == null) {
            throw new ExportFormatException("the export is empty (expected: a head line, record lines and an end line)");
        }
        List<Map<String, String>> lines = first.startsWith("kind,") ? csvLines(in) : jsonLines(in);
        return parse(lines, first.startsWith("kind,") ? 2 : 1);
    }

    private static List<Map<String, String>> jsonLines(BufferedReader in) throws IOException {
        List<Map<String, String>> lines = new ArrayList<>();
        long number = 0;
        for (String text = in.readLine(); text != null && number < MAX_LINES; text = in.readLine()) {
            number++;
            if (text.isBlank()) {
                continue;
            }
            try {
                JsonNode node = JSON.readTree(text);
                if (node == null || !node.isObject()) {
                    throw new ExportFormatException("line " + number + " is not a JSON object");
                }
                Map<String, String> line = new LinkedHashMap<>();
                node.fields().forEachRemaining(field -> line.put(field.getKey(), field.getValue().isValueNode()
                        ? field.getValue().asText() : field.getValue().toString()));
                lines.add(line);
            } catch (JsonProcessingException e) {
                throw new ExportFormatException("line " + number + " is not JSON: " + e.getOriginalMessage());
            }
        }
        return lines;
    }

    private static List<Map<String, String>> csvLines(Reader in) throws IOException {
        List<Map<String, String>> lines = new ArrayList<>();
        try (CSVParser parser = CSVParser.builder().setReader(in)
                .setFormat(CSV.builder().setHeader().setSkipHeaderRecord(true).get()).get()) {
            if (!parser.getHeaderNames().equals(FIELDS)) {
                throw new ExportFormatException("the CSV header is " + parser.getHeaderNames() + " (expected: " + FIELDS + ")");
            }
            for (CSVRecord row : parser) {
                if (lines.size() >= MAX_LINES) {
                    break;
                }
                Map<String, String> line = new LinkedHashMap<>();
                for (String field : FIELDS) {
                    line.put(field, row.isSet(field) ? row.get(field) : "");
                }
                lines.add(line);
            }
        } catch (UncheckedIOException e) {
            throw new ExportFormatException("the CSV cannot be read: " + e.getMessage());
        }
        return lines;
    }

    private static AuditExport parse(List<Map<String, String>> lines, int firstLine) {
        if (lines.isEmpty() || !"head".equals(lines.get(0).get("kind"))) {
            throw new ExportFormatException("line " + firstLine + " is not the head line (expected: kind head first)");
        }
        Map<String, String> h = lines.get(0);
        AuditExport.Head head = new AuditExport.Head(text(h, "tenant_id", firstLine), number(h, "tree_size", firstLine),
                hex(h, "root_hash", firstLine), number(h, "head_time_micros", firstLine), text(h, "key_id", firstLine),
                base64(h, "signature", firstLine));
        List<AuditExport.Record> records = new ArrayList<>();
        long declared = -1;
        for (int i = 1; i < lines.size(); i++) {
            Map<String, String> line = lines.get(i);
            long at = firstLine + i;
            String kind = line.getOrDefault("kind", "");
            if (declared >= 0) {
                throw new ExportFormatException("line " + at + " follows the end line (expected: nothing after it)");
            }
            if (kind.equals("end")) {
                declared = number(line, "record_count", at);
            } else if (kind.equals("record")) {
                records.add(record(line, at));
            } else {
                throw new ExportFormatException("line " + at + " has kind \"" + kind + "\" (expected: record or end)");
            }
        }
        return new AuditExport(head, records, declared);
    }

    private static AuditExport.Record record(Map<String, String> line, long at) {
        Map<String, String> attributes;
        try {
            attributes = JSON.readValue(text(line, "attributes", at), new TypeReference<Map<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw new ExportFormatException("line " + at + ": attributes is not a JSON object of strings");
        }
        List<byte[]> path = new ArrayList<>();
        String pathText = text(line, "audit_path", at).replaceAll("[\\[\\]\",]", " ").strip();
        for (String hash : pathText.isEmpty() ? new String[0] : pathText.split("\\s+")) {
            path.add(hexValue(hash, "audit_path", at));
        }
        return new AuditExport.Record(at, number(line, "sequence", at), text(line, "record_id", at),
                text(line, "trace_id", at), text(line, "action", at), text(line, "actor", at),
                text(line, "subject_ref", at), text(line, "connection_id", at), new TreeMap<>(attributes),
                hex(line, "payload_sha256", at), number(line, "occur_time_micros", at), hex(line, "leaf_hash", at),
                base64(line, "leaf_bytes", at), path);
    }

    private static String text(Map<String, String> line, String field, long at) {
        String value = line.get(field);
        if (value == null) {
            throw new ExportFormatException("line " + at + " has no " + field);
        }
        return value;
    }

    private static long number(Map<String, String> line, String field, long at) {
        try {
            return Long.parseLong(text(line, field, at));
        } catch (NumberFormatException e) {
            throw new ExportFormatException("line " + at + ": " + field + " is not a whole number");
        }
    }

    private static byte[] hex(Map<String, String> line, String field, long at) {
        return hexValue(text(line, field, at), field, at);
    }

    private static byte[] hexValue(String value, String field, long at) {
        try {
            return HEX.parseHex(value);
        } catch (IllegalArgumentException e) {
            throw new ExportFormatException("line " + at + ": " + field + " is not hex");
        }
    }

    private static byte[] base64(Map<String, String> line, String field, long at) {
        try {
            return Base64.getDecoder().decode(text(line, field, at));
        } catch (IllegalArgumentException e) {
            throw new ExportFormatException("line " + at + ": " + field + " is not base64");
        }
    }

    private static Instant instant(Timestamp time) {
        return Instant.ofEpochSecond(time.getSeconds(), time.getNanos());
    }

    private static long micros(Timestamp time) {
        return Math.addExact(Math.multiplyExact(time.getSeconds(), 1_000_000L), time.getNanos() / 1000);
    }

    /** An export file that cannot be read, with the line and what is wrong. */
    public static final class ExportFormatException extends IllegalArgumentException {

        private static final long serialVersionUID = 1L;

        ExportFormatException(String message) {
            super(message);
        }
    }
}
