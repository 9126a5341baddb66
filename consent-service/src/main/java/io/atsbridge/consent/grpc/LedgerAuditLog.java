package io.atsbridge.consent.grpc;

import io.atsbridge.consent.domain.ConsentState;
import io.atsbridge.consent.domain.LedgerEntry;
import io.atsbridge.consent.domain.NoticeShown;
import io.atsbridge.consent.domain.RulePack;
import io.atsbridge.platform.client.PeerChannels;
import io.atsbridge.platform.context.CallContext;
import io.atsbridge.platform.error.DomainException;
import io.atsbridge.platform.proto.ProtoTimes;
import io.atsbridge.platform.startup.MissingConfigurationException;
import io.atsbridge.proto.audit.v1.AppendRecordsRequest;
import io.atsbridge.proto.audit.v1.AuditRecord;
import io.atsbridge.proto.audit.v1.AuditServiceGrpc;
import io.grpc.StatusRuntimeException;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Appends every ledger entry consent-service records — a grant, a withdrawal, a notice given — to audit-service's log
 * ({@code atsbridge.peers.audit}) with who recorded it (the caller, and the person it acted for) and the rule pack in
 * force, before RecordConsent answers. Synchronous, not through an outbox: an entry whose record the log cannot take
 * is answered UNAVAILABLE ({@code LEDGER_NOT_AUDITED}) so no proof is lost silently; the entry stays stored, and the
 * caller's retry with the same {@code request_id} returns it and appends its record again under the same record id
 * (derived from the entry id), which audit-service keeps once. The record holds ids and codes only: the canonical
 * candidate id, purpose, category, place, method, and the SHA-256 of the evidence reference, never personal data. A notice carries its notice id and,
 * when recorded by notice id, the version and SHA-256 of the text shown.
 */
@Singleton
final class LedgerAuditLog {

    static final String PEER = "audit";
    static final String GRANTED = "consent.granted";
    static final String WITHDRAWN = "consent.withdrawn";
    static final String NOTICE = "consent.notice_recorded";
    static final String ACTOR = "consent-service";
    private static final String NOTICE_PURPOSE = "notice:";

    private final PeerChannels peers;
    private final RulePack pack;

    LedgerAuditLog(PeerChannels peers, RulePack pack) {
        this.peers = peers;
        this.pack = pack;
    }

    /**
     * Appends the entry's record.
     *
     * @throws DomainException UNAVAILABLE {@code LEDGER_NOT_AUDITED} when the audit log did not take it
     */
    void append(CallContext context, LedgerEntry entry) {
        AuditRecord record = record(context, entry, pack.version());
        try {
            peers.stub(PEER, AuditServiceGrpc::newBlockingStub)
                    .appendRecords(AppendRecordsRequest.newBuilder().addRecords(record).build());
        } catch (MissingConfigurationException e) {
            throw DomainException.unavailable("LEDGER_NOT_AUDITED", "consent entry %s was stored but not appended to the "
                    + "audit log: %s; retry with the same request_id once it is", entry.entryId(), e.getMessage());
        } catch (StatusRuntimeException e) {
            throw DomainException.unavailable("LEDGER_NOT_AUDITED", "consent entry %s was stored but audit-service did not "
                            + "take its record (%s); retry with the same request_id", entry.entryId(),
                    e.getStatus().getCode());
        }
    }

    /** The audit record of an entry: ids and codes, the actor, the pack version. */
    static AuditRecord record(CallContext context, LedgerEntry entry, String packVersion) {
        String action = entry.state() == ConsentState.WITHDRAWN ? WITHDRAWN
                : entry.purpose().startsWith(NOTICE_PURPOSE) ? NOTICE : GRANTED;
        AuditRecord.Builder record = AuditRecord.newBuilder()
                .setRecordId(sha256Hex("consent-ledger/" + entry.entryId()))
                .setTraceId(context.traceId() == null || context.traceId().isEmpty() ? entry.entryId() : context.traceId())
                .setAction(action)
                .setActor(context.caller().name())
                .setSubjectRef(entry.candidateId())
                .putAttributes("entry_id", entry.entryId())
                .putAttributes("candidate_id", entry.candidateId())
                .putAttributes("purpose", entry.purpose())
                .putAttributes("data_category", entry.dataCategory())
                .putAttributes("jurisdiction", entry.jurisdiction())
                .putAttributes("method", entry.method().name())
                .putAttributes("state", entry.state().name())
                .putAttributes("all_parties", Boolean.toString(entry.allParties()))
                .putAttributes("capture_time", entry.captureTime().toString())
                .putAttributes("evidence_ref_sha256", sha256Hex(entry.evidenceRef()))
                .putAttributes("rule_pack_version", packVersion)
                .putAttributes("recorded_by", ACTOR)
                .setOccurTime(ProtoTimes.toProto(entry.recordTime()));
        NoticeShown shown = entry.noticeShown();
        String noticeId = entry.purpose().startsWith(NOTICE_PURPOSE) ? entry.purpose().substring(NOTICE_PURPOSE.length()) : "";
        if (!noticeId.isEmpty()) {
            // The notice id is the purpose's tail: notice:<notice id>, or the older notice:<rule id>.
            record.putAttributes("notice_id", noticeId);
        }
        if (shown != null) {
            record.putAttributes("notice_version", Integer.toString(shown.version()))
                    .putAttributes("text_sha256", shown.textSha256());
        }
        String onBehalfOf = context.onBehalfOf();
        if (onBehalfOf != null && !onBehalfOf.isEmpty()) {
            record.putAttributes("on_behalf_of", onBehalfOf);
        }
        return record.build();
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
