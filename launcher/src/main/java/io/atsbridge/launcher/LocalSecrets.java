package io.atsbridge.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The secrets an all-in-one installation keeps under its data directory, created on first start
 * with owner-only permissions: the operator's API token, the key that encrypts connection
 * secrets and the key that signs audit tree heads. Their values are never printed; only the file paths are.
 *
 * <p>The master key is rotated by renaming {@code master.key} to {@code master.key.previous} and starting again: a new
 * key is made, the previous one still opens what it sealed, and the adapter seals every stored secret again under the
 * new key in the background. Once its log line says nothing stored needs a previous master key, delete
 * {@code master.key.previous}.
 */
final class LocalSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path operatorTokenFile;
    private final Path masterKeyFile;
    private final Path previousMasterKeysFile;
    private final Path auditSigningKeyFile;

    LocalSecrets(Path dataDir) {
        this.operatorTokenFile = dataDir.resolve("operator.token");
        this.masterKeyFile = dataDir.resolve("master.key");
        this.previousMasterKeysFile = dataDir.resolve("master.key.previous");
        this.auditSigningKeyFile = dataDir.resolve("audit-signing.key");
    }

    /** The operator's bearer token for calling the gRPC APIs (e.g. with grpcurl). */
    String operatorToken() throws IOException {
        return readOrCreate(operatorTokenFile, 32, Base64.getUrlEncoder().withoutPadding());
    }

    /** Base64 of the 32-byte AES key for connection secrets. */
    String masterKey() throws IOException {
        return readOrCreate(masterKeyFile, 32, Base64.getEncoder());
    }

    /** Base64 of the 32-byte Ed25519 private key (RFC 8032 seed: any 32 random bytes) that signs audit tree heads. */
    String auditSigningKey() throws IOException {
        return readOrCreate(auditSigningKeyFile, 32, Base64.getEncoder());
    }

    /**
     * The master keys {@link #masterKey()} replaced, comma-separated as {@code atsbridge.adapter.previous-master-keys}
     * takes them, from {@code master.key.previous} (one a line); empty when there is no such file.
     */
    Optional<String> previousMasterKeys() throws IOException {
        if (!Files.exists(previousMasterKeysFile)) {
            return Optional.empty();
        }
        List<String> keys = Files.readAllLines(previousMasterKeysFile, StandardCharsets.US_ASCII).stream()
                .map(String::trim).filter(line -> !line.isEmpty()).toList();
        return keys.isEmpty() ? Optional.empty() : Optional.of(String.join(",", keys));
    }

    Path operatorTokenFile() {
        return operatorTokenFile;
    }

    /** A fresh random token for the services' calls to each other inside this process. */
    static String internalToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String readOrCreate(Path file, int bytes, Base64.Encoder encoder) throws IOException {
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.US_ASCII).trim();
        }
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        String value = encoder.encodeToString(random);
        Files.createDirectories(file.getParent());
        Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try {
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system; the data directory's own permissions apply.
        }
        Files.writeString(temp, value + "\n", StandardCharsets.US_ASCII);
        Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return value;
    }
}
