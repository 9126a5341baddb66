package io.atsbridge.sandbox.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.atsbridge.sandbox.Sandbox;
import io.atsbridge.sandbox.SandboxSettings;
import io.atsbridge.sandbox.testing.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests whose body arrives after their headers, answered with a 4xx: the way java.net.http and many
 * vendors' clients send, and the shape that made Micronaut 4.10 pile up execution-flow steps until the test
 * JVM ran out of memory when a 404 went on to a global {@code @Error} status route (micronaut-core#12940).
 * Each request must get its vendor-shaped answer promptly, over a raw socket so the split is certain.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class SplitArrivalTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BODY = "{\"value\":\"a note\",\"stage\":\"x\",\"body\":\"b\"}";

    private Sandbox sandbox;

    @BeforeAll
    void start() {
        sandbox = Sandbox.start(SandboxSettings.builder().leverRateLimit(10_000).leverBurst(10_000).build());
    }

    @AfterAll
    void stop() {
        sandbox.close();
    }

    /** One request and its expected answer: the status and the JSON field naming the error, with its text (prefix). */
    record Row(String method, String path, String authorization, boolean chunked, int status, String field, String text) {
        @Override
        public String toString() {
            return method + " " + path + (chunked ? " chunked" : " with Content-Length") + " -> " + status;
        }
    }

    @TestFactory
    List<DynamicTest> aBodyArrivingAfterItsHeadersGetsItsAnswer() {
        return rows().stream().map(row -> DynamicTest.dynamicTest(row.toString(), () -> {
            String response = send(row.method(), row.path(), row.authorization(), row.chunked());

            assertThat(response).as("status line").startsWith("HTTP/1.1 " + row.status() + " ");
            JsonNode body = JSON.readTree(response.substring(response.indexOf("\r\n\r\n") + 4));
            assertThat(body.path(row.field()).asText()).as(response).isNotBlank().startsWith(row.text());
        })).toList();
    }

    private static List<Row> rows() {
        String lever = Http.basic(SandboxSettings.DEFAULT_LEVER_API_KEY);
        String harvest = Http.basic(SandboxSettings.DEFAULT_GREENHOUSE_API_KEY);
        String ai = "Bearer " + SandboxSettings.DEFAULT_AI_VENDOR_API_KEY;
        List<Row> rows = new ArrayList<>();
        for (boolean chunked : new boolean[] {true, false}) {
            rows.add(new Row("POST", "/lever/v1/opportunities/nope/notes", lever, chunked, 404, "code", "ResourceNotFound"));
            rows.add(new Row("PUT", "/lever/v1/opportunities/nope/stage", lever, chunked, 404, "code", "ResourceNotFound"));
            rows.add(new Row("POST", "/lever/v1/opportunities/nope/addTags", lever, chunked, 400, "code", "BadRequestError"));
            rows.add(new Row("POST", "/lever/v1/no_such_endpoint", lever, chunked, 404, "error", "not_found"));
            rows.add(new Row("POST", "/lever/v1/opportunities/nope/notes", "Basic bm9wZTo=", chunked, 401, "code", "UNAUTHORIZED"));
            rows.add(new Row("PATCH", "/greenhouse/v1/candidates/999999999", harvest, chunked, 403, "message", ""));
            rows.add(new Row("POST", "/greenhouse/v1/no_such_endpoint", harvest, chunked, 404, "message", "Resource not found"));
            rows.add(new Row("POST", "/ai/v1/interviews/iv_99999999/cancel", ai, chunked, 404, "error", "not_found"));
            rows.add(new Row("POST", "/no/such/route", ai, chunked, 404, "error", "not_found"));
        }
        return rows;
    }

    /** Sends the headers, waits, then the body; returns the whole response (the server closes after a 4xx). */
    private String send(String method, String path, String authorization, boolean chunked) throws IOException, InterruptedException {
        try (Socket socket = new Socket("127.0.0.1", sandbox.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            String head = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Authorization: " + authorization + "\r\nConnection: close\r\n"
                    + (chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + BODY.length() + "\r\n") + "\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(200);
            String rest = chunked ? Integer.toHexString(BODY.length()) + "\r\n" + BODY + "\r\n0\r\n\r\n" : BODY;
            out.write(rest.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return readAll(socket.getInputStream());
        }
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            all.write(buffer, 0, n);
        }
        return all.toString(StandardCharsets.UTF_8);
    }
}
