package io.atsbridge.adapter.engine.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.atsbridge.adapter.connections.connector.Connectors;
import io.atsbridge.adapter.connections.domain.Connection;
import io.atsbridge.adapter.connections.domain.ConnectionDirectory;
import io.atsbridge.adapter.connections.domain.SyncSettings;
import io.atsbridge.adapter.engine.domain.AuditEntry;
import io.atsbridge.adapter.engine.domain.FieldOwnership;
import io.atsbridge.adapter.engine.domain.LoopCase;
import io.atsbridge.adapter.engine.domain.LoopStore;
import io.atsbridge.adapter.engine.domain.WriteConflict;
import io.atsbridge.adapter.engine.domain.WriteRecord;
import io.atsbridge.connectors.AtsApplication;
import io.atsbridge.connectors.AtsCandidate;
import io.atsbridge.connectors.AtsConnector;
import io.atsbridge.connectors.CustomFieldWrite;
import io.atsbridge.platform.error.DomainException;
import io.atsbridge.platform.paging.PageRequest;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The review queue of write conflicts: list them, and settle one — keep the person's value (the field
 * stays theirs), or apply atsbridge's value to the ATS after checking nobody changed it again.
 */
@Singleton
public final class ConflictReview {

    static final int PAGE_DEFAULT = 100;
    static final int PAGE_MAX = 500;
    private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern REQUEST_ID = Pattern.compile("[\\x21-\\x7e]{1,100}");

    /** What an operator decides. */
    public enum Resolution {
        KEEP_THEIRS,
        APPLY_OURS
    }

    private final LoopStore cases;
    private final ConnectionDirectory directory;
    private final Connectors connectors;
    private final Clock clock;

    ConflictReview(LoopStore cases, ConnectionDirectory directory, Connectors connectors, Clock clock) {
        this.clock = clock;
        this.cases = cases;
        this.directory = directory;
        this.connectors = connectors;
    }

    /**
     * One page of the tenant's conflicts, oldest first.
     *
     * @param status null for every status
     * @throws DomainException INVALID_ARGUMENT (PAGE_SIZE_INVALID / PAGE_TOKEN_INVALID)
     */
    public PageRequest.Page<WriteConflict> list(String tenantId, @Nullable WriteConflict.Status status, int pageSize,
                                                String pageToken) {
        PageRequest page = PageRequest.of(pageSize, pageToken, PAGE_DEFAULT, PAGE_MAX);
        List<WriteConflict> fetched = cases.conflicts(tenantId, status, page.afterNumber(0), page.size() + 1);
        return page.slice(fetched, c -> Long.toString(c.seq()));
    }

    /**
     * Settles an OPEN conflict; a retry of the same request (same request id and resolution) returns it again.
     *
     * @param resolvedBy who decided, for the record
     * @throws DomainException INVALID_ARGUMENT (CONFLICT_ID_INVALID, RESOLUTION_INVALID, REQUEST_ID_INVALID);
     *                         NOT_FOUND (CONFLICT_NOT_FOUND); FAILED_PRECONDITION (CONFLICT_ALREADY_RESOLVED,
     *                         CONFLICT_STALE, CONNECTION_NOT_SYNCING); UNAVAILABLE (ATS_UNAVAILABLE)
     */
    public WriteConflict resolve(String tenantId, String conflictId, @Nullable Resolution resolution, String requestId,
                                 String resolvedBy) {
        DomainException.checkArgument(conflictId != null && UUID_TEXT.matcher(conflictId).matches(), "CONFLICT_ID_INVALID",
                "conflict_id: '%s' (expected: a conflict id as ListConflicts returns it)", cut(conflictId));
        DomainException.checkArgument(resolution != null, "RESOLUTION_INVALID",
                "resolution is unset (expected: CONFLICT_RESOLUTION_KEEP_THEIRS or CONFLICT_RESOLUTION_APPLY_OURS)");
        DomainException.checkArgument(requestId != null && REQUEST_ID.matcher(requestId).matches(), "REQUEST_ID_INVALID",
                "request_id: '%s' (expected: 1..100 printable ASCII characters without spaces)", cut(requestId));
        WriteConflict conflict = find(tenantId, conflictId);
        WriteConflict.Status target = resolution == Resolution.KEEP_THEIRS
                ? WriteConflict.Status.KEPT_THEIRS : WriteConflict.Status.APPLIED_OURS;
        if (conflict.status() != WriteConflict.Status.OPEN) {
            return answeredBefore(conflict, target, requestId);
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        FieldOwnership owned;
        if (resolution == Resolution.KEEP_THEIRS) {
            owned = new FieldOwnership(conflict.atsConnectionId(), conflict.scope(), conflict.recordId(), conflict.fieldKey(),
                    FieldOwnership.Owner.PERSON, null, conflict.theirs(), now);
        } else {
            owned = applyOurs(tenantId, conflict, now);
        }
        if (!cases.resolveConflict(conflict.id(), target, resolvedBy, requestId, owned, now,
                List.of(resolved(conflict, Objects.requireNonNull(resolution, "RESOLUTION_INVALID was checked above"),
                        requestId, resolvedBy, now)))) {
            return answeredBefore(find(tenantId, conflictId), target, requestId);
        }
        return find(tenantId, conflictId);
    }

    /** Re-reads the field; writes ours when the ATS still shows what the conflict recorded as theirs. */
    private FieldOwnership applyOurs(String tenantId, WriteConflict conflict, Instant now) {
        Connection ats = directory.find(tenantId, conflict.atsConnectionId()).orElseThrow(() -> DomainException.failedPrecondition(
                "CONNECTION_NOT_SYNCING", "ATS connection %s no longer exists", conflict.atsConnectionId()));
        SyncSettings sync = ats.sync();
        if (sync == null) {
            throw DomainException.failedPrecondition("CONNECTION_NOT_SYNCING",
                    "ATS connection %s no longer runs the loop (no trigger-stage): nothing can be written", ats.id());
        }
        boolean onApplication = WriteRecord.APPLICATION.equals(conflict.scope());
        CustomFieldWrite ours = FieldOwnershipRules.write(conflict.fieldKey(), conflict.valueKind(), conflict.ours());
        JsonNode shown;
        try {
            AtsConnector client = connectors.ats(ats, sync.onBehalfOf());
            AtsApplication application = client.getApplication(conflict.applicationExternalId());
            // Null exactly when the field is on the application.
            AtsCandidate candidate = onApplication ? null : client.getCandidate(conflict.recordId());
            JsonNode current = (candidate == null ? application.customFieldValues() : candidate.customFieldValues())
                    .get(conflict.fieldKey());
            if (!FieldOwnershipRules.matches(current, conflict.theirs())) {
                throw DomainException.failedPrecondition("CONFLICT_STALE", "field %s on %s %s changed again since conflict %s "
                        + "was recorded; nothing was written (look at the record and decide again)", conflict.fieldKey(),
                        conflict.scope().toLowerCase(java.util.Locale.ROOT), conflict.recordId(), conflict.id());
            }
            if (candidate == null) {
                client.updateApplication(application, List.of(ours));
            } else {
                client.updateCandidate(candidate, application, List.of(ours), List.of());
            }
            shown = WriteConflict.OPTION.equals(conflict.valueKind())
                    ? read(client, onApplication, conflict).get(conflict.fieldKey()) : ours.value();
        } catch (DomainException e) {
            throw e;
        } catch (RuntimeException e) {
            throw DomainException.unavailable("ATS_UNAVAILABLE", "writing field %s of conflict %s to %s failed: %s",
                    conflict.fieldKey(), conflict.id(), ats.id(), e.getMessage());
        }
        return new FieldOwnership(conflict.atsConnectionId(), conflict.scope(), conflict.recordId(), conflict.fieldKey(),
                FieldOwnership.Owner.ATSBRIDGE, ours.valueText(), FieldOwnershipRules.shown(shown), now);
    }

    private static Map<String, JsonNode> read(AtsConnector client, boolean onApplication, WriteConflict conflict) {
        return onApplication ? client.getApplication(conflict.recordId()).customFieldValues()
                : client.getCandidate(conflict.recordId()).customFieldValues();
    }

    private WriteConflict find(String tenantId, String conflictId) {
        return cases.findConflict(tenantId, conflictId).orElseThrow(() -> DomainException.notFound("CONFLICT_NOT_FOUND",
                "conflict %s does not exist for this tenant", conflictId));
    }

    /** A resolved conflict: the answer again for a retry of the request that resolved it, else a refusal. */
    private static WriteConflict answeredBefore(WriteConflict conflict, WriteConflict.Status target, String requestId) {
        if (conflict.status() == target && requestId.equals(conflict.resolveRequestId())) {
            return conflict;
        }
        throw DomainException.failedPrecondition("CONFLICT_ALREADY_RESOLVED", "conflict %s is already resolved (%s at %s)",
                conflict.id(), conflict.status(), conflict.resolveTime());
    }

    private AuditEntry resolved(WriteConflict conflict, Resolution resolution, String requestId, String resolvedBy,
                                Instant at) {
        String subject = cases.find(conflict.caseId()).map(LoopCase::applicationId).orElse(conflict.caseId());
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("conflict_id", conflict.id());
        attributes.put("field_key", conflict.fieldKey());
        attributes.put("scope", conflict.scope());
        attributes.put("case_id", conflict.caseId());
        attributes.put("resolution", resolution.name());
        attributes.put("request_id", requestId);
        attributes.put("resolved_by", cut(resolvedBy));
        return new AuditEntry(conflict.tenantId(), LoopIds.sha256Hex(conflict.id() + "/" + AuditRecords.CONFLICT_RESOLVED),
                conflict.traceId(), AuditRecords.CONFLICT_RESOLVED, subject, conflict.atsConnectionId(), attributes,
                new byte[0], at);
    }

    private static String cut(@Nullable String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
