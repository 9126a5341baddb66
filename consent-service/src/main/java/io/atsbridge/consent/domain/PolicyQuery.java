package io.atsbridge.consent.domain;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.List;

/**
 * An action to decide on.
 *
 * @param candidateId              the canonical candidate whose ledger is read
 * @param action                   what atsbridge wants to do
 * @param jurisdictions            the candidate's places; each also brings in its ancestors
 * @param dataCategories           the kinds of data the action captures or produces
 * @param evaluateTime             the moment to decide for, or null for now
 * @param requisitionJurisdictions the job's places; their rules apply as the candidate's do
 * @param resultConfidence         the AI result's confidence 0..1, or null when not sent
 * @param tool                     the AI tool and its bias audit, or null when none is on record
 * @param recipient                who receives the data in a disclosure
 * @param lastInteractionTime      the candidate's last interaction with the employer, or null when unknown
 * @param deletionRequestTime      when the candidate asked for deletion, or null when they have not
 * @param jobPostingDisclosesAi    whether the requisition's public posting discloses the use of AI
 */
public record PolicyQuery(
        String candidateId,
        PolicyAction action,
        List<String> jurisdictions,
        List<String> dataCategories,
        @Nullable Instant evaluateTime,
        List<String> requisitionJurisdictions,
        @Nullable Double resultConfidence,
        @Nullable ToolAudit tool,
        Recipient recipient,
        @Nullable Instant lastInteractionTime,
        @Nullable Instant deletionRequestTime,
        boolean jobPostingDisclosesAi) {

    public PolicyQuery {
        jurisdictions = List.copyOf(jurisdictions);
        dataCategories = List.copyOf(dataCategories);
        requisitionJurisdictions = List.copyOf(requisitionJurisdictions);
    }

    /** A query with only the candidate's places and nothing beyond the categories. */
    public PolicyQuery(String candidateId, PolicyAction action, List<String> jurisdictions, List<String> dataCategories,
                       @Nullable Instant evaluateTime) {
        this(candidateId, action, jurisdictions, dataCategories, evaluateTime, List.of(), null, null, Recipient.OTHER,
                null, null, false);
    }

    /** Who receives data in a disclosure. */
    public enum Recipient {
        /** Someone whose expertise or technology is needed to evaluate the applicant (e.g. the AI vendor). */
        EVALUATOR,
        /** Anyone else, and the answer when the caller did not say. */
        OTHER
    }

    /**
     * The AI tool a result comes from, with its bias audit as recorded per AI vendor connection.
     *
     * @param toolId        the tool, for messages
     * @param biasAuditTime when its latest bias audit was completed, or null when none is on record
     * @param summaryUrl    where the audit's summary is published, or empty
     */
    public record ToolAudit(String toolId, @Nullable Instant biasAuditTime, String summaryUrl) {
    }
}
