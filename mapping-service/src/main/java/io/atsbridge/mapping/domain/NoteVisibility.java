package io.atsbridge.mapping.domain;

import io.micronaut.serde.annotation.Serdeable;

/** Who may read a note in the ATS. Stored by name in mapping profiles. */
@Serdeable
public enum NoteVisibility {
    /** Whatever the ATS does by default. */
    ATS_DEFAULT,
    ADMIN_ONLY,
    PRIVATE,
    PUBLIC
}
