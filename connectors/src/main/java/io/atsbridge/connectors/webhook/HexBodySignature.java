package io.atsbridge.connectors.webhook;

import java.util.List;

/**
 * The plain scheme of Workable ({@code X-Workable-Signature}) and JazzHR ({@code X-JazzHR-Signature}):
 * one header holding the hex HMAC-SHA256(secret, raw body), without a prefix or a timestamp
 * (vendors.md §7, §10). Workable does not document the encoding; hex is what its SDKs and the
 * JazzHR scheme use, and a base64 header is refused as malformed rather than guessed at.
 */
public final class HexBodySignature implements SignatureScheme {

    private final String header;
    private final String name;
    private final String vendor;

    public HexBodySignature(String header, String name, String vendor) {
        this.header = header;
        this.name = name;
        this.vendor = vendor;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void verify(WebhookRequest request, List<byte[]> secrets) {
        String value = request.header(header);
        if (value == null || value.isBlank()) {
            throw new WebhookRejection(401, "SIGNATURE_MISSING", "no " + header + " header for connection "
                    + request.connectionId() + " (scheme " + name + ")");
        }
        byte[] presented = Hmac.parseHex(value);
        if (presented == null) {
            throw new WebhookRejection(401, "SIGNATURE_MALFORMED", header + " header for connection " + request.connectionId()
                    + " is not a hex digest (scheme " + name + ")");
        }
        if (!Hmac.anyMatches(secrets, List.of(presented), secret -> Hmac.sha256(secret, request.body()))) {
            throw new WebhookRejection(401, "SIGNATURE_INVALID", "webhook signature mismatch for connection "
                    + request.connectionId() + " (header " + header + ", scheme " + name + "); check the secret configured in "
                    + vendor);
        }
    }
}
