package io.atsbridge.connectors.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.atsbridge.connectors.VendorCallException;
import io.atsbridge.connectors.VendorJson;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.DefaultHttpClientConfiguration;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.HttpClientConfiguration;
import io.micronaut.http.client.HttpVersionSelection;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.client.exceptions.ReadTimeoutException;
import io.netty.util.concurrent.FastThreadLocalThread;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Sends vendor API requests through a Micronaut {@link HttpClient}, waits out rate limits the vendor announces with
 * {@code 429} and {@code Retry-After} (a bounded number of times, never more than a bounded total wait), and turns
 * every other failure into a {@link VendorCallException}: 5xx, 408, time-outs and network errors are retryable, other
 * 4xx are permanent and carry the vendor's message. Thread-safe; one instance serves every connection.
 *
 * <p>The client is the caller's: in a service it is the application context's named client for vendors, so every
 * vendor call gets the client configuration (connect and read time-outs, no redirects, HTTP/1.1), metrics and tracing
 * the context applies to its clients (its {@code HttpClientFilter}s); tests hand it a {@link #standaloneClient}.
 * Connector code builds Micronaut {@link HttpRequest}s with {@code byte[]} bodies, which go out exactly as given,
 * since signatures and idempotency keys are computed over those bytes; answers are read as raw bytes too, errors
 * included ({@link HttpClientResponseException} keeps the vendor's body), and judged here, not by the client.
 *
 * <p>{@link #send} blocks the calling thread (the sync engine's workers, gRPC executor threads), never a Netty event
 * loop: called on one, it fails at once with an {@link IllegalStateException}, a defect, before anything is sent
 * (Micronaut's blocking client refuses too, but with an exception this class would take for the vendor being
 * unreachable, and retry).
 */
public final class VendorHttp {

    /** How the client waits between rate-limited attempts; tests may count instead of sleeping. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** A successful answer. */
    public record Response(int status, byte[] body, HttpHeaders headers) {

        /** The body as JSON. */
        public JsonNode json(String what) {
            return VendorJson.read(body, what);
        }

        /** The URL of the RFC 8288 {@code Link} header's relation (e.g. {@code next}), or null when there is none. */
        @Nullable
        public String link(String relation) {
            for (String header : headers.getAll("Link")) {
                for (String part : header.split(",")) {
                    java.util.regex.Matcher m = LINK.matcher(part.trim());
                    if (m.matches() && java.util.Arrays.stream(m.group(2).trim().split("\\s+"))
                            .anyMatch(rel -> rel.equalsIgnoreCase(relation))) {
                        return m.group(1);
                    }
                }
            }
            return null;
        }
    }

    private static final java.util.regex.Pattern LINK =
            java.util.regex.Pattern.compile("<([^>]*)>\\s*;.*?rel=\"?([^\";]+)\"?.*");

    /** How long a 429 without a Retry-After is taken to ask to wait. */
    public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);
    private static final int MAX_MESSAGE = 600;
    private static final Argument<byte[]> BYTES = Argument.of(byte[].class);
    private static final byte[] NO_BODY = new byte[0];

    private final BlockingHttpClient client;
    private final int maxRateLimitRetries;
    private final Duration maxRateLimitWait;
    private final Sleeper sleeper;
    @Nullable
    private final RequestGovernor governor;

    /**
     * @param client              the HTTP client every call goes through; its configuration holds the time-outs
     *                            (its read time-out bounds each answer), and it must not follow redirects
     * @param maxRateLimitRetries how many times one call is repeated after a 429 (e.g. 3)
     * @param maxRateLimitWait    the most one call waits in total for rate limits (e.g. 30 s); a longer
     *                            Retry-After fails the call as retryable, carrying the wait
     */
    public VendorHttp(HttpClient client, int maxRateLimitRetries, Duration maxRateLimitWait) {
        this(client, maxRateLimitRetries, maxRateLimitWait, duration -> Thread.sleep(duration.toMillis()));
    }

    public VendorHttp(HttpClient client, int maxRateLimitRetries, Duration maxRateLimitWait, Sleeper sleeper) {
        if (maxRateLimitRetries < 0) {
            throw new IllegalArgumentException("maxRateLimitRetries: " + maxRateLimitRetries + " (expected: >= 0)");
        }
        this.client = Objects.requireNonNull(client, "client").toBlocking();
        this.maxRateLimitRetries = maxRateLimitRetries;
        this.maxRateLimitWait = Objects.requireNonNull(maxRateLimitWait, "maxRateLimitWait");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.governor = null;
    }

    private VendorHttp(VendorHttp shared, @Nullable RequestGovernor governor) {
        this.client = shared.client;
        this.maxRateLimitRetries = shared.maxRateLimitRetries;
        this.maxRateLimitWait = shared.maxRateLimitWait;
        this.sleeper = shared.sleeper;
        this.governor = governor;
    }

    /**
     * The client configuration vendor calls need, for a client made outside an application context: the time-outs,
     * redirects never followed (a vendor's redirect is an answer to report, and must not carry credentials
     * elsewhere), and HTTP/1.1 only (servers that do not speak HTTP/2 reject an h2c upgrade). A service's named
     * client holds the same settings in its configuration ({@code micronaut.http.services.vendors}).
     *
     * @param connectTimeout how long to wait for a connection
     * @param readTimeout    how long to wait for each answer
     */
    public static HttpClientConfiguration clientConfiguration(Duration connectTimeout, Duration readTimeout) {
        checkPositive("connectTimeout", connectTimeout);
        checkPositive("readTimeout", readTimeout);
        DefaultHttpClientConfiguration configuration = new DefaultHttpClientConfiguration();
        configuration.setConnectTimeout(connectTimeout);
        configuration.setReadTimeout(readTimeout);
        configuration.setFollowRedirects(false);
        configuration.setPlaintextMode(HttpVersionSelection.PlaintextMode.HTTP_1);
        configuration.setAlpnModes(List.of(HttpVersionSelection.ALPN_HTTP_1));
        return configuration;
    }

    /**
     * A client of its own with {@link #clientConfiguration}, for code that runs without an application context
     * (tests, tools). It owns an event loop: the caller closes it.
     */
    public static HttpClient standaloneClient(Duration connectTimeout, Duration readTimeout) {
        return HttpClient.create(null, clientConfiguration(connectTimeout, readTimeout));
    }

    private static void checkPositive(String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: > 0)");
        }
    }

    /** This client, with every call paced and guarded by one connection's governor. */
    public VendorHttp governed(RequestGovernor governor) {
        return new VendorHttp(this, Objects.requireNonNull(governor, "governor"));
    }

    /**
     * This client without a governor, for the calls of a connection that do not go to the API its governor paces
     * (an OAuth token endpoint on another host).
     */
    public VendorHttp ungoverned() {
        return governor == null ? this : new VendorHttp(this, null);
    }

    /**
     * Sends the request and returns the 2xx answer.
     *
     * @param vendor  the vendor's name for messages, e.g. {@code Greenhouse}
     * @param what    method and path for messages, e.g. {@code PATCH /v1/candidates/42}; never a credential
     * @param request an absolute URL; a body, when there is one, as {@code byte[]} (or a form's {@code String})
     * @throws VendorCallException when the call did not succeed
     */
    public Response send(String vendor, String what, HttpRequest<?> request) {
        if (Thread.currentThread() instanceof FastThreadLocalThread) {
            throw new IllegalStateException("VendorHttp called on Netty thread " + Thread.currentThread().getName()
                    + " for " + vendor + " " + what + ": a vendor call blocks, and an event loop must never block; call it "
                    + "from a worker thread or an @ExecuteOn(TaskExecutors.BLOCKING) method");
        }
        Duration waited = Duration.ZERO;
        int transientRetries = 0;
        for (int attempt = 0; ; attempt++) {
            if (governor != null) {
                governor.acquire(what);
            }
            long started = System.nanoTime();
            Response response;
            try {
                response = exchange(vendor, what, request);
            } catch (VendorCallException unreachable) {
                if (governor != null) {
                    governor.failed(System.nanoTime() - started, unreachable);
                }
                if (idempotent(request) && transientRetries < MAX_TRANSIENT_RETRIES && !Thread.currentThread().isInterrupted()) {
                    sleep(vendor, what, transientPause(transientRetries++));
                    continue;
                }
                throw unreachable;
            }
            long took = System.nanoTime() - started;
            int status = response.status();
            if (status >= 200 && status < 300) {
                if (governor != null) {
                    governor.succeeded(took, response.headers());
                }
                return response;
            }
            if (governor != null) {
                if (status == 429) {
                    governor.refused(took, response.headers(), retryAfter(response).orElse(DEFAULT_RETRY_AFTER));
                } else if (status >= 500 || status == 408) {
                    governor.failed(took, new IllegalStateException(vendor + " answered " + status));
                } else {
                    governor.refused(took, response.headers(), null);
                }
            }
            if (status == 429) {
                Duration wait = retryAfter(response).orElse(DEFAULT_RETRY_AFTER);
                if (attempt < maxRateLimitRetries && waited.plus(wait).compareTo(maxRateLimitWait) <= 0) {
                    sleep(vendor, what, wait);
                    waited = waited.plus(wait);
                    continue;
                }
                // Being rate-limited is not the work failing: it waits without using up an attempt.
                throw VendorCallException.deferred(vendor + " rate-limited " + what + " (429) after " + attempt
                        + " repeat(s) and " + waited.toSeconds() + " s of waiting; it asks to retry in "
                        + wait.toSeconds() + " s", status, wait);
            }
            String message = vendor + " answered " + status + " to " + what + vendorMessage(response.body());
            if (status >= 500 || status == 408) {
                if (idempotent(request) && transientRetries < MAX_TRANSIENT_RETRIES) {
                    // A blip: reads and set-semantics writes are repeated at once, so one flaky answer does not
                    // cost the whole step an attempt. POSTs (notes, interviews) are left to the step's own retry,
                    // which checks what already happened first.
                    sleep(vendor, what, transientPause(transientRetries++));
                    continue;
                }
                throw VendorCallException.retryable(message, status, retryAfter(response).orElse(null), null);
            }
            throw VendorCallException.permanent(message, status, vendorCode(response.body()));
        }
    }

    /** How often a failed idempotent call (5xx, 408, no answer) is repeated within one send. */
    public static final int MAX_TRANSIENT_RETRIES = 2;

    private static boolean idempotent(HttpRequest<?> request) {
        return switch (request.getMethodName()) {
            case "GET", "HEAD", "PUT", "PATCH", "DELETE" -> true;
            default -> false;
        };
    }

    /** 200 ms, then 800 ms, each with up to 50 % jitter. */
    private static Duration transientPause(int retry) {
        long base = 200L << (2 * retry);
        return Duration.ofMillis(base + java.util.concurrent.ThreadLocalRandom.current().nextLong(base / 2 + 1));
    }

    /**
     * The {@code Authorization} value of HTTP Basic with the API key as user name and a blank password, the way
     * Greenhouse, Lever and Ashby take their keys.
     */
    public static String basicAuthorization(String apiKey) {
        return basicAuthorization(apiKey, "");
    }

    /** The {@code Authorization} value of HTTP Basic: {@code user:password} in base64 (RFC 7617), UTF-8. */
    public static String basicAuthorization(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** The configured base URL without a trailing '/', so that paths can be appended to it. */
    public static String withoutTrailingSlash(String baseUrl) {
        return baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /**
     * One exchange; every answer the vendor gave, 2xx or not, as it came (the client reports non-2xx as an exception
     * that keeps the response, raw body included). Only not getting an answer fails here.
     */
    private Response exchange(String vendor, String what, HttpRequest<?> request) {
        try {
            HttpResponse<byte[]> answer = client.exchange(request, BYTES, BYTES);
            return new Response(answer.code(), answer.getBody().orElse(NO_BODY), answer.getHeaders());
        } catch (HttpClientResponseException answered) {
            HttpResponse<?> answer = answered.getResponse();
            return new Response(answer.code(), answer.getBody(byte[].class).orElse(NO_BODY), answer.getHeaders());
        } catch (ReadTimeoutException e) {
            throw VendorCallException.retryable(vendor + " did not answer " + what + " within the read time-out", 0,
                    null, e);
        } catch (HttpClientException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw VendorCallException.retryable("interrupted while calling " + vendor + " for " + what, 0, null, e);
            }
            throw VendorCallException.retryable("cannot reach " + vendor + " for " + what + " at "
                    + request.getUri().getHost() + ": " + e.getMessage(), 0, null, e);
        }
    }

    private void sleep(String vendor, String what, Duration wait) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw VendorCallException.retryable("interrupted while waiting out " + vendor + "'s rate limit for " + what,
                    429, wait, e);
        }
    }

    /** Retry-After as delta-seconds or an HTTP date (RFC 9110 section 10.2.3). */
    static Optional<Duration> retryAfter(Response response) {
        return response.headers().findFirst("Retry-After").flatMap(VendorHttp::parseRetryAfter);
    }

    static Optional<Duration> parseRetryAfter(String value) {
        String trimmed = value.trim();
        try {
            long seconds = Long.parseLong(trimmed);
            return Optional.of(Duration.ofSeconds(Math.max(0, seconds)));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(java.time.Instant.now(), at.toInstant());
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }

    /**
     * The error code a JSON error body carries: Ashby's {@code errorInfo.code} (its OpenAPI error response), else
     * the first string of its deprecated {@code errors} list, else a top-level {@code code}; null when there is none.
     */
    @Nullable
    static String vendorCode(@Nullable byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        Optional<JsonNode> json = VendorJson.tryRead(body);
        if (json.isEmpty() || !json.get().isObject()) {
            return null;
        }
        JsonNode node = json.get();
        String code = node.path("errorInfo").path("code").asText("");
        if (code.isEmpty() && node.path("errors").isArray() && !node.path("errors").isEmpty()
                && node.path("errors").get(0).isTextual()) {
            code = node.path("errors").get(0).asText();
        }
        if (code.isEmpty() && node.path("code").isTextual()) {
            code = node.path("code").asText();
        }
        code = code.strip();
        return code.isEmpty() || code.length() > 100 ? null : code;
    }

    /** ": <the vendor's message>" from a JSON error body, or its first characters when it is not JSON. */
    static String vendorMessage(@Nullable byte[] body) {
        if (body == null || body.length == 0) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        Optional<JsonNode> json = VendorJson.tryRead(body);
        if (json.isPresent() && json.get().isObject()) {
            JsonNode node = json.get();
            text.append(node.path("message").asText(node.path("error").asText("")));
            boolean fromErrorInfo = false;
            if (text.isEmpty() && node.path("errorInfo").isObject()) {
                // Ashby's error envelope {"success": false, "errors": [code], "errorInfo": {"code", "message"}}:
                // errorInfo says it all; the deprecated errors list only repeats the code.
                String code = node.path("errorInfo").path("code").asText("");
                String said = node.path("errorInfo").path("message").asText("");
                text.append(code.isEmpty() ? said : said.isEmpty() ? code : code + ": " + said);
                fromErrorInfo = !text.isEmpty();
            }
            for (JsonNode error : fromErrorInfo ? VendorJson.array() : node.path("errors")) {
                text.append(text.isEmpty() ? "" : "; ");
                if (error.hasNonNull("field")) {
                    text.append(error.get("field").asText()).append(": ");
                }
                text.append(error.isTextual() ? error.asText() : error.path("message").asText());
            }
        }
        if (text.isEmpty()) {
            text.append(new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8).strip());
        }
        String cleaned = text.toString().replaceAll("\\s+", " ").strip();
        if (cleaned.length() > MAX_MESSAGE) {
            cleaned = cleaned.substring(0, MAX_MESSAGE) + "...";
        }
        return cleaned.isEmpty() ? "" : ": " + cleaned;
    }
}
