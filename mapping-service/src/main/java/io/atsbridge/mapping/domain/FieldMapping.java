package io.atsbridge.mapping.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which part of an assessment goes into which ATS field.
 *
 * @param source       the part of the assessment
 * @param target       the ATS field
 * @param optionLabels for {@link AssessmentAttribute#RECOMMENDATION} only: recommendation name
 *                     ({@code ADVANCE}, {@code MAYBE}, {@code PASS}) to the option label of a select
 *                     field, or to the text written into a text field
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record FieldMapping(AssessmentAttribute source, TargetField target, Map<String, String> optionLabels) {

    public FieldMapping {
        // Sorted, so that equal mappings compare and serialise equally whatever order they came in.
        optionLabels = Collections.unmodifiableSortedMap(new TreeMap<>(optionLabels));
    }
}
