package io.atsbridge.sandbox.lever;

import io.atsbridge.sandbox.signing.HmacSha256;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Lever's webhook signature: the body's {@code signature} is the lowercase hex HMAC-SHA256, keyed with the
 * webhook's signature token, of the body's {@code token} followed by its {@code triggeredAt} as decimal text
 * (Lever's documented check: {@code hmac('sha256', SIGNATURE_TOKEN).update(token + triggeredAt)}). It covers
 * neither the event nor its data.
 */
public final class LeverWebhookSignature {

    private LeverWebhookSignature() {
    }

    /** The {@code signature} of a delivery with this {@code token} and {@code triggeredAt} (epoch milliseconds). */
    public static String sign(String signatureToken, String token, long triggeredAt) {
        byte[] mac = HmacSha256.mac(signatureToken.getBytes(StandardCharsets.UTF_8),
                (token + triggeredAt).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(mac);
    }
}
