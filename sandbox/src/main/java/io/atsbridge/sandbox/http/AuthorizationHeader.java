package io.atsbridge.sandbox.http;

import io.micronaut.core.annotation.Nullable;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * How the simulated vendors read an {@code Authorization} header and compare what it carries with the secret they
 * issued: HTTP Basic (Harvest v1, Lever and Ashby send the API key as the user name with a blank password; the Harvest
 * v3 token endpoint sends client id and secret) and Bearer (Harvest v3 access tokens, the AI vendor's API key).
 */
public final class AuthorizationHeader {

    private AuthorizationHeader() {
    }

    /**
     * The decoded {@code user:password} of a Basic header, or null when there is none or it is not Base64. The
     * password is everything after the first colon; without a colon the whole is the user name.
     */
    @Nullable
    public static String basicPair(@Nullable String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            return new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The user name of a Basic header, or null when there is none, it is malformed or the user name is empty. The
     * vendors that put their API key there leave the password blank and do not check it, so it is not returned.
     */
    @Nullable
    public static String basicUser(@Nullable String authorization) {
        String pair = basicPair(authorization);
        if (pair == null) {
            return null;
        }
        int colon = pair.indexOf(':');
        String user = colon < 0 ? pair : pair.substring(0, colon);
        return user.isEmpty() ? null : user;
    }

    /** The token of a Bearer header, or null when there is none or it is empty. */
    @Nullable
    public static String bearer(@Nullable String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = authorization.substring(7).trim();
        return token.isEmpty() ? null : token;
    }

    /**
     * Whether a presented credential is the issued one, compared in time independent of where they differ (so that a
     * caller cannot find the secret a byte at a time); a missing one never is.
     */
    public static boolean matches(@Nullable String presented, String issued) {
        return presented != null
                && MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), issued.getBytes(StandardCharsets.UTF_8));
    }
}
