package io.atsbridge.adapter.engine.domain;

import io.micronaut.serde.annotation.Serdeable;

/**
 * One id an event names, stored with the event as JSON.
 *
 * @param connectionId the connection whose system issued the id
 * @param vendor       that system's vendor name, e.g. {@code GREENHOUSE}
 * @param kind         what the id names: CANDIDATE, APPLICATION, REQUISITION, INTERVIEW or USER
 * @param id           the id exactly as the external system spells it
 */
@Serdeable
public record EventRef(String connectionId, String vendor, String kind, String id) {
}
