package io.atsbridge.gateway.http;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.UUID;

/**
 * The last resort for exceptions nothing more specific handles: a JSON refusal naming an incident id that is
 * logged with the trace, never the trace itself. Whatever reaches it is a failure on atsbridge's side (hostile
 * input is answered earlier with its own 4xx: Micronaut's binding and JSON handlers, {@link BodyTooLargeHandler},
 * the controllers' own checks), so it is a 503 with {@code Retry-After}: a vendor retries a webhook rather than
 * drop an event that may well be valid.
 */
@Produces
@Singleton
final class UnexpectedErrorHandler implements ExceptionHandler<Exception, HttpResponse<?>> {

    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedErrorHandler.class);

    @Override
    public HttpResponse<?> handle(HttpRequest request, Exception exception) {
        String incident = UUID.randomUUID().toString();
        LOG.error("{} {} failed, incident {}", request.getMethodName(), request.getPath(), incident, exception);
        // Problems.response adds Retry-After to every 503.
        if (request.getPath().startsWith("/webhooks")) {
            return Problems.response(503, "REQUEST_NOT_PROCESSED", "the webhook could not be processed and was not "
                    + "stored because of a failure on our side; retry later (incident " + incident + ")");
        }
        return Problems.response(503, "REQUEST_NOT_PROCESSED", "the request could not be processed because of a failure "
                + "on our side; retry later (incident " + incident + ")");
    }
}
