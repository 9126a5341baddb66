package io.atsbridge.adapter.engine.domain;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/**
 * One thing atsbridge wrote onto an ATS record for a case: a custom field value, a tag or a note.
 * Together they say which values atsbridge owns, so a later write can tell a recruiter's edit from its own.
 *
 * @param scope     CANDIDATE or APPLICATION for custom fields, TAG, NOTE
 * @param fieldKey  the custom field's immutable key, the tag, or {@code note}
 * @param valueText the value as written (number as plain decimal, option id, text, URL, tag, note body)
 * @param noteId    the ATS note id for a note
 */
public record WriteRecord(String scope, String fieldKey, @Nullable String valueText, @Nullable String noteId,
                          Instant writeTime) {

    public static final String CANDIDATE = "CANDIDATE";
    public static final String APPLICATION = "APPLICATION";
    public static final String TAG = "TAG";
    public static final String NOTE = "NOTE";
}
