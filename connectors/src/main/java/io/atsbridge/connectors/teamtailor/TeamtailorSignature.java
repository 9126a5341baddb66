package io.atsbridge.connectors.teamtailor;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.atsbridge.connectors.webhook.Hmac;
import io.atsbridge.connectors.webhook.JsonBodies;
import io.atsbridge.connectors.webhook.SignatureScheme;
import io.atsbridge.connectors.webhook.SignedTimes;
import io.atsbridge.connectors.webhook.WebhookRejection;
import io.atsbridge.connectors.webhook.WebhookRequest;
import io.micronaut.core.annotation.Nullable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Teamtailor signs two kinds of webhook, told apart by header (vendors.md §8):
 * <ul>
 *   <li>company webhooks v2: {@code TT-Signature} = base64({@code "t=<unix s>,v2=<hex>"}), hex
 *   HMAC-SHA256(key, t + "." + JSON.stringify(payload)). Teamtailor signs a re-serialised
 *   {@code payload}, not the raw body, so the signature is checked against the {@code payload}
 *   value exactly as it appears in the body and, failing that, against its compact serialisation
 *   (what JSON.stringify produces when the body was pretty-printed). The legacy v1 (over the data id
 *   only) is refused: it does not cover the event.</li>
 *   <li>partner webhooks: {@code Teamtailor-Signature: t=<unix s>,v1=<hex>[,v0=...]}, hex
 *   HMAC-SHA256(secret, t + "." + partner-event.id).</li>
 * </ul>
 * Both timestamps must be within the window, except that one in the past may be up to the late-retry horizon old
 * ({@link SignedTimes}): partner webhooks are retried three times and company webhooks' retries are not documented,
 * nor whether a retry is signed anew, so a late copy is taken and the inbox stores each delivery once.
 */
final class TeamtailorSignature implements SignatureScheme {

    static final String COMPANY = "TT-Signature";
    static final String PARTNER = "Teamtailor-Signature";
    private static final JsonFactory JSON = new JsonFactory();
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final SignedTimes times;

    TeamtailorSignature(SignedTimes times) {
        this.times = times;
    }

    @Override
    public String name() {
        return "teamtailor";
    }

    /** Whether the request is a partner webhook (signed with {@code Teamtailor-Signature}). */
    static boolean isPartner(WebhookRequest request) {
        return request.header(COMPANY) == null && request.header(PARTNER) != null;
    }

    @Override
    public void verify(WebhookRequest request, List<byte[]> secrets) {
        String company = request.header(COMPANY);
        String partner = request.header(PARTNER);
        if (company != null && !company.isBlank()) {
            verifyCompany(request, company, secrets);
        } else if (partner != null && !partner.isBlank()) {
            verifyPartner(request, partner, secrets);
        } else {
            throw new WebhookRejection(401, "SIGNATURE_MISSING", "no TT-Signature (company webhook) or Teamtailor-Signature "
                    + "(partner webhook) header for connection " + request.connectionId() + " (scheme " + name() + ")");
        }
    }

    private void verifyCompany(WebhookRequest request, String header, List<byte[]> secrets) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw malformed(request, COMPANY, "base64 of 't=<timestamp>,v2=<hex>'");
        }
        Parts parts = Parts.parse(decoded, "v2");
        if (parts.timestamp() == null || parts.digests().isEmpty()) {
            throw malformed(request, COMPANY, "base64 of 't=<timestamp>,v2=<hex>' (the legacy v1 signature is not accepted)");
        }
        Instant at = times.parse(request, parts.timestamp(), "TT-Signature t", false);
        times.check(request, at, "TT-Signature t");
        JsonBodies.parse(request);
        List<byte[]> payloads = payloadCandidates(request.body());
        if (payloads.isEmpty()) {
            throw new WebhookRejection(400, "FIELD_MISSING", "webhook body for connection " + request.connectionId()
                    + " has no \"payload\" object; Teamtailor company webhooks are {\"payload\": {...}, \"signature\": ...}");
        }
        byte[] prefix = (parts.timestamp() + ".").getBytes(StandardCharsets.UTF_8);
        boolean matched = false;
        for (byte[] payload : payloads) {
            matched |= Hmac.anyMatches(secrets, parts.digests(), secret -> Hmac.sha256(secret, prefix, payload));
        }
        if (!matched) {
            throw invalid(request, COMPANY);
        }
    }

    private void verifyPartner(WebhookRequest request, String header, List<byte[]> secrets) {
        Parts parts = Parts.parse(header, "v1");
        if (parts.timestamp() == null || parts.digests().isEmpty()) {
            throw malformed(request, PARTNER, "'t=<timestamp>,v1=<hex>'");
        }
        Instant at = times.parse(request, parts.timestamp(), "Teamtailor-Signature t", false);
        times.check(request, at, "Teamtailor-Signature t");
        JsonNode root = JsonBodies.parse(request);
        String eventId = JsonBodies.firstText(root, List.of("/partner-event/id"));
        if (eventId == null || eventId.isBlank()) {
            throw new WebhookRejection(400, "FIELD_MISSING", "webhook body for connection " + request.connectionId()
                    + " has no \"partner-event\".\"id\"");
        }
        byte[] signed = (parts.timestamp() + "." + eventId).getBytes(StandardCharsets.UTF_8);
        if (!Hmac.anyMatches(secrets, parts.digests(), secret -> Hmac.sha256(secret, signed))) {
            throw invalid(request, PARTNER);
        }
    }

    /** The {@code payload} value as sent, then compactly re-serialised if that differs. */
    static List<byte[]> payloadCandidates(byte[] body) {
        List<byte[]> candidates = new ArrayList<>();
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return candidates;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("payload".equals(field) && value == JsonToken.START_OBJECT) {
                    int start = (int) parser.getTokenLocation().getByteOffset();
                    parser.skipChildren();
                    int end = (int) parser.getCurrentLocation().getByteOffset();
                    byte[] raw = Arrays.copyOfRange(body, start, end);
                    candidates.add(raw);
                    byte[] compact = MAPPER.writeValueAsBytes(MAPPER.readTree(raw));
                    if (!Arrays.equals(compact, raw)) {
                        candidates.add(compact);
                    }
                    return candidates;
                }
                parser.skipChildren();
            }
        } catch (IOException e) {
            return List.of();
        }
        return candidates;
    }

    private WebhookRejection malformed(WebhookRequest request, String header, String expected) {
        return new WebhookRejection(401, "SIGNATURE_MALFORMED", header + " header for connection " + request.connectionId()
                + " is not " + expected + " (scheme " + name() + ")");
    }

    private WebhookRejection invalid(WebhookRequest request, String header) {
        return new WebhookRejection(401, "SIGNATURE_INVALID", "webhook signature mismatch for connection "
                + request.connectionId() + " (header " + header + ", scheme " + name()
                + "); check the webhook secret configured in Teamtailor");
    }

    /** {@code t=<ts>,<version>=<hex>,...}: the timestamp and the digests of the wanted version. */
    record Parts(@Nullable String timestamp, List<byte[]> digests) {

        private static final int MAX_PARTS = 16;

        static Parts parse(String header, String version) {
            String timestamp = null;
            List<byte[]> digests = new ArrayList<>();
            String[] items = header.split(",");
            for (int i = 0; i < Math.min(items.length, MAX_PARTS); i++) {
                String item = items[i].trim();
                int eq = item.indexOf('=');
                if (eq <= 0) {
                    continue;
                }
                String key = item.substring(0, eq);
                String value = item.substring(eq + 1).trim();
                if (key.equals("t")) {
                    timestamp = value;
                } else if (key.equals(version)) {
                    byte[] digest = Hmac.parseHex(value);
                    if (digest != null) {
                        digests.add(digest);
                    }
                }
            }
            return new Parts(timestamp, digests);
        }
    }
}
