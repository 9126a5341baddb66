package io.atsbridge.mapping.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

/**
 * How observed skills become ATS tags.
 *
 * @param enabled whether skill tags are written
 * @param prefix  put before each tag, e.g. {@code ai-skill:}; may be empty
 * @param maxTags the most tags per assessment, 1..50; 0 means {@value #DEFAULT_MAX_TAGS}
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record SkillTagRule(boolean enabled, String prefix, int maxTags) {

    static final int DEFAULT_MAX_TAGS = 10;
    static final int MAX_TAGS = 50;

    /** Skill tags off. */
    public static final SkillTagRule OFF = new SkillTagRule(false, "", 0);

    /** The tag limit with the default applied. */
    int tagLimit() {
        return maxTags == 0 ? DEFAULT_MAX_TAGS : maxTags;
    }
}
