package io.atsbridge.connectors.webhook;

import io.micronaut.core.annotation.Nullable;

import java.util.Objects;

/**
 * How one vendor's webhooks are received: the signature scheme, the translation into the canonical event, the
 * status the vendor expects on success, how its retries are told from replays, and its subscription handshake.
 *
 * @param successStatus the HTTP status the vendor expects for a delivery taken (SmartRecruiters: 202)
 * @param handshake     the vendor's subscription activation handshake, or null when it has none
 */
public record VendorWebhooks(SignatureScheme signature, EventTranslator translator, int successStatus,
                             ReplayGuard replayGuard, @Nullable HookSecretHandshake handshake) {

    public VendorWebhooks {
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(translator, "translator");
        Objects.requireNonNull(replayGuard, "replayGuard");
        if (successStatus < 200 || successStatus > 299) {
            throw new IllegalArgumentException("successStatus: " + successStatus + " (expected: 2xx)");
        }
    }

    /** Webhooks answered 200, whose retries are the same bytes (no replay guard beyond the inbox), without handshake. */
    public static VendorWebhooks of(SignatureScheme signature, EventTranslator translator) {
        return new VendorWebhooks(signature, translator, 200, ReplayGuard.NONE, null);
    }
}
