package io.atsbridge.adapter.engine.domain;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/**
 * Who holds one custom field value on one ATS record, and what value atsbridge last saw there. A later
 * write compares the value the ATS holds now with {@code observedText}: equal means nobody changed it
 * since, so atsbridge may write again; different means a person did, and the write becomes a
 * {@link WriteConflict}.
 *
 * @param scope        {@link WriteRecord#CANDIDATE} or {@link WriteRecord#APPLICATION}
 * @param recordId     the ATS record id (Greenhouse candidate or application id)
 * @param writtenText  the value as atsbridge sent it (option id for a select); null for a person's value
 * @param observedText the value as the ATS shows it (option name for a select); null when empty
 */
public record FieldOwnership(String atsConnectionId, String scope, String recordId, String fieldKey, Owner owner,
                             @Nullable String writtenText, @Nullable String observedText, Instant updateTime) {

    /** Who the value belongs to. */
    public enum Owner {
        /** atsbridge wrote it and may overwrite it while the ATS still shows it. */
        ATSBRIDGE,
        /** An operator kept a person's value: atsbridge leaves the field alone until an operator applies its value. */
        PERSON
    }
}
