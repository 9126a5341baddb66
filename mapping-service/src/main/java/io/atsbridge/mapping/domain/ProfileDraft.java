package io.atsbridge.mapping.domain;

import io.atsbridge.platform.error.DomainException;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The content of a new mapping profile version, as a caller sends it: everything but the version
 * number and the time, which the store assigns.
 *
 * @param id            the profile's stable id, e.g. {@code gh-acme-default}
 * @param connectionId  the connection the profile is for
 * @param displayName   the profile's name for people; may be empty
 * @param fieldMappings the field writes, at most one per target key
 * @param skillTags     how skills become tags
 * @param note          how the explanation note is written
 */
public record ProfileDraft(String id, String connectionId, String displayName, List<FieldMapping> fieldMappings,
                           SkillTagRule skillTags, NoteRule note) {

    /** Profile ids: lower-case letters, digits, '.', '_' and '-', starting with a letter or digit. */
    static final Pattern PROFILE_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");
    private static final Pattern NO_SPACE = Pattern.compile("\\S+");
    static final int MAX_CONNECTION_ID_LENGTH = 100;
    static final int MAX_DISPLAY_NAME_LENGTH = 200;
    static final int MAX_FIELD_MAPPINGS = 100;
    static final int MAX_KEY_LENGTH = 200;
    static final int MAX_OPTIONS = 500;
    static final int MAX_OPTION_ID_LENGTH = 200;
    static final int MAX_LABEL_LENGTH = 500;
    static final int MAX_PREFIX_LENGTH = 50;

    /** The recommendation names {@code option_labels} may use as keys. */
    static final Set<String> RECOMMENDATION_NAMES = Set.of("ADVANCE", "MAYBE", "PASS");

    /** Which field types each assessment part can be written into. */
    private static final Map<AssessmentAttribute, Set<FieldType>> COMPATIBLE = Map.of(
            AssessmentAttribute.OVERALL_SCORE, EnumSet.of(FieldType.NUMBER, FieldType.SHORT_TEXT, FieldType.LONG_TEXT),
            AssessmentAttribute.CONFIDENCE, EnumSet.of(FieldType.NUMBER, FieldType.SHORT_TEXT, FieldType.LONG_TEXT),
            AssessmentAttribute.RECOMMENDATION,
            EnumSet.of(FieldType.SINGLE_SELECT, FieldType.SHORT_TEXT, FieldType.LONG_TEXT),
            AssessmentAttribute.RATIONALE, EnumSet.of(FieldType.SHORT_TEXT, FieldType.LONG_TEXT),
            AssessmentAttribute.TRANSCRIPT_URL, EnumSet.of(FieldType.URL, FieldType.SHORT_TEXT, FieldType.LONG_TEXT),
            AssessmentAttribute.RECORDING_URL, EnumSet.of(FieldType.URL, FieldType.SHORT_TEXT, FieldType.LONG_TEXT));

    public ProfileDraft {
        fieldMappings = List.copyOf(fieldMappings);
    }

    /**
     * The draft checked against the contract and the ATS field constraints, with the display name
     * trimmed.
     *
     * @throws DomainException INVALID_ARGUMENT naming the first wrong field, its value and what is expected
     */
    ProfileDraft normalised() {
        checkProfileId("profile.id", id);
        DomainException.checkArgument(connectionId.length() <= MAX_CONNECTION_ID_LENGTH && NO_SPACE.matcher(connectionId).matches(),
                "CONNECTION_ID_INVALID", "profile.connection_id: '%s' (expected: the connection's id, 1..%s characters without spaces)",
                connectionId, MAX_CONNECTION_ID_LENGTH);
        String name = displayName.trim();
        DomainException.checkArgument(name.length() <= MAX_DISPLAY_NAME_LENGTH, "DISPLAY_NAME_TOO_LONG",
                "profile.display_name is %s characters (expected: at most %s)", name.length(), MAX_DISPLAY_NAME_LENGTH);
        DomainException.checkArgument(!fieldMappings.isEmpty(), "FIELD_MAPPINGS_MISSING",
                "profile.field_mappings is empty (expected: at least one field mapping)");
        DomainException.checkArgument(fieldMappings.size() <= MAX_FIELD_MAPPINGS, "FIELD_MAPPINGS_TOO_MANY",
                "profile.field_mappings has %s entries (expected: at most %s)", fieldMappings.size(), MAX_FIELD_MAPPINGS);
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < fieldMappings.size(); i++) {
            FieldMapping mapping = fieldMappings.get(i);
            String path = "profile.field_mappings[" + i + "]";
            checkMapping(path, mapping);
            DomainException.checkArgument(keys.add(mapping.target().key()), "TARGET_KEY_DUPLICATE",
                    "%s.target.key: '%s' is already the target of an earlier mapping (expected: at most one mapping per target key)",
                    path, mapping.target().key());
        }
        checkSkillTags(skillTags);
        return new ProfileDraft(id, connectionId, name, fieldMappings, skillTags, note);
    }

    /** Checks a profile id wherever one is given: upserts, reads and plans. */
    static void checkProfileId(String field, String value) {
        DomainException.checkArgument(!value.isEmpty(), "PROFILE_ID_MISSING", "%s is empty (expected: a profile id like gh-acme-default)", field);
        DomainException.checkArgument(PROFILE_ID.matcher(value).matches(), "PROFILE_ID_INVALID",
                "%s: '%s' (expected: 1..100 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit)",
                field, value);
    }

    private static void checkMapping(String path, FieldMapping mapping) {
        TargetField target = mapping.target();
        DomainException.checkArgument(target.key().length() <= MAX_KEY_LENGTH && NO_SPACE.matcher(target.key()).matches(),
                "TARGET_KEY_INVALID", "%s.target.key: '%s' (expected: the field's key at the ATS, 1..%s characters without spaces)",
                path, target.key(), MAX_KEY_LENGTH);
        // Every attribute has its entry in COMPATIBLE.
        Set<FieldType> compatible = Objects.requireNonNull(COMPATIBLE.get(mapping.source()));
        DomainException.checkArgument(compatible.contains(target.type()), "TARGET_TYPE_INCOMPATIBLE",
                "%s: %s cannot be written into field %s of type %s (expected: one of %s)",
                path, mapping.source(), target.key(), target.type(), compatible);
        DomainException.checkArgument(target.maxLength() >= 0, "MAX_LENGTH_INVALID",
                "%s.target.max_length: %s (expected: >= 0; 0 means no limit)", path, target.maxLength());
        DomainException.checkArgument(Double.isFinite(target.numberMin()) && Double.isFinite(target.numberMax())
                        && target.numberMin() < target.rangeMax(), "NUMBER_RANGE_INVALID",
                "%s.target: number_min %s, number_max %s (expected: finite numbers with number_min < number_max; both 0 means 0..100)",
                path, target.numberMin(), target.numberMax());
        checkOptions(path, target);
        checkOptionLabels(path, mapping);
    }

    private static void checkOptions(String path, TargetField target) {
        if (!target.type().isSelect()) {
            DomainException.checkArgument(target.options().isEmpty(), "OPTIONS_INVALID",
                    "%s.target.options has %s options but field %s is of type %s (expected: options only on select fields)",
                    path, target.options().size(), target.key(), target.type());
            return;
        }
        DomainException.checkArgument(!target.options().isEmpty() && target.options().size() <= MAX_OPTIONS, "OPTIONS_INVALID",
                "%s.target.options has %s options (expected: 1..%s for select field %s, as the ATS defines them)",
                path, target.options().size(), MAX_OPTIONS, target.key());
        Set<String> ids = new HashSet<>();
        Set<String> labels = new HashSet<>();
        for (int j = 0; j < target.options().size(); j++) {
            FieldOption option = target.options().get(j);
            String optionPath = path + ".target.options[" + j + "]";
            DomainException.checkArgument(!option.id().isBlank() && option.id().length() <= MAX_OPTION_ID_LENGTH, "OPTIONS_INVALID",
                    "%s.id: '%s' (expected: the ATS's option id, 1..%s characters)", optionPath, option.id(), MAX_OPTION_ID_LENGTH);
            DomainException.checkArgument(!option.label().isBlank() && option.label().length() <= MAX_LABEL_LENGTH, "OPTIONS_INVALID",
                    "%s.label: '%s' (expected: the option's text, 1..%s characters)", optionPath, option.label(), MAX_LABEL_LENGTH);
            DomainException.checkArgument(ids.add(option.id()), "OPTIONS_INVALID",
                    "%s.id: '%s' appears twice (expected: unique option ids)", optionPath, option.id());
            // Labels are matched ignoring case, so two labels differing only in case would be ambiguous.
            DomainException.checkArgument(labels.add(option.label().toLowerCase(Locale.ROOT)), "OPTIONS_INVALID",
                    "%s.label: '%s' appears twice, ignoring case (expected: unique option labels)", optionPath, option.label());
        }
    }

    private static void checkOptionLabels(String path, FieldMapping mapping) {
        if (mapping.optionLabels().isEmpty()) {
            return;
        }
        DomainException.checkArgument(mapping.source() == AssessmentAttribute.RECOMMENDATION, "OPTION_LABELS_INVALID",
                "%s.option_labels is set for source %s (expected: option_labels only with source RECOMMENDATION)",
                path, mapping.source());
        TargetField target = mapping.target();
        for (Map.Entry<String, String> entry : mapping.optionLabels().entrySet()) {
            DomainException.checkArgument(RECOMMENDATION_NAMES.contains(entry.getKey()), "OPTION_LABELS_INVALID",
                    "%s.option_labels key '%s' (expected: one of ADVANCE, MAYBE, PASS)", path, entry.getKey());
            String label = entry.getValue();
            DomainException.checkArgument(!label.isBlank() && label.length() <= MAX_LABEL_LENGTH, "OPTION_LABELS_INVALID",
                    "%s.option_labels[%s]: '%s' (expected: 1..%s characters)", path, entry.getKey(), label, MAX_LABEL_LENGTH);
            if (target.type().isSelect()) {
                DomainException.checkArgument(target.optionLabelled(label).isPresent(), "OPTION_LABELS_INVALID",
                        "%s.option_labels[%s]: '%s' is not an option of field %s (expected: one of %s)",
                        path, entry.getKey(), label, target.key(),
                        target.options().stream().map(FieldOption::label).toList());
            }
        }
    }

    private static void checkSkillTags(SkillTagRule rule) {
        DomainException.checkArgument(rule.maxTags() >= 0 && rule.maxTags() <= SkillTagRule.MAX_TAGS, "SKILL_TAG_RULE_INVALID",
                "profile.skill_tags.max_tags: %s (expected: 1..%s, or 0 for %s)",
                rule.maxTags(), SkillTagRule.MAX_TAGS, SkillTagRule.DEFAULT_MAX_TAGS);
        DomainException.checkArgument(rule.prefix().length() <= MAX_PREFIX_LENGTH && rule.prefix().equals(rule.prefix().strip())
                        && rule.prefix().codePoints().noneMatch(Character::isISOControl), "SKILL_TAG_RULE_INVALID",
                "profile.skill_tags.prefix: '%s' (expected: at most %s characters, no leading or trailing spaces, no line breaks)",
                rule.prefix(), MAX_PREFIX_LENGTH);
    }
}
