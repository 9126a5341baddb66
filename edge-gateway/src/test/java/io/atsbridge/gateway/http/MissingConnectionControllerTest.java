package io.atsbridge.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.atsbridge.platform.testing.TestPorts;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Webhook URLs without a connection id get the gateway's JSON 404, and a failure on the gateway's side that
 * reaches the catch-all handler on {@code /webhooks} is a 503 with Retry-After and an incident id (the vendor
 * retries), while hostile input keeps its 4xx. A test-only route stands in for an unforeseen failure.
 */
@MicronautTest(environments = "gateway")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MissingConnectionControllerTest implements TestPropertyProvider {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ObjectMapper mapper = new ObjectMapper();

    @Inject
    EmbeddedServer gateway;

    @Override
    public Map<String, String> getProperties() {
        return Map.of(
                "micronaut.server.port", TestPorts.freeText(),
                "atsbridge.client.token", "gateway-token-0123456789",
                "atsbridge.peers.adapter.address", "127.0.0.1:1",
                "test.exploding-routes", "true");
    }

    @Test
    void webhooksWithoutAConnectionIdAreAJson404() throws Exception {
        for (String path : new String[]{"/webhooks", "/webhooks/"}) {
            HttpResponse<String> response = post(path, "{\"action\":\"ping\"}");
            assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                    .startsWith("application/json"));
            JsonNode problem = mapper.readTree(response.body());
            assertThat(problem.get("error").asText()).isEqualTo("not_found");
            assertThat(problem.get("reason").asText()).isEqualTo("CONNECTION_ID_MISSING");
            assertThat(problem.get("detail").asText()).contains("/webhooks/<connection id>");
        }
    }

    @Test
    void anUnexpectedFailureOnWebhooksIs503WithRetryAfterAndAnIncident() throws Exception {
        HttpResponse<String> response = post("/webhooks/gh-test/explode", "{}");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("30");
        JsonNode problem = mapper.readTree(response.body());
        assertThat(problem.get("error").asText()).isEqualTo("unavailable");
        assertThat(problem.get("reason").asText()).isEqualTo("REQUEST_NOT_PROCESSED");
        assertThat(problem.get("detail").asText()).containsPattern("incident [0-9a-f-]{36}");
        assertThat(response.body()).doesNotContain("IllegalStateException").doesNotContain("boom");
    }

    @Test
    void hostileInputKeepsItsOwn4xx() throws Exception {
        HttpResponse<String> notJson = post("/webhooks/gh-test/typed", "{not json");
        assertThat(notJson.statusCode()).isBetween(400, 499);
        assertThat(notJson.statusCode()).isNotEqualTo(404);
        assertThat(notJson.body()).doesNotContain("REQUEST_NOT_PROCESSED");
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.getPort() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Test-only routes under /webhooks: one fails as nothing should, one binds a typed JSON body. */
    @Controller
    @Requires(property = "test.exploding-routes", value = "true")
    static final class ExplodingController {

        @Post("/webhooks/{connectionId}/explode")
        @Consumes("application/json")
        String explode(@PathVariable String connectionId) {
            throw new IllegalStateException("boom");
        }

        @Post("/webhooks/{connectionId}/typed")
        @Consumes("application/json")
        String typed(@PathVariable String connectionId, @Body Map<String, Object> body) {
            return "ok";
        }
    }
}
