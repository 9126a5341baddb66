package io.atsbridge.platform.auth;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.net.URI;
import java.time.Duration;

/**
 * Sign-in for people with the enterprise's identity provider, {@code atsbridge.auth.oidc.*}: a person calls with the
 * provider's JWT (an ID or access token) as the bearer token. Off while {@code issuer} is unset.
 *
 * @param issuer       the provider's issuer, exactly as its tokens' {@code iss} (e.g. https://login.example.com/)
 * @param jwksUri      where the provider publishes its signing keys (its discovery document's {@code jwks_uri})
 * @param audience     the audience a token must be for ({@code aud}): the client id registered for atsbridge
 * @param rolesClaim   the claim holding the person's atsbridge roles: a list of strings, or one space- or
 *                     comma-separated string (e.g. {@code roles}, {@code groups})
 * @param tenantsClaim the claim holding the tenants the person may act for, the same way ({@code *} for any)
 * @param nameClaim    the claim that names the person in audit records (e.g. {@code sub}, {@code email})
 * @param clockSkew    how far the provider's clock may be from ours when checking {@code exp} and {@code nbf}
 */
@ConfigurationProperties("atsbridge.auth.oidc")
public record OidcSettings(
        @Nullable String issuer,
        @Nullable URI jwksUri,
        @Nullable String audience,
        @Bindable(defaultValue = "roles") String rolesClaim,
        @Bindable(defaultValue = "tenants") String tenantsClaim,
        @Bindable(defaultValue = "sub") String nameClaim,
        @Bindable(defaultValue = "60s") Duration clockSkew) {
}
