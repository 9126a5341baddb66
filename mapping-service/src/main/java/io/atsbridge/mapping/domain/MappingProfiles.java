package io.atsbridge.mapping.domain;

import io.atsbridge.platform.database.SqlFailures;
import io.atsbridge.platform.error.DomainException;
import io.atsbridge.platform.error.ErrorCode;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The versioned mapping profiles of every tenant. A version, once stored, never changes, so a write
 * plan that names a version can always be explained later. Version numbers are assigned atomically
 * across replicas: the unique key on (tenant, profile, version) decides which of two concurrent
 * upserts gets a number, and the other retries with the next.
 */
@Singleton
public final class MappingProfiles {

    /** Each round of concurrent upserts stores at least one, so this many rounds serve that many writers. */
    private static final int MAX_ATTEMPTS = 16;
    private static final Pattern REQUEST_ID = Pattern.compile("[\\x21-\\x7e]{1,100}");

    private final TransactionOperations<Connection> transactions;
    private final ProfileVersions versions;
    private final Clock clock;

    MappingProfiles(TransactionOperations<Connection> transactions, ProfileVersions versions, Clock clock) {
        this.transactions = transactions;
        this.versions = versions;
        this.clock = clock;
    }

    /**
     * Stores the draft as the profile's next version (version 1 when the profile is new). A retry
     * with the same request id returns the version the first attempt stored.
     *
     * @param requestId the caller's idempotency key, or empty for none
     * @throws DomainException INVALID_ARGUMENT for a malformed draft or request id; ALREADY_EXISTS
     *                         when the request id was used for other content; FAILED_PRECONDITION
     *                         when the draft moves the profile to another connection
     */
    public MappingProfile upsert(String tenantId, String requestId, ProfileDraft draft) {
        DomainException.checkArgument(requestId.isEmpty() || REQUEST_ID.matcher(requestId).matches(), "REQUEST_ID_INVALID",
                "request_id: '%s' (expected: 1..100 printable ASCII characters without spaces, e.g. a UUID, or empty)",
                requestId);
        ProfileDraft clean = draft.normalised();
        @Nullable String idempotencyKey = requestId.isEmpty() ? null : requestId;
        for (int attempt = 1; ; attempt++) {
            try {
                return transactions.executeWrite(status -> upsertOnce(tenantId, idempotencyKey, clean));
            } catch (RuntimeException e) {
                // Another upsert took the version number (or the request id) first: look again.
                if (!SqlFailures.isWorthRetrying(e)) {
                    throw e;
                }
                if (attempt >= MAX_ATTEMPTS) {
                    throw new DomainException(ErrorCode.ABORTED, "CONCURRENT_UPSERT", String.format(
                            "profile %s is being changed by many callers at once; retry the upsert", clean.id()), Map.of());
                }
            }
        }
    }

    private MappingProfile upsertOnce(String tenantId, @Nullable String requestId, ProfileDraft draft) {
        if (requestId != null) {
            Optional<MappingProfile> earlier = versions.findByRequestId(tenantId, requestId);
            if (earlier.isPresent()) {
                MappingProfile stored = earlier.get();
                if (!stored.content().equals(draft)) {
                    throw DomainException.alreadyExists("REQUEST_ID_REUSED",
                            "request_id %s already stored version %s of profile %s with other content; "
                                    + "send a new request_id for a new version", requestId, stored.version(), stored.id());
                }
                return stored;
            }
        }
        Optional<MappingProfile> latest = versions.findLatest(tenantId, draft.id());
        if (latest.isPresent() && !latest.get().connectionId().equals(draft.connectionId())) {
            throw DomainException.failedPrecondition("PROFILE_CONNECTION_CHANGED",
                    "profile %s belongs to connection %s, not %s; create a new profile id for connection %s",
                    draft.id(), latest.get().connectionId(), draft.connectionId(), draft.connectionId());
        }
        int version = latest.map(stored -> stored.version() + 1).orElse(1);
        return versions.add(tenantId, requestId, new MappingProfile(draft.id(), version, draft.connectionId(),
                draft.displayName(), draft.fieldMappings(), draft.skillTags(), draft.note(), now()));
    }

    /**
     * One version of a profile, or the latest when {@code version} is 0.
     *
     * @throws DomainException INVALID_ARGUMENT for a malformed id or version; NOT_FOUND when this tenant
     *                         has no such profile or version
     */
    public MappingProfile get(String tenantId, String profileId, int version) {
        ProfileDraft.checkProfileId("profile_id", profileId);
        DomainException.checkArgument(version >= 0, "PROFILE_VERSION_INVALID",
                "version: %s (expected: >= 1, or 0 for the latest)", version);
        if (version == 0) {
            return versions.findLatest(tenantId, profileId)
                    .orElseThrow(() -> notFound(tenantId, profileId));
        }
        Optional<MappingProfile> stored = versions.find(tenantId, profileId, version);
        if (stored.isPresent()) {
            return stored.get();
        }
        int latest = versions.findLatest(tenantId, profileId)
                .map(MappingProfile::version)
                .orElseThrow(() -> notFound(tenantId, profileId));
        throw DomainException.notFound("PROFILE_VERSION_NOT_FOUND",
                "profile %s has no version %s (it has versions 1..%s); pass one of those, or 0 for the latest",
                profileId, version, latest);
    }

    private static DomainException notFound(String tenantId, String profileId) {
        return DomainException.notFound("PROFILE_NOT_FOUND",
                "mapping profile %s does not exist in tenant %s; create it with UpsertMappingProfile", profileId, tenantId);
    }

    /** Now, at the microsecond precision the database keeps, so stored and returned times agree. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
