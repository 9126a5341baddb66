package io.atsbridge.platform.database;

import io.micronaut.transaction.TransactionOperations;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What a failed statement means, on MySQL, MariaDB and H2 alike, and short write transactions that are
 * run again when the failure says running again will succeed.
 *
 * <p>Two failures are worth another attempt. A <em>conflict</em> is a transaction the database rolled
 * back to break a deadlock or end a lock wait (InnoDB takes next-key and insert-intention locks, so
 * two writers inserting the same unique key can deadlock, not only collide). A <em>duplicate key</em>
 * is a concurrent writer that stored the same unique key first; a transaction that looks before it
 * inserts finds the winner's row when run again.
 */
public final class SqlFailures {

    /** MySQL and MariaDB: ER_DUP_ENTRY. */
    private static final int DUPLICATE_ENTRY = 1062;
    /** MySQL and MariaDB: ER_LOCK_WAIT_TIMEOUT. */
    private static final int LOCK_WAIT_TIMEOUT = 1205;
    /** MySQL and MariaDB: ER_LOCK_DEADLOCK. */
    private static final int DEADLOCK = 1213;
    /** H2 and the SQL standard: unique violation. */
    private static final String UNIQUE_VIOLATION = "23505";
    /** The SQL standard: serialization failure (MySQL reports deadlocks with it). */
    private static final String SERIALIZATION_FAILURE = "40001";

    private SqlFailures() {
    }

    /** Whether a unique key refused the row (another integrity failure, such as a foreign key, is not). */
    public static boolean isDuplicateKey(Throwable failure) {
        return anyCause(failure, t -> t instanceof SQLException sql
                && (sql.getErrorCode() == DUPLICATE_ENTRY || UNIQUE_VIOLATION.equals(sql.getSQLState())));
    }

    /** Whether the database rolled the transaction back to break a deadlock or end a lock wait. */
    public static boolean isConflict(Throwable failure) {
        return anyCause(failure, t -> t instanceof SQLTransactionRollbackException
                || t instanceof SQLException sql && (SERIALIZATION_FAILURE.equals(sql.getSQLState())
                || sql.getErrorCode() == DEADLOCK || sql.getErrorCode() == LOCK_WAIT_TIMEOUT));
    }

    /** Whether running the same transaction again will succeed: a conflict or a duplicate key. */
    public static boolean isWorthRetrying(Throwable failure) {
        return isConflict(failure) || isDuplicateKey(failure);
    }

    /**
     * Runs {@code work} in a write transaction, at most {@code attempts} times, for as long as it fails
     * in a way {@link #isWorthRetrying} accepts; the last failure, or any other, is thrown.
     */
    public static <T> T writeRetrying(TransactionOperations<Connection> transactions, int attempts, Supplier<T> work) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts: " + attempts + " (expected: at least 1)");
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return transactions.executeWrite(status -> work.get());
            } catch (RuntimeException e) {
                if (attempt >= attempts || !isWorthRetrying(e)) {
                    throw e;
                }
            }
        }
    }

    private static boolean anyCause(Throwable failure, Predicate<Throwable> test) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (test.test(t)) {
                return true;
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (test.test(suppressed)) {
                    return true;
                }
            }
        }
        return false;
    }
}
