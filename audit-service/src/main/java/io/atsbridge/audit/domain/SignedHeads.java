package io.atsbridge.audit.domain;

import io.atsbridge.platform.database.SqlFailures;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Signs tenants' tree heads and keeps them: on demand (GetTreeHead) and on a schedule for every log that grew since
 * its last signed head ({@code atsbridge.audit.signing.interval}). A head is signed once per size and key: asking
 * again without growth answers the stored one. Every new head is also written to the head directory when one is
 * configured, for an outside party to collect.
 */
@Singleton
public final class SignedHeads {

    private static final Logger LOG = LoggerFactory.getLogger(SignedHeads.class);
    /** Tenants signed per scheduled run; the next run takes the rest. */
    private static final int TENANTS_PER_RUN = 1000;

    private final AuditLog log;
    private final LogStore store;
    private final HeadSigner signer;
    private final SigningSettings settings;
    private final ObjectMapper json;
    private final Clock clock;

    SignedHeads(AuditLog log, LogStore store, HeadSigner signer, SigningSettings settings, ObjectMapper json,
                Clock clock) {
        this.log = log;
        this.store = store;
        this.signer = signer;
        this.settings = settings;
        this.json = json;
        this.clock = clock;
    }

    /**
     * The signed head of the tenant's log as it is now: the stored one when the log did not grow since and the current
     * key signed it, else a newly signed and stored one. Empty when no signing key is configured, and for an empty log:
     * there is nothing to commit to, and asking about any tenant name must not store a row for it.
     */
    public Optional<SignedTreeHead> current(String tenantId) {
        if (!signer.signs()) {
            return Optional.empty();
        }
        TreeHead head = log.treeHead(tenantId);
        if (head.treeSize() == 0) {
            return Optional.empty();
        }
        Optional<SignedTreeHead> latest = store.latestSignedHead(tenantId);
        if (latest.isPresent() && latest.get().treeSize() == head.treeSize()
                && latest.get().keyId().equals(signer.keyId())) {
            return latest;
        }
        SignedTreeHead signed = signer.sign(tenantId, head, clock.instant().truncatedTo(ChronoUnit.MICROS)).orElseThrow();
        try {
            store.insertSignedHead(signed);
        } catch (RuntimeException e) {
            if (SqlFailures.isDuplicateKey(e)) {
                // Another call signed this size at the same moment: answer the stored one.
                return store.latestSignedHead(tenantId);
            }
            throw e;
        }
        publish(signed);
        return Optional.of(signed);
    }

    /** Signs the head of every log that grew since its last signed head (at most {@value #TENANTS_PER_RUN} per run). */
    @Scheduled(fixedDelay = "${atsbridge.audit.signing.interval:10m}", initialDelay = "${atsbridge.audit.signing.interval:10m}")
    public void signGrownLogs() {
        if (!signer.signs()) {
            return;
        }
        for (String tenantId : store.tenantsWithUnsignedGrowth(TENANTS_PER_RUN)) {
            try {
                current(tenantId);
            } catch (RuntimeException e) {
                LOG.warn("signing the tree head of tenant {} failed; the next run tries again: {}", tenantId, e.toString());
            }
        }
    }

    /** Writes the head to {@code <head directory>/<tenant>/<size>-<key id>.json}, if a directory is configured. */
    private void publish(SignedTreeHead head) {
        String directory = settings.headDirectory();
        if (directory == null || directory.isBlank()) {
            return;
        }
        try {
            Path tenantDir = Path.of(directory).resolve(safeName(head.tenantId()));
            Files.createDirectories(tenantDir);
            Path file = tenantDir.resolve(head.treeSize() + "-" + safeName(head.keyId()) + ".json");
            Path temp = Files.createTempFile(tenantDir, "head", ".tmp");
            Files.write(temp, json.writeValueAsBytes(toJson(head)));
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            // The head is signed and stored; the directory is a copy for outsiders, so a failure here is logged only.
            LOG.warn("writing the signed head of tenant {} size {} to {} failed: {}", head.tenantId(), head.treeSize(),
                    directory, e.toString());
        }
    }

    /** The JSON form of a signed head, as written to the head directory and described in docs/audit.md. */
    public static Map<String, Object> toJson(SignedTreeHead head) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("tenant_id", head.tenantId());
        fields.put("tree_size", head.treeSize());
        fields.put("root_hash", HexFormat.of().formatHex(head.rootHash()));
        fields.put("head_time", head.headTime().toString());
        fields.put("head_time_micros", ChronoUnit.MICROS.between(Instant.EPOCH, head.headTime()));
        fields.put("key_id", head.keyId());
        fields.put("signature", Base64.getEncoder().encodeToString(head.signature()));
        fields.put("signed_bytes", Base64.getEncoder().encodeToString(head.signedBytes()));
        return fields;
    }

    /** A file name from an id: characters other than letters, digits, '.', '_' and '-' become '_'. */
    private static String safeName(String id) {
        String name = new String(id.getBytes(StandardCharsets.UTF_8), StandardCharsets.US_ASCII)
                .replaceAll("[^A-Za-z0-9._-]", "_");
        return name.startsWith(".") ? "_" + name.substring(1) : name;
    }
}
