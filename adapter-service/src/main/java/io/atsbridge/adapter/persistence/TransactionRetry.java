package io.atsbridge.adapter.persistence;

import io.atsbridge.platform.database.SqlFailures;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.transaction.TransactionOperations;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Runs short write transactions, repeating them when the database rolled them back for a deadlock or
 * a lock-wait time-out, or when a concurrent transaction stored the same outbox record first: each
 * succeeds when simply run again.
 */
public final class TransactionRetry {

    /** The work of one transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** The work of one transaction that answers nothing. */
    @FunctionalInterface
    public interface Change {
        void run(Connection connection) throws SQLException;
    }

    private static final int MAX_ATTEMPTS = 4;

    private TransactionRetry() {
    }

    public static <T> T write(TransactionOperations<Connection> transactions, String what, Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transactions.executeWrite(status -> {
                    try {
                        return work.run(status.getConnection());
                    } catch (SQLException e) {
                        throw new DataAccessException("cannot " + what + ": " + e.getMessage(), e);
                    }
                });
            } catch (RuntimeException e) {
                if (attempt >= MAX_ATTEMPTS || !SqlFailures.isWorthRetrying(e)) {
                    throw e;
                }
            }
        }
    }

    /** Runs {@code change} the way {@link #write} runs work, for a change that answers nothing. */
    public static void change(TransactionOperations<Connection> transactions, String what, Change change) {
        write(transactions, what, connection -> {
            change.run(connection);
            // Work answers a value (never null); nobody reads this one.
            return Boolean.TRUE;
        });
    }

    public static <T> T read(TransactionOperations<Connection> transactions, String what, Work<T> work) {
        return transactions.executeRead(status -> {
            try {
                return work.run(status.getConnection());
            } catch (SQLException e) {
                throw new DataAccessException("cannot " + what + ": " + e.getMessage(), e);
            }
        });
    }

}
