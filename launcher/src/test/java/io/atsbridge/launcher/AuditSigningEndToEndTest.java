package io.atsbridge.launcher;

import com.google.protobuf.Timestamp;
import io.atsbridge.audit.domain.HeadSigner;
import io.atsbridge.audit.domain.ProofVerifier;
import io.atsbridge.platform.testing.TestCalls;
import io.atsbridge.proto.audit.v1.AppendRecordsRequest;
import io.atsbridge.proto.audit.v1.AuditRecord;
import io.atsbridge.proto.audit.v1.AuditServiceGrpc;
import io.atsbridge.proto.audit.v1.GetInclusionProofRequest;
import io.atsbridge.proto.audit.v1.GetInclusionProofResponse;
import io.atsbridge.proto.audit.v1.GetTreeHeadRequest;
import io.atsbridge.proto.audit.v1.SignedTreeHead;
import io.atsbridge.proto.audit.v1.VerifyLogRequest;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The all-in-one run signs audit tree heads with the key it generated into its data directory: an auditor's
 * GetTreeHead carries a head that verifies with that key's public key, and a record's inclusion proof leads to it.
 */
class AuditSigningEndToEndTest {

    @Test
    void theEmbeddedRunSignsHeadsWithTheKeyInItsDataDirectory() throws Exception {
        Path dataDir = Files.createTempDirectory("atsbridge-signing");
        try (EmbeddedPlatform platform = EmbeddedPlatform.start(new LaunchOptions(dataDir, Map.of(), Map.of(), true))) {
            ManagedChannel channel = NettyChannelBuilder.forTarget(platform.service("audit").address()).usePlaintext().build();
            try {
                AppendRecordsRequest.Builder append = AppendRecordsRequest.newBuilder();
                for (int i = 0; i < 3; i++) {
                    append.addRecords(AuditRecord.newBuilder().setRecordId("signing-" + i).setTraceId("trace-signing")
                            .setAction("consent.decided").setActor("consent-service")
                            .setOccurTime(Timestamp.newBuilder().setSeconds(1_714_564_800L + i)));
                }
                TestCalls.as(AuditServiceGrpc.newBlockingStub(channel), platform.serviceToken(), "acme").appendRecords(append.build());

                var auditor = TestCalls.as(AuditServiceGrpc.newBlockingStub(channel), platform.operatorToken(), "acme");
                SignedTreeHead head = auditor.getTreeHead(GetTreeHeadRequest.getDefaultInstance()).getSignedTreeHead();
                byte[] privateKey = Base64.getDecoder().decode(
                        Files.readString(dataDir.resolve("audit-signing.key"), StandardCharsets.US_ASCII).trim());
                byte[] publicKey = HeadSigner.publicKeyOf(privateKey);
                assertThat(head.getTreeSize()).isEqualTo(3);
                assertThat(head.getKeyId()).isEqualTo(HeadSigner.defaultKeyId(publicKey));
                assertThat(HeadSigner.verify(new io.atsbridge.audit.domain.SignedTreeHead(head.getTenantId(),
                        head.getTreeSize(), head.getRootHash().toByteArray(),
                        Instant.ofEpochSecond(head.getHeadTime().getSeconds(), head.getHeadTime().getNanos()),
                        head.getKeyId(), head.getSignature().toByteArray()), publicKey)).isTrue();

                GetInclusionProofResponse proof = auditor.getInclusionProof(
                        GetInclusionProofRequest.newBuilder().setRecordId("signing-1").build());
                assertThat(ProofVerifier.verifyInclusion(1, 3, proof.getLeafHash().toByteArray(),
                        proof.getAuditPathList().stream().map(h -> h.toByteArray()).toList(),
                        head.getRootHash().toByteArray())).isTrue();
                assertThat(auditor.verifyLog(VerifyLogRequest.getDefaultInstance()).getIntact()).isTrue();
            } finally {
                channel.shutdownNow();
            }
        }
    }
}
