package io.atsbridge.launcher;

import io.atsbridge.audit.domain.HeadSigner;
import io.atsbridge.cli.Atsbridge;
import io.atsbridge.platform.testing.TestCalls;
import io.atsbridge.proto.audit.v1.AuditRecord;
import io.atsbridge.proto.audit.v1.AuditServiceGrpc;
import io.atsbridge.proto.audit.v1.QueryRecordsRequest;
import io.atsbridge.proto.common.v1.ExternalKind;
import io.atsbridge.proto.common.v1.ExternalRef;
import io.atsbridge.proto.common.v1.Vendor;
import io.atsbridge.proto.identity.v1.IdentityServiceGrpc;
import io.atsbridge.proto.identity.v1.ResolveCandidateRequest;
import io.atsbridge.proto.identity.v1.ResolveCandidateResponse;
import io.grpc.ManagedChannel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A compliance officer's {@code atsbridge audit} commands against the running all-in-one platform (embedded H2, the
 * sandbox vendors) after one real loop: the CLI's entry point is called in-process with the operator's token, and an
 * export written by the real audit-service verifies offline with only the public key of the key in the data
 * directory, and fails once altered.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditCliEndToEndTest {

    private Path dataDir;
    private DemoEnvironment demo;
    private ManagedChannel audit;
    private String candidateId = "";
    private String publicKey = "";

    @BeforeAll
    void runOneLoop() throws Exception {
        dataDir = Files.createTempDirectory("atsbridge-cli");
        demo = DemoEnvironment.start(dataDir, Map.of(), List.of("US-NY-NYC"), 20261207L, 0, true, Map.of(),
                Duration.ofMillis(200));
        audit = TestCalls.channel(port("audit"));
        DemoScenario.Seeded seeded = demo.scenario.seeded.get(0);
        demo.moveToTriggerStage(seeded.applicationId());
        ResolveCandidateResponse resolved = canonical(seeded);
        candidateId = resolved.getCandidate().getId();
        String applicationId = resolved.getApplication().getId();
        Await.until("the write-back is in the audit log", Duration.ofSeconds(90), () -> TestCalls.as(
                AuditServiceGrpc.newBlockingStub(audit), demo.platform.operatorToken(), DemoScenario.TENANT)
                .queryRecords(QueryRecordsRequest.newBuilder().setSubjectRef(applicationId).build()).getRecordsList()
                .stream().map(AuditRecord::getAction).anyMatch("writeback.written"::equals), () -> "no write-back yet");
        byte[] privateKey = Base64.getDecoder().decode(
                Files.readString(dataDir.resolve("audit-signing.key"), StandardCharsets.US_ASCII).trim());
        publicKey = Base64.getEncoder().encodeToString(HeadSigner.publicKeyOf(privateKey));
    }

    @AfterAll
    void stop() throws InterruptedException {
        TestCalls.close(audit);
        demo.close();
    }

    @Test
    void queryAndTimelineShowTheCandidatesLoop() {
        Run query = cli("audit", "query", "--candidate", candidateId, "--action", "consent.decided", "--output", "json");
        assertThat(query.exit).as(query.err).isEqualTo(Atsbridge.OK);
        assertThat(query.out).contains("\"action\":\"consent.decided\"").contains("\"candidate_id\":\"" + candidateId + "\"");

        Run timeline = cli("audit", "timeline", "--candidate", candidateId);
        assertThat(timeline.exit).as(timeline.err).isEqualTo(Atsbridge.OK);
        assertThat(timeline.out).contains("webhook.received", "consent.decided", "interview.invited", "result.received",
                "writeback.written", "scored by model", "wrote fields");
        Run csv = cli("audit", "timeline", "--candidate", candidateId, "--output", "csv");
        assertThat(csv.out.lines().findFirst()).contains("sequence,occur_time,action,actor,subject_ref,trace_id,summary,"
                + "record_id,connection_id,attributes,leaf_hash");
    }

    @Test
    void anExportVerifiesOfflineAndFailsOnceAltered() throws Exception {
        Path jsonl = dataDir.resolve("candidate.jsonl");
        Run export = cli("audit", "export", "--candidate", candidateId, "--file", jsonl.toString(), "--verify-with", publicKey);
        assertThat(export.exit).as(export.err).isEqualTo(Atsbridge.OK);
        assertThat(export.out).contains("verified: ").contains("records of tenant " + DemoScenario.TENANT);

        Path csv = dataDir.resolve("candidate.csv");
        assertThat(cli("audit", "export", "--candidate", candidateId, "--format", "CSV", "--file", csv.toString()).exit)
                .isEqualTo(Atsbridge.OK);
        Run verified = cli("audit", "verify", "--export", csv.toString(), "--public-key", publicKey);
        assertThat(verified.exit).as(verified.err).isEqualTo(Atsbridge.OK);

        // One altered byte in a record.
        String text = Files.readString(jsonl);
        Path altered = dataDir.resolve("altered.jsonl");
        Files.writeString(altered, text.replaceFirst("\"actor\":\"adapter-service\"", "\"actor\":\"adapter-servicf\""));
        Run changed = cli("audit", "verify", "--export", altered.toString(), "--public-key", publicKey);
        assertThat(changed.exit).isEqualTo(Atsbridge.VERIFICATION_FAILED);
        assertThat(changed.err).contains("NOT verified").contains("the record was altered");
        // A removed line.
        List<String> lines = new ArrayList<>(text.lines().toList());
        lines.remove(2);
        Path removed = dataDir.resolve("removed.jsonl");
        Files.writeString(removed, String.join("\n", lines) + "\n");
        Run shorter = cli("audit", "verify", "--export", removed.toString(), "--public-key", publicKey);
        assertThat(shorter.exit).isEqualTo(Atsbridge.VERIFICATION_FAILED);
        assertThat(shorter.err).contains("record lines were removed or added");
        // Another key.
        Run otherKey = cli("audit", "verify", "--export", jsonl.toString(), "--public-key",
                Base64.getEncoder().encodeToString(HeadSigner.publicKeyOf(new byte[32])));
        assertThat(otherKey.exit).isEqualTo(Atsbridge.VERIFICATION_FAILED);
        assertThat(otherKey.err).contains("is not signed by the given public key");
    }

    @Test
    void verifyAndHeadAskTheService() {
        Run verify = cli("audit", "verify");
        assertThat(verify.exit).as(verify.err).isEqualTo(Atsbridge.OK);
        assertThat(verify.out).startsWith("intact: ");
        Run head = cli("audit", "head", "--output", "json");
        assertThat(head.exit).as(head.err).isEqualTo(Atsbridge.OK);
        assertThat(head.out).contains("\"tree_size\":").contains("\"key_id\":\"ed25519-");
    }

    @Test
    void exitCodesTellScriptsWhatWentWrong() {
        Run badToken = run("audit", "head", "--target", demo.platform.service("audit").address(), "--plaintext",
                "--token", "not-a-valid-token-at-all", "--tenant", DemoScenario.TENANT);
        assertThat(badToken.exit).isEqualTo(Atsbridge.UNAVAILABLE);
        assertThat(badToken.err).contains("UNAUTHENTICATED");
        Run unknown = cli("audit", "query", "--no-such-option");
        assertThat(unknown.exit).isEqualTo(Atsbridge.USAGE);
        Run malformed = cli("audit", "query", "--candidate", "has space");
        assertThat(malformed.exit).isEqualTo(Atsbridge.USAGE);
        assertThat(malformed.err).contains("INVALID_ARGUMENT").contains("candidate_id");
        Run missingKey = cli("audit", "verify", "--export", "x.jsonl");
        assertThat(missingKey.exit).isEqualTo(Atsbridge.USAGE);
    }

    private record Run(int exit, String out, String err) {
    }

    /** The CLI as the operator, against the platform's audit-service. */
    private Run cli(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--target", demo.platform.service("audit").address(), "--plaintext",
                "--token", demo.platform.operatorToken(), "--tenant", DemoScenario.TENANT));
        return run(all.toArray(String[]::new));
    }

    private static Run run(String... args) {
        CommandLine line = Atsbridge.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        int exit = line.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private ResolveCandidateResponse canonical(DemoScenario.Seeded seeded) {
        ManagedChannel identity = TestCalls.channel(port("identity"));
        try {
            return TestCalls.as(IdentityServiceGrpc.newBlockingStub(identity), demo.platform.serviceToken(),
                    DemoScenario.TENANT).resolveCandidate(ResolveCandidateRequest.newBuilder()
                    .setCandidateRef(ref(ExternalKind.EXTERNAL_KIND_CANDIDATE, seeded.candidateId()))
                    .setApplicationRef(ref(ExternalKind.EXTERNAL_KIND_APPLICATION, seeded.applicationId()))
                    .build());
        } finally {
            identity.shutdownNow();
        }
    }

    private static ExternalRef ref(ExternalKind kind, long id) {
        return ExternalRef.newBuilder().setConnectionId(DemoScenario.ATS_CONNECTION).setVendor(Vendor.VENDOR_GREENHOUSE)
                .setKind(kind).setId(String.valueOf(id)).build();
    }

    private int port(String service) {
        String address = demo.platform.service(service).address();
        return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
    }
}
