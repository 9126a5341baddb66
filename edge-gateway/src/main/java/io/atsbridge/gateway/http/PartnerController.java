package io.atsbridge.gateway.http;

import io.atsbridge.connectors.greenhouse.Greenhouse;
import io.atsbridge.connectors.greenhouse.GreenhouseAssessmentPartner;
import io.atsbridge.connectors.webhook.WebhookConnection;
import io.atsbridge.connectors.webhook.WebhookRejection;
import io.atsbridge.gateway.grpc.AdapterClient;
import io.atsbridge.gateway.grpc.PartnerClient;
import io.atsbridge.proto.common.v1.Vendor;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * The Greenhouse Assessment Partner API, answered for the AI_VENDOR connection named in the URL:
 * {@code GET list_tests}, {@code POST send_test}, {@code GET test_status?partner_interview_id=} and
 * {@code POST response_error} under {@code /partners/greenhouse/{connectionId}/}. Greenhouse
 * authenticates with HTTP Basic, the customer's partner key as user name and a blank password; the
 * adapter checks it in constant time. 401 for a missing or wrong key, 404 for an unknown connection,
 * test or interview; refusals as {@code {error, reason, detail}}. The bodies are Greenhouse's protocol
 * ({@link GreenhouseAssessmentPartner} reads the requests and writes the answers); this only routes them to the
 * adapter's PartnerService.
 */
@Controller("/partners/greenhouse/{connectionId}")
final class PartnerController {

    private static final Logger LOG = LoggerFactory.getLogger(PartnerController.class);
    /** Greenhouse: partner keys are shorter than 171 characters. */
    static final int MAX_KEY = 170;

    /** Greenhouse's requests and answers. */
    private static final GreenhouseAssessmentPartner PROTOCOL = Greenhouse.ASSESSMENT_PARTNER;

    /** Greenhouse's answers to a refused request: 400 for an invalid one. */
    static final PartnerClient.Refusals GREENHOUSE = new PartnerClient.Refusals(Vendor.VENDOR_GREENHOUSE, 400, Set.of());

    private final AdapterClient adapter;
    private final PartnerClient partners;
    private final ConnectionRateLimiter rateLimiter;

    PartnerController(AdapterClient adapter, PartnerClient partners, ConnectionRateLimiter rateLimiter) {
        this.adapter = adapter;
        this.partners = partners;
        this.rateLimiter = rateLimiter;
    }

    @Get(uri = "/list_tests", produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<?> listTests(@PathVariable String connectionId, HttpRequest<?> http) {
        return handle(connectionId, http, connection -> json(PROTOCOL.testsAnswer(partners.tests(connection, GREENHOUSE))));
    }

    @Post(uri = "/send_test", produces = MediaType.APPLICATION_JSON)
    @Consumes(MediaType.ALL)
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<?> sendTest(@PathVariable String connectionId, HttpRequest<?> http, @Nullable @Body byte[] body) {
        return handle(connectionId, http, connection -> {
            PartnerClient.Started started = partners.start(connection, GREENHOUSE, PROTOCOL.order(body),
                    UUID.randomUUID().toString());
            return json(PROTOCOL.orderAnswer(started.assessmentId(), started.interviewId()));
        });
    }

    @Get(uri = "/test_status", produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<?> testStatus(@PathVariable String connectionId, HttpRequest<?> http,
                               @Nullable @QueryValue("partner_interview_id") String interviewId) {
        return handle(connectionId, http, connection -> {
            if (interviewId == null || interviewId.isBlank() || interviewId.length() > 200) {
                throw new WebhookRejection(400, "PARTNER_INTERVIEW_ID_MISSING", "partner_interview_id is required");
            }
            PartnerClient.Status status = partners.status(connection, GREENHOUSE, interviewId);
            return json(PROTOCOL.statusAnswer(status.status(), status.score(), status.profileUrl(), status.metadata()));
        });
    }

    @Post(uri = "/response_error", produces = MediaType.APPLICATION_JSON)
    @Consumes(MediaType.ALL)
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<?> responseError(@PathVariable String connectionId, HttpRequest<?> http, @Nullable @Body byte[] body) {
        return handle(connectionId, http, connection -> {
            GreenhouseAssessmentPartner.ErrorReport report = PROTOCOL.errorReport(body);
            // Never the candidate's e-mail: only what identifies the call.
            LOG.warn("Greenhouse reports an error in our {} answer for connection {}, test {}, interview {}: {}",
                    WebhookController.printable(report.apiCall()), connection.id(),
                    WebhookController.printable(report.testId()), WebhookController.printable(report.interviewId()),
                    WebhookController.printable(report.errors()));
            return json(PROTOCOL.errorReportAnswer());
        });
    }

    /** An answer the protocol wrote as JSON. */
    static HttpResponse<byte[]> json(byte[] answer) {
        return HttpResponse.ok(answer).contentType(MediaType.APPLICATION_JSON_TYPE);
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
                    "CONNECTION_UNKNOWN", "no connection '" + connectionId + "'; check the partner URL"));
            if (!connection.enabled()) {
                throw new WebhookRejection(404, "CONNECTION_DISABLED", "connection " + connectionId + " is switched off");
            }
            String key = basicUser(http.getHeaders().get(HttpHeaders.AUTHORIZATION));
            if (key == null || !partners.verifyKey(connection, GREENHOUSE, key)) {
                LOG.info("assessment partner request for connection {} refused: missing or wrong partner key", connectionId);
                return Problems.response(401, "PARTNER_KEY_INVALID", "missing or wrong partner API key (HTTP Basic, the key "
                        + "as user name, blank password)").header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"atsbridge\"");
            }
            return work.apply(connection);
        } catch (WebhookRejection rejection) {
            LOG.info("assessment partner request for connection {} refused: {} {}",
                    WebhookController.printable(connectionId), rejection.status(), rejection.reason());
            return Problems.response(rejection.status(), rejection.reason(), rejection.detail());
        } catch (RuntimeException e) {
            String incident = UUID.randomUUID().toString();
            LOG.error("assessment partner request for connection {} failed unexpectedly, incident {}",
                    WebhookController.printable(connectionId), incident, e);
            return Problems.response(503, "REQUEST_NOT_PROCESSED", "the request could not be processed; incident " + incident);
        }
    }

    /** The user name of an HTTP Basic header, or null when there is none or it is not Basic. */
    @Nullable
    static String basicUser(@Nullable String authorization) {
        return basicUser(authorization, MAX_KEY);
    }

    /** The user name of an HTTP Basic header, or null when there is none, it is not Basic or longer than maxKey. */
    @Nullable
    static String basicUser(@Nullable String authorization, int maxKey) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String pair = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = pair.indexOf(':');
            String user = colon < 0 ? pair : pair.substring(0, colon);
            return user.isEmpty() || user.length() > maxKey ? null : user;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
