package io.atsbridge.cli.audit;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import picocli.CommandLine.Option;

import javax.net.ssl.SSLException;
import java.io.File;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Where and as whom the command calls: the service's address, TLS or plaintext, and the caller's bearer token and
 * tenant, as every atsbridge service expects them on gRPC metadata.
 */
public final class Connection {

    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final Metadata.Key<String> TENANT =
            Metadata.Key.of("x-atsbridge-tenant", Metadata.ASCII_STRING_MARSHALLER);

    @Option(names = "--target", defaultValue = "${env:ATSBRIDGE_AUDIT_TARGET:-localhost:9104}",
            description = "audit-service host:port (env ATSBRIDGE_AUDIT_TARGET; default ${DEFAULT-VALUE})")
    String target = "localhost:9104";

    @Option(names = "--token", defaultValue = "${env:ATSBRIDGE_TOKEN}",
            description = "your bearer token (env ATSBRIDGE_TOKEN); prefer the environment to the command line")
    String token = "";

    @Option(names = "--tenant", defaultValue = "${env:ATSBRIDGE_TENANT}", description = "the tenant (env ATSBRIDGE_TENANT)")
    String tenant = "";

    @Option(names = "--plaintext", description = "no TLS (a local all-in-one run); TLS otherwise")
    boolean plaintext;

    @Option(names = "--ca-file", description = "PEM certificates to trust for the service's TLS certificate; the "
            + "system's otherwise")
    String caFile = "";

    @Option(names = "--timeout", defaultValue = "30", description = "seconds each call may take (default ${DEFAULT-VALUE})")
    long timeoutSeconds = 30;

    ManagedChannel open() {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("no token: set ATSBRIDGE_TOKEN or --token");
        }
        if (tenant == null || tenant.isBlank()) {
            throw new IllegalArgumentException("no tenant: set ATSBRIDGE_TENANT or --tenant");
        }
        int colon = target.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("--target " + target + " (expected: host:port)");
        }
        NettyChannelBuilder builder;
        try {
            builder = NettyChannelBuilder.forAddress(target.substring(0, colon), Integer.parseInt(target.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--target " + target + " (expected: host:port)", e);
        }
        if (plaintext) {
            builder.usePlaintext();
        } else if (!caFile.isEmpty()) {
            try {
                builder.sslContext(GrpcSslContexts.forClient().trustManager(new File(caFile)).build());
            } catch (SSLException | IllegalArgumentException e) {
                throw new IllegalArgumentException("--ca-file " + caFile + " holds no PEM certificates: " + e.getMessage(), e);
            }
        }
        return builder.build();
    }

    /** The stub with the caller's token and tenant and a deadline of {@code seconds}. */
    <S extends AbstractStub<S>> S as(S stub, long seconds) {
        Metadata headers = new Metadata();
        headers.put(AUTHORIZATION, "Bearer " + token);
        headers.put(TENANT, tenant);
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .withDeadlineAfter(seconds, TimeUnit.SECONDS);
    }

    /** What a command does over an open channel; answers its exit code. */
    @FunctionalInterface
    interface ChannelWork {
        int run(ManagedChannel channel) throws IOException;
    }

    /** Opens a channel, does the work and closes the channel. */
    int run(ChannelWork work) throws IOException {
        ManagedChannel channel = open();
        try {
            return work.run(channel);
        } finally {
            close(channel);
        }
    }

    static void close(ManagedChannel channel) {
        channel.shutdownNow();
        try {
            channel.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
