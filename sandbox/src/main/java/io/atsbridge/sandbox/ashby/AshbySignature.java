package io.atsbridge.sandbox.ashby;

import io.atsbridge.sandbox.signing.HmacSha256;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Ashby's webhook signature (developers.ashbyhq.com docs/authenticating-webhooks): header
 * {@code Ashby-Signature: sha256=<hex>}, the lowercase hex HMAC-SHA256 of the raw JSON body under the webhook's
 * secret token. The part before {@code =} names the algorithm. No timestamp is signed.
 */
public final class AshbySignature {

    /** The header that carries the signature. */
    public static final String HEADER = "Ashby-Signature";

    private AshbySignature() {
    }

    /** The header value for {@code body}: {@code "sha256=" + lowercase hex}. */
    public static String headerValue(String secretToken, byte[] body) {
        return "sha256=" + HexFormat.of().formatHex(HmacSha256.mac(secretToken.getBytes(StandardCharsets.UTF_8), body));
    }
}
