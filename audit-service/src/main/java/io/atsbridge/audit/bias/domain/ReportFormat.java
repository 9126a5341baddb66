package io.atsbridge.audit.bias.domain;

/** The renderings of a stored report. */
public enum ReportFormat {
    SUMMARY_HTML("text/html; charset=utf-8"),
    SUMMARY_JSON("application/json"),
    FULL_JSON("application/json"),
    FULL_CSV("text/csv; charset=utf-8"),
    CHART_SVG("image/svg+xml");

    private final String contentType;

    ReportFormat(String contentType) {
        this.contentType = contentType;
    }

    /** The media type of the rendering. */
    public String contentType() {
        return contentType;
    }
}
