package io.atsbridge.adapter.engine.persistence;

import io.atsbridge.adapter.connections.domain.SealedSecretStore;
import io.atsbridge.adapter.connections.domain.Vendor;
import io.atsbridge.adapter.connections.persistence.SealedColumn;
import io.atsbridge.adapter.engine.domain.AssessmentPartners;
import io.micronaut.context.annotation.Factory;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.util.List;

/** The columns of the {@code assessment_partner} table (V9) that hold sealed keys. */
@Factory
final class SealedPartnerColumns {

    private static final List<String> KEY = List.of("connection_id", "protocol");

    @Singleton
    @Named("assessment-partner-keys")
    SealedSecretStore partnerKeys(TransactionOperations<Connection> transactions) {
        return new SealedColumn(transactions, "assessment partner keys", "assessment_partner", KEY,
                "partner_key_ciphertext", List.of(), row -> AssessmentPartners.partnerKeyBinding(
                        Vendor.valueOf(row.getString("protocol")), row.getString("connection_id")));
    }

    @Singleton
    @Named("assessment-partner-callback-keys")
    SealedSecretStore callbackKeys(TransactionOperations<Connection> transactions) {
        return new SealedColumn(transactions, "assessment partner callback keys", "assessment_partner", KEY,
                "api_key_ciphertext", List.of(), row -> AssessmentPartners.callbackKeyBinding(
                        Vendor.valueOf(row.getString("protocol")), row.getString("connection_id")));
    }
}
