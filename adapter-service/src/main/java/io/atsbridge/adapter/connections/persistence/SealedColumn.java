package io.atsbridge.adapter.connections.persistence;

import io.atsbridge.adapter.connections.domain.SealedSecret;
import io.atsbridge.adapter.connections.domain.SealedSecretStore;
import io.atsbridge.adapter.connections.domain.SecretCipher;
import io.atsbridge.adapter.persistence.Sql;
import io.atsbridge.adapter.persistence.TransactionRetry;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionOperations;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One column of secrets the {@link SecretCipher} sealed, as a {@link SealedSecretStore}: read a page at a time in the
 * order of the table's primary key, and replaced row by row in a transaction that locks the row and writes only if it
 * still holds the ciphertext read (compared here rather than in SQL, because H2, the launcher's database, cannot
 * compare BLOBs). Each seam's persistence declares its columns with it, so table and column names stay in persistence
 * and what a secret is sealed for stays in the seam's domain ({@link Binder}).
 */
public final class SealedColumn implements SealedSecretStore {

    /** What the secret in a row is sealed for, from the columns of the page query. */
    @FunctionalInterface
    public interface Binder {
        SecretCipher.Binding binding(ResultSet row) throws SQLException;
    }

    private final TransactionOperations<Connection> transactions;
    private final String what;
    private final List<String> keyColumns;
    private final Binder binder;
    private final String first;
    private final String after;
    private final String lock;
    private final String update;

    /**
     * @param what             what the secrets are, for log lines
     * @param table            the table
     * @param keyColumns       its primary key's columns
     * @param ciphertextColumn the column of the sealed secrets (rows where it is NULL hold none)
     * @param otherColumns     the other columns {@code binder} reads
     */
    public SealedColumn(TransactionOperations<Connection> transactions, String what, String table, List<String> keyColumns,
                        String ciphertextColumn, List<String> otherColumns, Binder binder) {
        this.transactions = transactions;
        this.what = what;
        this.keyColumns = List.copyOf(keyColumns);
        this.binder = binder;
        List<String> columns = new ArrayList<>(keyColumns);
        columns.add(ciphertextColumn);
        columns.addAll(otherColumns);
        String keys = String.join(", ", keyColumns);
        String select = "SELECT " + String.join(", ", columns) + " FROM " + table + " WHERE " + ciphertextColumn
                + " IS NOT NULL";
        String order = " ORDER BY " + keys + " LIMIT ?";
        this.first = select + order;
        // A row value comparison: MariaDB, MySQL and H2 order (a, b) > (x, y) as the ORDER BY does.
        this.after = select + " AND (" + keys + ") > (" + placeholders(keyColumns.size()) + ")" + order;
        String byKey = keyColumns.stream().map(column -> column + " = ?").collect(Collectors.joining(" AND "));
        this.lock = "SELECT " + ciphertextColumn + " FROM " + table + " WHERE " + byKey + " FOR UPDATE";
        this.update = "UPDATE " + table + " SET " + ciphertextColumn + " = ? WHERE " + byKey;
    }

    private static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }

    @Override
    public String what() {
        return what;
    }

    @Override
    public List<SealedSecret> after(@Nullable SealedSecret last, int limit) {
        return TransactionRetry.read(transactions, "read " + what, c -> {
            try (PreparedStatement select = c.prepareStatement(last == null ? first : after)) {
                List<Object> parameters = new ArrayList<>();
                if (last != null) {
                    parameters.addAll(last.rowKey());
                }
                parameters.add(limit);
                Sql.bind(select, parameters.toArray());
                List<SealedSecret> page = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        List<String> key = new ArrayList<>();
                        for (int i = 1; i <= keyColumns.size(); i++) {
                            key.add(rows.getString(i));
                        }
                        page.add(new SealedSecret(key, binder.binding(rows), rows.getBytes(keyColumns.size() + 1)));
                    }
                }
                return page;
            }
        });
    }

    @Override
    public boolean replace(SealedSecret stored, byte[] resealed) {
        return TransactionRetry.write(transactions, "seal " + what + " again", c -> {
            try (PreparedStatement select = c.prepareStatement(lock)) {
                Sql.bind(select, stored.rowKey().toArray());
                try (ResultSet rows = select.executeQuery()) {
                    if (!rows.next() || !Arrays.equals(rows.getBytes(1), stored.ciphertext())) {
                        return false;
                    }
                }
            }
            try (PreparedStatement replace = c.prepareStatement(update)) {
                List<Object> parameters = new ArrayList<>();
                parameters.add(resealed);
                parameters.addAll(stored.rowKey());
                Sql.bind(replace, parameters.toArray());
                return replace.executeUpdate() == 1;
            }
        });
    }

    @Override
    public String toString() {
        return "SealedColumn[" + what + "]";
    }
}
