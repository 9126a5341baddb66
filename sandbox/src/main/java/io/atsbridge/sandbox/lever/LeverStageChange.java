package io.atsbridge.sandbox.lever;

import java.time.Instant;

/**
 * One entry of an opportunity's {@code stageChanges}.
 *
 * @param toStageIndex the stage's position in the account's pipeline, from 0
 * @param userId       who moved it (the API key's user when a client sent no {@code perform_as})
 */
public record LeverStageChange(String toStageId, int toStageIndex, Instant updatedAt, String userId) {
}
