package io.atsbridge.sandbox.http;

import io.atsbridge.sandbox.SandboxSettings;
import io.micronaut.core.annotation.Nullable;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;

/**
 * Delivers webhook events the way vendors do: asynchronously, one POST per attempt with a deadline, and
 * on failure the next attempt after the vendor's delay (scaled by {@link SandboxSettings#retryTimeScale()})
 * until an attempt succeeds or the schedule runs out. Each attempt is reported to the delivery's recorder.
 */
@Singleton
public final class WebhookDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);

    private final HttpClient client;
    private final ScheduledExecutorService scheduler;
    private final Duration timeout;
    private final double timeScale;

    WebhookDispatcher(SandboxSettings settings) {
        this.timeout = settings.webhookTimeout();
        this.timeScale = settings.retryTimeScale();
        this.scheduler = Executors.newScheduledThreadPool(1, runnable -> {
            Thread thread = new Thread(runnable, "sandbox-webhooks");
            thread.setDaemon(true);
            return thread;
        });
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * One event's delivery run.
     *
     * @param eventId     the delivery id the recorder sees
     * @param target      the receiver
     * @param bodies      the exact bytes to POST in attempt n (1-based); the same for every attempt unless the vendor
     *                    builds each attempt anew (a configured Lever retry with a fresh token)
     * @param headers     the headers of attempt n (1-based); a scheme that signs a timestamp re-signs per attempt
     * @param success     which status codes count as delivered
     * @param retryDelays the vendor's delays before attempts 2, 3, ... (unscaled); empty for a single attempt
     * @param recorder    told about every attempt
     */
    public record Delivery(String eventId, URI target, IntFunction<byte[]> bodies, IntFunction<Map<String, String>> headers,
                           IntPredicate success, List<Duration> retryDelays, Consumer<WebhookAttempt> recorder) {

        /** A delivery whose every attempt carries the same bytes. */
        public Delivery(String eventId, URI target, byte[] body, IntFunction<Map<String, String>> headers,
                        IntPredicate success, List<Duration> retryDelays, Consumer<WebhookAttempt> recorder) {
            this(eventId, target, attempt -> body, headers, success, retryDelays, recorder);
        }
    }

    /**
     * Starts a delivery run now.
     *
     * @return completes with the run's last attempt (delivered, or the final failure)
     */
    public CompletableFuture<WebhookAttempt> deliver(Delivery delivery) {
        CompletableFuture<WebhookAttempt> outcome = new CompletableFuture<>();
        schedule(() -> attempt(delivery, 1, outcome), Duration.ZERO, outcome);
        return outcome;
    }

    /** Runs {@code task} after {@code delay} (not scaled) on the delivery thread; used for timed simulator events. */
    public void later(Runnable task, Duration delay) {
        try {
            scheduler.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("sandbox is stopping; timed event dropped");
        }
    }

    /** A vendor delay scaled for this sandbox, never below one millisecond. */
    public Duration scaled(Duration vendorDelay) {
        return Duration.ofMillis(Math.max(1, Math.round(vendorDelay.toMillis() * timeScale)));
    }

    private void attempt(Delivery delivery, int attempt, CompletableFuture<WebhookAttempt> outcome) {
        HttpRequest.Builder request = HttpRequest.newBuilder(delivery.target())
                .timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.bodies().apply(attempt)));
        delivery.headers().apply(attempt).forEach(request::header);
        client.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding())
                .whenComplete((response, failure) -> {
                    int status = response == null ? 0 : response.statusCode();
                    boolean delivered = failure == null && delivery.success().test(status);
                    boolean last = delivered || attempt > delivery.retryDelays().size();
                    WebhookAttempt record = new WebhookAttempt(delivery.eventId(), attempt, status, delivered,
                            failure == null ? null : describe(failure), Instant.now(), last);
                    try {
                        delivery.recorder().accept(record);
                    } finally {
                        if (last) {
                            outcome.complete(record);
                        } else {
                            Duration wait = scaled(delivery.retryDelays().get(attempt - 1));
                            schedule(() -> attempt(delivery, attempt + 1, outcome), wait, outcome);
                        }
                    }
                });
    }

    private void schedule(Runnable task, Duration delay, CompletableFuture<WebhookAttempt> outcome) {
        try {
            scheduler.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            outcome.cancel(false);
        }
    }

    private static String describe(@Nullable Throwable failure) {
        Throwable cause = failure;
        while (cause != null && cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        if (cause == null) {
            return "unknown failure";
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    @PreDestroy
    void close() {
        scheduler.shutdownNow();
    }
}
