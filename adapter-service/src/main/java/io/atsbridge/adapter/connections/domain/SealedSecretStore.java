package io.atsbridge.adapter.connections.domain;

import io.micronaut.core.annotation.Nullable;

import java.util.List;

/**
 * Where some of the secrets the {@link SecretCipher} sealed are kept (one column of one table), for
 * {@link MasterKeyRotation} to seal them again under the current master key without knowing the tables. Every seam
 * that stores sealed secrets implements one per column in its {@code persistence} package.
 */
public interface SealedSecretStore {

    /** What the secrets are, for log lines, e.g. "connection credentials". */
    String what();

    /**
     * Up to {@code limit} stored secrets after {@code last} (null: from the first), in the order of their row keys,
     * so that the next call with the last of them goes on where this one stopped.
     */
    List<SealedSecret> after(@Nullable SealedSecret last, int limit);

    /**
     * Replaces the secret's ciphertext by {@code resealed}, in one transaction, if its row still holds the ciphertext
     * read: a replica that sealed it again first, or a declaration that changed the secret meanwhile, wins.
     *
     * @return whether the ciphertext was replaced
     */
    boolean replace(SealedSecret stored, byte[] resealed);
}
