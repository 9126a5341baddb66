package io.atsbridge.audit.bias.domain;

import io.atsbridge.audit.domain.AuditLog;
import io.atsbridge.audit.domain.RecordContent;
import io.atsbridge.platform.error.DomainException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Bias audits of automated employment decision tools: candidates' self-identification held apart, outcomes per tool,
 * reports (LL144 impact ratios, four-fifths flags) appended to the audit log by their hash, and the audits on record.
 */
@Singleton
public final class BiasAudits {

    /** Most assessments one report reads; larger samples are reported from aggregate counts. */
    static final int MAX_ASSESSMENTS = 1_000_000;
    private static final Pattern ID = Pattern.compile("[!-~]{1,100}");
    private static final int MAX_TEXT = 100;

    private final BiasStore store;
    private final AuditLog auditLog;
    private final JsonMapper json;
    private final Clock clock;

    BiasAudits(BiasStore store, AuditLog auditLog, JsonMapper json, Clock clock) {
        this.store = store;
        this.auditLog = auditLog;
        this.json = json;
        this.clock = clock;
    }

    /** Stores a candidate's self-identification; true when it replaced an earlier one. */
    public boolean recordDemographics(String tenantId, String candidateId, Demographics demographics) {
        checkId(candidateId, "candidate_id");
        DomainException.checkArgument(!demographics.declined() || (demographics.sex() == null && demographics.race() == null),
                "DECLINED_WITH_CATEGORY", "declined is true but a sex or race_ethnicity is given "
                        + "(expected: either the categories the candidate gave, or declined alone)");
        return store.putDemographics(tenantId, candidateId, demographics, now());
    }

    public Demographics demographics(String tenantId, String candidateId) {
        checkId(candidateId, "candidate_id");
        return store.demographics(tenantId, candidateId).orElseThrow(() -> DomainException.notFound(
                "DEMOGRAPHICS_NOT_FOUND", "no self-identification is stored for candidate_id %s", shown(candidateId)));
    }

    /** Deletes everything the bias store holds about a candidate. */
    public BiasStore.Erasure erase(String tenantId, String candidateId) {
        checkId(candidateId, "candidate_id");
        return store.erase(tenantId, candidateId);
    }

    /** Records or merges an outcome; true when merged into an earlier one. */
    public boolean recordOutcome(String tenantId, Outcome outcome) {
        checkTool(outcome.tool());
        checkId(outcome.candidateId(), "candidate_id");
        checkId(outcome.requisitionId(), "requisition_id");
        checkText(outcome.jobCategory(), "job_category");
        checkText(outcome.recommendation(), "recommendation");
        BigDecimal score = outcome.score();
        DomainException.checkArgument(score == null || (score.precision() - score.scale() <= 18 && score.scale() <= 6),
                "SCORE_INVALID", "score %s has too many digits (expected: at most 18 before and 6 after the point)", score);
        if (outcome.assessTime() == null) {
            DomainException.checkArgument(store.hasOutcome(tenantId, outcome.tool().connectionId(), outcome.requisitionId(),
                    outcome.candidateId()), "ASSESS_TIME_MISSING", "assess_time is not set and no outcome of candidate %s "
                    + "on requisition %s is recorded yet (expected: assess_time on the first call)",
                    shown(outcome.candidateId()), shown(outcome.requisitionId()));
        }
        return store.putOutcome(tenantId, outcome, now());
    }

    /**
     * Stores an auditor's aggregate counts; the same id with the same content again changes nothing.
     *
     * @return the counts as read from the CSV
     */
    public List<DemographicCell> uploadAggregates(String tenantId, AggregateUpload upload) {
        checkId(upload.uploadId(), "upload_id");
        checkTool(upload.tool());
        checkText(upload.jobCategory(), "job_category");
        DomainException.checkArgument(!upload.periodEnd().isBefore(upload.periodStart()), "PERIOD_INVALID",
                "period_end %s is before period_start %s", upload.periodEnd(), upload.periodStart());
        DomainException.checkArgument(!upload.dataSource().isBlank() && upload.dataSource().length() <= 2000,
                "DATA_SOURCE_INVALID", "data_source is empty or longer than 2000 characters (expected: where the data "
                        + "comes from and how it was gathered, for the published summary)");
        List<DemographicCell> cells = AggregateCsv.parse(upload.csv());
        byte[] sha256 = sha256(String.join("\n", upload.uploadId(), upload.tool().toString(), upload.jobCategory(),
                upload.kind().name(), upload.periodStart().toString(), upload.periodEnd().toString(), upload.dataSource(),
                upload.csv()));
        var stored = store.upload(tenantId, upload.uploadId());
        if (stored.isPresent()) {
            if (!Arrays.equals(stored.get().sha256(), sha256)) {
                throw DomainException.alreadyExists("UPLOAD_ID_REUSED",
                        "upload_id %s is already used for other counts; give this upload a new upload_id",
                        shown(upload.uploadId()));
            }
            return cells;
        }
        store.putUpload(tenantId, upload, sha256, now());
        return cells;
    }

    /**
     * Computes a report, stores it and appends "bias.report_generated" with its SHA-256 to the tenant's audit log.
     *
     * @param actor who asked (the caller's name), for the audit record
     */
    public StoredReport generate(String tenantId, ReportSpec spec, String actor) {
        checkTool(spec.tool());
        checkText(spec.jobCategory(), "job_category");
        String reportId = "bias-" + UUID.randomUUID();
        Instant now = now();
        BiasReport report;
        if (!spec.uploadId().isEmpty()) {
            AggregateUpload upload = store.upload(tenantId, spec.uploadId()).map(BiasStore.StoredUpload::upload)
                    .orElseThrow(() -> DomainException.notFound("UPLOAD_NOT_FOUND", "no aggregate upload %s is stored",
                            shown(spec.uploadId())));
            DomainException.checkArgument(upload.kind() == spec.kind(), "RATE_KIND_MISMATCH",
                    "upload %s counts %s, not %s (expected: the upload's rate_kind)", shown(spec.uploadId()),
                    upload.kind(), spec.kind());
            ReportSpec uploaded = new ReportSpec(upload.tool(), upload.jobCategory(), spec.kind(), null, null,
                    spec.uploadId(), spec.excludeSmall());
            BiasCalculation calculation = BiasCalculation.ofCells(spec.kind(), null, AggregateCsv.parse(upload.csv()),
                    spec.excludeSmall());
            report = BiasReport.of(reportId, uploaded, upload.periodStart().toString(), upload.periodEnd().toString(),
                    upload.dataSource(), calculation, now);
        } else {
            Instant start = spec.start();
            Instant end = spec.end();
            if (start == null || end == null || !start.isBefore(end)) {
                throw DomainException.invalidArgument("PERIOD_INVALID",
                        "start_time %s and end_time %s (expected: both set, start before end)", start, end);
            }
            List<Assessment> assessments = store.assessments(tenantId, spec, MAX_ASSESSMENTS + 1);
            DomainException.checkArgument(assessments.size() <= MAX_ASSESSMENTS, "REPORT_TOO_LARGE",
                    "the period holds more than %s assessments (expected: a shorter period, or aggregate counts)",
                    MAX_ASSESSMENTS);
            BiasCalculation calculation = BiasCalculation.ofAssessments(spec.kind(), assessments, spec.excludeSmall());
            report = BiasReport.of(reportId, spec, day(start), day(end.minusNanos(1)),
                    "outcomes atsbridge recorded for this employer's candidates (historical data, 6 RCNY 5-302(a))",
                    calculation, now);
        }
        String document = write(report);
        byte[] sha256 = sha256(document);
        store.putReport(tenantId, report, document, sha256);
        auditLog.append(tenantId, List.of(RecordContent.of("bias-report-generated-" + reportId, reportId,
                "bias.report_generated", actor, reportId, report.tool().connectionId(),
                Map.of("rate_kind", report.kind().name(), "period_start", report.periodStart(),
                        "period_end", report.periodEnd(), "upload_id", spec.uploadId()),
                sha256, now)));
        return new StoredReport(report, document, sha256);
    }

    /** A stored report. */
    public StoredReport report(String tenantId, String reportId) {
        checkId(reportId, "report_id");
        String document = store.reportJson(tenantId, reportId).orElseThrow(() -> DomainException.notFound(
                "REPORT_NOT_FOUND", "no bias report %s is stored", shown(reportId)));
        try {
            return new StoredReport(json.readValue(document, BiasReport.class), document, sha256(document));
        } catch (IOException e) {
            throw new UncheckedIOException("stored bias report " + reportId + " does not read back", e);
        }
    }

    /** Records an independent audit; the same id with the same content again changes nothing. */
    public RecordedAudit recordAudit(String tenantId, RecordedAudit audit) {
        checkId(audit.auditId(), "audit_id");
        checkTool(audit.tool());
        LocalDate today = LocalDate.ofInstant(now(), ZoneOffset.UTC);
        DomainException.checkArgument(!audit.auditDate().isAfter(today), "AUDIT_DATE_INVALID",
                "audit_date %s is in the future (expected: the date the audit was done)", audit.auditDate());
        DomainException.checkArgument(isHttps(audit.summaryUrl()), "SUMMARY_URL_INVALID",
                "summary_url %s is not an https URL of at most 2000 characters (expected: where the summary of results "
                        + "is published, 6 RCNY 5-303)", shown(audit.summaryUrl()));
        if (!audit.reportId().isEmpty()) {
            checkId(audit.reportId(), "report_id");
        }
        var existing = store.audit(tenantId, audit.auditId());
        if (existing.isPresent()) {
            RecordedAudit stored = existing.get();
            boolean same = stored.tool().equals(audit.tool()) && stored.auditDate().equals(audit.auditDate())
                    && stored.summaryUrl().equals(audit.summaryUrl())
                    && stored.distributionDate().equals(audit.distributionDate())
                    && stored.reportId().equals(audit.reportId());
            if (!same) {
                throw DomainException.alreadyExists("AUDIT_ID_REUSED", "audit_id %s is already recorded with other "
                        + "content; give this audit a new audit_id", shown(audit.auditId()));
            }
            return stored;
        }
        RecordedAudit recorded = new RecordedAudit(audit.auditId(), audit.tool(), audit.auditDate(), audit.summaryUrl(),
                audit.distributionDate(), audit.reportId(), now());
        store.putAudit(tenantId, recorded);
        return recorded;
    }

    /** The latest audit of a tool connection, if any. */
    public Optional<RecordedAudit> latestAudit(String tenantId, String connectionId) {
        checkId(connectionId, "connection_id");
        return store.latestAudit(tenantId, connectionId);
    }

    /**
     * A report with the JSON document that is stored and whose SHA-256 the audit log holds.
     *
     * @param report   the report
     * @param document its full JSON rendering, exactly as hashed
     * @param sha256   the document's SHA-256
     */
    public record StoredReport(BiasReport report, String document, byte[] sha256) {
    }

    private String write(BiasReport report) {
        try {
            return json.writeValueAsString(report);
        } catch (IOException e) {
            throw new UncheckedIOException("bias report " + report.reportId() + " does not serialize", e);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static String day(Instant time) {
        return LocalDate.ofInstant(time, ZoneOffset.UTC).toString();
    }

    private static boolean isHttps(String url) {
        if (url.length() > 2000) {
            return false;
        }
        try {
            URI uri = new URI(url);
            return "https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static void checkTool(Tool tool) {
        checkId(tool.connectionId(), "tool.connection_id");
        checkText(tool.model(), "tool.model");
        checkText(tool.modelVersion(), "tool.model_version");
    }

    private static void checkId(String value, String field) {
        DomainException.checkArgument(ID.matcher(value).matches(), field.toUpperCase(Locale.ROOT)
                        .replace('.', '_') + "_INVALID",
                "%s is %s (expected: 1..100 visible ASCII characters without spaces)", field, shown(value));
    }

    private static void checkText(String value, String field) {
        DomainException.checkArgument(value.length() <= MAX_TEXT && value.chars().noneMatch(Character::isISOControl),
                field.toUpperCase(Locale.ROOT).replace('.', '_') + "_INVALID",
                "%s is %s (expected: at most %s characters, no control characters)", field, shown(value), MAX_TEXT);
    }

    private static String shown(@Nullable String value) {
        if (value == null) {
            return "null";
        }
        return '"' + (value.length() <= 64 ? value : value.substring(0, 64) + "...") + '"';
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
