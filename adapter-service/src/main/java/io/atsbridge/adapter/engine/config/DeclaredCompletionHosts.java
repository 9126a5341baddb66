package io.atsbridge.adapter.engine.config;

import io.atsbridge.adapter.connections.config.ConnectionProperties;
import io.atsbridge.adapter.engine.domain.PartnerCompletionHosts;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.stream.Collectors;

/** The declared connections' completion hosts, handed to the partner API as a domain value. */
@Factory
final class DeclaredCompletionHosts {

    @Singleton
    PartnerCompletionHosts partnerCompletionHosts(List<ConnectionProperties> declared) {
        return new PartnerCompletionHosts(declared.stream()
                .collect(Collectors.toMap(ConnectionProperties::id, ConnectionProperties::partnerCompletionHosts)));
    }
}
