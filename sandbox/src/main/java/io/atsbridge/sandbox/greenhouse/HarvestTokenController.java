package io.atsbridge.sandbox.greenhouse;

import io.atsbridge.sandbox.http.AuthorizationHeader;
import io.atsbridge.sandbox.http.SandboxJson;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The Harvest v3 token endpoint ({@code POST https://auth.greenhouse.io/token}, served here at
 * {@code /greenhouse/auth/token}), client credentials grant as https://harvestdocs.greenhouse.io/docs/authentication
 * describes it: HTTP Basic {@code client_id:client_secret}, form body
 * {@code grant_type=client_credentials&sub=<Greenhouse user id>}; answers
 * {@code {"access_token", "token_type": "Bearer", "expires_in"}}. Errors use RFC 6749 section 5.2's shape
 * ({@code error}, {@code error_description}): a wrong client is 401 {@code invalid_client}, an unknown
 * {@code sub} 400 {@code invalid_grant}.
 */
@Controller(GreenhouseRoutes.BASE + GreenhouseRoutes.TOKEN_PATH)
@Consumes(MediaType.ALL)
final class HarvestTokenController {

    private final GreenhouseSimulator sim;

    HarvestTokenController(GreenhouseSimulator sim) {
        this.sim = sim;
    }

    @Post
    HttpResponse<byte[]> token(HttpRequest<?> request, @Nullable @Body String body) {
        String[] client = basicCredentials(request.getHeaders().get(HttpHeaders.AUTHORIZATION));
        if (client == null || !sim.oauth.authenticates(client[0], client[1])) {
            return oauthError(HttpStatus.UNAUTHORIZED, "invalid_client", client == null
                    ? "Client authentication failed: send HTTP Basic base64(client_id:client_secret)"
                    : "Client authentication failed: unknown client_id or wrong client_secret")
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Greenhouse\"");
        }
        Map<String, String> form = form(body);
        String grantType = form.get("grant_type");
        if (!"client_credentials".equals(grantType)) {
            return oauthError(HttpStatus.BAD_REQUEST, grantType == null ? "invalid_request" : "unsupported_grant_type",
                    "grant_type must be client_credentials, got " + (grantType == null ? "none" : grantType));
        }
        String sub = form.get("sub");
        Optional<GreenhouseUser> user = sub != null && sub.matches("\\d{1,18}") ? sim.user(Long.parseLong(sub)) : Optional.empty();
        if (user.isEmpty()) {
            return oauthError(HttpStatus.BAD_REQUEST, "invalid_grant", sub == null
                    ? "sub is required: the Greenhouse user id the token acts as"
                    : "sub " + sub + " is not the id of a Greenhouse user in this organization");
        }
        String token = sim.oauth.issue(user.get().id());
        var answer = SandboxJson.object()
                .put("access_token", token)
                .put("token_type", "Bearer")
                .put("expires_in", sim.oauth.ttl().toSeconds());
        return HttpResponse.<byte[]>ok(SandboxJson.bytes(answer))
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    private static MutableHttpResponse<byte[]> oauthError(HttpStatus status, String error, String description) {
        return SandboxJson.answer(status, SandboxJson.object().put("error", error).put("error_description", description))
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    /** {client_id, client_secret} of a Basic Authorization header (RFC 6749 2.3.1 form-encodes both); null when absent or malformed. */
    @Nullable
    private static String[] basicCredentials(@Nullable String authorization) {
        String decoded = AuthorizationHeader.basicPair(authorization);
        int colon = decoded == null ? -1 : decoded.indexOf(':');
        if (decoded == null || colon < 0) {
            return null;
        }
        try {
            return new String[]{URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                    URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)};
        } catch (IllegalArgumentException e) {
            // A stray '%' in a form-encoded part.
            return null;
        }
    }

    private static Map<String, String> form(@Nullable String body) {
        Map<String, String> form = new HashMap<>();
        if (body == null) {
            return form;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.putIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }
}
