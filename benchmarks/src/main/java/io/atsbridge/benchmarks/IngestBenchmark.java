package io.atsbridge.benchmarks;

import io.atsbridge.launcher.EmbeddedPlatform;
import io.atsbridge.launcher.LaunchOptions;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Webhook ingest through the whole edge: signed Greenhouse webhooks over HTTP into the gateway,
 * verified, looked up, and committed to the adapter inbox over gRPC — against a plain-JDBC baseline
 * inserting the same rows into the same kind of database in the same run.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar... io.atsbridge.benchmarks.IngestBenchmark [events] [concurrency]}
 * (the README shows the exact command). Prints a Markdown table row for BENCHMARKS.md.
 */
public final class IngestBenchmark {

    private static final String SECRET = "bench-webhook-secret-0123456789";

    private IngestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("UTC"));
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        Path dataDir = Files.createTempDirectory("atsbridge-bench");
        Map<String, String> connection = Map.of(
                "atsbridge.connections.bench-gh.tenant", "bench",
                "atsbridge.connections.bench-gh.vendor", "GREENHOUSE",
                "atsbridge.connections.bench-gh.kind", "ATS",
                "atsbridge.connections.bench-gh.base-url", "http://127.0.0.1:1/greenhouse",
                "atsbridge.connections.bench-gh.webhook-secrets", SECRET,
                // Measure ingest alone: the sync engine would compete for the same database.
                "atsbridge.adapter.worker.enabled", "false");
        try (EmbeddedPlatform platform = EmbeddedPlatform.start(new LaunchOptions(dataDir, Map.of(),
                Map.of("adapter", connection), true))) {
            String url = platform.service("gateway").address() + "/webhooks/bench-gh";
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .executor(Executors.newFixedThreadPool(concurrency)).build();
            send(http, url, Math.min(500, events / 10), concurrency); // warm-up
            Result gateway = send(http, url, events, concurrency);
            Result jdbc = jdbcBaseline(dataDir.resolve("baseline"), events, concurrency);
            System.out.println("| events | concurrency | path | events/s | p50 ms | p99 ms | max ms |");
            System.out.println("|---|---|---|---|---|---|---|");
            System.out.println(gateway.row(events, concurrency, "HTTP webhook → gateway → gRPC → adapter inbox (H2)"));
            System.out.println(jdbc.row(events, concurrency, "plain JDBC INSERT, same table shape (H2)"));
        }
    }

    private record Result(double perSecond, double p50, double p99, double max, int failures) {
        String row(int events, int concurrency, String path) {
            return String.format("| %d | %d | %s | %.0f | %.2f | %.2f | %.2f |%s", events, concurrency, path,
                    perSecond, p50, p99, max, failures == 0 ? "" : " " + failures + " failed");
        }
    }

    private static Result send(HttpClient http, String url, int events, int concurrency) throws Exception {
        byte[][] bodies = new byte[events][];
        for (int i = 0; i < events; i++) {
            bodies[i] = ("{\"action\":\"candidate_stage_change\",\"payload\":{\"application\":{\"id\":" + (100_000 + i)
                    + ",\"candidate\":{\"id\":" + (500_000 + i) + "},\"jobs\":[{\"id\":42}],"
                    + "\"current_stage\":{\"id\":7,\"name\":\"AI Interview\"}}}}").getBytes(StandardCharsets.UTF_8);
        }
        double[] latencies = new double[events];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long start = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            workers.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < events; i = next.getAndIncrement()) {
                    HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                            .timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/json")
                            .header("Greenhouse-Event-ID", UUID.randomUUID().toString())
                            .header("Signature", "sha256 " + HexFormat.of().formatHex(hmac(bodies[i])))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(bodies[i])).build();
                    long sent = System.nanoTime();
                    try {
                        HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
                        if (response.statusCode() != 200) {
                            failures.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failures.incrementAndGet();
                    }
                    latencies[i] = (System.nanoTime() - sent) / 1e6;
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return summarise(latencies, events / seconds, failures.get());
    }

    private static Result jdbcBaseline(Path file, int events, int concurrency) throws Exception {
        String url = "jdbc:h2:file:" + file.toAbsolutePath() + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE";
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            c.createStatement().execute("CREATE TABLE inbox_event (id VARCHAR(36) PRIMARY KEY, connection_id VARCHAR(100), "
                    + "delivery_key VARCHAR(200), raw_body LONGBLOB, receive_time DATETIME(6), "
                    + "CONSTRAINT d UNIQUE (connection_id, delivery_key))");
        }
        double[] latencies = new double[events];
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long start = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            workers.add(pool.submit(() -> {
                try (Connection c = DriverManager.getConnection(url, "sa", "")) {
                    PreparedStatement insert = c.prepareStatement("INSERT INTO inbox_event VALUES (?, 'bench-gh', ?, ?, CURRENT_TIMESTAMP(6))");
                    for (int i = next.getAndIncrement(); i < events; i = next.getAndIncrement()) {
                        long sent = System.nanoTime();
                        insert.setString(1, UUID.randomUUID().toString());
                        insert.setString(2, UUID.randomUUID().toString());
                        insert.setBytes(3, new byte[200]);
                        insert.executeUpdate();
                        latencies[i] = (System.nanoTime() - sent) / 1e6;
                    }
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return summarise(latencies, events / seconds, 0);
    }

    private static Result summarise(double[] latencies, double perSecond, int failures) {
        double[] sorted = latencies.clone();
        Arrays.sort(sorted);
        return new Result(perSecond, sorted[sorted.length / 2], sorted[(int) Math.floor(sorted.length * 0.99)],
                sorted[sorted.length - 1], failures);
    }

    private static byte[] hmac(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
