package io.atsbridge.audit.domain;

/**
 * The references compliance asks about that a record carries as attributes, kept in indexed columns beside it:
 * attribute {@code candidate_id}, {@code application_id} and {@code requisition_id}, each when it is an id (1..100
 * visible ASCII characters without spaces), else empty. Derived from the content, so the leaf never depends on them.
 *
 * @param candidateId   the record's attribute candidate_id; empty when none
 * @param applicationId the record's attribute application_id; empty when none
 * @param requisitionId the record's attribute requisition_id; empty when none
 */
public record RecordReferences(String candidateId, String applicationId, String requisitionId) {

    /** The attribute that names the candidate a record is about. */
    public static final String CANDIDATE_ID = "candidate_id";
    /** The attribute that names the application a record is about. */
    public static final String APPLICATION_ID = "application_id";
    /** The attribute that names the requisition (job) a record is about. */
    public static final String REQUISITION_ID = "requisition_id";

    /** The references the content carries. */
    public static RecordReferences of(RecordContent content) {
        return new RecordReferences(reference(content, CANDIDATE_ID), reference(content, APPLICATION_ID),
                reference(content, REQUISITION_ID));
    }

    private static String reference(RecordContent content, String key) {
        String value = content.attributes().getOrDefault(key, "");
        return FieldRules.isId(value, FieldRules.MAX_ID_LENGTH) ? value : "";
    }
}
