package io.atsbridge.sandbox.signing;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;

/** HMAC-SHA256 through the JCA, the primitive under every webhook signature the simulators send. */
public final class HmacSha256 {

    private static final String ALGORITHM = "HmacSHA256";

    private HmacSha256() {
    }

    /** The 32-byte HMAC-SHA256 of {@code message} under {@code key}. */
    public static byte[] mac(byte[] key, byte[]... message) {
        if (key.length == 0) {
            throw new IllegalArgumentException("HMAC key: empty (expected: at least one byte)");
        }
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            for (byte[] part : message) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            // Every Java 17 runtime ships HmacSHA256; reaching this means a broken JCA provider set-up.
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }
}
