package io.atsbridge.sandbox.aivendor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atsbridge.sandbox.SandboxSettings;
import io.atsbridge.sandbox.http.SandboxJson;
import io.atsbridge.sandbox.http.WebhookAttempt;
import io.atsbridge.sandbox.http.WebhookDispatcher;
import io.atsbridge.sandbox.http.WebhookEvent;
import io.atsbridge.sandbox.http.WebhookLog;
import io.atsbridge.sandbox.signing.StandardWebhooksSignature;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An AI interview vendor: callers create interviews ({@code POST /ai/v1/interviews}, Bearer auth,
 * Idempotency-Key) and may cancel them before they complete ({@code POST /ai/v1/interviews/{id}/cancel}); the
 * vendor completes the others ({@link #complete(String)} or by itself after a delay) with a result from a seeded
 * generator, and reports each completion as a Standard Webhooks v1 event, retried on any non-2xx with exponential
 * backoff, at most 6 attempts. Thread-safe.
 */
@Singleton
public final class AiVendorSimulator {

    /** The event type of a completion. */
    public static final String COMPLETED_EVENT = "interview.completed";
    /** Delays before attempts 2..6: 1, 5, 25, 125 and 625 minutes, scaled by the sandbox's retry time scale. */
    static final List<Duration> RETRY_DELAYS = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5),
            Duration.ofMinutes(25), Duration.ofMinutes(125), Duration.ofMinutes(625));
    static final String INVITATION_BASE = "https://ai-sandbox.example/invite/";

    final String apiKey;
    private final long seed;
    private final Duration autoCompleteAfter;
    private final WebhookDispatcher dispatcher;
    private final Map<String, Interview> interviews = new LinkedHashMap<>();
    private final java.util.Deque<Planned> planned = new java.util.ArrayDeque<>();
    private final Map<String, Idempotent> idempotencyKeys = new LinkedHashMap<>();
    private final WebhookLog log = new WebhookLog("AI vendor webhook event");
    private final Map<String, Long> firstTimestamps = new ConcurrentHashMap<>();
    @Nullable
    private volatile URI endpoint;
    private volatile String secret;
    private long sequence;
    private int faultsLeft;
    private int faultStatus;

    AiVendorSimulator(SandboxSettings settings, WebhookDispatcher dispatcher) {
        this.apiKey = settings.aiVendorApiKey();
        this.seed = settings.aiVendorSeed();
        this.autoCompleteAfter = settings.aiVendorAutoCompleteAfter();
        this.endpoint = settings.aiVendorWebhookUrl();
        this.secret = settings.aiVendorWebhookSecret();
        this.dispatcher = dispatcher;
    }

    /** A request the Idempotency-Key has already served: its body and the interview it created. */
    private record Idempotent(JsonNode body, String interviewId) {
    }

    /** What an API call answers. */
    record ApiResult(int status, JsonNode body) {
    }

    // ---------------------------------------------------------------- API (package)

    /**
     * POST /v1/interviews. With an Idempotency-Key seen before and the same body, the same interview with 200;
     * with a different body, 422; a rejected request does not consume its key.
     */
    ApiResult create(JsonNode body, @Nullable String idempotencyKey) {
        Interview interview;
        synchronized (this) {
            if (idempotencyKey != null) {
                Idempotent seen = idempotencyKeys.get(idempotencyKey);
                if (seen != null) {
                    if (!seen.body().equals(body)) {
                        throw new AiVendorApiException(422, "idempotency_key_reused", "Idempotency-Key "
                                + idempotencyKey + " was already used with a different request body; use a new key for a new interview");
                    }
                    return new ApiResult(200, InterviewJson.interview(
                            Objects.requireNonNull(interviews.get(seen.interviewId()), "an idempotency key names a stored interview")));
                }
            }
            interview = parseNew(body);
            interviews.put(interview.id(), interview);
            if (idempotencyKey != null) {
                idempotencyKeys.put(idempotencyKey, new Idempotent(body.deepCopy(), interview.id()));
            }
        }
        Planned plan;
        synchronized (this) {
            plan = planned.poll();
        }
        String id = interview.id();
        if (plan != null) {
            // A scripted candidate: ends the interview its way, or never completes it.
            if (plan.type() != null) {
                String type = plan.type();
                dispatcher.later(() -> end(id, type, plan.reason()), autoCompleteAfter.isZero() ? Duration.ofMillis(50)
                        : autoCompleteAfter);
            }
        } else if (!autoCompleteAfter.isZero()) {
            dispatcher.later(() -> complete(id), autoCompleteAfter);
        }
        return new ApiResult(201, InterviewJson.interview(interview));
    }

    ApiResult get(String id) {
        synchronized (this) {
            Interview interview = interviews.get(id);
            if (interview == null) {
                throw new AiVendorApiException(404, "not_found", "interview " + id + " not found");
            }
            return new ApiResult(200, InterviewJson.interview(interview));
        }
    }

    /**
     * POST /v1/interviews/{id}/cancel. An interview not completed yet is cancelled: it never completes and no
     * {@code interview.completed} is sent for it. Cancelling a cancelled interview answers 200 with it unchanged;
     * a completed one 409 {@code interview_completed}; an unknown id 404.
     */
    ApiResult cancel(String id) {
        synchronized (this) {
            Interview interview = interviews.get(id);
            if (interview == null) {
                throw new AiVendorApiException(404, "not_found", "interview " + id + " not found");
            }
            if (interview.completedAt() != null) {
                throw new AiVendorApiException(409, "interview_completed", "interview " + id + " already completed at "
                        + interview.completedAt() + " and can no longer be cancelled; its result stands");
            }
            if (interview.cancelledAt() == null) {
                interview = interview.cancelled(Instant.now().truncatedTo(ChronoUnit.MILLIS));
                interviews.put(id, interview);
            }
            return new ApiResult(200, InterviewJson.interview(interview));
        }
    }

    /** The injected fault status for this request, or 0; counts the fault down. */
    synchronized int takeFault() {
        if (faultsLeft <= 0) {
            return 0;
        }
        faultsLeft--;
        return faultStatus;
    }

    // ---------------------------------------------------------------- Java API

    /**
     * Completes an interview with its seeded result and sends {@code interview.completed}. Completing a
     * completed or a cancelled interview changes nothing and sends nothing.
     *
     * @return the completed interview, or the cancelled one as it is
     */
    public Interview complete(String interviewId) {
        Interview completed;
        synchronized (this) {
            Interview interview = interviews.get(interviewId);
            if (interview == null) {
                throw new IllegalArgumentException("no interview " + interviewId + " at the AI vendor sandbox");
            }
            if (!Interview.INVITED.equals(interview.status())) {
                return interview;
            }
            completed = interview.completed(Instant.now().truncatedTo(ChronoUnit.MILLIS),
                    InterviewResultGenerator.generate(seed, interviewId));
            interviews.put(interviewId, completed);
        }
        ObjectNode event = SandboxJson.object();
        event.put("type", COMPLETED_EVENT);
        event.put("timestamp", Objects.requireNonNull(completed.completedAt(), "just completed").toString());
        event.set("data", InterviewJson.completionData(completed));
        send(COMPLETED_EVENT, SandboxJson.bytes(event));
        return completed;
    }

    /**
     * Ends an invited interview without a result and sends the event that says so: {@code interview.declined} (the
     * candidate declined), {@code interview.expired}, {@code interview.failed} (abandoned or a technical failure) or
     * {@code interview.cancelled}, with {@code data.interview_id} and {@code data.reason}. An interview that is no longer
     * invited changes nothing and sends nothing.
     *
     * @param type   one of the four event types
     * @param reason the reason code sent, e.g. {@code candidate_declined}
     * @return the interview as it is now
     */
    public Interview end(String interviewId, String type, String reason) {
        String endStatus = switch (type) {
            case "interview.declined" -> "declined";
            case "interview.expired" -> "expired";
            case "interview.failed" -> "failed";
            case "interview.cancelled" -> Interview.CANCELLED;
            default -> throw new IllegalArgumentException("not an interview ending: " + type);
        };
        Interview ended;
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        synchronized (this) {
            Interview interview = interviews.get(interviewId);
            if (interview == null) {
                throw new IllegalArgumentException("no interview " + interviewId + " at the AI vendor sandbox");
            }
            if (!Interview.INVITED.equals(interview.status())) {
                return interview;
            }
            ended = interview.ended(endStatus, at);
            interviews.put(interviewId, ended);
        }
        ObjectNode event = SandboxJson.object();
        event.put("type", type);
        event.put("timestamp", at.toString());
        ObjectNode data = event.putObject("data");
        data.put("interview_id", interviewId);
        data.put("reason", reason);
        send(type, SandboxJson.bytes(event));
        return ended;
    }

    /**
     * Scripts the candidates of the next {@code count} interviews created: each ends with the event {@code type} (see
     * {@link #end}) and {@code reason} instead of completing, shortly after it is created.
     */
    public synchronized void endNextInterviews(int count, String type, String reason) {
        for (int i = 0; i < count; i++) {
            planned.add(new Planned(type, reason));
        }
    }

    /** Scripts the candidates of the next {@code count} interviews created never to complete them (nor end them). */
    public synchronized void leaveNextInterviewsOpen(int count) {
        for (int i = 0; i < count; i++) {
            planned.add(new Planned(null, ""));
        }
    }

    /** How a scripted candidate treats their interview: ends it with {@code type}, or (null) leaves it open. */
    private record Planned(@Nullable String type, String reason) {
    }

    /** The interview with this id, as it is now. */
    public synchronized Optional<Interview> interview(String interviewId) {
        return Optional.ofNullable(interviews.get(interviewId));
    }

    /**
     * The status of an interview as {@code GET /v1/interviews/{id}} shows it: {@value Interview#INVITED},
     * {@value Interview#COMPLETED} or {@value Interview#CANCELLED}.
     *
     * @throws IllegalArgumentException when the sandbox has no such interview
     */
    public synchronized String status(String interviewId) {
        Interview interview = interviews.get(interviewId);
        if (interview == null) {
            throw new IllegalArgumentException("no interview " + interviewId + " at the AI vendor sandbox");
        }
        return interview.status();
    }

    /** Every interview, oldest first. */
    public synchronized List<Interview> interviews() {
        return List.copyOf(interviews.values());
    }

    /** The seed of the result generator. */
    public long seed() {
        return seed;
    }

    /** Sets where events go (null: record only) and the {@code whsec_...} secret that signs them. */
    public void configureWebhook(@Nullable URI url, String whsecSecret) {
        StandardWebhooksSignature.keyOf(whsecSecret);
        this.endpoint = url;
        this.secret = whsecSecret;
    }

    /** Sends an arbitrary body as a new event (fresh webhook-id), signed and retried like any other. */
    public String sendRawWebhook(String type, byte[] body) {
        return send(type, body.clone());
    }

    /**
     * Delivers a recorded event again, as a vendor's "resend" does: the same body and webhook-id, a fresh
     * webhook-timestamp and signature, retried as usual.
     */
    public void redeliver(String webhookId) {
        WebhookEvent event = event(webhookId);
        deliver(event, Run.REDELIVERY);
    }

    /**
     * Sends a recorded event exactly as its first attempt went, original webhook-timestamp and signature
     * included, once: what an attacker replaying a captured request would send.
     *
     * @return completes with the attempt (also recorded in {@link #webhookAttempts()})
     */
    public CompletableFuture<WebhookAttempt> resendVerbatim(String webhookId) {
        WebhookEvent event = event(webhookId);
        return deliver(event, Run.VERBATIM);
    }

    /** Every event created, oldest first. */
    public List<WebhookEvent> webhookEvents() {
        return log.events();
    }

    /** Every delivery attempt, in the order they finished. */
    public List<WebhookAttempt> webhookAttempts() {
        return log.attempts();
    }

    /** The delivery attempts of one event. */
    public List<WebhookAttempt> webhookAttempts(String webhookId) {
        return log.attemptsOf(webhookId);
    }

    /** Makes the next {@code count} authenticated API requests fail with {@code status}. */
    public synchronized void failNextRequests(int count, int status) {
        if (count < 0 || status < 400 || status > 599) {
            throw new IllegalArgumentException("failNextRequests(" + count + ", " + status + ") (expected: count >= 0, status 400..599)");
        }
        faultsLeft = count;
        faultStatus = status;
    }

    // ---------------------------------------------------------------- internals

    private Interview parseNew(JsonNode body) {
        if (!body.isObject()) {
            throw new AiVendorApiException(400, "invalid_request", "request body must be a JSON object");
        }
        Map<String, String> problems = new LinkedHashMap<>();
        String externalId = required(body, "candidate", "external_id", problems);
        String firstName = required(body, "candidate", "first_name", problems);
        String lastName = required(body, "candidate", "last_name", problems);
        String email = required(body, "candidate", "email", problems);
        if (email != null && !email.matches("[^@\\s]+@[^@\\s]+")) {
            problems.put("candidate.email", "is not an e-mail address: " + email);
        }
        String jobId = required(body, "job", "external_id", problems);
        String jobTitle = required(body, "job", "title", problems);
        String kit = required(body, "interview_kit", "id", problems);
        Map<String, String> metadata = new LinkedHashMap<>();
        JsonNode meta = body.get("metadata");
        if (meta != null && !meta.isNull()) {
            if (!meta.isObject()) {
                problems.put("metadata", "must be an object of string values");
            } else {
                meta.fields().forEachRemaining(e -> {
                    if (e.getValue().isTextual()) {
                        metadata.put(e.getKey(), e.getValue().asText());
                    } else {
                        problems.put("metadata." + e.getKey(), "must be a string, got " + e.getValue());
                    }
                });
            }
        }
        if (!problems.isEmpty()) {
            throw new AiVendorApiException(422, "validation_failed",
                    "the interview request is incomplete or invalid: " + String.join(", ", problems.keySet()), problems);
        }
        String id = "iv_" + String.format("%08d", ++sequence);
        return new Interview(id, Interview.INVITED, new Interview.Candidate(externalId, firstName, lastName, email),
                new Interview.Job(jobId, jobTitle), kit, metadata, INVITATION_BASE + id,
                Instant.now().truncatedTo(ChronoUnit.MILLIS), null, null, null);
    }

    /** The value, or "" with a problem recorded (the request is then refused before any value is used). */
    private static String required(JsonNode body, String object, String field, Map<String, String> problems) {
        JsonNode value = body.path(object).path(field);
        if ((value.isTextual() && !value.asText().isBlank()) || value.isIntegralNumber()) {
            return value.asText();
        }
        problems.put(object + "." + field, value.isMissingNode() || value.isNull() ? "is required" : "must be a non-blank string");
        return "";
    }

    private String send(String type, byte[] body) {
        String id = "msg_" + UUID.randomUUID().toString().replace("-", "");
        WebhookEvent event = new WebhookEvent(id, type, body, Instant.now());
        firstTimestamps.put(id, event.createdAt().getEpochSecond());
        log.created(event);
        deliver(event, Run.ORIGINAL);
        return id;
    }

    private WebhookEvent event(String webhookId) {
        return log.event(webhookId);
    }

    /** How a delivery run stamps its attempts. */
    private enum Run { ORIGINAL, REDELIVERY, VERBATIM }

    private CompletableFuture<WebhookAttempt> deliver(WebhookEvent event, Run run) {
        URI target = endpoint;
        if (target == null) {
            if (run == Run.ORIGINAL) {
                return CompletableFuture.completedFuture(null);
            }
            throw new IllegalStateException("no AI vendor webhook URL is configured; call configureWebhook first");
        }
        String key = secret;
        long original = Objects.requireNonNull(firstTimestamps.get(event.id()), "recorded when the event was sent");
        return dispatcher.deliver(new WebhookDispatcher.Delivery(event.id(), target, event.body(), attempt -> {
            // Every retry is signed afresh with its own timestamp, since receivers enforce a replay window;
            // only the original first attempt and a verbatim replay carry the event's own time.
            boolean originalTime = run == Run.VERBATIM || (run == Run.ORIGINAL && attempt == 1);
            long timestamp = originalTime ? original : Instant.now().getEpochSecond();
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", "application/json");
            headers.put("User-Agent", "ai-vendor-sandbox-webhooks/1.0");
            headers.put(StandardWebhooksSignature.ID_HEADER, event.id());
            headers.put(StandardWebhooksSignature.TIMESTAMP_HEADER, Long.toString(timestamp));
            headers.put(StandardWebhooksSignature.SIGNATURE_HEADER,
                    StandardWebhooksSignature.headerValue(key, event.id(), timestamp, event.body()));
            return headers;
        }, status -> status >= 200 && status < 300, run == Run.VERBATIM ? List.of() : RETRY_DELAYS, log::attempted));
    }
}
