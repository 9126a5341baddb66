package io.atsbridge.platform.tls;

import io.atsbridge.platform.startup.MissingConfigurationException;
import io.grpc.netty.GrpcSslContexts;
import io.micronaut.core.annotation.Nullable;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;

import javax.net.ssl.SSLException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The TLS contexts of {@link TlsSettings}, built with gRPC's Netty defaults (ALPN h2, TLS 1.2+ ciphers). */
public final class TlsContexts {

    private TlsContexts() {
    }

    /** The server's context, or empty for plaintext. */
    public static Optional<SslContext> server(TlsSettings.Server server) {
        if (!server.enabled()) {
            return Optional.empty();
        }
        Path chain = readable(server.certChain(), "ATSBRIDGE_TLS_SERVER_CERT_CHAIN", "the server's certificate chain");
        Path key = readable(server.privateKey(), "ATSBRIDGE_TLS_SERVER_PRIVATE_KEY", "the server's private key");
        try {
            SslContextBuilder builder = GrpcSslContexts.forServer(chain.toFile(), key.toFile());
            if (server.clientCa() != null) {
                builder.trustManager(readable(server.clientCa(), "ATSBRIDGE_TLS_SERVER_CLIENT_CA", "the client CA").toFile())
                        .clientAuth(ClientAuth.REQUIRE);
            }
            return Optional.of(builder.build());
        } catch (SSLException | IllegalArgumentException e) {
            throw new MissingConfigurationException("cannot use the server's TLS certificate " + chain + " and key " + key
                    + " (PEM expected, the key PKCS#8 or PKCS#1): " + e.getMessage());
        }
    }

    /** The context for calling peers, or empty for plaintext. */
    public static Optional<SslContext> client(TlsSettings.Client client) {
        if (!client.enabled()) {
            if (client.certChain() != null || client.privateKey() != null) {
                throw new MissingConfigurationException("a client certificate is set but no CA to check peers with: set "
                        + "ATSBRIDGE_TLS_CLIENT_CA too (peers are called in plaintext without it)");
            }
            return Optional.empty();
        }
        Path ca = readable(client.ca(), "ATSBRIDGE_TLS_CLIENT_CA", "the CA that issued the peers' certificates");
        try {
            SslContextBuilder builder = GrpcSslContexts.forClient().trustManager(ca.toFile());
            if (client.certChain() != null || client.privateKey() != null) {
                builder.keyManager(readable(client.certChain(), "ATSBRIDGE_TLS_CLIENT_CERT_CHAIN", "the client certificate").toFile(),
                        readable(client.privateKey(), "ATSBRIDGE_TLS_CLIENT_PRIVATE_KEY", "the client's private key").toFile());
            }
            return Optional.of(builder.build());
        } catch (SSLException | IllegalArgumentException e) {
            throw new MissingConfigurationException("cannot use the TLS files for calling peers (CA " + ca
                    + "; PEM expected): " + e.getMessage());
        }
    }

    private static Path readable(@Nullable Path path, String variable, String what) {
        if (path == null) {
            throw new MissingConfigurationException(what + " is missing: set " + variable);
        }
        if (!Files.isReadable(path)) {
            throw new MissingConfigurationException(what + " cannot be read at " + path + ": check " + variable
                    + " and the file's permissions");
        }
        return path;
    }
}
