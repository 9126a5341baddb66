package io.atsbridge.mapping.persistence;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
interface ProfileVersionRepository extends GenericRepository<ProfileVersionRow, Long> {

    Optional<ProfileVersionRow> findById(Long id);

    Optional<ProfileVersionRow> findByTenantIdAndProfileIdAndVersion(String tenantId, String profileId, int version);

    Optional<ProfileVersionRow> findFirstByTenantIdAndProfileIdOrderByVersionDesc(String tenantId, String profileId);

    Optional<ProfileVersionRow> findByTenantIdAndRequestId(String tenantId, String requestId);

    ProfileVersionRow save(ProfileVersionRow row);
}
