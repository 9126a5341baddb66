package io.atsbridge.consent.domain;

import java.util.List;

/**
 * One version, in one language, of a candidate-facing notice or consent text from the notice catalogue.
 *
 * @param noticeId        the stable id, e.g. {@code us-ny-nyc.ll144-aedt-notice}; it survives rule renumbering
 * @param version         the text's version, from 1; a changed text is a new version, never an edit
 * @param language        the text's language, a BCP 47 tag such as {@code en}
 * @param jurisdiction    the jurisdiction whose law asks for it, e.g. {@code US-NY-NYC}
 * @param kind            notice or consent text
 * @param title           a heading for people
 * @param ruleIds         the ids of the rule pack's rules it satisfies (a notice) or serves (a consent text)
 * @param variables       the variables the template needs, each filled by the caller
 * @param candidateFields the fields the candidate answers on the form (check boxes, signature), for the caller's form
 * @param source          the law the text follows, for people
 * @param template        the text with {@code ${variable}} placeholders
 */
public record NoticeTemplate(
        String noticeId,
        int version,
        String language,
        String jurisdiction,
        NoticeKind kind,
        String title,
        List<String> ruleIds,
        List<String> variables,
        List<String> candidateFields,
        String source,
        String template) {

    public NoticeTemplate {
        ruleIds = List.copyOf(ruleIds);
        variables = List.copyOf(variables);
        candidateFields = List.copyOf(candidateFields);
    }

    /** The purpose under which showing this text is recorded, {@code notice:<notice id>}. */
    public String recordPurpose() {
        return ConsentPurposes.NOTICE_PREFIX + noticeId;
    }
}
