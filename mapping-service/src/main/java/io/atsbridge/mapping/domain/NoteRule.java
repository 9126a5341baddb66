package io.atsbridge.mapping.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

/**
 * Whether and how the attributed explanation note is written.
 *
 * @param enabled    whether the note is written
 * @param visibility who may read it
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record NoteRule(boolean enabled, NoteVisibility visibility) {

    /** Notes off. */
    public static final NoteRule OFF = new NoteRule(false, NoteVisibility.ATS_DEFAULT);
}
