package io.atsbridge.audit.bias.domain;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Locale;

import static org.apache.commons.text.StringEscapeUtils.escapeHtml4;
import static org.apache.commons.text.StringEscapeUtils.escapeXml10;

/** Renders a stored report: the LL144 published summary (HTML, JSON), the full report (JSON, CSV), a chart (SVG). */
@Singleton
public final class ReportRenderer {

    private static final int CHART_LABEL_WIDTH = 330;
    private static final int CHART_BAR_WIDTH = 400;
    private static final int CHART_ROW_HEIGHT = 22;

    private final JsonMapper json;

    ReportRenderer(JsonMapper json) {
        this.json = json;
    }

    /**
     * The rendering of a report.
     *
     * @param audit the latest recorded audit of the report's tool, for the summary's dates; null when none
     */
    public String render(BiasAudits.StoredReport stored, ReportFormat format, @Nullable RecordedAudit audit) {
        BiasReport report = stored.report();
        return switch (format) {
            case FULL_JSON -> stored.document();
            case FULL_CSV -> csv(report);
            case SUMMARY_JSON -> write(summary(report, audit));
            case SUMMARY_HTML -> html(summary(report, audit));
            case CHART_SVG -> svg(report);
        };
    }

    static PublishedSummary summary(BiasReport report, @Nullable RecordedAudit audit) {
        return new PublishedSummary(audit == null ? "" : audit.auditDate().toString(),
                audit == null ? "" : audit.distributionDate().toString(), report.tool(), report.dataSource(),
                report.periodStart(), report.periodEnd(), report.kind(), report.unknownCount(), report.tables(),
                report.reportId());
    }

    private String write(Object document) {
        try {
            return json.writeValueAsString(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String csv(BiasReport report) {
        StringBuilder out = new StringBuilder();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader("dimension", "code", "label",
                "applicants", "positives", "rate", "impact_ratio", "excluded", "adverse_impact", "justification").get())) {
            for (BiasReport.Table table : report.tables()) {
                for (BiasReport.Row row : table.rows()) {
                    printer.printRecord(table.dimension(), row.code(), row.label(), row.applicants(), row.positives(),
                            row.rate(), row.impactRatio(), row.excluded(), row.adverseImpact(), row.justification());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static String html(PublishedSummary summary) {
        boolean selection = summary.rateKind() == RateKind.SELECTION;
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>Bias audit summary</title></head><body>\n<h1>Summary of the bias audit of an automated "
                + "employment decision tool</h1>\n<dl>\n");
        item(html, "Date of the most recent bias audit", summary.auditDate().isEmpty() ? "none recorded" : summary.auditDate());
        item(html, "Distribution date of the tool", summary.distributionDate().isEmpty() ? "not recorded"
                : summary.distributionDate());
        item(html, "Tool", summary.tool().connectionId() + " " + summary.tool().model() + " " + summary.tool().modelVersion());
        item(html, "Source and explanation of the data", summary.dataSource());
        item(html, "Period", summary.periodStart() + " to " + summary.periodEnd());
        item(html, "Individuals with an unknown sex or race/ethnicity category (not included in the tables)",
                Long.toString(summary.unknownCount()));
        html.append("</dl>\n");
        for (BiasReport.Table table : summary.tables()) {
            html.append("<h2>").append(title(table.dimension())).append(" categories</h2>\n<table>\n<tr><th>Category</th>"
                    + "<th># Applicants</th><th>").append(selection ? "# Selected" : "# Scored above the median")
                    .append("</th><th>").append(selection ? "Selection rate" : "Scoring rate")
                    .append("</th><th>Impact ratio</th></tr>\n");
            for (BiasReport.Row row : table.rows()) {
                html.append("<tr><td>").append(escapeHtml4(row.label())).append("</td><td>").append(row.applicants())
                        .append("</td><td>").append(row.positives()).append("</td><td>").append(percent(row.rate()))
                        .append("</td><td>").append(row.excluded() ? "excluded" : row.impactRatio().isEmpty() ? "—"
                                : row.impactRatio()).append("</td></tr>\n");
            }
            html.append("</table>\n");
            for (BiasReport.Row row : table.rows()) {
                if (row.excluded()) {
                    html.append("<p>").append(escapeHtml4(row.justification())).append("</p>\n");
                }
            }
        }
        return html.append("</body></html>\n").toString();
    }

    private static void item(StringBuilder html, String term, String value) {
        html.append("<dt>").append(escapeHtml4(term)).append("</dt><dd>").append(escapeHtml4(value)).append("</dd>\n");
    }

    private static String percent(String rate) {
        return rate.isEmpty() ? "—" : new BigDecimal(rate).movePointRight(2).stripTrailingZeros().toPlainString() + "%";
    }

    private static String title(Dimension dimension) {
        return switch (dimension) {
            case SEX -> "Sex";
            case RACE_ETHNICITY -> "Race/ethnicity";
            case INTERSECTIONAL -> "Intersectional";
        };
    }

    /**
     * Horizontal bars of every category's impact ratio on a 0..1 scale, with the four-fifths line at 0.8; bars under
     * it are red. Categories without a ratio (excluded, empty) are listed with the reason instead of a bar.
     */
    private static String svg(BiasReport report) {
        int rows = report.tables().stream().mapToInt(table -> table.rows().size() + 1).sum();
        int width = CHART_LABEL_WIDTH + CHART_BAR_WIDTH + 60;
        int height = (rows + 2) * CHART_ROW_HEIGHT;
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                        + "font-family=\"sans-serif\" font-size=\"12\">\n<title>Impact ratios, %s (%s to %s)</title>\n",
                width, height, width, height, escapeXml10(report.tool().connectionId()), report.periodStart(),
                report.periodEnd()));
        int y = CHART_ROW_HEIGHT;
        for (BiasReport.Table table : report.tables()) {
            svg.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"%d\" font-weight=\"bold\">%s</text>\n", y + 14,
                    title(table.dimension())));
            y += CHART_ROW_HEIGHT;
            for (BiasReport.Row row : table.rows()) {
                svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>\n",
                        CHART_LABEL_WIDTH - 6, y + 14, escapeXml10(row.label())));
                if (row.impactRatio().isEmpty()) {
                    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"#666\">%s</text>\n",
                            CHART_LABEL_WIDTH + 4, y + 14, row.excluded() ? "excluded (under 2 % of the data)"
                                    : row.applicants() == 0 ? "no applicants" : "no ratio (no category above 0)"));
                } else {
                    BigDecimal ratio = new BigDecimal(row.impactRatio());
                    int bar = ratio.multiply(BigDecimal.valueOf(CHART_BAR_WIDTH)).intValue();
                    svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>"
                                    + "<text x=\"%d\" y=\"%d\">%s</text>\n", CHART_LABEL_WIDTH, y + 3, bar,
                            CHART_ROW_HEIGHT - 6, row.adverseImpact() ? "#c0392b" : "#2e86c1", CHART_LABEL_WIDTH + bar + 4,
                            y + 14, row.impactRatio()));
                }
                y += CHART_ROW_HEIGHT;
            }
        }
        int line = CHART_LABEL_WIDTH + CHART_BAR_WIDTH * 4 / 5;
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#000\" "
                + "stroke-dasharray=\"4 3\"/><text x=\"%d\" y=\"%d\" text-anchor=\"middle\">0.8 (four-fifths)</text>\n",
                line, CHART_ROW_HEIGHT, line, y, line, y + 14));
        return svg.append("</svg>\n").toString();
    }
}
