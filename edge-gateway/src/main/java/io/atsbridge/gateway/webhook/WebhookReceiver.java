package io.atsbridge.gateway.webhook;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static java.util.Map.entry;

/**
 * Checks a webhook against its connection's vendor scheme and translates it. It does not store: the
 * caller hands the result to the inbox and answers the vendor only after that succeeded.
 */
@Singleton
public final class WebhookReceiver {

    /** The header SmartRecruiters' activation handshake carries, to be echoed back. */
    public static final String HOOK_SECRET = "X-Hook-Secret";

    /**
     * A vendor's verification and translation, the status code it expects on success, and whether
     * accepted deliveries are remembered to answer replays (vendors whose signature does not cover
     * the body, like Lever's).
     */
    record VendorScheme(SignatureScheme signature, EventTranslator translator, int successStatus, boolean replayGuard) {
    }

    private final Map<String, VendorScheme> schemes;
    private final Cache<String, Boolean> acceptedDeliveries;

    /** With the default five-minute timestamp window. */
    WebhookReceiver() {
        this(TimestampWindow.DEFAULT_TOLERANCE);
    }

    @Inject
    WebhookReceiver(@Value("${atsbridge.gateway.webhooks.timestamp-tolerance:5m}") Duration tolerance) {
        TimestampWindow window = new TimestampWindow(tolerance);
        this.schemes = Map.ofEntries(
                entry("GREENHOUSE", new VendorScheme(new GreenhouseSignature(), new GreenhouseEvents(), 200, false)),
                entry("STANDARD_WEBHOOKS", new VendorScheme(new StandardWebhooksSignature(window), new StandardWebhooksEvents(), 200, false)),
                entry("LEVER", new VendorScheme(new LeverSignature(window), new LeverEvents(), 200, true)),
                entry("ASHBY", new VendorScheme(new AshbySignature(), new AshbyEvents(), 200, false)),
                entry("SMARTRECRUITERS", new VendorScheme(new SmartRecruitersSignature(window), new SmartRecruitersEvents(), 202, false)),
                entry("WORKABLE", new VendorScheme(new HexBodySignature("X-Workable-Signature", "workable-sha256", "Workable"),
                        new BodyDigestEvents(BodyDigestEvents.WORKABLE), 200, false)),
                entry("JAZZHR", new VendorScheme(new HexBodySignature("X-JazzHR-Signature", "jazzhr-sha256", "JazzHR"),
                        new BodyDigestEvents(BodyDigestEvents.JAZZHR), 200, false)),
                entry("BAMBOOHR", new VendorScheme(new BambooHrSignature(window), new BodyDigestEvents(BodyDigestEvents.BAMBOOHR), 200, false)),
                entry("TEAMTAILOR", new VendorScheme(new TeamtailorSignature(window), new TeamtailorEvents(), 200, false)));
        // Kept twice the window: a token older than the window is refused by its timestamp anyway, and
        // the margin covers a sender clock that runs ahead.
        this.acceptedDeliveries = Caffeine.newBuilder()
                .maximumSize(100_000)
                .expireAfterWrite(tolerance.multipliedBy(2))
                .build();
    }

    /**
     * Verifies and translates.
     *
     * @throws WebhookRejection with the status, reason and detail to answer
     */
    public CanonicalEvent receive(WebhookConnection connection, WebhookRequest request) {
        VendorScheme scheme = scheme(connection);
        checkEnabled(connection);
        String contentType = Optional.ofNullable(request.header("Content-Type")).orElse("");
        if (!contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new WebhookRejection(415, "CONTENT_TYPE_UNSUPPORTED", "webhooks for connection " + connection.id()
                    + " must be application/json (got '" + printable(contentType) + "')");
        }
        scheme.signature().verify(request, connection.secrets());
        return scheme.translator().translate(request);
    }

    /**
     * The secret to echo when the request is SmartRecruiters' subscription activation handshake: a
     * POST carrying {@code X-Hook-Secret} and no signature, on an enabled SmartRecruiters connection.
     * Nothing is stored for it.
     */
    public Optional<String> handshake(WebhookConnection connection, WebhookRequest request) {
        String secret = request.header(HOOK_SECRET);
        if (!"SMARTRECRUITERS".equals(connection.vendor()) || secret == null
                || request.header(SmartRecruitersSignature.SIGNATURE) != null) {
            return Optional.empty();
        }
        checkEnabled(connection);
        if (secret.isBlank() || secret.length() > 1_000 || secret.chars().anyMatch(Character::isISOControl)) {
            throw new WebhookRejection(400, "HOOK_SECRET_INVALID", "X-Hook-Secret for connection " + connection.id()
                    + " is empty, longer than 1000 characters or has control characters");
        }
        return Optional.of(secret);
    }

    /** Whether this vendor's delivery was already accepted within the replay window (Lever tokens). */
    public boolean alreadyAccepted(WebhookConnection connection, CanonicalEvent event) {
        return scheme(connection).replayGuard()
                && acceptedDeliveries.getIfPresent(connection.id() + '\n' + event.deliveryKey()) != null;
    }

    /** Records a delivery the inbox took, so a replay within the window is answered without storing. */
    public void accepted(WebhookConnection connection, CanonicalEvent event) {
        if (scheme(connection).replayGuard()) {
            acceptedDeliveries.put(connection.id() + '\n' + event.deliveryKey(), Boolean.TRUE);
        }
    }

    /** The success status the connection's vendor expects (Greenhouse: 200, SmartRecruiters: 202). */
    public int successStatus(WebhookConnection connection) {
        return scheme(connection).successStatus();
    }

    private static void checkEnabled(WebhookConnection connection) {
        if (!connection.enabled()) {
            throw new WebhookRejection(403, "CONNECTION_DISABLED", "connection " + connection.id()
                    + " is disabled; enable it in atsbridge or remove the webhook at the vendor");
        }
    }

    private VendorScheme scheme(WebhookConnection connection) {
        VendorScheme scheme = schemes.get(connection.vendor());
        if (scheme == null) {
            // A configuration error (a vendor whose webhooks the gateway cannot verify), not a server fault.
            throw new WebhookRejection(422, "VENDOR_NOT_SUPPORTED", "connection " + connection.id() + " is configured for vendor "
                    + connection.vendor() + ", whose webhooks this gateway does not accept; vendors.md documents no "
                    + "signed push webhooks for it");
        }
        return scheme;
    }

    /** The value cut to 100 characters without control characters, safe to echo in a detail. */
    static String printable(String value) {
        String cut = value.length() > 100 ? value.substring(0, 100) + "…" : value;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
