package io.atsbridge.adapter.connections.domain;

import java.util.List;

/**
 * One secret as a {@link SealedSecretStore} keeps it: the key of its row, what it is sealed for, and its ciphertext.
 *
 * @param rowKey     the values of the row's primary key, in the store's order: only the store reads them
 * @param binding    what the secret is sealed for
 * @param ciphertext the stored ciphertext, sealed by the {@link SecretCipher}
 */
public record SealedSecret(List<String> rowKey, SecretCipher.Binding binding, byte[] ciphertext) {

    public SealedSecret {
        rowKey = List.copyOf(rowKey);
    }

    @Override
    public String toString() {
        // The ciphertext says nothing useful in a log line.
        return "SealedSecret[" + rowKey + ", " + binding + "]";
    }
}
