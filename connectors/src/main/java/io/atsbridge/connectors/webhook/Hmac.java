package io.atsbridge.connectors.webhook;

import io.micronaut.core.annotation.Nullable;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** HMAC-SHA256, SHA-256 and constant-time comparison, from the JCA. */
public final class Hmac {

    private Hmac() {
    }

    public static byte[] sha256(byte[] key, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }

    /** Compares in time independent of where the inputs differ. */
    public static boolean equal(byte[] expected, byte[] presented) {
        return MessageDigest.isEqual(expected, presented);
    }

    /**
     * Whether any secret's expected digest equals any presented digest. Every pair is compared (no
     * early exit), so the time taken does not tell which secret or which signature matched.
     */
    public static boolean anyMatches(List<byte[]> secrets, List<byte[]> presented, Function<byte[], byte[]> expectedFor) {
        boolean matched = false;
        for (byte[] secret : secrets) {
            byte[] expected = expectedFor.apply(secret);
            for (byte[] candidate : presented) {
                matched |= equal(expected, candidate);
            }
        }
        return matched;
    }

    /** The bytes of a hex digest (either case), or null when the text is not hex. */
    @Nullable
    public static byte[] parseHex(@Nullable String text) {
        if (text == null) {
            return null;
        }
        String trimmed = text.trim().toLowerCase(Locale.ROOT);
        if (trimmed.isEmpty() || trimmed.length() % 2 != 0) {
            return null;
        }
        try {
            return HexFormat.of().parseHex(trimmed);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Lower-case hex SHA-256 of the bytes: the delivery key of vendors that send no delivery id. */
    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
