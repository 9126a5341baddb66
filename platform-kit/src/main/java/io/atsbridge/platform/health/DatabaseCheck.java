package io.atsbridge.platform.health;

import io.atsbridge.platform.startup.StartupFailure;
import io.micronaut.context.annotation.Requires;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Asks a service's database whether it answers: borrows a connection from the pool (which waits at most
 * the pool's {@code connection-timeout}) and has the driver check it within
 * {@code atsbridge.health.database.timeout} (default 2 s). Only contexts with a data source have one.
 */
@Singleton
@Requires(beans = DataSource.class)
@Requires(property = "grpc.server.enabled", notEquals = "false")
final class DatabaseCheck {

    private final List<DataSource> dataSources;
    private final int timeoutSeconds;

    DatabaseCheck(List<DataSource> dataSources, DatabaseHealthSettings settings) {
        Duration timeout = settings.timeout();
        // Micronaut Data hands out a data source whose connections belong to the current transaction or
        // connection scope, and there is none here: check the pool itself.
        this.dataSources = dataSources.stream().map(DelegatingDataSource::unwrapDataSource).toList();
        this.timeoutSeconds = (int) Math.max(1, (timeout.toMillis() + 999) / 1000);
    }

    /** Empty when every database answered; else, in one line, what went wrong with the first that did not. */
    Optional<String> problem() {
        for (DataSource dataSource : dataSources) {
            String problem = null;
            try (Connection connection = dataSource.getConnection()) {
                if (!connection.isValid(timeoutSeconds)) {
                    problem = "a pooled connection did not pass the driver's validity check within " + timeoutSeconds + " s";
                }
            } catch (SQLException | RuntimeException e) {
                // Closing a connection that failed its check may throw too; the check's own finding says more.
                if (problem == null) {
                    problem = describe(e);
                }
            }
            if (problem != null) {
                return Optional.of(problem);
            }
        }
        return Optional.empty();
    }

    /** The failure and its root cause in one line, with anything that looks like a credential masked. */
    private static String describe(Exception failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = String.valueOf(failure.getMessage());
        if (root != failure) {
            text += " (" + root.getMessage() + ")";
        }
        return StartupFailure.redact(text.replaceAll("\\s+", " ").trim());
    }
}
