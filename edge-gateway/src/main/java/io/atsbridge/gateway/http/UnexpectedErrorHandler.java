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
 * The last resort for exceptions nothing more specific handles (binding a malformed request, say):
 * a JSON refusal naming an incident id that is logged with the trace, never the trace itself. On
 * {@code /webhooks} it is a 400 so no vendor sees a 5xx for a request nothing was stored for.
 */
@Produces
@Singleton
final class UnexpectedErrorHandler implements ExceptionHandler<Exception, HttpResponse<?>> {

    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedErrorHandler.class);

    @Override
    public HttpResponse<?> handle(HttpRequest request, Exception exception) {
        String incident = UUID.randomUUID().toString();
        LOG.error("{} {} failed, incident {}", request.getMethodName(), request.getPath(), incident, exception);
        if (request.getPath().startsWith("/webhooks")) {
            return Problems.response(400, "REQUEST_NOT_PROCESSED", "the request could not be processed and nothing was "
                    + "stored; incident " + incident);
        }
        return Problems.response(500, "INTERNAL", "the request failed; incident " + incident);
    }
}
