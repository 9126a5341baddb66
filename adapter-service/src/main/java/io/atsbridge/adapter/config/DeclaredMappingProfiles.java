package io.atsbridge.adapter.config;

import io.atsbridge.adapter.connections.domain.AdapterSettings;
import io.atsbridge.platform.client.PeerChannels;
import io.atsbridge.platform.context.CallContext;
import io.atsbridge.platform.context.Caller;
import io.atsbridge.platform.context.CallerKind;
import io.atsbridge.platform.startup.MissingConfigurationException;
import io.atsbridge.proto.mapping.v1.MappingProfile;
import io.atsbridge.proto.mapping.v1.MappingServiceGrpc;
import io.atsbridge.proto.mapping.v1.UpsertMappingProfileRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Set;

/**
 * Stores the mapping profiles the declaration file declares through mapping-service's API while the
 * adapter starts, in the launcher and standalone alike. The request id is the content's hash, so the
 * same profile declared again returns the version stored the first time. mapping-service may still be
 * starting (in a cluster every service starts at once): an unavailable peer is asked again for up to
 * {@code atsbridge.adapter.mapping-profiles-wait}; a profile it refuses stops start-up with its reason.
 */
@Context
@Requires(beans = Declarations.class)
final class DeclaredMappingProfiles {

    private static final Logger LOG = LoggerFactory.getLogger(DeclaredMappingProfiles.class);
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);

    DeclaredMappingProfiles(Declarations declarations, PeerChannels peers, AdapterSettings settings) {
        Duration wait = settings.mappingProfilesWait();
        for (Declarations.DeclaredProfile declared : declarations.profiles()) {
            MappingProfile stored = store(peers, declared, wait, declarations);
            LOG.info("mapping profile {} v{} stored for tenant {}", stored.getId(), stored.getVersion(), declared.tenant());
        }
    }

    private static MappingProfile store(PeerChannels peers, Declarations.DeclaredProfile declared, Duration wait,
                                        Declarations declarations) {
        UpsertMappingProfileRequest request = UpsertMappingProfileRequest.newBuilder()
                .setRequestId("profile-" + HexFormat.of().formatHex(sha256(declared.profile().toByteArray())).substring(0, 32))
                .setProfile(declared.profile())
                .build();
        Caller caller = new Caller("adapter-service", CallerKind.SERVICE, Set.of("service"), Set.of(declared.tenant()));
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            try {
                return new CallContext(declared.tenant(), caller, null, null).call(() ->
                        peers.stub("mapping", MappingServiceGrpc::newBlockingStub).upsertMappingProfile(request).getProfile());
            } catch (StatusRuntimeException e) {
                boolean unavailable = e.getStatus().getCode() == Status.Code.UNAVAILABLE
                        || e.getStatus().getCode() == Status.Code.DEADLINE_EXCEEDED;
                if (!unavailable) {
                    throw new MissingConfigurationException("mapping profile " + declared.profile().getId() + " in "
                            + declarations.file() + " was refused by mapping-service: " + e.getStatus().getCode() + " "
                            + e.getStatus().getDescription());
                }
                if (System.nanoTime() > deadline) {
                    throw new MissingConfigurationException("mapping-service did not answer for " + wait.toSeconds()
                            + " s, so the mapping profiles in " + declarations.file() + " cannot be stored; check "
                            + "ATSBRIDGE_PEERS_MAPPING_ADDRESS and that mapping-service is running");
                }
                sleep();
            } catch (MissingConfigurationException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("storing mapping profile " + declared.profile().getId() + " failed", e);
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(RETRY_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for mapping-service", e);
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
