package io.atsbridge.connectors.smartrecruiters;

import io.atsbridge.connectors.webhook.Hmac;
import io.atsbridge.connectors.webhook.SignatureScheme;
import io.atsbridge.connectors.webhook.SignedTimes;
import io.atsbridge.connectors.webhook.WebhookRejection;
import io.atsbridge.connectors.webhook.WebhookRequest;
import io.micronaut.core.annotation.Nullable;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * SmartRecruiters: header {@code smartrecruiters-signature: v1=<hex>[;v1=<hex>...]} (one per active
 * key, up to 16) and {@code smartrecruiters-timestamp} (unix seconds); v1 is the hex
 * HMAC-SHA256(key, {@code timestamp.body.event-id.event-name.event-version.link}), a missing header
 * counting as the empty string (vendors.md §5). The {@code link} value is signed as sent, angle
 * brackets included.
 *
 * <p>SmartRecruiters redelivers a failed notification up to 10 times, backing off from 1 minute to 24 hours between
 * attempts, and "may re-deliver with a longer delay in case of excessive subscriber failures" (Receiving webhook
 * notifications); whether a redelivery is signed anew with a fresh {@code smartrecruiters-timestamp} is not
 * documented. So a timestamp older than the window is taken as a possible redelivery up to the late-retry horizon
 * ({@link SignedTimes}): the inbox stores each {@code event-id} once, and acknowledges a copy of a stored one as a
 * duplicate. A verbatim replay cannot be told from a redelivery that keeps its timestamp, so none is refused as such;
 * it changes nothing either way.
 */
public final class SmartRecruitersSignature implements SignatureScheme {

    static final String SIGNATURE = "smartrecruiters-signature";
    static final String TIMESTAMP = "smartrecruiters-timestamp";
    static final String EVENT_ID = "event-id";
    static final String EVENT_NAME = "event-name";
    static final String EVENT_VERSION = "event-version";
    static final String LINK = "link";
    /** SmartRecruiters keeps at most 16 keys, so a longer header is not theirs; bounds the work per request. */
    private static final int MAX_SIGNATURES = 16;

    private final SignedTimes times;

    SmartRecruitersSignature(SignedTimes times) {
        this.times = times;
    }

    @Override
    public String name() {
        return "smartrecruiters-v1";
    }

    @Override
    public void verify(WebhookRequest request, List<byte[]> secrets) {
        String header = request.header(SIGNATURE);
        String timestamp = request.header(TIMESTAMP);
        if (header == null || header.isBlank() || timestamp == null || timestamp.isBlank()) {
            throw new WebhookRejection(401, "SIGNATURE_MISSING", "smartrecruiters-signature and smartrecruiters-timestamp "
                    + "headers are required for connection " + request.connectionId() + " (scheme " + name() + ")");
        }
        List<byte[]> presented = new ArrayList<>();
        String[] parts = header.split(";");
        if (parts.length > MAX_SIGNATURES) {
            throw new WebhookRejection(401, "SIGNATURE_MALFORMED", "smartrecruiters-signature header for connection "
                    + request.connectionId() + " carries " + parts.length + " signatures (at most " + MAX_SIGNATURES + ")");
        }
        for (String part : parts) {
            String trimmed = part.trim();
            if (trimmed.startsWith("v1=")) {
                byte[] digest = Hmac.parseHex(trimmed.substring(3));
                if (digest != null) {
                    presented.add(digest);
                }
            }
        }
        if (presented.isEmpty()) {
            throw new WebhookRejection(401, "SIGNATURE_MALFORMED", "smartrecruiters-signature header for connection "
                    + request.connectionId() + " is not 'v1=<hex>[;v1=<hex>...]' (scheme " + name() + ")");
        }
        Instant at = times.parse(request, timestamp, "smartrecruiters-timestamp", false);
        times.check(request, at, "smartrecruiters-timestamp");
        byte[] content = signedContent(timestamp.trim(), request.body(), orEmpty(request.header(EVENT_ID)),
                orEmpty(request.header(EVENT_NAME)), orEmpty(request.header(EVENT_VERSION)), orEmpty(request.header(LINK)));
        if (!Hmac.anyMatches(secrets, presented, secret -> Hmac.sha256(secret, content))) {
            throw new WebhookRejection(401, "SIGNATURE_INVALID", "webhook signature mismatch for connection "
                    + request.connectionId() + " (header smartrecruiters-signature, scheme " + name()
                    + "); check the subscription's signing key configured in atsbridge");
        }
    }

    /** The signed string: {@code timestamp.body.event-id.event-name.event-version.link}. */
    public static byte[] signedContent(String timestamp, byte[] body, String eventId, String eventName, String eventVersion, String link) {
        byte[] before = (timestamp + ".").getBytes(StandardCharsets.UTF_8);
        byte[] after = ("." + eventId + "." + eventName + "." + eventVersion + "." + link).getBytes(StandardCharsets.UTF_8);
        byte[] content = new byte[before.length + body.length + after.length];
        System.arraycopy(before, 0, content, 0, before.length);
        System.arraycopy(body, 0, content, before.length, body.length);
        System.arraycopy(after, 0, content, before.length + body.length, after.length);
        return content;
    }

    private static String orEmpty(@Nullable String value) {
        return value == null ? "" : value;
    }
}
