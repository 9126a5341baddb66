package io.atsbridge.platform.auth;

import io.atsbridge.platform.context.Caller;

import java.util.Optional;

/**
 * Verifies a bearer token and says who presented it. The static-token implementation reads tokens
 * from configuration; a JWT or mTLS verifier replaces it by providing another bean of this type.
 */
public interface CallerAuthenticator {

    /** The caller the token belongs to, or empty when the token is not valid. */
    Optional<Caller> authenticate(String bearerToken);
}
