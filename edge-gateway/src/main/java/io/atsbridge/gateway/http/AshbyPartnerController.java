package io.atsbridge.gateway.http;

import io.atsbridge.connectors.ashby.Ashby;
import io.atsbridge.connectors.ashby.AshbyAssessmentPartner;
import io.atsbridge.connectors.webhook.WebhookConnection;
import io.atsbridge.connectors.webhook.WebhookRejection;
import io.atsbridge.gateway.grpc.AdapterClient;
import io.atsbridge.gateway.grpc.PartnerClient;
import io.atsbridge.proto.common.v1.Vendor;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
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

import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Ashby's assessment partner API, answered for the AI_VENDOR connection named in the URL (developers.ashbyhq.com
 * "Creating an Assessments Integration" and Ashby's OpenAPI, "Implemented by Partner"):
 * {@code POST assessment.list}, {@code POST assessment.start} and {@code POST assessment.cancel} under
 * {@code /partners/ashby/{connectionId}/}, JSON in and out. The bodies are Ashby's protocol
 * ({@link AshbyAssessmentPartner} reads the requests and writes the answers); this only routes them to the adapter's
 * PartnerService.
 *
 * <p>How Ashby authenticates to partners is not documented; assumed HTTP Basic with the partner key the customer
 * configured in Ashby as user name and a blank password, the scheme of Ashby's own API (reference/authentication).
 * The adapter compares the key in constant time. Answers:
 * <ul>
 *   <li>assessment.list: {@code {"success": true, "results": [{assessment_type_id, name, description}]}};</li>
 *   <li>assessment.start: {@code {"success": true, "results": {"assessment_id": ...}}}; 409 when the candidate is
 *       already being assessed for that application and assessment type (documented); 422 with a {@code message}
 *       Ashby shows its user for a start that cannot be done as asked (documented);</li>
 *   <li>assessment.cancel: {@code {"success": true, "results": {"assessment_id": ...}}} (documented as the
 *       assessment.start success shape); idempotent; 404 for an unknown assessment. It answers once the cancellation
 *       is stored; the adapter cancels the interview at the AI vendor afterwards, retried until it lands.</li>
 * </ul>
 * Other refusals are {@code {error, reason, detail}} like the rest of the gateway (401 for a missing or wrong key,
 * 404 for an unknown connection, 429 when rate-limited, 503 when the adapter is unavailable).
 */
@Controller("/partners/ashby/{connectionId}")
final class AshbyPartnerController {

    private static final Logger LOG = LoggerFactory.getLogger(AshbyPartnerController.class);
    /** Not documented for Ashby; the adapter accepts keys of at most this length. */
    static final int MAX_KEY = 200;

    /** A refusal Ashby shows its user: the gateway's problem plus Ashby's documented {@code message}. */
    @Serdeable
    record ShownProblem(String error, String reason, String detail, String message) {
    }

    /** Ashby's requests and answers. */
    private static final AshbyAssessmentPartner PROTOCOL = Ashby.ASSESSMENT_PARTNER;

    /** Ashby shows a 422's message to its user, so an unknown assessment type is one too. */
    static final PartnerClient.Refusals ASHBY = new PartnerClient.Refusals(Vendor.VENDOR_ASHBY, 422,
            Set.of("ASSESSMENT_TYPE_NOT_FOUND"));

    private final AdapterClient adapter;
    private final PartnerClient partners;
    private final ConnectionRateLimiter rateLimiter;

    AshbyPartnerController(AdapterClient adapter, PartnerClient partners, ConnectionRateLimiter rateLimiter) {
        this.adapter = adapter;
        this.partners = partners;
        this.rateLimiter = rateLimiter;
    }

    @Post(uri = "/assessment.list", produces = MediaType.APPLICATION_JSON)
    @Consumes(MediaType.ALL)
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<?> list(@PathVariable String connectionId, HttpRequest<?> http) {
        return handle(connectionId, http, connection ->
                PartnerController.json(PROTOCOL.testsAnswer(partners.tests(connection, ASHBY))));
    }

    @Post(uri = "/assessment.start", produces = MediaType.APPLICATION_JSON)
    @Consumes(MediaType.ALL)
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<?> start(@PathVariable String connectionId, HttpRequest<?> http, @Nullable @Body byte[] body) {
        return handle(connectionId, http, connection -> {
            PartnerClient.Started started = partners.start(connection, ASHBY, PROTOCOL.order(body), "");
            LOG.info("Ashby started assessment {} (interview {}) on connection {}", started.assessmentId(),
                    started.interviewId(), connection.id());
            return PartnerController.json(PROTOCOL.orderAnswer(started.assessmentId(), started.interviewId()));
        });
    }

    @Post(uri = "/assessment.cancel", produces = MediaType.APPLICATION_JSON)
    @Consumes(MediaType.ALL)
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<?> cancel(@PathVariable String connectionId, HttpRequest<?> http, @Nullable @Body byte[] body) {
        return handle(connectionId, http, connection -> {
            String cancelled = partners.cancel(connection, ASHBY, PROTOCOL.cancellation(body));
            LOG.info("Ashby cancelled assessment {} on connection {}", cancelled, connection.id());
            return PartnerController.json(PROTOCOL.cancelAnswer(cancelled));
        });
    }

    private HttpResponse<?> handle(String connectionId, HttpRequest<?> http,
                                   Function<WebhookConnection, HttpResponse<?>> work) {
        try {
            if (!WebhookController.CONNECTION_ID.matcher(connectionId).matches()) {
                throw new WebhookRejection(404, "CONNECTION_UNKNOWN", "'" + WebhookController.printable(connectionId)
                        + "' is not a connection id");
            }
            OptionalLong wait = rateLimiter.tryAcquire(connectionId);
            if (wait.isPresent()) {
                return Problems.response(429, "RATE_LIMITED", "too many requests for connection " + connectionId
                        + "; retry after " + wait.getAsLong() + " s").header(HttpHeaders.RETRY_AFTER, String.valueOf(wait.getAsLong()));
            }
            WebhookConnection connection = adapter.lookup(connectionId).orElseThrow(() -> new WebhookRejection(404,
                    "CONNECTION_UNKNOWN", "no connection '" + connectionId + "'; check the partner base URL configured in Ashby"));
            if (!connection.enabled()) {
                throw new WebhookRejection(404, "CONNECTION_DISABLED", "connection " + connectionId + " is switched off");
            }
            String key = PartnerController.basicUser(http.getHeaders().get(HttpHeaders.AUTHORIZATION), MAX_KEY);
            if (key == null || !partners.verifyKey(connection, ASHBY, key)) {
                LOG.info("Ashby partner request for connection {} refused: missing or wrong partner key", connectionId);
                return Problems.response(401, "PARTNER_KEY_INVALID", "missing or wrong Ashby partner API key (HTTP Basic, "
                        + "the key as user name, blank password)").header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"atsbridge\"");
            }
            return work.apply(connection);
        } catch (WebhookRejection rejection) {
            LOG.info("Ashby partner request for connection {} refused: {} {}",
                    WebhookController.printable(connectionId), rejection.status(), rejection.reason());
            if (rejection.status() == 422) {
                return HttpResponse.status(HttpStatus.UNPROCESSABLE_ENTITY).contentType(MediaType.APPLICATION_JSON_TYPE)
                        .body(new ShownProblem(Problems.errorName(422), rejection.reason(), rejection.detail(), rejection.detail()));
            }
            return Problems.response(rejection.status(), rejection.reason(), rejection.detail());
        } catch (RuntimeException e) {
            String incident = UUID.randomUUID().toString();
            LOG.error("Ashby partner request for connection {} failed unexpectedly, incident {}",
                    WebhookController.printable(connectionId), incident, e);
            return Problems.response(503, "REQUEST_NOT_PROCESSED", "the request could not be processed; incident " + incident);
        }
    }
}
