package io.atsbridge.connectors.webhook;

import java.util.Objects;

/**
 * A subscription activation handshake in which the vendor POSTs a secret in {@value #HEADER}, unsigned, and expects
 * it echoed in the same header (SmartRecruiters). Nothing is stored for it.
 *
 * @param signatureHeader the header the vendor's signed deliveries carry: a request with it is a delivery, not the
 *                        handshake
 */
public record HookSecretHandshake(String signatureHeader) {

    /** The header that carries the secret, and in which it is echoed. */
    public static final String HEADER = "X-Hook-Secret";

    public HookSecretHandshake {
        Objects.requireNonNull(signatureHeader, "signatureHeader");
    }

    /** Whether the request is the handshake: it carries the secret and no signature. */
    public boolean matches(WebhookRequest request) {
        return request.header(HEADER) != null && request.header(signatureHeader) == null;
    }
}
