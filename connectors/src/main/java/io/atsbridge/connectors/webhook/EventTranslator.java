package io.atsbridge.connectors.webhook;

/** Turns one vendor's verified webhook into the canonical event. */
public interface EventTranslator {

    /** @throws WebhookRejection 400 when the body is not what the vendor documents */
    CanonicalEvent translate(WebhookRequest request);
}
