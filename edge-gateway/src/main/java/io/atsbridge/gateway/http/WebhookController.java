package io.atsbridge.gateway.http;

import io.atsbridge.connectors.webhook.CanonicalEvent;
import io.atsbridge.connectors.webhook.WebhookConnection;
import io.atsbridge.connectors.webhook.WebhookRejection;
import io.atsbridge.connectors.webhook.WebhookRequest;
import io.atsbridge.gateway.grpc.AdapterClient;
import io.atsbridge.gateway.webhook.WebhookReceiver;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.server.util.HttpClientAddressResolver;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * {@code POST /webhooks/{connectionId}}: verifies a vendor webhook over its raw bytes, translates it
 * and stores it in the adapter inbox before answering the vendor's success code. Anything wrong is
 * a 4xx with {@code {error, reason, detail}} and nothing stored; an inbox that cannot take the event
 * is a 503 so the vendor retries. Other methods on the same path are a JSON 405.
 */
@Controller
final class WebhookController {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookController.class);
    /** The adapter's connection id pattern; anything else cannot name a connection, so the adapter is not asked. */
    static final Pattern CONNECTION_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,99}");
    /** The reason junk beyond its budget is answered with (429). */
    static final String UNVERIFIED_RATE_LIMITED = "UNVERIFIED_RATE_LIMITED";
    /** Headers kept per request, and their size: more is not a vendor webhook and bounds the work. */
    private static final int MAX_HEADERS = 100;

    private final AdapterClient adapter;
    private final WebhookReceiver receiver;
    private final ConnectionRateLimiter rateLimiter;
    private final UnverifiedBudget unverified;
    private final HttpClientAddressResolver addresses;
    private final WebhookMetrics metrics;
    private final Clock clock;

    WebhookController(AdapterClient adapter, WebhookReceiver receiver, ConnectionRateLimiter rateLimiter,
                      UnverifiedBudget unverified, HttpClientAddressResolver addresses, WebhookMetrics metrics, Clock clock) {
        this.clock = clock;
        this.adapter = adapter;
        this.receiver = receiver;
        this.rateLimiter = rateLimiter;
        this.unverified = unverified;
        this.addresses = addresses;
        this.metrics = metrics;
    }

    /** The body of an accepted (or already accepted) delivery. */
    @Serdeable
    record Accepted(String status, String connection, String event) {
    }

    @Post(uri = "/webhooks/{connectionId}", produces = MediaType.APPLICATION_JSON)
    @Consumes(MediaType.ALL)
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<?> receive(@PathVariable String connectionId, HttpRequest<?> http, @Nullable @Body byte[] body) {
        long start = System.nanoTime();
        // Meters are tagged with the connection only once the adapter knows it, so requests for made-up
        // ids cannot create meter series.
        String connectionTag = WebhookMetrics.UNKNOWN;
        String vendorTag = WebhookMetrics.UNKNOWN;
        String source = addresses.resolve(http);
        try {
            if (!CONNECTION_ID.matcher(connectionId).matches()) {
                throw new WebhookRejection(404, "CONNECTION_UNKNOWN", "'" + printable(connectionId)
                        + "' is not a connection id (1..100 lower-case letters, digits or '-'); check the webhook URL "
                        + "configured at the vendor");
            }
            OptionalLong spent = adapter.confirmed(connectionId) ? OptionalLong.empty() : unverified.sourceSpent(source);
            if (spent.isPresent()) {
                // A source that has spent its junk budget does not get the adapter asked about ids never found.
                metrics.rejected(WebhookMetrics.UNKNOWN, WebhookMetrics.UNKNOWN, UNVERIFIED_RATE_LIMITED);
                return unverifiedLimited(connectionId, spent.getAsLong());
            }
            WebhookRequest request = new WebhookRequest(connectionId, body == null ? new byte[0] : body,
                    lowerCaseHeaders(http.getHeaders()), clock.instant());
            WebhookConnection connection = adapter.lookup(connectionId).orElseThrow(() -> new WebhookRejection(404,
                    "CONNECTION_UNKNOWN", "no connection '" + connectionId + "'; check the webhook URL configured at the vendor"));
            connectionTag = connection.id();
            vendorTag = connection.vendor();
            metrics.received(connectionTag, vendorTag);
            Optional<String> handshake = receiver.handshake(connection, request);
            if (handshake.isPresent()) {
                LOG.info("webhook subscription handshake answered for connection {}", connectionId);
                return HttpResponse.ok(new Accepted("handshake", connectionId, "activation"))
                        .header(WebhookReceiver.HOOK_SECRET, handshake.get());
            }
            CanonicalEvent event = receiver.receive(connection, request);
            metrics.verified(connectionTag, vendorTag);
            // Only now, verified, does the request take from its connection's budget: junk never spends it.
            OptionalLong wait = rateLimiter.tryAcquire(connectionId);
            if (wait.isPresent()) {
                metrics.rejected(connectionTag, vendorTag, "RATE_LIMITED");
                return Problems.response(429, "RATE_LIMITED", "too many webhook requests for connection " + connectionId
                        + "; retry after " + wait.getAsLong() + " s").header(HttpHeaders.RETRY_AFTER, String.valueOf(wait.getAsLong()));
            }
            HttpStatus success = HttpStatus.valueOf(receiver.successStatus(connection));
            if (receiver.check(connection, request, event) == WebhookReceiver.Delivery.RETRY) {
                // The vendor's retry of a delivery accepted within the window: answer success so the vendor
                // stops retrying, without asking the inbox again.
                metrics.deduplicated(connectionTag, vendorTag);
                return HttpResponse.status(success).body(new Accepted("duplicate", connectionId, event.vendorEventType()));
            }
            AdapterClient.IngestOutcome outcome = adapter.ingest(connection, request, event);
            receiver.accepted(connection, request, event);
            if (outcome == AdapterClient.IngestOutcome.DUPLICATE) {
                metrics.deduplicated(connectionTag, vendorTag);
                return HttpResponse.status(success).body(new Accepted("duplicate", connectionId, event.vendorEventType()));
            }
            return HttpResponse.status(success).body(new Accepted("accepted", connectionId, event.vendorEventType()));
        } catch (WebhookRejection rejection) {
            // A refusal of the request (4xx) is charged to the junk budgets; our own trouble (503: the inbox or the
            // adapter unavailable) is not the sender's doing and is not.
            OptionalLong limited = rejection.status() >= 500 ? OptionalLong.empty()
                    : unverified.charge(WebhookMetrics.UNKNOWN.equals(connectionTag) ? null : connectionTag, source);
            if (limited.isPresent()) {
                metrics.rejected(connectionTag, vendorTag, UNVERIFIED_RATE_LIMITED);
                return unverifiedLimited(connectionId, limited.getAsLong());
            }
            LOG.info("webhook refused for connection {}: {} {}", connectionTag, rejection.status(), rejection.reason());
            metrics.rejected(connectionTag, vendorTag, rejection.reason());
            return Problems.response(rejection.status(), rejection.reason(), rejection.detail());
        } catch (RuntimeException e) {
            // A fault of ours, not the sender's: log it under an id the answer names, never the trace.
            String incident = UUID.randomUUID().toString();
            LOG.error("webhook for connection {} failed unexpectedly, incident {}", connectionTag, incident, e);
            metrics.rejected(connectionTag, vendorTag, "REQUEST_NOT_PROCESSED");
            // 503 so the vendor retries: a valid event must never be dropped because of a fault on our side.
            return Problems.response(503, "REQUEST_NOT_PROCESSED", "the webhook could not be processed and was not stored; "
                    + "it will be taken when the vendor retries; incident " + incident);
        } finally {
            metrics.latency(connectionTag, vendorTag, System.nanoTime() - start);
        }
    }

    @Get(uri = "/webhooks/{connectionId}", produces = MediaType.APPLICATION_JSON)
    MutableHttpResponse<Problems.Problem> get(@PathVariable String connectionId) {
        return notAllowed();
    }

    @Put(uri = "/webhooks/{connectionId}", produces = MediaType.APPLICATION_JSON)
    @Consumes(MediaType.ALL)
    MutableHttpResponse<Problems.Problem> put(@PathVariable String connectionId) {
        return notAllowed();
    }

    @Patch(uri = "/webhooks/{connectionId}", produces = MediaType.APPLICATION_JSON)
    @Consumes(MediaType.ALL)
    MutableHttpResponse<Problems.Problem> patch(@PathVariable String connectionId) {
        return notAllowed();
    }

    @Delete(uri = "/webhooks/{connectionId}", produces = MediaType.APPLICATION_JSON)
    @Consumes(MediaType.ALL)
    MutableHttpResponse<Problems.Problem> delete(@PathVariable String connectionId) {
        return notAllowed();
    }

    /** Junk beyond its budget: 429, said once in general terms, not logged one by one. */
    private static MutableHttpResponse<Problems.Problem> unverifiedLimited(String connectionId, long seconds) {
        return Problems.response(429, UNVERIFIED_RATE_LIMITED, "too many webhook requests that did not verify, for connection "
                        + printable(connectionId) + " or from this address; correctly signed deliveries are not affected; retry after "
                        + seconds + " s")
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
    }

    private static MutableHttpResponse<Problems.Problem> notAllowed() {
        return Problems.response(405, "METHOD_NOT_ALLOWED", "webhooks are delivered with POST")
                .header(HttpHeaders.ALLOW, "POST");
    }

    /** The value cut to 100 characters without control characters, safe to echo in a detail. */
    static String printable(String value) {
        String cut = value.length() > 100 ? value.substring(0, 100) + "..." : value;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }

    private static Map<String, String> lowerCaseHeaders(HttpHeaders headers) {
        Map<String, String> map = new HashMap<>();
        for (String name : headers.names()) {
            if (map.size() >= MAX_HEADERS) {
                break;
            }
            map.put(name.toLowerCase(Locale.ROOT), headers.get(name));
        }
        return map;
    }
}
