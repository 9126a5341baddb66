package io.atsbridge.platform.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.atsbridge.platform.context.Caller;
import io.atsbridge.platform.context.CallerKind;
import io.atsbridge.platform.startup.MissingConfigurationException;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.MalformedURLException;
import java.text.ParseException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Authenticates people by their enterprise identity provider's JWTs: the signature against the provider's published
 * keys (fetched from its JWKS URI and cached, refetched when a token names a key not seen yet), the issuer exactly,
 * the audience, and the expiry and not-before times within the configured clock skew. The person's roles and tenants
 * come from the configured claims; a token without a role or a tenant authenticates nobody. Asymmetric algorithms
 * only (RS256/384/512, PS*, ES*, EdDSA): a shared-secret HS256 token cannot come from the provider.
 */
@Context
@Requires(property = "atsbridge.auth.oidc.issuer")
final class OidcAuthenticator implements CallerAuthenticator {

    private static final Logger LOG = LoggerFactory.getLogger(OidcAuthenticator.class);
    private static final Set<JWSAlgorithm> ALGORITHMS = new LinkedHashSet<>();

    static {
        ALGORITHMS.addAll(JWSAlgorithm.Family.RSA);
        ALGORITHMS.addAll(JWSAlgorithm.Family.EC);
        ALGORITHMS.addAll(JWSAlgorithm.Family.ED);
    }

    private final OidcSettings settings;
    private final ConfigurableJWTProcessor<SecurityContext> processor;

    OidcAuthenticator(OidcSettings settings) {
        if (settings.jwksUri() == null || settings.audience() == null || settings.audience().isBlank()) {
            throw new MissingConfigurationException("atsbridge.auth.oidc.issuer is set, so people sign in with its JWTs: "
                    + "also set ATSBRIDGE_AUTH_OIDC_JWKS_URI (the provider's jwks_uri) and ATSBRIDGE_AUTH_OIDC_AUDIENCE "
                    + "(the client id registered for atsbridge)");
        }
        this.settings = settings;
        JWKSource<SecurityContext> keys;
        try {
            keys = JWKSourceBuilder.create(settings.jwksUri().toURL()).retrying(true).build();
        } catch (MalformedURLException e) {
            throw new MissingConfigurationException("ATSBRIDGE_AUTH_OIDC_JWKS_URI is not a URL: " + settings.jwksUri());
        }
        DefaultJWTProcessor<SecurityContext> jwt = new DefaultJWTProcessor<>();
        jwt.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                // Mutable sets: Nimbus asks them whether they contain null, which Set.of answers with an exception.
                new HashSet<>(Set.of(settings.audience())),
                new JWTClaimsSet.Builder().issuer(settings.issuer()).build(),
                new HashSet<>(Set.of("exp", settings.nameClaim())),
                null);
        claims.setMaxClockSkew((int) Math.min(Integer.MAX_VALUE, settings.clockSkew().toSeconds()));
        jwt.setJWTClaimsSetVerifier(claims);
        this.processor = jwt;
    }

    @Override
    public Optional<Caller> authenticate(String bearerToken) {
        if (bearerToken.chars().filter(c -> c == '.').count() != 2) {
            return Optional.empty();
        }
        JWTClaimsSet claims;
        try {
            claims = processor.process(bearerToken, null);
        } catch (ParseException | BadJOSEException | JOSEException e) {
            // Why a token was refused helps whoever configures the provider; the token itself is never logged.
            LOG.info("a JWT was refused: {}", e.getMessage());
            return Optional.empty();
        }
        Set<String> roles = values(claims, settings.rolesClaim());
        Set<String> tenants = values(claims, settings.tenantsClaim());
        Object name = claims.getClaim(settings.nameClaim());
        if (roles.isEmpty() || tenants.isEmpty() || name == null || name.toString().isBlank()) {
            LOG.info("a JWT of issuer {} names no role (claim {}), no tenant (claim {}) or no name (claim {}); refused",
                    settings.issuer(), settings.rolesClaim(), settings.tenantsClaim(), settings.nameClaim());
            return Optional.empty();
        }
        return Optional.of(new Caller(name.toString(), CallerKind.PERSON, roles, tenants));
    }

    /** A claim as a set of strings: a JSON list of strings, or one string separated by spaces or commas. */
    private static Set<String> values(JWTClaimsSet claims, String claim) {
        Object value = claims.getClaim(claim);
        Set<String> values = new LinkedHashSet<>();
        if (value instanceof List<?> list) {
            list.stream().filter(String.class::isInstance).map(String.class::cast).map(String::strip)
                    .filter(v -> !v.isEmpty()).forEach(values::add);
        } else if (value instanceof String text) {
            Arrays.stream(text.split("[\\s,]+")).map(String::strip).filter(v -> !v.isEmpty()).forEach(values::add);
        }
        return values;
    }
}
