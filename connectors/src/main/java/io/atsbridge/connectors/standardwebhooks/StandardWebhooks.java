package io.atsbridge.connectors.standardwebhooks;

import io.atsbridge.connectors.VendorModule;
import io.atsbridge.connectors.webhook.ReplayGuard;
import io.atsbridge.connectors.webhook.VendorWebhooks;

import java.util.Base64;
import java.util.Optional;

/**
 * Standard Webhooks v1 (standardwebhooks.com), the scheme AI vendors and custom sources send events with. The AI
 * vendors' API is not tied to a vendor name: {@code io.atsbridge.connectors.aivendor} serves every AI_VENDOR
 * connection.
 */
public final class StandardWebhooks {

    /**
     * Standard Webhooks events; every attempt is signed anew, so a replayed attempt is told from a retry by its
     * {@code webhook-timestamp}.
     */
    public static final VendorModule MODULE = VendorModule.builder("STANDARD_WEBHOOKS")
            .webhooks(settings -> new VendorWebhooks(new StandardWebhooksSignature(settings.window()),
                    new StandardWebhooksEvents(), 200, ReplayGuard.signedAttempt(StandardWebhooksSignature.TIMESTAMP), null))
            .build();

    /** The prefix of Standard Webhooks secrets, {@code whsec_<base64 key>}. */
    public static final String SECRET_PREFIX = "whsec_";

    private StandardWebhooks() {
    }

    /**
     * The HMAC key of a {@code whsec_<base64 key>} secret, or empty when the secret does not start with
     * {@value #SECRET_PREFIX} or the rest is not base64: the one place both the receiving side (this library) and the
     * sending side (adapter-service's outbound webhooks) decode such secrets.
     */
    public static Optional<byte[]> secretKey(String secret) {
        if (!secret.startsWith(SECRET_PREFIX)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length())));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
