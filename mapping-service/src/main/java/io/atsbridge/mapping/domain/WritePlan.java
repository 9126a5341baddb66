package io.atsbridge.mapping.domain;

import io.micronaut.core.annotation.Nullable;

import java.util.List;

/**
 * Everything to write back for one assessment, typed for the ATS. The adapter executes it; the
 * mapping service only plans.
 *
 * @param profileId      the profile used
 * @param profileVersion the profile version used
 * @param fieldWrites    the custom field values to write, in the profile's order
 * @param tags           the tags to add
 * @param note           the explanation note, or null when notes are off
 * @param dropped        what the plan leaves out, and why
 */
public record WritePlan(String profileId, int profileVersion, List<FieldWrite> fieldWrites, List<String> tags,
                        @Nullable PlannedNote note, List<DroppedItem> dropped) {

    public WritePlan {
        fieldWrites = List.copyOf(fieldWrites);
        tags = List.copyOf(tags);
        dropped = List.copyOf(dropped);
    }

    /** One value to write into one ATS field. */
    public record FieldWrite(TargetField field, FieldValue value, AssessmentAttribute source) {
    }

    /** A value typed for its field. */
    public sealed interface FieldValue {
    }

    /** A number, already on the field's range and rounded. */
    public record NumberValue(double number) implements FieldValue {
    }

    /** Text that fits the field. */
    public record TextValue(String text) implements FieldValue {
    }

    /** The ATS id of the chosen option of a single-select field. */
    public record OptionValue(String optionId) implements FieldValue {
    }

    /** An absolute http(s) URL. */
    public record UrlValue(String url) implements FieldValue {
    }

    /** The explanation note for the candidate's activity feed, plain text. */
    public record PlannedNote(String body, NoteVisibility visibility) {
    }

    /**
     * Something the plan leaves out.
     *
     * @param source the assessment part, or null for observed skills (the contract has no attribute for them)
     * @param reason machine-readable, UPPER_SNAKE
     * @param detail what was wrong and what to change, for people
     */
    public record DroppedItem(@Nullable AssessmentAttribute source, String reason, String detail) {
    }
}
