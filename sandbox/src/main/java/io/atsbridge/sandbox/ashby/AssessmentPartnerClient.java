package io.atsbridge.sandbox.ashby;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.atsbridge.sandbox.http.SandboxJson;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * Ashby's side of the partner-implemented assessment endpoints: {@code POST <partner base>/<method>} with a JSON
 * body and HTTP Basic (the partner's API key as user name, blank password: how Ashby authenticates to partners is
 * not in the stored documentation; assumed the same scheme partners use towards Ashby), with a deadline.
 */
final class AssessmentPartnerClient {

    private final HttpClient client;
    private final Duration timeout;

    AssessmentPartnerClient(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    PartnerResponse post(String partnerBaseUrl, String method, String partnerApiKey, ObjectNode body) {
        String base = partnerBaseUrl.endsWith("/") ? partnerBaseUrl.substring(0, partnerBaseUrl.length() - 1) : partnerBaseUrl;
        URI uri;
        try {
            uri = URI.create(base + "/" + method);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("partnerBaseUrl: " + partnerBaseUrl + " is not a URL (expected: http(s)://host:port/path)");
        }
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((partnerApiKey + ":").getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofByteArray(SandboxJson.bytes(body)))
                .build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            JsonNode json;
            try {
                json = response.body().isBlank() ? null : SandboxJson.parse(response.body());
            } catch (SandboxJson.MalformedJsonException notJson) {
                json = null;
            }
            return new PartnerResponse(response.statusCode(), response.body(), json, null);
        } catch (IOException e) {
            return new PartnerResponse(0, "", null, e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new PartnerResponse(0, "", null, "interrupted");
        }
    }
}
