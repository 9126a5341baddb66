package io.atsbridge.connectors.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.atsbridge.connectors.VendorCallException;
import io.atsbridge.connectors.VendorJson;
import io.micronaut.core.annotation.Nullable;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * Sends vendor API requests with a connect and a request time-out, waits out rate limits the vendor
 * announces with {@code 429} and {@code Retry-After} (a bounded number of times, never more than a
 * bounded total wait), and turns every other failure into a {@link VendorCallException}: 5xx, 408,
 * time-outs and network errors are retryable, other 4xx are permanent and carry the vendor's message.
 * Thread-safe; one instance serves every connection.
 */
public final class VendorHttp {

    /** How the client waits between rate-limited attempts; tests may count instead of sleeping. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** A successful answer. */
    public record Response(int status, byte[] body, java.net.http.HttpHeaders headers) {

        /** The body as JSON. */
        public JsonNode json(String what) {
            return VendorJson.read(body, what);
        }

        /** The URL of the RFC 8288 {@code Link} header's relation (e.g. {@code next}), or null when there is none. */
        @Nullable
        public String link(String relation) {
            for (String header : headers.allValues("Link")) {
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

    private final HttpClient client;
    private final Duration requestTimeout;
    private final int maxRateLimitRetries;
    private final Duration maxRateLimitWait;
    private final Sleeper sleeper;
    @Nullable
    private final RequestGovernor governor;

    /**
     * @param connectTimeout      how long to wait for a connection
     * @param requestTimeout      how long to wait for each answer
     * @param maxRateLimitRetries how many times one call is repeated after a 429 (e.g. 3)
     * @param maxRateLimitWait    the most one call waits in total for rate limits (e.g. 30 s); a longer
     *                            Retry-After fails the call as retryable, carrying the wait
     */
    public VendorHttp(Duration connectTimeout, Duration requestTimeout, int maxRateLimitRetries, Duration maxRateLimitWait) {
        this(HttpClient.newBuilder()
                        .connectTimeout(connectTimeout)
                        // HTTP/1.1 everywhere: servers that do not speak HTTP/2 reject the h2c upgrade.
                        .version(HttpClient.Version.HTTP_1_1)
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build(),
                requestTimeout, maxRateLimitRetries, maxRateLimitWait, duration -> Thread.sleep(duration.toMillis()));
    }

    public VendorHttp(HttpClient client, Duration requestTimeout, int maxRateLimitRetries, Duration maxRateLimitWait,
                      Sleeper sleeper) {
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("requestTimeout: " + requestTimeout + " (expected: > 0)");
        }
        if (maxRateLimitRetries < 0) {
            throw new IllegalArgumentException("maxRateLimitRetries: " + maxRateLimitRetries + " (expected: >= 0)");
        }
        this.client = Objects.requireNonNull(client, "client");
        this.requestTimeout = requestTimeout;
        this.maxRateLimitRetries = maxRateLimitRetries;
        this.maxRateLimitWait = maxRateLimitWait;
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.governor = null;
    }

    private VendorHttp(VendorHttp shared, @Nullable RequestGovernor governor) {
        this.client = shared.client;
        this.requestTimeout = shared.requestTimeout;
        this.maxRateLimitRetries = shared.maxRateLimitRetries;
        this.maxRateLimitWait = shared.maxRateLimitWait;
        this.sleeper = shared.sleeper;
        this.governor = governor;
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
     * @throws VendorCallException when the call did not succeed
     */
    public Response send(String vendor, String what, HttpRequest request) {
        Duration waited = Duration.ZERO;
        int transientRetries = 0;
        for (int attempt = 0; ; attempt++) {
            if (governor != null) {
                governor.acquire(what);
            }
            long started = System.nanoTime();
            HttpResponse<byte[]> response;
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
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                if (governor != null) {
                    governor.succeeded(took, response.headers());
                }
                return new Response(status, response.body(), response.headers());
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

    private static boolean idempotent(HttpRequest request) {
        return switch (request.method()) {
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

    /** A request builder for the URL with the request time-out set. */
    public HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(requestTimeout);
    }

    private HttpResponse<byte[]> exchange(String vendor, String what, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw VendorCallException.retryable(vendor + " did not answer " + what + " within "
                    + request.timeout().map(Duration::toString).orElse("the time-out"), 0, null, e);
        } catch (IOException e) {
            throw VendorCallException.retryable("cannot reach " + vendor + " for " + what + " at "
                    + request.uri().getHost() + ": " + e, 0, null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw VendorCallException.retryable("interrupted while calling " + vendor + " for " + what, 0, null, e);
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
    static Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(VendorHttp::parseRetryAfter);
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
