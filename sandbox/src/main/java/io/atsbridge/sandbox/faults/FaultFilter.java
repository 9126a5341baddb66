package io.atsbridge.sandbox.faults;

import io.atsbridge.sandbox.http.SandboxJson;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.FilterContinuation;
import io.micronaut.http.server.netty.NettyHttpRequest;
import org.reactivestreams.Publisher;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Applies {@link SandboxFaults} to every request before any simulator sees it (before authentication and the
 * simulators' own rate limits), so a refused request changes no state.
 */
@ServerFilter("/**")
final class FaultFilter implements Ordered {

    private final SandboxFaults faults;

    FaultFilter(SandboxFaults faults) {
        this.faults = faults;
    }

    @Override
    public int getOrder() {
        // Before every other filter, the simulators' gates included.
        return HIGHEST_PRECEDENCE;
    }

    /**
     * Decides on the event loop and never blocks it: a refused request is answered at once (or after the
     * added latency), a let-through request proceeds at once (or after the latency, from a timer thread).
     * The continuation style is Micronaut's documented way for a filter to go on later; an earlier version
     * hopped every request to the blocking pool with {@code @ExecuteOn} and, under load, made Micronaut's
     * execution flows pile up without end (an OutOfMemoryError in a test run).
     */
    @RequestFilter
    Publisher<MutableHttpResponse<?>> inject(HttpRequest<?> request, FilterContinuation<Publisher<MutableHttpResponse<?>>> chain) {
        VendorFaults.Decision decision = faults.forPath(request.getPath()).decide(Instant.now());
        Duration delay = decision.delay();
        if (decision.refusal() == FaultKind.CONNECTION_DROPPED && delay.isZero()) {
            drop(request);
        }
        MutableHttpResponse<?> refusal = refuse(decision);
        if (delay.isZero()) {
            return refusal == null ? chain.proceed() : Publishers.just(refusal);
        }
        Executor later = CompletableFuture.delayedExecutor(delay.toNanos(), TimeUnit.NANOSECONDS);
        return subscriber -> later.execute(() -> {
            if (refusal == null) {
                chain.proceed().subscribe(subscriber);
            } else {
                if (decision.refusal() == FaultKind.CONNECTION_DROPPED) {
                    drop(request);
                }
                Publishers.just(refusal).subscribe(subscriber);
            }
        });
    }

    /**
     * Closes the connection after every error answer. Works around Micronaut 4.10's leak on keep-alive
     * connections (micronaut-projects/micronaut-core#12940, open): after a 4xx on a kept-alive connection,
     * a later request whose body arrives after its headers (java.net.http sends them apart) could make the
     * server pile up execution-flow steps until OutOfMemoryError; seen in this module's test runs. Clients
     * simply reconnect, as they must be able to at any vendor.
     */
    @ResponseFilter
    void closeAfterErrors(MutableHttpResponse<?> response) {
        if (response.code() >= 400) {
            response.getHeaders().set(HttpHeaders.CONNECTION, "close");
        }
    }

    /** Closes the request's connection without an answer. */
    private static void drop(HttpRequest<?> request) {
        if (request instanceof NettyHttpRequest<?> netty) {
            netty.getChannelHandlerContext().channel().close();
        }
    }

    @Nullable
    private static MutableHttpResponse<?> refuse(VendorFaults.Decision decision) {
        if (decision.refusal() == null) {
            return null;
        }
        return switch (decision.refusal()) {
            // Nothing reaches the client (the connection is closed first); the answer only ends the request's processing.
            case CONNECTION_DROPPED -> error(HttpStatus.SERVICE_UNAVAILABLE, "connection dropped");
            case OUTAGE -> error(HttpStatus.SERVICE_UNAVAILABLE,
                    "Injected outage: the sandbox was told this vendor is down; retry later");
            case RATE_LIMIT_STORM -> {
                Duration wait = decision.retryAfter() == null ? Duration.ZERO : decision.retryAfter();
                long seconds = (wait.toMillis() + 999) / 1000;
                yield error(HttpStatus.TOO_MANY_REQUESTS, "Injected 429 storm: retry after " + seconds + " seconds")
                        .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
                        .header("X-RateLimit-Reset", Long.toString(Instant.now().plusSeconds(seconds).getEpochSecond()));
            }
            case SERVER_ERROR -> error(HttpStatus.valueOf(decision.status()),
                    "Injected fault: the sandbox was told to fail a share of this vendor's requests");
            case LATENCY -> null;
        };
    }

    private static MutableHttpResponse<byte[]> error(HttpStatus status, String message) {
        return SandboxJson.answer(status, SandboxJson.object().put("error", "injected_fault").put("message", message));
    }
}
