package io.atsbridge.adapter.grpc;

import com.google.protobuf.ByteString;
import io.atsbridge.adapter.backfill.domain.Backfills;
import io.atsbridge.adapter.connections.domain.Connection;
import io.atsbridge.adapter.connections.domain.ConnectionDirectory;
import io.atsbridge.adapter.connections.domain.ConnectionKind;
import io.atsbridge.adapter.connections.domain.ConnectionPage;
import io.atsbridge.adapter.connections.domain.SyncSettings;
import io.atsbridge.adapter.connections.domain.Vendor;
import io.atsbridge.adapter.connections.domain.WebhookConnection;
import io.atsbridge.adapter.engine.domain.DeadLetter;
import io.atsbridge.adapter.engine.domain.DeadLetters;
import io.atsbridge.adapter.engine.domain.EventIntake;
import io.atsbridge.adapter.engine.domain.EventRef;
import io.atsbridge.adapter.engine.domain.EventType;
import io.atsbridge.adapter.engine.domain.InboxReceipt;
import io.atsbridge.adapter.engine.domain.IncomingEvent;
import io.atsbridge.adapter.engine.domain.ScreenRequests;
import io.atsbridge.adapter.engine.domain.WriteConflict;
import io.atsbridge.adapter.engine.domain.WriteRecord;
import io.atsbridge.adapter.engine.sync.ConflictReview;
import io.atsbridge.platform.context.CallContext;
import io.atsbridge.platform.paging.PageRequest;
import io.atsbridge.platform.proto.ProtoTimes;
import io.atsbridge.proto.adapter.v1.AdapterServiceGrpc;
import io.atsbridge.proto.adapter.v1.ConflictScope;
import io.atsbridge.proto.adapter.v1.ConflictStatus;
import io.atsbridge.proto.adapter.v1.GetConnectionRequest;
import io.atsbridge.proto.adapter.v1.GetConnectionResponse;
import io.atsbridge.proto.adapter.v1.IngestEventsRequest;
import io.atsbridge.proto.adapter.v1.IngestEventsResponse;
import io.atsbridge.proto.adapter.v1.IngestOutcome;
import io.atsbridge.proto.adapter.v1.IngestResult;
import io.atsbridge.proto.adapter.v1.ListConflictsRequest;
import io.atsbridge.proto.adapter.v1.ListConflictsResponse;
import io.atsbridge.proto.adapter.v1.ListConnectionsRequest;
import io.atsbridge.proto.adapter.v1.ListConnectionsResponse;
import io.atsbridge.proto.adapter.v1.ListDeadLettersRequest;
import io.atsbridge.proto.adapter.v1.ListDeadLettersResponse;
import io.atsbridge.proto.adapter.v1.LookupWebhookConnectionRequest;
import io.atsbridge.proto.adapter.v1.LookupWebhookConnectionResponse;
import io.atsbridge.proto.adapter.v1.ReplayDeadLetterRequest;
import io.atsbridge.proto.adapter.v1.ReplayDeadLetterResponse;
import io.atsbridge.proto.adapter.v1.ResolveConflictRequest;
import io.atsbridge.proto.adapter.v1.ResolveConflictResponse;
import io.atsbridge.proto.adapter.v1.StartScreenRequest;
import io.atsbridge.proto.adapter.v1.StartScreenResponse;
import io.atsbridge.proto.adapter.v1.WebhookEventSecret;
import io.atsbridge.proto.common.v1.ExternalRef;
import io.atsbridge.proto.common.v1.VendorEvent;
import io.grpc.stub.StreamObserver;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Translates adapter-service RPCs to the {@link ConnectionDirectory}, the {@link EventIntake} and the
 * {@link ConflictReview}, and back.
 */
@Singleton
final class AdapterGrpcService extends AdapterServiceGrpc.AdapterServiceImplBase {

    private final ConnectionDirectory directory;
    private final EventIntake intake;
    private final ConflictReview review;
    private final DeadLetters deadLetters;
    private final io.atsbridge.adapter.backfill.domain.BackfillRunner backfill;
    private final Backfills backfills;
    private final ScreenRequests screens;
    private final Clock clock;

    AdapterGrpcService(ConnectionDirectory directory, EventIntake intake, ConflictReview review, DeadLetters deadLetters,
                       io.atsbridge.adapter.backfill.domain.BackfillRunner backfill, Backfills backfills,
                       ScreenRequests screens, Clock clock) {
        this.clock = clock;
        this.screens = screens;
        this.backfill = backfill;
        this.backfills = backfills;
        this.directory = directory;
        this.intake = intake;
        this.review = review;
        this.deadLetters = deadLetters;
    }

    @Override
    public void startBackfill(io.atsbridge.proto.adapter.v1.StartBackfillRequest request,
                              StreamObserver<io.atsbridge.proto.adapter.v1.StartBackfillResponse> observer) {
        if (request.getConnectionId().isBlank()) {
            throw io.atsbridge.platform.error.DomainException.invalidArgument("CONNECTION_ID_MISSING",
                    "connection_id is required: the ATS connection to backfill");
        }
        Backfills.Mode mode = switch (request.getMode()) {
            case BACKFILL_MODE_UNSPECIFIED -> null;
            case BACKFILL_MODE_FULL -> Backfills.Mode.FULL;
            case BACKFILL_MODE_INCREMENTAL -> Backfills.Mode.INCREMENTAL;
            case UNRECOGNIZED -> throw io.atsbridge.platform.error.DomainException.invalidArgument("MODE_INVALID",
                    "mode: %s (expected: a BackfillMode, or unset to let the service choose)", request.getModeValue());
        };
        Backfills.Backfill started = backfill.start(CallContext.tenant(), request.getConnectionId(), mode);
        observer.onNext(io.atsbridge.proto.adapter.v1.StartBackfillResponse.newBuilder().setBackfill(toProto(started)).build());
        observer.onCompleted();
    }

    @Override
    public void getBackfill(io.atsbridge.proto.adapter.v1.GetBackfillRequest request,
                            StreamObserver<io.atsbridge.proto.adapter.v1.GetBackfillResponse> observer) {
        observer.onNext(io.atsbridge.proto.adapter.v1.GetBackfillResponse.newBuilder()
                .setBackfill(toProto(findBackfill(request.getBackfillId()))).build());
        observer.onCompleted();
    }

    @Override
    public void listBackfills(io.atsbridge.proto.adapter.v1.ListBackfillsRequest request,
                              StreamObserver<io.atsbridge.proto.adapter.v1.ListBackfillsResponse> observer) {
        int size = request.getPageSize() == 0 ? 20 : request.getPageSize();
        if (size < 1 || size > 100) {
            throw io.atsbridge.platform.error.DomainException.invalidArgument("PAGE_SIZE_INVALID",
                    "page_size: %s (expected: 1..100, or 0 for 20)", request.getPageSize());
        }
        io.atsbridge.proto.adapter.v1.ListBackfillsResponse.Builder response =
                io.atsbridge.proto.adapter.v1.ListBackfillsResponse.newBuilder();
        backfills.list(CallContext.tenant(), request.getConnectionId().isBlank() ? null : request.getConnectionId(), size)
                .forEach(b -> response.addBackfills(toProto(b)));
        observer.onNext(response.build());
        observer.onCompleted();
    }

    @Override
    public void stopBackfill(io.atsbridge.proto.adapter.v1.StopBackfillRequest request,
                             StreamObserver<io.atsbridge.proto.adapter.v1.StopBackfillResponse> observer) {
        Backfills.Backfill current = findBackfill(request.getBackfillId());
        if (!backfills.stop(CallContext.tenant(), current.id(), clock.instant())
                && findBackfill(current.id()).status() != Backfills.Status.STOPPED) {
            throw io.atsbridge.platform.error.DomainException.failedPrecondition("BACKFILL_NOT_RUNNING",
                    "backfill %s is %s: only a running pass can be stopped", current.id(), current.status());
        }
        observer.onNext(io.atsbridge.proto.adapter.v1.StopBackfillResponse.newBuilder()
                .setBackfill(toProto(findBackfill(current.id()))).build());
        observer.onCompleted();
    }

    @Override
    public void resumeBackfill(io.atsbridge.proto.adapter.v1.ResumeBackfillRequest request,
                               StreamObserver<io.atsbridge.proto.adapter.v1.ResumeBackfillResponse> observer) {
        Backfills.Backfill current = findBackfill(request.getBackfillId());
        if (!backfills.resume(CallContext.tenant(), current.id(), clock.instant())
                && findBackfill(current.id()).status() != Backfills.Status.RUNNING) {
            throw io.atsbridge.platform.error.DomainException.failedPrecondition("BACKFILL_NOT_STOPPED",
                    "backfill %s is %s: only a stopped pass can be resumed", current.id(), current.status());
        }
        observer.onNext(io.atsbridge.proto.adapter.v1.ResumeBackfillResponse.newBuilder()
                .setBackfill(toProto(findBackfill(current.id()))).build());
        observer.onCompleted();
    }

    private Backfills.Backfill findBackfill(String id) {
        if (id.isBlank()) {
            throw io.atsbridge.platform.error.DomainException.invalidArgument("BACKFILL_ID_MISSING", "backfill_id is required");
        }
        return backfills.find(CallContext.tenant(), id).orElseThrow(() -> io.atsbridge.platform.error.DomainException.notFound(
                "BACKFILL_NOT_FOUND", "backfill %s does not exist in tenant %s", id, CallContext.tenant()));
    }

    private static io.atsbridge.proto.adapter.v1.Backfill toProto(Backfills.Backfill b) {
        io.atsbridge.proto.adapter.v1.Backfill.Builder proto = io.atsbridge.proto.adapter.v1.Backfill.newBuilder()
                .setId(b.id())
                .setConnectionId(b.connectionId())
                .setMode(b.mode() == Backfills.Mode.FULL ? io.atsbridge.proto.adapter.v1.BackfillMode.BACKFILL_MODE_FULL
                        : io.atsbridge.proto.adapter.v1.BackfillMode.BACKFILL_MODE_INCREMENTAL)
                .setStatus(io.atsbridge.proto.adapter.v1.BackfillStatus.valueOf("BACKFILL_STATUS_" + b.status().name()))
                .setPages(b.pages())
                .setSeenCount(b.seen())
                .setEnqueuedCount(b.enqueued())
                .setGoneCount(b.gone())
                .setError(b.error() == null ? "" : b.error())
                .setStartTime(ProtoTimes.toProto(b.startTime()))
                .setUpdateTime(ProtoTimes.toProto(b.updateTime()));
        if (b.updatedSince() != null) {
            proto.setUpdatedSince(ProtoTimes.toProto(b.updatedSince()));
        }
        if (b.finishTime() != null) {
            proto.setFinishTime(ProtoTimes.toProto(b.finishTime()));
        }
        return proto.build();
    }

    @Override
    public void listDeadLetters(ListDeadLettersRequest request, StreamObserver<ListDeadLettersResponse> observer) {
        PageRequest.Page<DeadLetter> page = deadLetters.list(CallContext.tenant(), request.getConnectionId(),
                request.getPageSize(), request.getPageToken());
        ListDeadLettersResponse.Builder response = ListDeadLettersResponse.newBuilder().setNextPageToken(page.nextPageToken());
        for (DeadLetter letter : page.items()) {
            io.atsbridge.proto.adapter.v1.DeadLetter.Builder proto = io.atsbridge.proto.adapter.v1.DeadLetter.newBuilder()
                    .setEventId(letter.eventId())
                    .setConnectionId(letter.connectionId())
                    .setVendor(io.atsbridge.proto.common.v1.Vendor.valueOf("VENDOR_" + letter.vendor().name()))
                    .setEventType(io.atsbridge.proto.common.v1.EventType.valueOf("EVENT_TYPE_" + letter.eventType().name()))
                    .setVendorEventType(letter.vendorEventType())
                    .setDeliveryKey(letter.deliveryKey())
                    .setAttempts(letter.attempts())
                    .setError(letter.error())
                    .setReceiveTime(ProtoTimes.toProto(letter.receiveTime()));
            if (letter.failTime() != null) {
                proto.setFailTime(ProtoTimes.toProto(letter.failTime()));
            }
            response.addDeadLetters(proto);
        }
        observer.onNext(response.build());
        observer.onCompleted();
    }

    @Override
    public void startScreen(StartScreenRequest request, StreamObserver<StartScreenResponse> observer) {
        CallContext context = CallContext.current();
        InboxReceipt receipt = screens.request(context.tenantId(), request.getConnectionId(),
                request.getApplicationExternalId(), request.getReScreen(), request.getReason(), actor(context),
                request.getRequestId());
        observer.onNext(StartScreenResponse.newBuilder().setEventId(receipt.inboxEventId())
                .setDuplicate(receipt.duplicate()).build());
        observer.onCompleted();
    }

    /** Who a call acts for, as the audit log names them: the caller, and the person it acts for where it says. */
    private static String actor(CallContext context) {
        return context.onBehalfOf() == null ? context.caller().name() : context.onBehalfOf() + " via " + context.caller().name();
    }

    @Override
    public void replayDeadLetter(ReplayDeadLetterRequest request, StreamObserver<ReplayDeadLetterResponse> observer) {
        CallContext context = CallContext.current();
        deadLetters.replay(context.tenantId(), request.getEventId(), actor(context));
        observer.onNext(ReplayDeadLetterResponse.newBuilder().setEventId(request.getEventId()).build());
        observer.onCompleted();
    }

    @Override
    public void listConflicts(ListConflictsRequest request, StreamObserver<ListConflictsResponse> observer) {
        WriteConflict.Status status = switch (request.getStatus()) {
            case CONFLICT_STATUS_UNSPECIFIED -> null;
            case CONFLICT_STATUS_OPEN -> WriteConflict.Status.OPEN;
            case CONFLICT_STATUS_KEPT_THEIRS -> WriteConflict.Status.KEPT_THEIRS;
            case CONFLICT_STATUS_APPLIED_OURS -> WriteConflict.Status.APPLIED_OURS;
            case UNRECOGNIZED -> throw io.atsbridge.platform.error.DomainException.invalidArgument("STATUS_INVALID",
                    "status: %s (expected: a ConflictStatus, or unset for all)", request.getStatusValue());
        };
        PageRequest.Page<WriteConflict> page = review.list(CallContext.tenant(), status, request.getPageSize(),
                request.getPageToken());
        ListConflictsResponse.Builder response = ListConflictsResponse.newBuilder().setNextPageToken(page.nextPageToken());
        page.items().forEach(conflict -> response.addConflicts(toProto(conflict)));
        observer.onNext(response.build());
        observer.onCompleted();
    }

    @Override
    public void resolveConflict(ResolveConflictRequest request, StreamObserver<ResolveConflictResponse> observer) {
        ConflictReview.Resolution resolution = switch (request.getResolution()) {
            case CONFLICT_RESOLUTION_KEEP_THEIRS -> ConflictReview.Resolution.KEEP_THEIRS;
            case CONFLICT_RESOLUTION_APPLY_OURS -> ConflictReview.Resolution.APPLY_OURS;
            default -> null;
        };
        CallContext call = CallContext.current();
        String resolvedBy = call.onBehalfOf() == null || call.onBehalfOf().isEmpty() ? call.caller().name()
                : call.onBehalfOf() + " via " + call.caller().name();
        WriteConflict conflict = review.resolve(call.tenantId(), request.getConflictId(), resolution, request.getRequestId(),
                resolvedBy);
        observer.onNext(ResolveConflictResponse.newBuilder().setConflict(toProto(conflict)).build());
        observer.onCompleted();
    }

    static io.atsbridge.proto.adapter.v1.WriteConflict toProto(WriteConflict c) {
        io.atsbridge.proto.adapter.v1.WriteConflict.Builder builder = io.atsbridge.proto.adapter.v1.WriteConflict.newBuilder()
                .setId(c.id())
                .setAtsConnectionId(c.atsConnectionId())
                .setCaseId(c.caseId())
                .setScope(WriteRecord.APPLICATION.equals(c.scope()) ? ConflictScope.CONFLICT_SCOPE_APPLICATION
                        : ConflictScope.CONFLICT_SCOPE_CANDIDATE)
                .setRecordId(c.recordId())
                .setCandidateExternalId(c.candidateExternalId())
                .setApplicationExternalId(c.applicationExternalId())
                .setRequisitionExternalId(c.jobExternalId() == null ? "" : c.jobExternalId())
                .setFieldKey(c.fieldKey())
                .setTheirs(c.theirs() == null ? "" : c.theirs())
                .setOurs(c.ours())
                .setStatus(ConflictStatus.valueOf("CONFLICT_STATUS_" + c.status().name()))
                .setCreateTime(ProtoTimes.toProto(c.createTime()))
                .setUpdateTime(ProtoTimes.toProto(c.updateTime()))
                .setResolvedBy(c.resolvedBy() == null ? "" : c.resolvedBy());
        if (c.resolveTime() != null) {
            builder.setResolveTime(ProtoTimes.toProto(c.resolveTime()));
        }
        return builder.build();
    }

    @Override
    public void ingestEvents(IngestEventsRequest request, StreamObserver<IngestEventsResponse> observer) {
        List<IncomingEvent> events = new ArrayList<>(request.getEventsCount());
        for (VendorEvent event : request.getEventsList()) {
            events.add(toDomain(event));
        }
        IngestEventsResponse.Builder response = IngestEventsResponse.newBuilder();
        for (InboxReceipt receipt : intake.ingest(CallContext.tenant(), events)) {
            response.addResults(IngestResult.newBuilder()
                    .setConnectionId(receipt.connectionId())
                    .setDeliveryKey(receipt.deliveryKey())
                    .setOutcome(receipt.duplicate() ? IngestOutcome.INGEST_OUTCOME_DUPLICATE : IngestOutcome.INGEST_OUTCOME_ACCEPTED)
                    .setInboxEventId(receipt.inboxEventId()));
        }
        observer.onNext(response.build());
        observer.onCompleted();
    }

    @Override
    public void getConnection(GetConnectionRequest request, StreamObserver<GetConnectionResponse> observer) {
        Connection connection = directory.get(CallContext.tenant(), request.getConnectionId());
        observer.onNext(GetConnectionResponse.newBuilder().setConnection(toProto(connection)).build());
        observer.onCompleted();
    }

    @Override
    public void listConnections(ListConnectionsRequest request, StreamObserver<ListConnectionsResponse> observer) {
        ConnectionPage page = directory.page(CallContext.tenant(), request.getPageSize(), request.getPageToken());
        ListConnectionsResponse.Builder response = ListConnectionsResponse.newBuilder()
                .setNextPageToken(page.nextPageToken());
        for (Connection connection : page.connections()) {
            response.addConnections(toProto(connection));
        }
        observer.onNext(response.build());
        observer.onCompleted();
    }

    @Override
    public void lookupWebhookConnection(LookupWebhookConnectionRequest request,
                                        StreamObserver<LookupWebhookConnectionResponse> observer) {
        // Tenant-free (see TenantFreeMethods): the caller holds the gateway role and no tenant.
        WebhookConnection connection = directory.lookupWebhookConnection(request.getConnectionId());
        LookupWebhookConnectionResponse.Builder response = LookupWebhookConnectionResponse.newBuilder()
                .setConnectionId(connection.connectionId())
                .setTenantId(connection.tenantId())
                .setVendor(toProto(connection.vendor()))
                .setKind(toProto(connection.kind()))
                .setEnabled(connection.enabled());
        for (byte[] secret : connection.webhookSecrets()) {
            response.addWebhookSecrets(ByteString.copyFrom(secret));
        }
        connection.webhookEventSecrets().forEach((event, secrets) -> secrets.forEach(secret ->
                response.addWebhookEventSecrets(WebhookEventSecret.newBuilder().setEvent(event)
                        .setSecret(ByteString.copyFrom(secret)))));
        observer.onNext(response.build());
        observer.onCompleted();
    }

    private static IncomingEvent toDomain(VendorEvent event) {
        List<EventRef> refs = new ArrayList<>(event.getExternalRefsCount());
        for (ExternalRef ref : event.getExternalRefsList()) {
            Vendor vendor = toDomain(ref.getVendor());
            refs.add(new EventRef(ref.getConnectionId(), vendor == null ? "" : vendor.name(), kindName(ref), ref.getId()));
        }
        return new IncomingEvent(
                event.getConnectionId(),
                toDomain(event.getVendor()),
                toDomain(event.getEventType()),
                event.getVendorEventType(),
                refs,
                event.hasOccurTime() ? ProtoTimes.toInstant(event.getOccurTime()) : null,
                event.getDeliveryKey(),
                event.getRawBody().toByteArray(),
                event.getContentType(),
                event.hasReceiveTime() ? ProtoTimes.toInstant(event.getReceiveTime()) : null);
    }

    /** The domain vendor, or null when unset or unknown to this build. */
    @Nullable
    static Vendor toDomain(io.atsbridge.proto.common.v1.Vendor vendor) {
        return switch (vendor) {
            case VENDOR_UNSPECIFIED, UNRECOGNIZED -> null;
            default -> Vendor.valueOf(vendor.name().substring("VENDOR_".length()));
        };
    }

    static io.atsbridge.proto.common.v1.Vendor toProto(Vendor vendor) {
        return io.atsbridge.proto.common.v1.Vendor.valueOf("VENDOR_" + vendor.name());
    }

    /** The domain event type, or null when unset or unknown to this build. */
    @Nullable
    static EventType toDomain(io.atsbridge.proto.common.v1.EventType type) {
        return switch (type) {
            case EVENT_TYPE_UNSPECIFIED, UNRECOGNIZED -> null;
            default -> EventType.valueOf(type.name().substring("EVENT_TYPE_".length()));
        };
    }

    /** The ref's kind without its prefix, e.g. CANDIDATE; empty when unset or unknown. */
    private static String kindName(ExternalRef ref) {
        return switch (ref.getKind()) {
            case EXTERNAL_KIND_UNSPECIFIED, UNRECOGNIZED -> "";
            default -> ref.getKind().name().substring("EXTERNAL_KIND_".length());
        };
    }

    static io.atsbridge.proto.adapter.v1.ConnectionKind toProto(ConnectionKind kind) {
        return switch (kind) {
            case ATS -> io.atsbridge.proto.adapter.v1.ConnectionKind.CONNECTION_KIND_ATS;
            case AI_VENDOR -> io.atsbridge.proto.adapter.v1.ConnectionKind.CONNECTION_KIND_AI_VENDOR;
        };
    }

    private static io.atsbridge.proto.adapter.v1.Connection toProto(Connection connection) {
        io.atsbridge.proto.adapter.v1.Connection.Builder builder = io.atsbridge.proto.adapter.v1.Connection.newBuilder();
        SyncSettings sync = connection.sync();
        if (sync != null) {
            builder.setSync(io.atsbridge.proto.adapter.v1.SyncSettings.newBuilder()
                    .setTriggerStageName(sync.triggerStage())
                    .setMappingProfileId(sync.mappingProfileId())
                    .setAiVendorConnectionId(sync.aiConnectionId())
                    .setOnBehalfOf(sync.onBehalfOf())
                    .setInterviewKitId(sync.interviewKitId())
                    .addAllDefaultJurisdictions(sync.defaultJurisdictions()));
        }
        return builder
                .setId(connection.id())
                .setTenantId(connection.tenantId())
                .setVendor(toProto(connection.vendor()))
                .setKind(toProto(connection.kind()))
                .setDisplayName(connection.displayName())
                .setBaseUrl(connection.baseUrl())
                .setEnabled(connection.enabled())
                .setWebhookSecretCount(connection.webhookSecretCount())
                .setHasCredentials(connection.hasCredentials())
                .setCreateTime(ProtoTimes.toProto(connection.createTime()))
                .setUpdateTime(ProtoTimes.toProto(connection.updateTime()))
                .build();
    }
}
