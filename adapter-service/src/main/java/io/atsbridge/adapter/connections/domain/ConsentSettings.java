package io.atsbridge.adapter.connections.domain;

import io.micronaut.core.annotation.Nullable;

import java.time.LocalDate;
import java.util.List;

/**
 * What a connection declares that consent-service needs to decide the loop's actions (issue #14).
 *
 * <p>On an AI_VENDOR connection: the data categories its interviews process (asked about before every capture,
 * disclosure, scoring and write-back), and the date and published summary of the tool's latest bias audit (NYC Local
 * Law 144: scoring in New York City needs an audit at most a year old and its summary published). On an ATS
 * connection: the places of its positions, used while the ATS's jobs carry no place atsbridge can read.
 *
 * <p>These settings are declared in configuration ({@code atsbridge.connections.<id>.*}) and held in memory; they
 * are not stored with the connection, so a connection created through the API has the defaults until it is declared.
 *
 * @param dataCategories           consent-service vocabulary codes, never empty
 * @param biasAuditDate            the day of the tool's latest independent bias audit, or null when none is on record
 * @param biasAuditSummaryUrl      where the audit's summary is published (http or https), or null
 * @param requisitionJurisdictions jurisdiction codes of the connection's positions; empty when none is declared
 */
public record ConsentSettings(List<String> dataCategories, @Nullable LocalDate biasAuditDate,
                              @Nullable String biasAuditSummaryUrl, List<String> requisitionJurisdictions) {

    /** What an AI interview captures when its connection declares nothing: the recording's picture and sound. */
    public static final List<String> DEFAULT_DATA_CATEGORIES = List.of("video", "voice_recording");

    /**
     * The data categories consent-service knows (its {@code DataCategories} vocabulary, copied because the adapter
     * does not depend on consent-service; a category consent-service has since dropped is refused by it, failing closed).
     */
    public static final List<String> VOCABULARY = List.of("personal_data", "biometric", "biometric.voiceprint",
            "biometric.face_geometry", "biometric.face_template", "voice_recording", "video", "transcript",
            "emotion_recognition", "score", "recommendation", "classification", "demographic", "zip_code",
            "system_logs", "audit_summary", "job_posting");

    /** The settings of a connection that declares none. */
    public static final ConsentSettings DEFAULTS = new ConsentSettings(DEFAULT_DATA_CATEGORIES, null, null, List.of());

    public ConsentSettings {
        dataCategories = List.copyOf(dataCategories);
        requisitionJurisdictions = List.copyOf(requisitionJurisdictions);
        if (dataCategories.isEmpty()) {
            throw new IllegalArgumentException("dataCategories: empty (expected: at least one category)");
        }
    }
}
