package io.atsbridge.gateway.webhook;

import jakarta.inject.Singleton;

import java.util.Map;
import java.util.Optional;

/**
 * Checks a webhook against its connection's vendor scheme and translates it. It does not store: the
 * caller hands the result to the inbox and answers the vendor only after that succeeded.
 */
@Singleton
public final class WebhookReceiver {

    /** A vendor's verification and translation, and the status code it expects on success. */
    record VendorScheme(SignatureScheme signature, EventTranslator translator, int successStatus) {
    }

    private static final Map<String, VendorScheme> SCHEMES = Map.of(
            "GREENHOUSE", new VendorScheme(new GreenhouseSignature(), new GreenhouseEvents(), 200),
            "STANDARD_WEBHOOKS", new VendorScheme(new StandardWebhooksSignature(), new StandardWebhooksEvents(), 200));

    /**
     * Verifies and translates.
     *
     * @throws WebhookRejection with the status, reason and detail to answer
     */
    public CanonicalEvent receive(WebhookConnection connection, WebhookRequest request) {
        VendorScheme scheme = scheme(connection);
        if (!connection.enabled()) {
            throw new WebhookRejection(403, "CONNECTION_DISABLED", "connection " + connection.id()
                    + " is disabled; enable it in atsbridge or remove the webhook at the vendor");
        }
        String contentType = Optional.ofNullable(request.header("Content-Type")).orElse("");
        if (!contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw new WebhookRejection(415, "CONTENT_TYPE_UNSUPPORTED", "webhooks for connection " + connection.id()
                    + " must be application/json (got '" + contentType + "')");
        }
        scheme.signature().verify(request, connection.secrets());
        return scheme.translator().translate(request);
    }

    /** The success status the connection's vendor expects (Greenhouse: 200). */
    public int successStatus(WebhookConnection connection) {
        return scheme(connection).successStatus();
    }

    private static VendorScheme scheme(WebhookConnection connection) {
        VendorScheme scheme = SCHEMES.get(connection.vendor());
        if (scheme == null) {
            // A configuration error (a vendor whose webhooks the gateway cannot verify), not a server fault.
            throw new WebhookRejection(422, "VENDOR_NOT_SUPPORTED", "connection " + connection.id() + " is configured for vendor "
                    + connection.vendor() + ", whose webhooks this gateway does not accept yet");
        }
        return scheme;
    }
}
