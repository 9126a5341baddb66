package io.atsbridge.sandbox.contract;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The hook: every exchange a simulator serves goes to {@link ContractLog} as it is answered, with no change to the
 * simulators' controllers. It runs right after the fault filter, so an injected fault (which is the sandbox's, not
 * the vendor's answer) is not held to the vendor's contract, and it sees the response as the client gets it, after
 * the gates and the not-found shaping.
 *
 * <p>A response filter on purpose, like {@code NotFoundShape}: no {@code @Error} route (micronaut-core#12940), and
 * no waiting for the request body in a request filter. The body is read after the controller has bound it
 * ({@code @Body String}), when the request holds it whole.
 */
@ServerFilter("/**")
final class ContractFilter implements Ordered {

    private static final byte[] NONE = new byte[0];

    private final ContractLog log;

    ContractFilter(ContractLog log) {
        this.log = log;
    }

    @Override
    public int getOrder() {
        // FaultFilter is HIGHEST_PRECEDENCE; a request it refuses never reaches this filter.
        return HIGHEST_PRECEDENCE + 1;
    }

    @ResponseFilter
    void check(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (!log.enabled() || ContractLog.apiOf(request.getPath()) == null) {
            return;
        }
        log.record(request.getMethodName(), request.getPath(), request.getUri().getRawQuery(), requestBody(request),
                response.code(), responseBody(response));
    }

    /**
     * The request body the controller bound, or null when a body was sent but never read (a gate answered first,
     * or no route matched): then there is nothing to check it against, rather than an empty body to report.
     */
    @Nullable
    private static byte[] requestBody(HttpRequest<?> request) {
        Optional<String> bound = request.getBody(String.class);
        if (bound.isPresent()) {
            return bound.get().getBytes(StandardCharsets.UTF_8);
        }
        boolean sent = request.getContentLength() > 0 || request.getHeaders().contains(HttpHeaders.TRANSFER_ENCODING);
        return sent ? null : NONE;
    }

    private static byte[] responseBody(MutableHttpResponse<?> response) {
        Object body = response.body();
        if (body instanceof byte[] bytes) {
            return bytes;
        }
        if (body instanceof CharSequence text) {
            return text.toString().getBytes(StandardCharsets.UTF_8);
        }
        return NONE;
    }
}
