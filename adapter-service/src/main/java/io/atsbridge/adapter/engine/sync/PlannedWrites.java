package io.atsbridge.adapter.engine.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.atsbridge.adapter.engine.domain.FieldOwnership;
import io.atsbridge.adapter.engine.domain.LoopCase;
import io.atsbridge.adapter.engine.domain.WriteConflict;
import io.atsbridge.adapter.engine.domain.WriteRecord;
import io.atsbridge.connectors.AtsNote;
import io.atsbridge.connectors.CustomFieldWrite;
import io.atsbridge.proto.mapping.v1.FieldScope;
import io.atsbridge.proto.mapping.v1.FieldWrite;
import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * What a write-back writes of mapping-service's plan. Each planned custom field value goes to the candidate or
 * the application record when atsbridge may write it there ({@link FieldOwnershipRules}); otherwise it is kept as
 * a person set it, or becomes a {@link WriteConflict} for review. A planned value without a value, or for a
 * scope that is no custom field, is left out.
 *
 * @param kinds    how each planned value is written ({@link WriteConflict#NUMBER} ...), by {@code SCOPE/key}
 * @param keptKeys the keys of the fields an operator kept for a person
 */
record PlannedWrites(List<CustomFieldWrite> candidateFields, List<CustomFieldWrite> applicationFields,
                     Map<String, String> kinds, List<WriteConflict> conflicts, List<String> keptKeys) {

    PlannedWrites {
        candidateFields = List.copyOf(candidateFields);
        applicationFields = List.copyOf(applicationFields);
        kinds = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(kinds));
        conflicts = List.copyOf(conflicts);
        keptKeys = List.copyOf(keptKeys);
    }

    /**
     * The two ATS records a write-back writes to, as read just before, and what atsbridge owns of their fields.
     *
     * @param candidateId the ATS candidate the application belongs to now
     * @param jobId       the job the application is for, when known
     */
    record Target(String tenantId, String atsConnectionId, LoopCase loopCase, String candidateId, @Nullable String jobId,
                  Map<String, JsonNode> candidateValues, Map<String, FieldOwnership> candidateOwned,
                  Map<String, JsonNode> applicationValues, Map<String, FieldOwnership> applicationOwned) {
    }

    /** Decides each planned field value against the records as they are. */
    static PlannedWrites decide(List<FieldWrite> writes, Target target, Instant decided) {
        LoopCase loopCase = target.loopCase();
        List<CustomFieldWrite> candidateFields = new ArrayList<>();
        List<CustomFieldWrite> applicationFields = new ArrayList<>();
        Map<String, String> kinds = new LinkedHashMap<>();
        List<WriteConflict> conflicts = new ArrayList<>();
        List<String> keptKeys = new ArrayList<>();
        for (FieldWrite write : writes) {
            CustomFieldWrite field = WriteBackMessages.customField(write);
            FieldScope scope = write.getField().getScope();
            if (field == null || (scope != FieldScope.FIELD_SCOPE_APPLICATION && scope != FieldScope.FIELD_SCOPE_CANDIDATE)) {
                continue;
            }
            boolean onApplication = scope == FieldScope.FIELD_SCOPE_APPLICATION;
            String scopeName = onApplication ? WriteRecord.APPLICATION : WriteRecord.CANDIDATE;
            String recordId = onApplication ? loopCase.applicationExternalId() : target.candidateId();
            JsonNode current = (onApplication ? target.applicationValues() : target.candidateValues()).get(field.nameKey());
            FieldOwnership owned = (onApplication ? target.applicationOwned() : target.candidateOwned()).get(field.nameKey());
            String kind = Objects.requireNonNull(FieldOwnershipRules.kind(write),
                    "the write has a value: a write without one has no field and was skipped above");
            kinds.put(scopeName + "/" + field.nameKey(), kind);
            switch (FieldOwnershipRules.decide(owned, current, field)) {
                case WRITE -> (onApplication ? applicationFields : candidateFields).add(field);
                case KEEP -> keptKeys.add(field.nameKey());
                case CONFLICT -> conflicts.add(new WriteConflict(UUID.randomUUID().toString(), 0, target.tenantId(),
                        target.atsConnectionId(), loopCase.id(), loopCase.traceId(), scopeName, recordId, target.candidateId(),
                        loopCase.applicationExternalId(), target.jobId(), field.nameKey(), kind,
                        FieldOwnershipRules.shown(current), field.valueText(), WriteConflict.Status.OPEN, decided, decided,
                        null, null, null));
            }
        }
        return new PlannedWrites(candidateFields, applicationFields, kinds, conflicts, keptKeys);
    }

    /** The keys of the fields written, the candidate's first. */
    List<String> fieldKeys() {
        List<String> keys = new ArrayList<>();
        candidateFields.forEach(f -> keys.add(f.nameKey()));
        applicationFields.forEach(f -> keys.add(f.nameKey()));
        return keys;
    }

    /** The keys of the fields left to a person's edit. */
    List<String> conflictKeys() {
        return conflicts.stream().map(WriteConflict::fieldKey).toList();
    }

    /**
     * What was written, as write records: the fields, the tags (each once, whatever its case) and the note.
     *
     * @param noteKey the note's record key ({@link ResultNote#recordKey})
     */
    List<WriteRecord> records(List<String> tags, @Nullable AtsNote note, String noteKey, Instant written) {
        List<WriteRecord> records = new ArrayList<>();
        candidateFields.forEach(f -> records.add(new WriteRecord(WriteRecord.CANDIDATE, f.nameKey(), f.valueText(), null, written)));
        applicationFields.forEach(f -> records.add(new WriteRecord(WriteRecord.APPLICATION, f.nameKey(), f.valueText(), null,
                written)));
        Set<String> seen = new HashSet<>();
        for (String tag : tags) {
            if (seen.add(tag.toLowerCase(Locale.ROOT))) {
                records.add(new WriteRecord(WriteRecord.TAG, tag, tag, null, written));
            }
        }
        if (note != null) {
            records.add(new WriteRecord(WriteRecord.NOTE, noteKey, note.body(), note.id(), written));
        }
        return records;
    }
}
