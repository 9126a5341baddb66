package io.atsbridge.audit.bias.domain;

import io.micronaut.core.annotation.Nullable;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * What a tool produced for a candidate on a requisition, and what happened next.
 *
 * @param tool           the tool
 * @param candidateId    the canonical candidate id
 * @param requisitionId  the requisition
 * @param jobCategory    the category of job; may be empty
 * @param score          the tool's score; null when it gave none (or this call does not carry it)
 * @param recommendation the tool's recommendation code; may be empty
 * @param advanced       whether the candidate moved forward
 * @param selected       whether the candidate was hired
 * @param assessTime     when the tool assessed the candidate; null when this call does not say
 */
public record Outcome(Tool tool, String candidateId, String requisitionId, String jobCategory, @Nullable BigDecimal score,
                      String recommendation, boolean advanced, boolean selected, @Nullable Instant assessTime) {
}
