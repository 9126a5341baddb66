package io.atsbridge.mapping.domain;

import java.time.Instant;
import java.util.List;

/**
 * One stored, immutable version of a mapping profile: how a connection's AI results land in its ATS.
 *
 * @param id            the profile's stable id
 * @param version       1 for the first version, +1 for each upsert
 * @param connectionId  the connection the profile is for; the same for every version
 * @param displayName   the profile's name for people; may be empty
 * @param fieldMappings the field writes, at most one per target key
 * @param skillTags     how skills become tags
 * @param note          how the explanation note is written
 * @param createTime    when this version was stored
 */
public record MappingProfile(String id, int version, String connectionId, String displayName,
                             List<FieldMapping> fieldMappings, SkillTagRule skillTags, NoteRule note,
                             Instant createTime) {

    public MappingProfile {
        fieldMappings = List.copyOf(fieldMappings);
    }

    /** This version's content, for comparing a retried upsert with what it stored. */
    ProfileDraft content() {
        return new ProfileDraft(id, connectionId, displayName, fieldMappings, skillTags, note);
    }
}
