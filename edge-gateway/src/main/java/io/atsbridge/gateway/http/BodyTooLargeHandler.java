package io.atsbridge.gateway.http;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.http.server.exceptions.ContentLengthExceededHandler;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/**
 * A body above {@code micronaut.server.max-request-size} is refused before any controller runs;
 * this answers it as a 413 in the gateway's JSON instead of Micronaut's default error body.
 */
@Produces
@Singleton
@Replaces(ContentLengthExceededHandler.class)
final class BodyTooLargeHandler implements ExceptionHandler<ContentLengthExceededException, HttpResponse<?>> {

    @Override
    public HttpResponse<?> handle(HttpRequest request, ContentLengthExceededException exception) {
        return Problems.response(413, "BODY_TOO_LARGE", "the request body is larger than this gateway accepts ("
                + "micronaut.server.max-request-size); webhook bodies are small JSON documents, nothing was stored");
    }
}
