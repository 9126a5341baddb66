package io.atsbridge.mapping.domain;

import io.micronaut.core.annotation.Nullable;

import java.util.Optional;

/**
 * The stored versions of every tenant's mapping profiles; persistence implements it. A version, once added, is
 * never changed or removed. Calls join the caller's transaction, if any.
 *
 * <p>Per tenant, at most one version has a given profile id and version number, and at most one a given
 * request id: adding another fails with a duplicate key (see
 * {@link io.atsbridge.platform.database.SqlFailures#isDuplicateKey}). That is what assigns version numbers
 * atomically across replicas.
 */
public interface ProfileVersions {

    /** The version stored by the upsert with this idempotency key, if any. */
    Optional<MappingProfile> findByRequestId(String tenantId, String requestId);

    /** The profile's latest version, if the profile exists. */
    Optional<MappingProfile> findLatest(String tenantId, String profileId);

    /** One version of the profile, if it exists. */
    Optional<MappingProfile> find(String tenantId, String profileId, int version);

    /**
     * Stores a new version, under the upsert's idempotency key when it has one, and returns it as stored.
     *
     * @param requestId the upsert's idempotency key, or null for none
     */
    MappingProfile add(String tenantId, @Nullable String requestId, MappingProfile version);
}
