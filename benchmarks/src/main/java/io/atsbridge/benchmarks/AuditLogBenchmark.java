package io.atsbridge.benchmarks;

import io.atsbridge.audit.domain.AuditLog;
import io.atsbridge.audit.domain.ConsistencyProof;
import io.atsbridge.audit.domain.InclusionProof;
import io.atsbridge.audit.domain.LogVerification;
import io.atsbridge.audit.domain.ProofVerifier;
import io.atsbridge.audit.domain.RecordContent;
import io.micronaut.context.ApplicationContext;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.ToLongFunction;

/**
 * The audit log on the real MariaDB/MySQL at 127.0.0.1:3306, in a fresh database per run, through audit-service's own
 * {@link AuditLog} (the class its gRPC service calls; the gRPC hop is the same for every service and measured in
 * {@link IngestBenchmark}): append throughput with the tree and its stored subtree nodes maintained, inclusion and
 * consistency proof latency, and VerifyLog over the whole log.
 *
 * <p>{@code benchmarks/run AuditLogBenchmark [records] [batch] [proofs]}: appends {@code records} records in
 * batches of {@code batch} (the adapter's audit relay sends up to 100 per call; 500 is the most one append takes),
 * then times {@code proofs} inclusion and consistency proofs on that log (each checked with {@link ProofVerifier}),
 * then one VerifyLog. Prints Markdown rows for BENCHMARKS.md. The database is dropped at the end.
 */
public final class AuditLogBenchmark {

    private static final String TENANT = "bench";
    private static final String SERVER = "jdbc:mysql://127.0.0.1:3306/";
    private static final String OPTIONS = "?sslMode=DISABLED&allowPublicKeyRetrieval=true";

    private AuditLogBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("UTC"));
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int proofs = args.length > 2 ? Integer.parseInt(args[2]) : 2_000;
        String database = "bench_audit_" + Long.toHexString(System.nanoTime());
        try (Connection server = DriverManager.getConnection(SERVER + OPTIONS, "root", "");
             Statement statement = server.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        }
        try (ApplicationContext context = ApplicationContext.builder().environments("audit")
                .properties(properties(database)).start()) {
            AuditLog log = context.getBean(AuditLog.class);
            System.out.println("| records | batch | records/s | batch p50 ms | batch p99 ms | total s |");
            System.out.println("|---|---|---|---|---|---|");
            System.out.println(append(log, records, batch));
            System.out.println();
            System.out.println("| log size | proof | samples | p50 ms | p99 ms | max ms |");
            System.out.println("|---|---|---|---|---|---|");
            System.out.println(inclusion(log, records, proofs));
            System.out.println(consistency(log, records, proofs));
            System.out.println();
            System.out.println("| log size | VerifyLog s | records/s | intact |");
            System.out.println("|---|---|---|---|");
            System.out.println(verify(log));
        } finally {
            try (Connection server = DriverManager.getConnection(SERVER + OPTIONS, "root", "");
                 Statement statement = server.createStatement()) {
                statement.execute("DROP DATABASE " + database);
            }
        }
    }

    private static Map<String, Object> properties(String database) {
        Map<String, Object> properties = new HashMap<>();
        // -Daudit.bench.url-options=&rewriteBatchedStatements=true measures a driver setting against the default URL.
        properties.put("datasources.default.url", SERVER + database + OPTIONS
                + System.getProperty("audit.bench.url-options", ""));
        properties.put("datasources.default.username", "root");
        properties.put("datasources.default.password", "");
        properties.put("grpc.server.port", "-1");
        // Signing as deployed (a head is signed by VerifyLog's caller on demand, never during the measured appends).
        byte[] seed = new byte[32];
        new SplittableRandom(1).nextBytes(seed);
        properties.put("atsbridge.audit.signing.private-key", Base64.getEncoder().encodeToString(seed));
        properties.put("atsbridge.audit.signing.interval", "1h");
        properties.put("atsbridge.auth.tokens.bench.secret", "bench-token-0123456789abcdef");
        properties.put("atsbridge.auth.tokens.bench.tenants", "*");
        properties.put("atsbridge.auth.tokens.bench.roles", "service");
        return properties;
    }

    private static String append(AuditLog log, int records, int batch) {
        Instant base = Instant.parse("2026-12-01T00:00:00Z");
        // Warm-up in another tenant, so the measured log starts empty.
        for (int i = 0; i < 20; i++) {
            log.append("warm-up", contents(i * batch, batch, base));
        }
        long[] nanos = new long[(records + batch - 1) / batch];
        long start = System.nanoTime();
        for (int i = 0, b = 0; i < records; i += batch, b++) {
            List<RecordContent> contents = contents(i, Math.min(batch, records - i), base);
            long t = System.nanoTime();
            log.append(TENANT, contents);
            nanos[b] = System.nanoTime() - t;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Arrays.sort(nanos);
        return String.format("| %d | %d | %.0f | %.2f | %.2f | %.1f |", records, batch, records / seconds,
                percentile(nanos, 0.50), percentile(nanos, 0.99), seconds);
    }

    /** Records shaped like the adapter's: a trace per candidate, references in attributes, a payload hash. */
    private static List<RecordContent> contents(int first, int count, Instant base) {
        List<RecordContent> contents = new ArrayList<>(count);
        for (int i = first; i < first + count; i++) {
            byte[] payload = new byte[32];
            new SplittableRandom(i).nextBytes(payload);
            contents.add(RecordContent.of("rec-" + i, "trace-" + (i / 8), "loop.step.scored", "adapter-service",
                    "candidate:gh-" + (i / 8), "bench-gh", Map.of("application_id", "app-" + (i / 8),
                            "requisition_id", "req-" + (i % 50), "rule", "min-score-70"),
                    payload, base.plusMillis(i)));
        }
        return contents;
    }

    private static String inclusion(AuditLog log, long size, int samples) {
        return timeProofs(size, samples, "inclusion (random record, current size)", random -> {
            long sequence = random.nextLong(size);
            long t = System.nanoTime();
            InclusionProof proof = log.inclusionProof(TENANT, sequence, size);
            long nanos = System.nanoTime() - t;
            check(ProofVerifier.verifyInclusion(sequence, size, proof.leafHash(), proof.path(), proof.rootHash()),
                    "inclusion proof of " + sequence);
            return nanos;
        });
    }

    private static String consistency(AuditLog log, long size, int samples) {
        return timeProofs(size, samples, "consistency (random old size → current)", random -> {
            long first = 1 + random.nextLong(size);
            long t = System.nanoTime();
            ConsistencyProof proof = log.consistencyProof(TENANT, first, size);
            long nanos = System.nanoTime() - t;
            check(ProofVerifier.verifyConsistency(first, size, proof.firstRoot(), proof.secondRoot(), proof.path()),
                    "consistency proof from " + first);
            return nanos;
        });
    }

    /** Runs {@code samples} proofs, each timed by {@code proof} (nanoseconds, verification excluded), as a table row. */
    private static String timeProofs(long size, int samples, String name, ToLongFunction<SplittableRandom> proof) {
        SplittableRandom random = new SplittableRandom(name.length());
        long[] nanos = new long[samples];
        for (int i = 0; i < samples; i++) {
            nanos[i] = proof.applyAsLong(random);
        }
        Arrays.sort(nanos);
        return row(size, name, nanos);
    }

    private static String verify(AuditLog log) {
        long t = System.nanoTime();
        LogVerification verification = log.verify(TENANT);
        double seconds = (System.nanoTime() - t) / 1e9;
        return String.format("| %d | %.1f | %.0f | %s |", verification.treeSize(), seconds,
                verification.treeSize() / seconds, verification.intact() ? "yes" : "NO: " + verification.finding());
    }

    private static String row(long size, String proof, long[] sorted) {
        return String.format("| %d | %s | %d | %.2f | %.2f | %.2f |", size, proof, sorted.length,
                percentile(sorted, 0.50), percentile(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
    }

    private static double percentile(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    private static void check(boolean verified, String what) {
        if (!verified) {
            throw new IllegalStateException(what + " does not verify");
        }
    }
}
