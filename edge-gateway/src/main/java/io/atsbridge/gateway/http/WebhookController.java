package io.atsbridge.gateway.http;

import io.atsbridge.gateway.grpc.AdapterClient;
import io.atsbridge.gateway.webhook.CanonicalEvent;
import io.atsbridge.gateway.webhook.WebhookConnection;
import io.atsbridge.gateway.webhook.WebhookReceiver;
import io.atsbridge.gateway.webhook.WebhookRejection;
import io.atsbridge.gateway.webhook.WebhookRequest;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code POST /webhooks/{connectionId}}: verifies a vendor webhook over its raw bytes, translates it
 * and stores it in the adapter inbox before answering the vendor's success code. Anything wrong is
 * a 4xx with {@code {error, reason, detail}} and nothing stored; an inbox that cannot take the event
 * is a 503 so the vendor retries.
 */
@Controller
final class WebhookController {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookController.class);

    private final AdapterClient adapter;
    private final WebhookReceiver receiver;

    WebhookController(AdapterClient adapter, WebhookReceiver receiver) {
        this.adapter = adapter;
        this.receiver = receiver;
    }

    /** The body of every refusal. */
    @Serdeable
    record Problem(String error, String reason, String detail) {
    }

    /** The body of an accepted delivery. */
    @Serdeable
    record Accepted(String status, String connection, String event) {
    }

    @Post(uri = "/webhooks/{connectionId}", produces = MediaType.APPLICATION_JSON)
    @Consumes(MediaType.ALL)
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<?> receive(@PathVariable String connectionId, HttpRequest<?> http, @Nullable @Body byte[] body) {
        WebhookRequest request = new WebhookRequest(connectionId, body == null ? new byte[0] : body,
                lowerCaseHeaders(http.getHeaders()), Instant.now());
        try {
            WebhookConnection connection = adapter.lookup(connectionId).orElseThrow(() -> new WebhookRejection(404,
                    "CONNECTION_UNKNOWN", "no connection '" + connectionId + "'; check the webhook URL configured at the vendor"));
            CanonicalEvent event = receiver.receive(connection, request);
            adapter.ingest(connection, request, event);
            return HttpResponse.status(io.micronaut.http.HttpStatus.valueOf(receiver.successStatus(connection)))
                    .body(new Accepted("accepted", connectionId, event.vendorEventType()));
        } catch (WebhookRejection rejection) {
            LOG.info("webhook refused for connection {}: {} {}", connectionId, rejection.status(), rejection.reason());
            HttpResponse<Problem> response = HttpResponse.<Problem>status(io.micronaut.http.HttpStatus.valueOf(rejection.status()))
                    .body(new Problem(errorName(rejection.status()), rejection.reason(), rejection.detail()));
            if (rejection.status() == 503) {
                response = HttpResponse.<Problem>status(io.micronaut.http.HttpStatus.SERVICE_UNAVAILABLE)
                        .header(HttpHeaders.RETRY_AFTER, "30")
                        .body(new Problem(errorName(503), rejection.reason(), rejection.detail()));
            }
            return response;
        }
    }

    private static Map<String, String> lowerCaseHeaders(HttpHeaders headers) {
        Map<String, String> map = new HashMap<>();
        for (String name : headers.names()) {
            map.put(name.toLowerCase(Locale.ROOT), headers.get(name));
        }
        return map;
    }

    private static String errorName(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 409 -> "conflict";
            case 413 -> "payload_too_large";
            case 415 -> "unsupported_media_type";
            case 422 -> "unprocessable";
            case 503 -> "unavailable";
            default -> "error";
        };
    }
}
