package io.atsbridge.platform.auth;

import com.google.rpc.ErrorInfo;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.atsbridge.platform.error.GrpcErrors;
import io.atsbridge.platform.testing.TestCalls;
import io.atsbridge.platform.testing.TestPorts;
import io.atsbridge.proto.access.v1.AccessServiceGrpc;
import io.atsbridge.proto.access.v1.CallerKind;
import io.atsbridge.proto.access.v1.CheckAccessRequest;
import io.atsbridge.proto.access.v1.CheckAccessResponse;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micronaut.context.annotation.Property;
import io.micronaut.grpc.server.GrpcEmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * People sign in with their identity provider's JWTs, checked over a real gRPC channel against a JWKS the test
 * serves: a good token makes the person the caller with the roles and tenants of its claims; an expired one, one for
 * another audience or from another issuer, one signed by a key the provider never published, a shared-secret one,
 * and one without a role are refused. Service tokens keep working beside them.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "atsbridge.service.name", value = "probe-service")
class OidcSignInTest implements TestPropertyProvider {

    private static final String ISSUER = "https://login.example.test/";
    private static final String AUDIENCE = "atsbridge-console";

    private final RSAKey providerKey = generate("provider-key-1");
    private final RSAKey strangerKey = generate("provider-key-1");
    private final HttpServer jwks = serve(new JWKSet(providerKey.toPublicJWK()));

    @Inject
    GrpcEmbeddedServer server;

    private ManagedChannel channel;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestCalls.authProperties());
        properties.put("grpc.server.port", TestPorts.freeText());
        properties.put("atsbridge.auth.oidc.issuer", ISSUER);
        properties.put("atsbridge.auth.oidc.jwks-uri", "http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks.json");
        properties.put("atsbridge.auth.oidc.audience", AUDIENCE);
        properties.put("atsbridge.auth.oidc.roles-claim", "groups");
        properties.put("atsbridge.auth.oidc.name-claim", "email");
        return properties;
    }

    @BeforeAll
    void open() {
        channel = TestCalls.channel(server.getPort());
    }

    @AfterAll
    void close() throws InterruptedException {
        TestCalls.close(channel);
        jwks.stop(0);
    }

    @Test
    void aPersonsTokenFromTheProviderMakesThemTheCallerWithTheRolesAndTenantsOfItsClaims() {
        CheckAccessResponse response = check(token(providerKey, claims -> claims), List.of("compliance", "operator"));

        assertThat(response.getCallerName()).isEqualTo("dana@example.test");
        assertThat(response.getCallerKind()).isEqualTo(CallerKind.CALLER_KIND_PERSON);
        assertThat(response.getRolesList()).containsExactlyInAnyOrder("compliance", "reviewer");
        assertThat(response.getTenantsList()).containsExactly("acme");
        assertThat(response.getMissingRolesList()).containsExactly("operator");
        // Roles as one space-separated string, as some providers write them.
        assertThat(check(token(providerKey, claims -> claims.claim("groups", "auditor reviewer")), List.of()).getRolesList())
                .containsExactlyInAnyOrder("auditor", "reviewer");
    }

    @Test
    void serviceTokensStillWorkBesideThem() {
        assertThat(check(TestCalls.TOKEN, List.of()).getCallerName()).isEqualTo("tester");
    }

    @Test
    void expiredWrongAudienceWrongIssuerUnknownKeySharedSecretOrRolelessTokensAreRefused() throws Exception {
        Date anHourAgo = Date.from(Instant.now().minus(Duration.ofHours(1)));
        assertRefused(token(providerKey, claims -> claims.expirationTime(anHourAgo)), "expired");
        assertRefused(token(providerKey, claims -> claims.audience("another-app")), "for another audience");
        assertRefused(token(providerKey, claims -> claims.issuer("https://evil.example.test/")), "from another issuer");
        assertRefused(token(strangerKey, claims -> claims), "signed by a key the provider never published");
        assertRefused(token(providerKey, claims -> claims.claim("groups", List.of())), "without a role");
        assertRefused(token(providerKey, claims -> claims.claim("tenants", null)), "without a tenant");

        SignedJWT hmac = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims(c -> c).build());
        hmac.sign(new MACSigner("a-shared-secret-of-at-least-256-bits-0123456789"));
        assertRefused(hmac.serialize(), "signed with a shared secret");
        assertRefused("not.a.jwt", "not a JWT at all");
    }

    private void assertRefused(String token, String why) {
        assertThatThrownBy(() -> check(token, List.of())).as(why)
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
                    assertThat(GrpcErrors.errorInfo(e).map(ErrorInfo::getReason)).hasValue("TOKEN_INVALID");
                });
    }

    private CheckAccessResponse check(String token, List<String> requiredRoles) {
        return TestCalls.as(AccessServiceGrpc.newBlockingStub(channel), token, null)
                .checkAccess(CheckAccessRequest.newBuilder().addAllRequiredRoles(requiredRoles).build());
    }

    private static JWTClaimsSet.Builder claims(UnaryOperator<JWTClaimsSet.Builder> change) {
        return change.apply(new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject("00u1a2b3c4")
                .claim("email", "dana@example.test")
                .claim("groups", List.of("compliance", "reviewer"))
                .claim("tenants", List.of("acme"))
                .issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plus(Duration.ofMinutes(10)))));
    }

    private static String token(RSAKey key, UnaryOperator<JWTClaimsSet.Builder> change) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                    claims(change).build());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey generate(String keyId) {
        try {
            return new RSAKeyGenerator(2048).keyID(keyId).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The provider's published keys, at /jwks.json on a free port. */
    private static HttpServer serve(JWKSet keys) {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            byte[] body = keys.toString(true).getBytes(StandardCharsets.UTF_8);
            http.createContext("/jwks.json", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            http.start();
            return http;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
