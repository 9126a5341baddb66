package io.atsbridge.gateway.webhook;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.atsbridge.connectors.VendorModule;
import io.atsbridge.connectors.Vendors;
import io.atsbridge.connectors.lever.Lever;
import io.atsbridge.connectors.smartrecruiters.SmartRecruiters;
import io.atsbridge.connectors.teamtailor.Teamtailor;
import io.atsbridge.connectors.webhook.CanonicalEvent;
import io.atsbridge.connectors.webhook.Hmac;
import io.atsbridge.connectors.webhook.HookSecretHandshake;
import io.atsbridge.connectors.webhook.ReplayGuard;
import io.atsbridge.connectors.webhook.TimestampWindow;
import io.atsbridge.connectors.webhook.VendorWebhooks;
import io.atsbridge.connectors.webhook.WebhookConnection;
import io.atsbridge.connectors.webhook.WebhookRejection;
import io.atsbridge.connectors.webhook.WebhookRequest;
import io.atsbridge.connectors.webhook.WebhookSettings;
import io.atsbridge.gateway.config.GatewaySettings;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static io.atsbridge.connectors.webhook.WebhookRejection.printable;

/**
 * Checks a webhook against its connection's vendor scheme and translates it. It does not store: the
 * caller hands the result to the inbox and answers the vendor only after that succeeded.
 */
@Singleton
public final class WebhookReceiver {

    /** The header a subscription activation handshake carries, to be echoed back ({@link HookSecretHandshake}). */
    public static final String HOOK_SECRET = HookSecretHandshake.HEADER;

    /** What a verified delivery is, next to the deliveries this gateway accepted. */
    public enum Delivery {
        /** Not seen here: hand it to the inbox (which still deduplicates). */
        NEW,
        /** The vendor's retry of a delivery accepted here: acknowledge it without storing. */
        RETRY
    }

    /**
     * How long after its signed time a delivery is still taken as a possible late retry, unless configured: Lever
     * keeps two weeks of delivery history to rerun from; SmartRecruiters redelivers 10 times, at most 24 h apart, for
     * about five days (a week leaves room for its "longer delay in case of excessive subscriber failures"); Teamtailor
     * retries a partner webhook three times at intervals it does not publish (a day assumed).
     */
    static final Map<String, Duration> DEFAULT_RETRY_HORIZONS = Map.of(
            Lever.NAME, Duration.ofDays(14),
            SmartRecruiters.NAME, Duration.ofDays(7),
            Teamtailor.NAME, Duration.ofDays(1));

    /** Each registered vendor's webhooks, by vendor name. */
    private final Map<String, VendorWebhooks> vendors;
    /** Standard Webhooks attempts accepted, refused by their timestamp after the window anyway. */
    private final Cache<String, String> acceptedAttempts;
    /** Lever tokens accepted, with the digest of the body they came with, for as long as a late retry is taken. */
    private final Cache<String, String> acceptedTokens;

    /** With the default five-minute timestamp window and late-retry horizons. */
    WebhookReceiver() {
        this(TimestampWindow.DEFAULT_TOLERANCE, DEFAULT_RETRY_HORIZONS);
    }

    /** With the configured timestamp tolerance and late-retry horizons ({@code atsbridge.gateway.webhooks.*}). */
    @Inject
    WebhookReceiver(GatewaySettings settings) {
        this(settings.webhooks().timestampTolerance(), settings.webhooks().lateRetryHorizons());
    }

    /**
     * @param tolerance         how far a signed timestamp may be from now
     * @param lateRetryHorizons by vendor, how long after its signed time a delivery is still taken as a possible late
     *                          retry (stored only if its delivery key never was); at most the tolerance turns it off
     */
    WebhookReceiver(Duration tolerance, Map<String, Duration> lateRetryHorizons) {
        WebhookSettings settings = new WebhookSettings(new TimestampWindow(tolerance), lateRetryHorizons);
        Duration leverRetryHorizon = settings.lateRetryHorizon(Lever.NAME);
        Map<String, VendorWebhooks> vendors = new HashMap<>();
        for (VendorModule vendor : Vendors.all()) {
            vendor.webhooks(settings).ifPresent(webhooks -> vendors.put(vendor.name(), webhooks));
        }
        this.vendors = Map.copyOf(vendors);
        // Kept twice the window: an attempt older than the window is refused by its timestamp anyway, and
        // the margin covers a sender clock that runs ahead.
        this.acceptedAttempts = Caffeine.newBuilder()
                .maximumSize(100_000)
                .expireAfterWrite(tolerance.multipliedBy(2))
                .build();
        // Lever tokens as long as a late retry may come (bounded in number: past the bound, the inbox still never
        // stores a token twice, it only cannot tell a reused token's other data from a retry any more).
        Duration tokens = leverRetryHorizon.compareTo(tolerance) > 0 ? leverRetryHorizon.plus(tolerance) : tolerance.multipliedBy(2);
        this.acceptedTokens = Caffeine.newBuilder()
                .maximumSize(100_000)
                .expireAfterWrite(tokens)
                .build();
    }

    /**
     * Verifies and translates.
     *
     * @throws WebhookRejection with the status, reason and detail to answer
     */
    public CanonicalEvent receive(WebhookConnection connection, WebhookRequest request) {
        VendorWebhooks webhooks = webhooks(connection);
        checkEnabled(connection);
        String contentType = Optional.ofNullable(request.header("Content-Type")).orElse("");
        if (!contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new WebhookRejection(415, "CONTENT_TYPE_UNSUPPORTED", "webhooks for connection " + connection.id()
                    + " must be application/json (got '" + printable(contentType) + "')");
        }
        webhooks.signature().verify(request, connection);
        return webhooks.translator().translate(request);
    }

    /**
     * The secret to echo when the request is the subscription activation handshake of a vendor that has one
     * (SmartRecruiters): a POST carrying {@code X-Hook-Secret} and no signature, on an enabled connection. Nothing is
     * stored for it.
     */
    public Optional<String> handshake(WebhookConnection connection, WebhookRequest request) {
        VendorWebhooks webhooks = vendors.get(connection.vendor());
        if (webhooks == null || webhooks.handshake() == null || !webhooks.handshake().matches(request)) {
            return Optional.empty();
        }
        checkEnabled(connection);
        String secret = request.header(HOOK_SECRET);
        // The handshake matched only with the header present; the null check keeps that true here too.
        if (secret == null || secret.isBlank() || secret.length() > 1_000 || secret.chars().anyMatch(Character::isISOControl)) {
            throw new WebhookRejection(400, "HOOK_SECRET_INVALID", "X-Hook-Secret for connection " + connection.id()
                    + " is empty, longer than 1000 characters or has control characters");
        }
        return Optional.of(secret);
    }

    /**
     * Tells a verified delivery's vendor retry from a replay, against the deliveries this gateway accepted within
     * twice the timestamp window (Lever: the late-retry horizon) — per gateway replica: a replay reaching another
     * replica is still never stored twice, the inbox deduplicates it. A delivery that was refused or not stored
     * (the inbox was down: 503) is not remembered, so the vendor's retry of it is NEW and goes to the inbox again.
     *
     * @throws WebhookRejection 409 when the request replays an accepted one ({@link ReplayGuard})
     */
    public Delivery check(WebhookConnection connection, WebhookRequest request, CanonicalEvent event) {
        String key = connection.id() + '\n' + event.deliveryKey();
        ReplayGuard guard = webhooks(connection).replayGuard();
        switch (guard.kind()) {
            case TOKEN -> {
                String seen = acceptedTokens.getIfPresent(key);
                if (seen == null) {
                    return Delivery.NEW;
                }
                if (seen.equals(Hmac.sha256Hex(request.body()))) {
                    return Delivery.RETRY;
                }
                throw new WebhookRejection(409, "TOKEN_REUSED", "token " + printable(event.deliveryKey()) + " of connection "
                        + connection.id() + " was already used by an accepted delivery with other content; Lever signs only "
                        + "token and triggeredAt, so a reused token carrying other data is refused and nothing was stored");
            }
            case SIGNED_ATTEMPT -> {
                String timestamp = attempt(guard, request);
                if (acceptedAttempts.getIfPresent(key + '\n' + timestamp) != null) {
                    throw new WebhookRejection(409, "DELIVERY_REPLAYED", "webhook-id " + printable(event.deliveryKey())
                            + " with " + guard.attemptHeader() + " " + printable(timestamp) + " was already accepted for connection "
                            + connection.id() + "; a sender's retry is signed anew with a fresh timestamp, so this is a "
                            + "replayed request and nothing was stored");
                }
                return Delivery.NEW;
            }
            default -> {
                return Delivery.NEW;
            }
        }
    }

    /** Records a delivery the inbox took (or already had), so {@link #check} knows it. */
    public void accepted(WebhookConnection connection, WebhookRequest request, CanonicalEvent event) {
        String key = connection.id() + '\n' + event.deliveryKey();
        ReplayGuard guard = webhooks(connection).replayGuard();
        switch (guard.kind()) {
            case TOKEN -> acceptedTokens.asMap().putIfAbsent(key, Hmac.sha256Hex(request.body()));
            case SIGNED_ATTEMPT -> acceptedAttempts.put(key + '\n' + attempt(guard, request), "");
            default -> {
                // The inbox's delivery keys are the record.
            }
        }
    }

    /** The success status the connection's vendor expects (Greenhouse: 200, SmartRecruiters: 202). */
    public int successStatus(WebhookConnection connection) {
        return webhooks(connection).successStatus();
    }

    /** The signed time of a {@link ReplayGuard.Kind#SIGNED_ATTEMPT} delivery's attempt, as sent. */
    private static String attempt(ReplayGuard guard, WebhookRequest request) {
        String header = guard.attemptHeader();
        return header == null ? "" : Optional.ofNullable(request.header(header)).orElse("").trim();
    }

    private static void checkEnabled(WebhookConnection connection) {
        if (!connection.enabled()) {
            throw new WebhookRejection(403, "CONNECTION_DISABLED", "connection " + connection.id()
                    + " is disabled; enable it in atsbridge or remove the webhook at the vendor");
        }
    }

    private VendorWebhooks webhooks(WebhookConnection connection) {
        VendorWebhooks webhooks = vendors.get(connection.vendor());
        if (webhooks == null) {
            // A configuration error (a vendor whose webhooks the gateway cannot verify), not a server fault.
            throw new WebhookRejection(422, "VENDOR_NOT_SUPPORTED", "connection " + connection.id() + " is configured for vendor "
                    + connection.vendor() + ", whose webhooks this gateway does not accept; vendors.md documents no "
                    + "signed push webhooks for it");
        }
        return webhooks;
    }
}
