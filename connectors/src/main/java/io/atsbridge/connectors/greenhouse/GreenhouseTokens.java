package io.atsbridge.connectors.greenhouse;

import com.fasterxml.jackson.databind.JsonNode;
import io.atsbridge.connectors.MalformedPayloadException;
import io.atsbridge.connectors.VendorCallException;
import io.atsbridge.connectors.VendorJson;
import io.atsbridge.connectors.http.VendorHttp;
import io.micronaut.http.HttpRequest;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;

import static io.atsbridge.connectors.greenhouse.Harvest.VENDOR;

/**
 * Harvest v3 access tokens of one connection's OAuth client ({@link GreenhouseOAuthClient}), fetched with
 * the client credentials grant (https://harvestdocs.greenhouse.io/docs/authentication: HTTP Basic
 * {@code client_id:client_secret}, form {@code grant_type=client_credentials&sub=<Greenhouse user id>})
 * and cached per (token URL, client id, sub) until shortly before they expire. Thread-safe: callers
 * asking for the same key at once share one fetch.
 *
 * <p>A token is refreshed a minute before its {@code expires_in} runs out (Greenhouse's tokens live an
 * hour), or after half its life when it lives less than two minutes, so short-lived tokens are still
 * reused. A call answered 401 tells the cache with {@link #invalidate}, which drops that token only, so a
 * token another thread has already replaced stays.
 *
 * <p>Keep one instance per connection for as long as its credentials stay the same: a new instance
 * starts with an empty cache.
 */
public final class GreenhouseTokens {

    private static final Duration REFRESH_AHEAD = Duration.ofMinutes(1);
    private static final Duration DEFAULT_LIFETIME = Duration.ofHours(1);
    private static final Pattern SUB = Pattern.compile("[0-9]{1,20}");

    /** The cache key: the same sub at another client or token endpoint is another token. */
    private record Key(String tokenUrl, String clientId, String sub) {
    }

    /** A cached token and when to fetch a new one. */
    private record Token(String value, Instant refreshAt) {
    }

    private final GreenhouseOAuthClient client;
    private final VendorHttp http;
    private final Clock clock;
    private final ConcurrentMap<Key, Object> locks = new ConcurrentHashMap<>();
    private final ConcurrentMap<Key, Token> tokens = new ConcurrentHashMap<>();

    public GreenhouseTokens(GreenhouseOAuthClient client, VendorHttp http) {
        this(client, http, Clock.systemUTC());
    }

    GreenhouseTokens(GreenhouseOAuthClient client, VendorHttp http, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.http = Objects.requireNonNull(http, "http");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The OAuth client these tokens are for (its toString hides the secret). */
    public GreenhouseOAuthClient client() {
        return client;
    }

    /**
     * A live access token acting as {@code sub}: the cached one, or a new one from the token endpoint.
     *
     * @param sub the Greenhouse user id calls act as (Harvest v3's stand-in for On-Behalf-Of)
     * @throws VendorCallException when the token endpoint refuses (401 wrong client, 400 unknown user:
     *                             permanent) or fails (5xx, network: retryable)
     */
    public String accessToken(String sub) {
        Key key = key(sub);
        Token token = tokens.get(key);
        if (token != null && clock.instant().isBefore(token.refreshAt())) {
            return token.value();
        }
        synchronized (locks.computeIfAbsent(key, k -> new Object())) {
            token = tokens.get(key);
            if (token != null && clock.instant().isBefore(token.refreshAt())) {
                return token.value();
            }
            Token fresh = fetch(sub);
            tokens.put(key, fresh);
            return fresh.value();
        }
    }

    /**
     * Forgets {@code token} for {@code sub} (a call with it was answered 401), unless it was already
     * replaced; the next {@link #accessToken} fetches a new one.
     */
    public void invalidate(String sub, String token) {
        Key key = key(sub);
        tokens.computeIfPresent(key, (k, cached) -> cached.value().equals(token) ? null : cached);
    }

    private Token fetch(String sub) {
        URI uri = URI.create(client.tokenUrl());
        String what = "POST " + uri.getPath() + " (OAuth token for client " + client.clientId() + ", user " + sub + ")";
        // RFC 6749 section 2.3.1: the id and secret are form-encoded before they go into Basic.
        // The form is encoded here: the client sends a form given as a String as it is (bytes it would take for an
        // object to encode).
        String grant = "grant_type=client_credentials&sub=" + form(sub);
        HttpRequest<String> request = HttpRequest.POST(uri, grant)
                .header("Authorization", VendorHttp.basicAuthorization(form(client.clientId()), form(client.clientSecret())))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json");
        Instant asked = clock.instant();
        VendorHttp.Response response;
        try {
            response = http.send(VENDOR, what, request);
        } catch (VendorCallException e) {
            throw explain(e, sub);
        }
        JsonNode body = response.json(VENDOR + " answer to " + what);
        String value = VendorJson.text(body.path("access_token"));
        if (value.isBlank()) {
            throw new MalformedPayloadException(VENDOR + " answer to " + what + " has no access_token");
        }
        String type = VendorJson.text(body.path("token_type"));
        if (!type.isEmpty() && !type.equalsIgnoreCase("Bearer")) {
            throw new MalformedPayloadException(VENDOR + " answer to " + what + " has token_type " + type
                    + " (expected: Bearer)");
        }
        Duration lifetime = lifetime(body, asked);
        Duration ahead = lifetime.compareTo(REFRESH_AHEAD.multipliedBy(2)) >= 0 ? REFRESH_AHEAD : lifetime.dividedBy(2);
        // Counted from when the request was sent, so time spent waiting for the answer is not counted twice.
        return new Token(value, asked.plus(lifetime).minus(ahead));
    }

    /**
     * How long the token lives: RFC 6749's {@code expires_in} (seconds), else {@code expires_at} (epoch seconds or an
     * ISO-8601 time; Greenhouse's own PHP client reads that field), else Greenhouse's documented hour
     * (docs/harvest-partner-oauth). Which of the two Greenhouse sends is not in the material at hand.
     */
    static Duration lifetime(JsonNode body, Instant asked) {
        JsonNode in = body.path("expires_in");
        if (in.canConvertToLong() && in.asLong() > 0) {
            return Duration.ofSeconds(in.asLong());
        }
        JsonNode at = body.path("expires_at");
        Instant expires = null;
        if (at.isNumber() && at.asLong() > 0) {
            expires = Instant.ofEpochSecond(at.asLong());
        } else if (at.isTextual()) {
            String text = at.asText().trim();
            expires = text.matches("[0-9]{9,12}") ? Instant.ofEpochSecond(Long.parseLong(text)) : VendorJson.instant(at);
        }
        if (expires != null && expires.isAfter(asked)) {
            return Duration.between(asked, expires);
        }
        return DEFAULT_LIFETIME;
    }

    /** The token endpoint's refusal in words an operator can act on; never the secret. */
    private VendorCallException explain(VendorCallException e, String sub) {
        if (e.retryable()) {
            return e;
        }
        String advice = switch (e.status()) {
            case 401 -> "the client id or secret is wrong or revoked: check the Harvest v3 OAuth credentials"
                    + " configured for this connection (Greenhouse Dev Center > API credentials)";
            case 400 -> "the token was refused for user " + sub + ": check that this Greenhouse user id exists"
                    + " and that the credential may act for it";
            default -> "check the connection's Harvest v3 OAuth settings";
        };
        return VendorCallException.permanent("cannot get a Harvest v3 access token for client " + client.clientId()
                + " at " + client.tokenUrl() + ": " + e.getMessage() + "; " + advice, e.status());
    }

    private Key key(String sub) {
        if (sub == null || !SUB.matcher(sub).matches()) {
            throw new IllegalArgumentException("sub: '" + sub + "' (expected: a numeric Greenhouse user id)");
        }
        return new Key(client.tokenUrl(), client.clientId(), sub);
    }

    private static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "GreenhouseTokens[" + client + ", " + tokens.size() + " cached]";
    }
}
