package io.atsbridge.gateway.grpc;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.protobuf.ByteString;
import io.atsbridge.connectors.webhook.CanonicalEvent;
import io.atsbridge.connectors.webhook.WebhookConnection;
import io.atsbridge.connectors.webhook.WebhookRejection;
import io.atsbridge.connectors.webhook.WebhookRequest;
import io.atsbridge.platform.client.PeerChannels;
import io.atsbridge.platform.context.CallContext;
import io.atsbridge.platform.context.Caller;
import io.atsbridge.platform.context.CallerKind;
import io.atsbridge.platform.error.GrpcErrors;
import io.atsbridge.platform.proto.ProtoTimes;
import io.atsbridge.proto.adapter.v1.AdapterServiceGrpc;
import io.atsbridge.proto.adapter.v1.IngestEventsRequest;
import io.atsbridge.proto.adapter.v1.IngestEventsResponse;
import io.atsbridge.proto.adapter.v1.LookupWebhookConnectionRequest;
import io.atsbridge.proto.adapter.v1.LookupWebhookConnectionResponse;
import io.atsbridge.proto.adapter.v1.WebhookEventSecret;
import io.atsbridge.proto.common.v1.EventType;
import io.atsbridge.proto.common.v1.ExternalKind;
import io.atsbridge.proto.common.v1.ExternalRef;
import io.atsbridge.proto.common.v1.VendorEvent;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The gateway's calls to adapter-service: which tenant and secrets a connection has (cached
 * briefly, so a burst of webhooks costs one lookup), and handing verified events to the inbox.
 */
@Singleton
public final class AdapterClient {

    private static final Duration LOOKUP_TTL = Duration.ofSeconds(10);
    private static final Caller GATEWAY = new Caller("edge-gateway", CallerKind.SERVICE, Set.of("service"), Set.of(Caller.ANY_TENANT));

    private final PeerChannels peers;
    private final Cache<String, WebhookConnection> connections = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterWrite(LOOKUP_TTL)
            .build();
    /**
     * Ids the adapter confirmed as connections within the last day (not their secrets or state, which are looked up
     * again after {@link #LOOKUP_TTL}): lets the gateway tell a vendor's connection from a made-up id without asking.
     */
    private final Cache<String, Boolean> confirmed = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterWrite(Duration.ofDays(1))
            .build();

    AdapterClient(PeerChannels peers) {
        this.peers = peers;
    }

    /** The connection if a recent lookup found it, without calling the adapter. */
    public Optional<WebhookConnection> cached(String connectionId) {
        return Optional.ofNullable(connections.getIfPresent(connectionId));
    }

    /** Whether a lookup within the last day found this connection (no call to the adapter). */
    public boolean confirmed(String connectionId) {
        return confirmed.getIfPresent(connectionId) != null;
    }

    /** The connection a webhook arrived for, or empty when no such connection exists. */
    public Optional<WebhookConnection> lookup(String connectionId) {
        WebhookConnection cached = connections.getIfPresent(connectionId);
        if (cached != null) {
            return Optional.of(cached);
        }
        try {
            LookupWebhookConnectionResponse response = peers.stub("adapter", AdapterServiceGrpc::newBlockingStub)
                    .lookupWebhookConnection(LookupWebhookConnectionRequest.newBuilder().setConnectionId(connectionId).build());
            Map<String, List<byte[]>> eventSecrets = new LinkedHashMap<>();
            for (WebhookEventSecret secret : response.getWebhookEventSecretsList()) {
                eventSecrets.computeIfAbsent(secret.getEvent(), e -> new ArrayList<>()).add(secret.getSecret().toByteArray());
            }
            WebhookConnection connection = new WebhookConnection(response.getConnectionId(), response.getTenantId(),
                    response.getVendor().name().replaceFirst("^VENDOR_", ""), response.getEnabled(),
                    response.getWebhookSecretsList().stream().map(ByteString::toByteArray).toList(), eventSecrets);
            connections.put(connectionId, connection);
            confirmed.put(connectionId, Boolean.TRUE);
            return Optional.of(connection);
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                return Optional.empty();
            }
            if (e.getStatus().getCode() == Status.Code.INVALID_ARGUMENT) {
                throw new WebhookRejection(400, "CONNECTION_ID_INVALID", "connection id in the URL is not valid: "
                        + e.getStatus().getDescription());
            }
            throw unavailable(e);
        }
    }

    /** What the inbox did with an event. */
    public enum IngestOutcome {
        /** New, now stored. */
        ACCEPTED,
        /** The delivery was already stored; nothing changed. */
        DUPLICATE
    }

    /** Stores the event durably; returns only once the inbox has committed it (or already had it), saying which. */
    public IngestOutcome ingest(WebhookConnection connection, WebhookRequest request, CanonicalEvent event) {
        VendorEvent.Builder proto = VendorEvent.newBuilder()
                .setVendor(io.atsbridge.proto.common.v1.Vendor.valueOf("VENDOR_" + connection.vendor()))
                .setConnectionId(connection.id())
                .setEventType(EventType.valueOf("EVENT_TYPE_" + event.eventType()))
                .setVendorEventType(event.vendorEventType())
                .setDeliveryKey(event.deliveryKey())
                .setRawBody(ByteString.copyFrom(request.body()))
                .setContentType(Optional.ofNullable(request.header("Content-Type")).orElse("application/json"))
                .setReceiveTime(ProtoTimes.toProto(request.receiveTime()));
        if (event.occurTime() != null) {
            proto.setOccurTime(ProtoTimes.toProto(event.occurTime()));
        }
        for (CanonicalEvent.Ref ref : event.refs()) {
            proto.addExternalRefs(ExternalRef.newBuilder()
                    .setConnectionId(connection.id())
                    .setVendor(proto.getVendor())
                    .setKind(ExternalKind.valueOf("EXTERNAL_KIND_" + ref.kind()))
                    .setId(ref.id()));
        }
        CallContext context = new CallContext(connection.tenantId(), GATEWAY, null, null);
        try {
            IngestEventsResponse response = context.call(() -> peers.stub("adapter", AdapterServiceGrpc::newBlockingStub)
                    .ingestEvents(IngestEventsRequest.newBuilder().addEvents(proto).build()));
            if (response.getResultsCount() != 1) {
                throw new WebhookRejection(503, "INBOX_UNAVAILABLE", "the inbox did not confirm the event; retry later");
            }
            return switch (response.getResults(0).getOutcome()) {
                case INGEST_OUTCOME_ACCEPTED -> IngestOutcome.ACCEPTED;
                case INGEST_OUTCOME_DUPLICATE -> IngestOutcome.DUPLICATE;
                default -> throw new WebhookRejection(503, "INBOX_UNAVAILABLE", "the inbox did not say whether it stored the "
                        + "event; retry later");
            };
        } catch (StatusRuntimeException e) {
            throw translate(e);
        } catch (WebhookRejection e) {
            throw e;
        } catch (Exception e) {
            throw new WebhookRejection(503, "INBOX_UNAVAILABLE", "the inbox could not take the event; retry later");
        }
    }

    /** Forgets cached connections (after a configuration change). */
    public void invalidate() {
        connections.invalidateAll();
    }

    private static WebhookRejection translate(StatusRuntimeException e) {
        String reason = GrpcErrors.errorInfo(e).map(info -> info.getReason()).orElse("INBOX_REFUSED");
        String detail = e.getStatus().getDescription() == null ? "the inbox refused the event" : e.getStatus().getDescription();
        return switch (e.getStatus().getCode()) {
            case INVALID_ARGUMENT -> new WebhookRejection(400, reason, detail);
            case NOT_FOUND -> new WebhookRejection(404, reason, detail);
            case FAILED_PRECONDITION -> new WebhookRejection(409, reason, detail);
            default -> unavailable(e);
        };
    }

    private static WebhookRejection unavailable(StatusRuntimeException e) {
        return new WebhookRejection(503, "INBOX_UNAVAILABLE", "the inbox is unavailable (" + e.getStatus().getCode()
                + "); the event was not stored, retry later");
    }
}
