package io.atsbridge.adapter.outbound.domain;

import io.atsbridge.platform.startup.MissingConfigurationException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.runtime.event.ApplicationStartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends outbound events to subscribers, at least once, signed with Standard Webhooks v1. Each run claims
 * due deliveries ({@code FOR UPDATE SKIP LOCKED} with a lease, so any number of replicas may run), POSTs
 * them concurrently, each with a deadline, and stores what happened:
 *
 * <ul>
 *   <li>2xx: DELIVERED; the subscriber's failures in a row start again from 0.</li>
 *   <li>410 Gone: the subscriber is disabled at once and its pending deliveries ABANDONED.</li>
 *   <li>anything else (another status, no answer in time, a refused connection): retried on the
 *       {@link RetrySchedule}; FAILED after its last attempt. A subscriber failing
 *       {@code disable-after-failures} times in a row, the first longer than {@code disable-after} ago,
 *       is disabled and its pending deliveries ABANDONED.</li>
 * </ul>
 *
 * <p>Every attempt carries the same {@code webhook-id} and a fresh {@code webhook-timestamp} and
 * signature, so receivers deduplicate on the id and still accept a retry inside their replay window.
 * Logs name the webhook id, event id, subscriber and status — never the secret or the payload.
 *
 * <p>A background thread starts with the service ({@code atsbridge.adapter.outbound.enabled}) and stops
 * with it; {@link #runOnce()} sends synchronously, for tests and demos.
 */
@Singleton
public final class OutboundRelay {

    private static final Logger LOG = LoggerFactory.getLogger(OutboundRelay.class);
    private static final Duration MAX_IDLE_AFTER_ERROR = Duration.ofSeconds(5);
    /** Claims per {@link #runOnce()} call at most, so that one call ends even when deliveries keep coming. */
    private static final int MAX_CLAIMS_PER_RUN = 10;
    /** An answer's body is read (and dropped) for at most this long beyond the request time-out. */
    private static final Duration BODY_GRACE = Duration.ofSeconds(5);
    private static final String USER_AGENT = "atsbridge-outbound/1";

    private final OutboundStore store;
    private final OutboundSecrets secrets;
    private final OutboundSettings settings;
    private final Clock clock;
    private final RetrySchedule schedule;
    private final Duration disableAfter;
    private final Duration lease;
    private final Duration connectTimeout;
    private final HttpClient client;
    private volatile boolean running;
    @Nullable
    private Thread thread;

    OutboundRelay(OutboundStore store, OutboundSecrets secrets, OutboundSettings settings, Clock clock) {
        check(settings);
        this.store = store;
        this.secrets = secrets;
        this.settings = settings;
        this.clock = clock;
        this.schedule = RetrySchedule.standard();
        this.disableAfter = settings.disableAfter();
        // A batch is sent concurrently, so one request time-out (and the body grace) bounds it; the lease
        // leaves room for storing the outcomes before another relay may take the rows over.
        this.lease = settings.requestTimeout().plus(BODY_GRACE).multipliedBy(2).plusSeconds(30);
        this.connectTimeout = settings.connectTimeout().compareTo(settings.requestTimeout()) < 0
                ? settings.connectTimeout() : settings.requestTimeout();
        this.client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                // A redirect is a failed delivery: the signature is for the configured endpoint only.
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    private static void check(OutboundSettings s) {
        String prefix = "atsbridge.adapter.outbound.";
        if (s.batch() < 1 || s.disableAfterFailures() < 1) {
            throw new MissingConfigurationException(prefix + "batch " + s.batch() + ", disable-after-failures "
                    + s.disableAfterFailures() + " (expected: each at least 1)");
        }
        positive("poll-interval", s.pollInterval());
        positive("request-timeout", s.requestTimeout());
        positive("connect-timeout", s.connectTimeout());
        if (s.disableAfter() == null || s.disableAfter().isNegative()) {
            throw new MissingConfigurationException(prefix + "disable-after is " + s.disableAfter()
                    + " (expected: a duration, e.g. 5d)");
        }
    }

    private static void positive(String setting, @Nullable Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new MissingConfigurationException("atsbridge.adapter.outbound." + setting + " is " + value
                    + " (expected: a positive duration, e.g. 10s)");
        }
    }

    @EventListener
    void onStartup(ApplicationStartupEvent event) {
        if (settings.enabled()) {
            start();
        }
    }

    /** Starts the background thread (once). */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        Thread relay = new Thread(this::loop, "adapter-outbound-relay");
        relay.setDaemon(true);
        thread = relay;
        relay.start();
        LOG.info("outbound relay started: batch {}, request time-out {}, {} attempts", settings.batch(),
                settings.requestTimeout(), schedule.attempts());
    }

    /**
     * Stops the background thread: it finishes the batch it is sending (for up to the request time-out
     * and 10 s, then it is interrupted; an interrupted delivery is sent again after its lease).
     */
    @PreDestroy
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        Thread relay = thread;
        thread = null;
        if (relay != null) {
            join(relay, settings.requestTimeout().plusSeconds(10));
            relay.interrupt();
            join(relay, Duration.ofSeconds(2));
        }
        LOG.info("outbound relay stopped");
    }

    private static void join(Thread thread, Duration timeout) {
        try {
            thread.join(Math.max(1, timeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether the background thread is running. */
    public boolean isRunning() {
        return running;
    }

    /**
     * Claims the deliveries due now, up to {@value #MAX_CLAIMS_PER_RUN} batches, sends them and stores the
     * outcomes.
     *
     * @return how many deliveries were attempted (0 when nothing was due)
     */
    public int runOnce() {
        int total = 0;
        for (int run = 0; run < MAX_CLAIMS_PER_RUN; run++) {
            List<ClaimedDelivery> claimed = store.claim(settings.batch(), lease, clock.instant());
            if (claimed.isEmpty()) {
                break;
            }
            send(claimed);
            total += claimed.size();
            if (claimed.size() < settings.batch()) {
                break;
            }
        }
        return total;
    }

    private void loop() {
        Duration idle = settings.pollInterval();
        while (running) {
            try {
                int attempted = runOnce();
                idle = settings.pollInterval();
                if (attempted == 0) {
                    sleep(idle);
                }
            } catch (RuntimeException e) {
                // The database is unreachable or similar: what was claimed stays leased and is sent again later.
                LOG.warn("outbound relay could not claim or store deliveries: {}", e.toString());
                idle = idle.multipliedBy(2).compareTo(MAX_IDLE_AFTER_ERROR) > 0 ? MAX_IDLE_AFTER_ERROR : idle.multipliedBy(2);
                sleep(idle);
            }
        }
    }

    private void sleep(Duration duration) {
        try {
            Thread.sleep(Math.max(1, duration.toMillis()));
        } catch (InterruptedException e) {
            // Only stop() interrupts, after clearing running, which the loop checks next.
        }
    }

    /** Sends one claimed batch concurrently, then stores each outcome. */
    private void send(List<ClaimedDelivery> claimed) {
        List<CompletableFuture<Answer>> answers = new ArrayList<>(claimed.size());
        for (ClaimedDelivery delivery : claimed) {
            answers.add(attempt(delivery));
        }
        for (int i = 0; i < claimed.size(); i++) {
            record(claimed.get(i), answers.get(i).join());
        }
    }

    /** What one attempt got: an HTTP status, or why there was none. Never the answer's body. */
    private record Answer(@Nullable Integer status, @Nullable String error, boolean abandon) {
        static Answer status(int status) {
            return new Answer(status, null, false);
        }

        static Answer failure(String error) {
            return new Answer(null, error, false);
        }

        static Answer abandoned(String reason) {
            return new Answer(null, reason, true);
        }
    }

    private CompletableFuture<Answer> attempt(ClaimedDelivery delivery) {
        if (!delivery.enabled()) {
            return CompletableFuture.completedFuture(Answer.abandoned("subscriber " + delivery.subscriberId()
                    + " is disabled or no longer stored"));
        }
        Optional<byte[]> key = signingKey(delivery);
        if (key.isEmpty()) {
            return CompletableFuture.completedFuture(Answer.failure("the subscriber's signing secret does not decrypt with "
                    + "the configured master key; restart with the subscriber's secret in configuration to store it again"));
        }
        byte[] body = delivery.payload().getBytes(StandardCharsets.UTF_8);
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(delivery.url()))
                    .timeout(settings.requestTimeout())
                    .header("Content-Type", "application/json")
                    .header("User-Agent", USER_AGENT)
                    .header("webhook-id", delivery.webhookId())
                    .header("webhook-timestamp", Long.toString(timestamp))
                    .header("webhook-signature", StandardWebhooksSigner.signature(key.get(), delivery.webhookId(), timestamp, body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(Answer.failure("the subscriber's url is not a valid http(s) URL"));
        } finally {
            Arrays.fill(key.get(), (byte) 0);
        }
        Duration deadline = settings.requestTimeout().plus(BODY_GRACE);
        return client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .orTimeout(deadline.toMillis(), TimeUnit.MILLISECONDS)
                .handle((response, failure) -> failure == null ? Answer.status(response.statusCode())
                        : Answer.failure(describe(failure)));
    }

    private Optional<byte[]> signingKey(ClaimedDelivery delivery) {
        byte[] secret;
        try {
            secret = secrets.open(delivery.subscriberId(), delivery.sealedSecret());
        } catch (GeneralSecurityException e) {
            return Optional.empty();
        }
        try {
            return StandardWebhooksSigner.key(new String(secret, StandardCharsets.UTF_8));
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    /** Why an attempt got no answer, in a few words; never a URL, header or body. */
    private String describe(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof HttpConnectTimeoutException) {
            return "no connection within " + seconds(connectTimeout);
        }
        if (cause instanceof HttpTimeoutException || cause instanceof TimeoutException) {
            return "no answer within " + seconds(settings.requestTimeout());
        }
        if (cause instanceof ConnectException) {
            return "connection refused or host unreachable";
        }
        if (cause instanceof IOException) {
            return "network error (" + cause.getClass().getSimpleName() + ")";
        }
        return "could not send (" + cause.getClass().getSimpleName() + ")";
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    private void record(ClaimedDelivery d, Answer answer) {
        Instant now = clock.instant();
        if (answer.abandon()) {
            store.abandon(d, Objects.requireNonNull(answer.error(), "an abandoned answer says why (Answer.abandoned)"));
            LOG.info("outbound {} (event {}) to subscriber {}: ABANDONED, {}", d.webhookId(), d.eventId(), d.subscriberId(),
                    answer.error());
            return;
        }
        Integer status = answer.status();
        if (status != null && status >= 200 && status < 300) {
            if (!store.delivered(d, status, now)) {
                LOG.info("outbound {} to subscriber {} was delivered (HTTP {}) after it was abandoned or claimed again",
                        d.webhookId(), d.subscriberId(), status);
            }
            LOG.debug("outbound {} (event {}) to subscriber {}: DELIVERED, HTTP {}, attempt {}", d.webhookId(), d.eventId(),
                    d.subscriberId(), status, d.attempt());
            return;
        }
        if (status != null && status == 410) {
            String reason = "endpoint answered 410 Gone";
            if (store.gone(d, status, reason, now)) {
                LOG.warn("subscriber {} of tenant {} disabled: {} (outbound {}); its pending deliveries are abandoned",
                        d.subscriberId(), d.tenantId(), reason, d.webhookId());
            }
            return;
        }
        String error = status != null ? "HTTP " + status : answer.error();
        Optional<Duration> wait = schedule.waitAfter(d.attempt());
        OutboundStore.FailureRecord stored = store.failed(d, status, "attempt " + d.attempt() + " of " + schedule.attempts()
                        + " failed: " + error, wait.map(now::plus).orElse(null), settings.disableAfterFailures(),
                disableAfter, now);
        if (!stored.stored()) {
            LOG.info("outbound {} to subscriber {} failed ({}) after it was abandoned or claimed again", d.webhookId(),
                    d.subscriberId(), error);
        } else if (wait.isPresent()) {
            LOG.info("outbound {} (event {}) to subscriber {}: attempt {} of {} failed ({}), next in {}", d.webhookId(),
                    d.eventId(), d.subscriberId(), d.attempt(), schedule.attempts(), error, wait.get());
        } else {
            LOG.warn("outbound {} (event {}) to subscriber {}: FAILED after {} attempts ({})", d.webhookId(), d.eventId(),
                    d.subscriberId(), d.attempt(), error);
        }
        if (stored.subscriberDisabled()) {
            LOG.warn("subscriber {} of tenant {} disabled: deliveries failed {} times in a row for longer than {}; its "
                    + "pending deliveries are abandoned", d.subscriberId(), d.tenantId(), stored.consecutiveFailures(),
                    disableAfter);
        }
    }
}
