package io.atsbridge.identity.persistence;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

@JdbcRepository(dialect = Dialect.MYSQL)
interface RequisitionRepository extends GenericRepository<RequisitionRow, String> {

    RequisitionRow save(RequisitionRow row);
}
