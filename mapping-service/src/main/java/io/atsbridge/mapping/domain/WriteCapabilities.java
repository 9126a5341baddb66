package io.atsbridge.mapping.domain;

import io.micronaut.core.annotation.Nullable;

import java.util.Set;

/**
 * What the ATS connector executing a plan can write. A field mapping onto a record or type the connector
 * cannot write, tags it cannot add, a note it cannot post: the plan leaves them out and says so, instead
 * of the write failing at the ATS.
 *
 * @param vendor                e.g. {@code LEVER}, for the reasons people read
 * @param candidateFieldTypes   field types writable on the candidate; empty: none
 * @param applicationFieldTypes field types writable on the application; empty: none
 */
public record WriteCapabilities(String vendor, Set<FieldType> candidateFieldTypes, Set<FieldType> applicationFieldTypes,
                                boolean tags, boolean notes) {

    /** No limits beyond the profile's (the caller did not describe its connector). */
    public static final WriteCapabilities UNLIMITED = new WriteCapabilities("", Set.of(FieldType.values()),
            Set.of(FieldType.values()), true, true);

    public WriteCapabilities {
        candidateFieldTypes = Set.copyOf(candidateFieldTypes);
        applicationFieldTypes = Set.copyOf(applicationFieldTypes);
    }

    /** Why the field cannot be written, or null when it can. */
    @Nullable
    String refusal(TargetField field) {
        Set<FieldType> writable = field.scope() == FieldScope.APPLICATION ? applicationFieldTypes : candidateFieldTypes;
        if (writable.contains(field.type())) {
            return null;
        }
        String record = field.scope() == FieldScope.APPLICATION ? "application" : "candidate";
        return writable.isEmpty()
                ? String.format("the %s connector cannot write %s custom fields; field '%s' is left out (remove it from "
                        + "the profile, or map it for an ATS that has them)", vendor, record, field.key())
                : String.format("the %s connector cannot write %s fields of type %s (it writes %s); field '%s' is left out",
                        vendor, record, field.type(), writable, field.key());
    }
}
