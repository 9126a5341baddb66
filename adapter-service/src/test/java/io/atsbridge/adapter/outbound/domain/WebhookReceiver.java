package io.atsbridge.adapter.outbound.domain;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A subscriber's endpoint on a real HTTP server (the JDK's), one path per subscriber. It records every
 * request and checks its Standard Webhooks signature itself, with its own HMAC (not the production
 * signer). Each path answers from a script ({@code 500, 500, 200}), then with its default (200);
 * {@link #TIMEOUT} answers only after a long pause.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** A scripted answer: wait this long before answering 200, longer than the relay's request time-out. */
    static final int TIMEOUT = -1;
    private static final long SLOW_MILLIS = 2_000;

    /** One request as it arrived. */
    public record Received(String path, Map<String, List<String>> headers, byte[] body, Instant at, boolean signatureValid) {
        String header(String name) {
            for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
                if (entry.getKey() != null && entry.getKey().equalsIgnoreCase(name)) {
                    return entry.getValue().get(0);
                }
            }
            return null;
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    private final Map<String, byte[]> keys = new ConcurrentHashMap<>();
    private final Map<String, ConcurrentLinkedDeque<Integer>> scripts = new ConcurrentHashMap<>();
    private final Map<String, Integer> defaults = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    public WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    /** The URL of a path on this server. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The signing key (the base64-decoded part of the whsec_ secret) requests to the path must be signed with. */
    public void expectKey(String path, String whsecSecret) {
        keys.put(path, Base64.getDecoder().decode(whsecSecret.substring("whsec_".length())));
    }

    /** The next answers of the path, in order; afterwards it answers with its default. */
    public void script(String path, Integer... statuses) {
        scripts.computeIfAbsent(path, p -> new ConcurrentLinkedDeque<>()).addAll(List.of(statuses));
    }

    /** What the path answers once its script is used up (200 unless set). */
    public void answerAlways(String path, int status) {
        defaults.put(path, status);
    }

    /** Every request to the path so far, in arrival order. */
    public List<Received> received(String path) {
        List<Received> found = new ArrayList<>();
        for (Received r : received) {
            if (r.path().equals(path)) {
                found.add(r);
            }
        }
        return found;
    }

    /** A URL where nothing listens: a connection to it is refused. */
    public static String refusingUrl() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        return "http://127.0.0.1:" + port + "/down";
    }

    private void handle(HttpExchange exchange) throws IOException {
        Instant at = Instant.now();
        String path = exchange.getRequestURI().getPath();
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        Map<String, List<String>> headers = Map.copyOf(exchange.getRequestHeaders());
        received.add(new Received(path, headers, body, at, verify(path, exchange, body)));
        Integer scripted = scripts.getOrDefault(path, new ConcurrentLinkedDeque<>()).pollFirst();
        int status = scripted != null ? scripted : defaults.getOrDefault(path, 200);
        if (status == TIMEOUT) {
            try {
                Thread.sleep(SLOW_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            status = 200;
        }
        byte[] answer = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
        try {
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
        } catch (IOException e) {
            // The relay gave up waiting and closed the connection: nothing to answer.
        } finally {
            exchange.close();
        }
    }

    /** The Standard Webhooks check, written independently of production code. */
    private boolean verify(String path, HttpExchange exchange, byte[] body) {
        byte[] key = keys.get(path);
        String id = exchange.getRequestHeaders().getFirst("webhook-id");
        String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
        String signature = exchange.getRequestHeaders().getFirst("webhook-signature");
        if (key == null || id == null || timestamp == null || signature == null) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] signed = (id + "." + timestamp + "." + new String(body, StandardCharsets.UTF_8))
                    .getBytes(StandardCharsets.UTF_8);
            byte[] expected = mac.doFinal(signed);
            for (String candidate : signature.split(" ")) {
                if (candidate.startsWith("v1,")
                        && MessageDigest.isEqual(expected, Base64.getDecoder().decode(candidate.substring(3)))) {
                    return true;
                }
            }
            return false;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
