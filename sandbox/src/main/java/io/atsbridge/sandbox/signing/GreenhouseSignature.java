package io.atsbridge.sandbox.signing;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Greenhouse's recruiting-webhook signature: header {@code Signature: sha256 <hex>}, the lowercase hex
 * HMAC-SHA256 of the entire raw body under the webhook's secret key (Ruby
 * {@code OpenSSL::HMAC.hexdigest('sha256', secret_key, body)}), so over the escaped bytes exactly as sent.
 */
public final class GreenhouseSignature {

    /** The header that carries the signature. */
    public static final String HEADER = "Signature";

    private GreenhouseSignature() {
    }

    /** The {@code Signature} header value for {@code body}: {@code "sha256 " + lowercase hex}. */
    public static String headerValue(String secretKey, byte[] body) {
        byte[] key = secretKey.getBytes(StandardCharsets.UTF_8);
        return "sha256 " + HexFormat.of().formatHex(HmacSha256.mac(key, body));
    }
}
