package io.atsbridge.mapping.domain;

import io.atsbridge.mapping.domain.WritePlan.DroppedItem;
import io.atsbridge.mapping.domain.WritePlan.FieldWrite;
import io.atsbridge.mapping.domain.WritePlan.PlannedNote;
import io.atsbridge.platform.error.DomainException;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns one assessment into a write plan for one mapping profile version. It writes nothing and
 * decides nothing about the candidate: the adapter executes the plan, people decide. Whatever cannot
 * be written as the profile says is listed as dropped, with the reason and what to change.
 */
@Singleton
public final class WriteBackPlanner {

    /** ATS tags are short labels; longer ones are dropped rather than cut into something misleading. */
    static final int MAX_TAG_LENGTH = 100;
    static final int MAX_AUDIT_REFERENCE_LENGTH = 200;
    private static final int MAX_NAMED_OVERFLOW = 10;

    private final MappingProfiles profiles;

    WriteBackPlanner(MappingProfiles profiles) {
        this.profiles = profiles;
    }

    /**
     * The write plan for the assessment under the profile version (the latest when {@code version} is 0).
     *
     * @param auditReference the audit trace id to cite in the note; may be empty
     * @throws DomainException INVALID_ARGUMENT for a malformed request; NOT_FOUND for an unknown profile or version
     */
    public WritePlan plan(String tenantId, String profileId, int version, Assessment assessment, String auditReference) {
        return plan(tenantId, profileId, version, assessment, auditReference, WriteCapabilities.UNLIMITED);
    }

    /**
     * The write plan, leaving out what the connector that executes it cannot write (reason
     * {@code CONNECTOR_CANNOT_WRITE}).
     */
    public WritePlan plan(String tenantId, String profileId, int version, Assessment assessment, String auditReference,
                          WriteCapabilities capabilities) {
        ProfileDraft.checkProfileId("profile_id", profileId);
        DomainException.checkArgument(version >= 0, "PROFILE_VERSION_INVALID",
                "profile_version: %s (expected: >= 1, or 0 for the latest)", version);
        assessment.check();
        DomainException.checkArgument(auditReference.length() <= MAX_AUDIT_REFERENCE_LENGTH
                        && auditReference.equals(auditReference.strip())
                        && auditReference.codePoints().noneMatch(Character::isISOControl), "AUDIT_REFERENCE_INVALID",
                "audit_reference: '%s' (expected: at most %s characters on one line, no leading or trailing spaces, or empty)",
                auditReference, MAX_AUDIT_REFERENCE_LENGTH);
        MappingProfile profile = profiles.get(tenantId, profileId, version);

        List<FieldWrite> writes = new ArrayList<>();
        List<DroppedItem> dropped = new ArrayList<>();
        for (FieldMapping mapping : profile.fieldMappings()) {
            String refusal = capabilities.refusal(mapping.target());
            if (refusal != null) {
                dropped.add(new DroppedItem(mapping.source(), "CONNECTOR_CANNOT_WRITE", refusal));
                continue;
            }
            FieldConversion.Outcome outcome = FieldConversion.convert(mapping, assessment);
            if (outcome instanceof FieldConversion.Converted converted) {
                writes.add(new FieldWrite(mapping.target(), converted.value(), mapping.source()));
            } else if (outcome instanceof FieldConversion.Dropped drop) {
                dropped.add(new DroppedItem(mapping.source(), drop.reason(), drop.detail()));
            }
        }
        List<String> tags = profile.skillTags().enabled() ? tags(profile.skillTags(), assessment.skillTags(), dropped) : List.of();
        if (!tags.isEmpty() && !capabilities.tags()) {
            dropped.add(new DroppedItem(null, "CONNECTOR_CANNOT_WRITE", String.format(Locale.ROOT,
                    "the %s connector cannot add tags; %s skill tag(s) are left out", capabilities.vendor(), tags.size())));
            tags = List.of();
        }
        if (profile.note().enabled() && !capabilities.notes()) {
            dropped.add(new DroppedItem(null, "CONNECTOR_CANNOT_WRITE", String.format(Locale.ROOT,
                    "the %s connector cannot add notes; the explanation note is left out", capabilities.vendor())));
        }
        PlannedNote note = profile.note().enabled() && capabilities.notes()
                ? new PlannedNote(ExplanationNote.render(profile, assessment, auditReference), profile.note().visibility())
                : null;
        return new WritePlan(profile.id(), profile.version(), writes, tags, note, dropped);
    }

    /** Observed skills as tags: on one line, prefixed, without duplicates (ignoring case), up to the rule's limit. */
    private static List<String> tags(SkillTagRule rule, List<String> skills, List<DroppedItem> dropped) {
        List<String> tags = new ArrayList<>();
        List<String> overflow = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String skill : skills) {
            String name = TextFit.oneLine(skill);
            String tag = rule.prefix() + name;
            if (name.isEmpty() || !seen.add(tag.toLowerCase(Locale.ROOT))) {
                continue;
            }
            if (tag.codePointCount(0, tag.length()) > MAX_TAG_LENGTH) {
                dropped.add(new DroppedItem(null, "TAG_TOO_LONG", String.format(Locale.ROOT,
                        "skill tag '%s' has more than %s characters; it is left out", TextFit.cut(tag, MAX_TAG_LENGTH), MAX_TAG_LENGTH)));
            } else if (tags.size() >= rule.tagLimit()) {
                overflow.add(name);
            } else {
                tags.add(tag);
            }
        }
        if (!overflow.isEmpty()) {
            List<String> named = overflow.subList(0, Math.min(overflow.size(), MAX_NAMED_OVERFLOW));
            dropped.add(new DroppedItem(null, "TAG_LIMIT_REACHED", String.format(Locale.ROOT,
                    "%s more skills (%s%s) exceed the profile's limit of %s tags; raise skill_tags.max_tags (at most %s) to write more",
                    overflow.size(), String.join(", ", named), overflow.size() > named.size() ? ", ..." : "",
                    rule.tagLimit(), SkillTagRule.MAX_TAGS)));
        }
        return tags;
    }
}
