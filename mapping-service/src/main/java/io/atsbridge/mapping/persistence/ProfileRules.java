package io.atsbridge.mapping.persistence;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.atsbridge.mapping.domain.FieldMapping;
import io.atsbridge.mapping.domain.NoteRule;
import io.atsbridge.mapping.domain.SkillTagRule;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * The part of a profile version stored as one JSON document (column {@code rules}): the nested
 * field mappings and the tag and note rules. Field names here are the stored format. Empty values
 * are written too (Serde leaves them out by default), so every field reads back as it was written.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
record ProfileRules(List<FieldMapping> fieldMappings, SkillTagRule skillTags, NoteRule note) {
}
