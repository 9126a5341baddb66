package io.atsbridge.connectors.http;

import com.sun.net.httpserver.HttpServer;
import io.atsbridge.connectors.VendorCallException;
import io.micronaut.http.HttpRequest;
import io.netty.util.concurrent.FastThreadLocalThread;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** What the vendor HTTP client sends and reads, over a standalone Micronaut client against a local server. */
class VendorHttpTest {

    @RegisterExtension
    static final VendorHttpClients CLIENTS = new VendorHttpClients();

    private final VendorHttp http = CLIENTS.vendorHttp(Duration.ofSeconds(2), Duration.ofSeconds(2), 0, Duration.ZERO);
    private final AtomicReference<byte[]> received = new AtomicReference<>();
    private final AtomicReference<String> protocol = new AtomicReference<>();
    private HttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/echo", exchange -> {
            received.set(exchange.getRequestBody().readAllBytes());
            protocol.set(exchange.getProtocol());
            byte[] body = {0, (byte) 0xff, 'x'};
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", "/echo");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.createContext("/refused", exchange -> {
            byte[] body = "{\"errorInfo\": {\"code\": \"invalid_input\", \"message\": \"name is required\"}}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(422, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Test
    void bodiesGoOutAndComeBackByteForByteOverHttp11() {
        // Signatures are computed over the exact bytes: nothing may re-encode them, whatever the content type says.
        byte[] body = "{\"name\":\"Zoë\",  \"n\": 1.50}".getBytes(StandardCharsets.UTF_8);

        VendorHttp.Response response = http.send("Vendor", "POST /echo",
                HttpRequest.POST(uri("/echo"), body).header("Content-Type", "application/json"));

        assertThat(received.get()).isEqualTo(body);
        assertThat(response.body()).containsExactly(0, 0xff, 'x');
        assertThat(protocol.get()).isEqualTo("HTTP/1.1");
    }

    @Test
    void aRedirectIsAnAnswerNotFollowed() {
        VendorCallException refused = catchThrowableOfType(VendorCallException.class,
                () -> http.send("Vendor", "GET /moved", HttpRequest.GET(uri("/moved"))));

        assertThat(refused.retryable()).isFalse();
        assertThat(refused.status()).isEqualTo(302);
        assertThat(received.get()).as("the redirect's target was not called").isNull();
    }

    @Test
    void aRefusalCarriesTheVendorsMessageAndCode() {
        VendorCallException refused = catchThrowableOfType(VendorCallException.class,
                () -> http.send("Vendor", "POST /refused", HttpRequest.POST(uri("/refused"), new byte[0])));

        assertThat(refused.retryable()).isFalse();
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.getMessage()).isEqualTo("Vendor answered 422 to POST /refused: invalid_input: name is required");
        assertThat(refused.code()).contains("invalid_input");
    }

    @Test
    void aCallOnANettyEventLoopThreadIsADefectAndSendsNothing() throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread eventLoop = new FastThreadLocalThread(() -> {
            try {
                http.send("Vendor", "GET /echo", HttpRequest.GET(uri("/echo")));
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "nioEventLoopGroup-test");
        eventLoop.start();
        eventLoop.join(10_000);

        assertThat(failure.get()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Netty thread nioEventLoopGroup-test", "GET /echo", "must never block");
        assertThat(received.get()).isNull();
    }

    @Test
    void retryAfterIsReadAsSecondsOrHttpDate() {
        assertThat(VendorHttp.parseRetryAfter("7")).contains(Duration.ofSeconds(7));
        assertThat(VendorHttp.parseRetryAfter("-3")).contains(Duration.ZERO);
        assertThat(VendorHttp.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).contains(Duration.ZERO);
        assertThat(VendorHttp.parseRetryAfter("soon")).isEmpty();
    }
}
