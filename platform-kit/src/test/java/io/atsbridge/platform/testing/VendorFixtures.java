package io.atsbridge.platform.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The vendors' published webhook payloads kept as test resources ({@code vendor-fixtures/}, each with a
 * {@code .source.txt} naming where it was copied from), read as the exact bytes a vendor would send.
 */
public final class VendorFixtures {

    private VendorFixtures() {
    }

    /** The fixture's bytes, e.g. {@code bytes("greenhouse_webhook_candidate_stage_change.json")}. */
    public static byte[] bytes(String name) {
        try (InputStream in = VendorFixtures.class.getResourceAsStream("/vendor-fixtures/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no vendor fixture " + name + " under platform-kit/src/test/resources/vendor-fixtures");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read vendor fixture " + name, e);
        }
    }

    /** The fixture as UTF-8 text. */
    public static String text(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }
}
