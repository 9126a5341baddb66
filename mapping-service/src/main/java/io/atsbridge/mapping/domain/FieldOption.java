package io.atsbridge.mapping.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

/**
 * One option of a select field.
 *
 * @param id    the ATS's option id
 * @param label the option's text as the ATS shows it
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record FieldOption(String id, String label) {
}
