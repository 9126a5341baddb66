package io.atsbridge.mapping.grpc;

import io.atsbridge.mapping.domain.AssessmentAttribute;
import io.atsbridge.mapping.domain.FieldMapping;
import io.atsbridge.mapping.domain.FieldOption;
import io.atsbridge.mapping.domain.FieldScope;
import io.atsbridge.mapping.domain.FieldType;
import io.atsbridge.mapping.domain.MappingProfile;
import io.atsbridge.mapping.domain.NoteRule;
import io.atsbridge.mapping.domain.NoteVisibility;
import io.atsbridge.mapping.domain.ProfileDraft;
import io.atsbridge.mapping.domain.SkillTagRule;
import io.atsbridge.mapping.domain.TargetField;
import io.atsbridge.platform.error.DomainException;
import io.atsbridge.platform.proto.ProtoTimes;

import java.util.ArrayList;
import java.util.List;

/** Translates mapping profiles between proto and domain. Enum values the domain has no name for are rejected here. */
final class ProfileMessages {

    private ProfileMessages() {
    }

    static ProfileDraft toDraft(io.atsbridge.proto.mapping.v1.MappingProfile profile) {
        List<FieldMapping> mappings = new ArrayList<>();
        for (int i = 0; i < profile.getFieldMappingsCount(); i++) {
            mappings.add(toDomain("profile.field_mappings[" + i + "]", profile.getFieldMappings(i)));
        }
        SkillTagRule skillTags = profile.hasSkillTags()
                ? new SkillTagRule(profile.getSkillTags().getEnabled(), profile.getSkillTags().getPrefix(),
                profile.getSkillTags().getMaxTags())
                : SkillTagRule.OFF;
        NoteRule note = profile.hasNote()
                ? new NoteRule(profile.getNote().getEnabled(), toDomain(profile.getNote().getVisibility(), profile.getNote().getVisibilityValue()))
                : NoteRule.OFF;
        return new ProfileDraft(profile.getId(), profile.getConnectionId(), profile.getDisplayName(), mappings, skillTags, note);
    }

    private static FieldMapping toDomain(String path, io.atsbridge.proto.mapping.v1.FieldMapping mapping) {
        AssessmentAttribute source = PlanMessages.toDomain(mapping.getSource(), path + ".source", mapping.getSourceValue());
        DomainException.checkArgument(mapping.hasTarget(), "TARGET_FIELD_MISSING",
                "%s.target is unset (expected: the ATS field to write %s into)", path, mapping.getSource());
        io.atsbridge.proto.mapping.v1.TargetField target = mapping.getTarget();
        List<FieldOption> options = target.getOptionsList().stream()
                .map(option -> new FieldOption(option.getId(), option.getLabel()))
                .toList();
        return new FieldMapping(source,
                new TargetField(target.getKey(), toDomain(path + ".target.type", target.getType(), target.getTypeValue()),
                        toDomain(path + ".target.scope", target.getScope(), target.getScopeValue()),
                        target.getMaxLength(), target.getNumberMin(), target.getNumberMax(), options),
                mapping.getOptionLabelsMap());
    }

    static FieldType toDomain(String field, io.atsbridge.proto.mapping.v1.FieldType type, int number) {
        return switch (type) {
            case FIELD_TYPE_NUMBER -> FieldType.NUMBER;
            case FIELD_TYPE_SHORT_TEXT -> FieldType.SHORT_TEXT;
            case FIELD_TYPE_LONG_TEXT -> FieldType.LONG_TEXT;
            case FIELD_TYPE_SINGLE_SELECT -> FieldType.SINGLE_SELECT;
            case FIELD_TYPE_MULTI_SELECT -> FieldType.MULTI_SELECT;
            case FIELD_TYPE_URL -> FieldType.URL;
            case FIELD_TYPE_UNSPECIFIED, UNRECOGNIZED -> throw DomainException.invalidArgument("TARGET_TYPE_INVALID",
                    "%s: %s (expected: the field's type at the ATS, e.g. FIELD_TYPE_NUMBER)", field, PlanMessages.shown(type, number));
        };
    }

    private static FieldScope toDomain(String field, io.atsbridge.proto.mapping.v1.FieldScope scope, int number) {
        return switch (scope) {
            case FIELD_SCOPE_CANDIDATE -> FieldScope.CANDIDATE;
            case FIELD_SCOPE_APPLICATION -> FieldScope.APPLICATION;
            case FIELD_SCOPE_UNSPECIFIED, UNRECOGNIZED -> throw DomainException.invalidArgument("TARGET_SCOPE_INVALID",
                    "%s: %s (expected: FIELD_SCOPE_CANDIDATE or FIELD_SCOPE_APPLICATION)", field, PlanMessages.shown(scope, number));
        };
    }

    private static NoteVisibility toDomain(io.atsbridge.proto.mapping.v1.NoteVisibility visibility, int number) {
        return switch (visibility) {
            case NOTE_VISIBILITY_UNSPECIFIED -> NoteVisibility.ATS_DEFAULT;
            case NOTE_VISIBILITY_ADMIN_ONLY -> NoteVisibility.ADMIN_ONLY;
            case NOTE_VISIBILITY_PRIVATE -> NoteVisibility.PRIVATE;
            case NOTE_VISIBILITY_PUBLIC -> NoteVisibility.PUBLIC;
            case UNRECOGNIZED -> throw DomainException.invalidArgument("NOTE_VISIBILITY_INVALID",
                    "profile.note.visibility: %s (expected: one of NOTE_VISIBILITY_ADMIN_ONLY, _PRIVATE, _PUBLIC, "
                            + "or NOTE_VISIBILITY_UNSPECIFIED for the ATS default)", number);
        };
    }

    static io.atsbridge.proto.mapping.v1.MappingProfile toProto(MappingProfile profile) {
        io.atsbridge.proto.mapping.v1.MappingProfile.Builder proto = io.atsbridge.proto.mapping.v1.MappingProfile.newBuilder()
                .setId(profile.id())
                .setVersion(profile.version())
                .setConnectionId(profile.connectionId())
                .setDisplayName(profile.displayName())
                .setSkillTags(io.atsbridge.proto.mapping.v1.SkillTagRule.newBuilder()
                        .setEnabled(profile.skillTags().enabled())
                        .setPrefix(profile.skillTags().prefix())
                        .setMaxTags(profile.skillTags().maxTags()))
                .setNote(io.atsbridge.proto.mapping.v1.NoteRule.newBuilder()
                        .setEnabled(profile.note().enabled())
                        .setVisibility(toProto(profile.note().visibility())))
                .setCreateTime(ProtoTimes.toProto(profile.createTime()));
        for (FieldMapping mapping : profile.fieldMappings()) {
            proto.addFieldMappings(io.atsbridge.proto.mapping.v1.FieldMapping.newBuilder()
                    .setSource(PlanMessages.toProto(mapping.source()))
                    .setTarget(toProto(mapping.target()))
                    .putAllOptionLabels(mapping.optionLabels()));
        }
        return proto.build();
    }

    static io.atsbridge.proto.mapping.v1.TargetField toProto(TargetField field) {
        io.atsbridge.proto.mapping.v1.TargetField.Builder proto = io.atsbridge.proto.mapping.v1.TargetField.newBuilder()
                .setKey(field.key())
                .setType(switch (field.type()) {
                    case NUMBER -> io.atsbridge.proto.mapping.v1.FieldType.FIELD_TYPE_NUMBER;
                    case SHORT_TEXT -> io.atsbridge.proto.mapping.v1.FieldType.FIELD_TYPE_SHORT_TEXT;
                    case LONG_TEXT -> io.atsbridge.proto.mapping.v1.FieldType.FIELD_TYPE_LONG_TEXT;
                    case SINGLE_SELECT -> io.atsbridge.proto.mapping.v1.FieldType.FIELD_TYPE_SINGLE_SELECT;
                    case MULTI_SELECT -> io.atsbridge.proto.mapping.v1.FieldType.FIELD_TYPE_MULTI_SELECT;
                    case URL -> io.atsbridge.proto.mapping.v1.FieldType.FIELD_TYPE_URL;
                })
                .setScope(switch (field.scope()) {
                    case CANDIDATE -> io.atsbridge.proto.mapping.v1.FieldScope.FIELD_SCOPE_CANDIDATE;
                    case APPLICATION -> io.atsbridge.proto.mapping.v1.FieldScope.FIELD_SCOPE_APPLICATION;
                })
                .setMaxLength(field.maxLength())
                .setNumberMin(field.numberMin())
                .setNumberMax(field.numberMax());
        for (FieldOption option : field.options()) {
            proto.addOptions(io.atsbridge.proto.mapping.v1.FieldOption.newBuilder().setId(option.id()).setLabel(option.label()));
        }
        return proto.build();
    }

    static io.atsbridge.proto.mapping.v1.NoteVisibility toProto(NoteVisibility visibility) {
        return switch (visibility) {
            case ATS_DEFAULT -> io.atsbridge.proto.mapping.v1.NoteVisibility.NOTE_VISIBILITY_UNSPECIFIED;
            case ADMIN_ONLY -> io.atsbridge.proto.mapping.v1.NoteVisibility.NOTE_VISIBILITY_ADMIN_ONLY;
            case PRIVATE -> io.atsbridge.proto.mapping.v1.NoteVisibility.NOTE_VISIBILITY_PRIVATE;
            case PUBLIC -> io.atsbridge.proto.mapping.v1.NoteVisibility.NOTE_VISIBILITY_PUBLIC;
        };
    }
}
