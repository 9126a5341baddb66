package io.atsbridge.platform.tls;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.nio.file.Path;

/**
 * TLS between the services, {@code atsbridge.tls.*}: PEM files, as cert-manager and Kubernetes TLS Secrets hold them.
 * Without a server certificate a service listens in plaintext; without a client CA its peers are called in plaintext.
 *
 * @param server how this service's gRPC server presents itself and whom it lets connect
 * @param client how this service checks the services it calls, and the certificate it shows them
 */
@ConfigurationProperties("atsbridge.tls")
public record TlsSettings(Server server, Client client) {

    /**
     * {@code atsbridge.tls.server.*}.
     *
     * @param certChain  the server's certificate chain (PEM; e.g. a TLS Secret's {@code tls.crt})
     * @param privateKey its private key (PEM, PKCS#8 or PKCS#1; {@code tls.key})
     * @param clientCa   when set, mutual TLS: a client must show a certificate issued by this CA (PEM; {@code ca.crt}),
     *                   else the connection is refused before any call
     */
    @ConfigurationProperties("server")
    public record Server(@Nullable Path certChain, @Nullable Path privateKey, @Nullable Path clientCa) {

        /** Whether the server speaks TLS. */
        public boolean enabled() {
            return certChain != null || privateKey != null;
        }
    }

    /**
     * {@code atsbridge.tls.client.*}.
     *
     * @param ca         when set, peers are called over TLS and must show a certificate issued by this CA (PEM)
     * @param certChain  the certificate this service shows peers that demand one (mutual TLS; PEM)
     * @param privateKey its private key (PEM)
     */
    @ConfigurationProperties("client")
    public record Client(@Nullable Path ca, @Nullable Path certChain, @Nullable Path privateKey) {

        /** Whether peers are called over TLS. */
        public boolean enabled() {
            return ca != null;
        }
    }
}
