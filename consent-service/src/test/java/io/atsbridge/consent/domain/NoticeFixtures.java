package io.atsbridge.consent.domain;

import java.util.HashMap;
import java.util.Map;

/** Values for the shipped notices' variables, for tests in any package. */
public final class NoticeFixtures {

    private NoticeFixtures() {
    }

    /** The variables an AI vendor connection's consent settings would hold, for every shipped notice. */
    public static Map<String, String> allVariables() {
        Map<String, String> variables = new HashMap<>();
        variables.put("employer_name", "Acme Corp");
        variables.put("tool_name", "InterviewBot 3");
        variables.put("vendor_name", "Sandbox AI Interviews Inc.");
        variables.put("job_qualifications", "Java and SQL skills; communication");
        variables.put("data_categories", "video, voice recording, transcript");
        variables.put("data_retention_policy", "interview recordings are deleted 12 months after the requisition closes");
        variables.put("bias_audit_date", "2026-03-01");
        variables.put("bias_audit_summary_url", "https://acme.example/ai/bias-audit-2026");
        variables.put("alternative_process_contact", "accommodations@acme.example");
        variables.put("ai_explanation", "a language model compares your answers with the job's criteria");
        variables.put("characteristics_evaluated", "problem solving, clarity of explanation, job knowledge");
        variables.put("biometric_identifiers", "voiceprint");
        variables.put("biometric_purpose", "to check that the same person answers every question");
        variables.put("retention_term", "12 months after the requisition closes");
        variables.put("retention_schedule_url", "https://acme.example/privacy/biometric-retention");
        variables.put("applicant_name", "Jordan Example");
        variables.put("interview_date", "2026-12-14");
        variables.put("human_contact", "recruiting@acme.example");
        variables.put("controller_contact", "privacy@acme.example");
        variables.put("processing_purposes", "assessing your application for the position");
        variables.put("legal_basis", "GDPR Art. 6(1)(b), steps at your request before entering a contract");
        return variables;
    }
}
