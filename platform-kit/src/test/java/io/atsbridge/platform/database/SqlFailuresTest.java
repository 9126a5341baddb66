package io.atsbridge.platform.database;

import io.atsbridge.platform.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Each classification is checked against the failure a real server raises, not a hand-made exception. */
class SqlFailuresTest {

    @Test
    void aSecondRowWithTheSameUniqueKeyIsADuplicateKeyOnMariaDbAndH2() throws Exception {
        try (TestDatabase db = TestDatabase.create("sqlfailures");
             Connection c = db.connect();
             Connection h2 = DriverManager.getConnection("jdbc:h2:mem:sqlfailures;MODE=MySQL;DATABASE_TO_LOWER=TRUE")) {
            for (Connection connection : new Connection[] {c, h2}) {
                try (Statement s = connection.createStatement()) {
                    s.execute("CREATE TABLE t (id INT PRIMARY KEY, parent INT, UNIQUE KEY k (parent))");
                    s.execute("INSERT INTO t VALUES (1, NULL)");
                    Throwable failure = catchThrowable(() -> s.execute("INSERT INTO t VALUES (1, NULL)"));
                    assertThat(SqlFailures.isDuplicateKey(failure)).as("%s", failure).isTrue();
                    assertThat(SqlFailures.isConflict(failure)).as("%s", failure).isFalse();
                    assertThat(SqlFailures.isWorthRetrying(new RuntimeException("wrapped", failure))).isTrue();
                }
            }
        }
    }

    @Test
    void aForeignKeyRefusalIsNeitherADuplicateNorWorthRetrying() throws Exception {
        try (TestDatabase db = TestDatabase.create("sqlfailures"); Connection c = db.connect();
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE parent (id INT PRIMARY KEY)");
            s.execute("CREATE TABLE child (id INT PRIMARY KEY, parent INT NOT NULL, FOREIGN KEY (parent) REFERENCES parent (id))");
            Throwable failure = catchThrowable(() -> s.execute("INSERT INTO child VALUES (1, 7)"));
            assertThat(failure).isInstanceOf(SQLException.class);
            assertThat(SqlFailures.isWorthRetrying(failure)).as("%s", failure).isFalse();
        }
    }

    @Test
    void aTransactionTheServerRollsBackToBreakADeadlockIsAConflict() throws Exception {
        try (TestDatabase db = TestDatabase.create("sqlfailures"); Connection a = db.connect(); Connection b = db.connect()) {
            try (Statement s = a.createStatement()) {
                s.execute("CREATE TABLE t (id INT PRIMARY KEY, n INT) ENGINE=InnoDB");
                s.execute("INSERT INTO t VALUES (1, 0), (2, 0)");
            }
            a.setAutoCommit(false);
            b.setAutoCommit(false);
            a.createStatement().executeUpdate("UPDATE t SET n = 1 WHERE id = 1");
            b.createStatement().executeUpdate("UPDATE t SET n = 1 WHERE id = 2");
            // Each now waits for the row the other holds; the server picks one to roll back.
            CompletableFuture<Throwable> first = CompletableFuture.supplyAsync(
                    () -> catchThrowable(() -> a.createStatement().executeUpdate("UPDATE t SET n = 2 WHERE id = 2")));
            Throwable second = catchThrowable(() -> b.createStatement().executeUpdate("UPDATE t SET n = 2 WHERE id = 1"));
            Throwable other = first.get(30, TimeUnit.SECONDS);
            Throwable deadlock = second != null ? second : other;
            assertThat(deadlock).as("one of the two is the deadlock victim").isNotNull();
            assertThat(SqlFailures.isConflict(deadlock)).as("%s", deadlock).isTrue();
            assertThat(SqlFailures.isDuplicateKey(deadlock)).isFalse();
            a.rollback();
            b.rollback();
        }
    }

    @Test
    void aLockWaitThatRunsOutIsAConflict() throws Exception {
        try (TestDatabase db = TestDatabase.create("sqlfailures"); Connection a = db.connect(); Connection b = db.connect()) {
            try (Statement s = a.createStatement()) {
                s.execute("CREATE TABLE t (id INT PRIMARY KEY, n INT) ENGINE=InnoDB");
                s.execute("INSERT INTO t VALUES (1, 0)");
            }
            a.setAutoCommit(false);
            a.createStatement().executeUpdate("UPDATE t SET n = 1 WHERE id = 1");
            b.createStatement().execute("SET SESSION innodb_lock_wait_timeout = 1");
            Throwable timeout = catchThrowable(() -> b.createStatement().executeUpdate("UPDATE t SET n = 2 WHERE id = 1"));
            a.rollback();
            assertThat(SqlFailures.isConflict(timeout)).as("%s", timeout).isTrue();
        }
    }

    @Test
    void aFailureWithoutADatabaseCauseIsNotWorthRetrying() {
        assertThat(SqlFailures.isWorthRetrying(new IllegalStateException("link without candidate"))).isFalse();
        assertThat(SqlFailures.isWorthRetrying(new SQLException("Communications link failure", "08S01"))).isFalse();
    }
}
