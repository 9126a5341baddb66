package io.atsbridge.platform.startup;

import io.micronaut.core.annotation.Nullable;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.regex.Pattern;

/**
 * Turns whatever stopped a service from starting into one line an operator can act on: what is
 * missing or unreachable, and which setting fixes it. Secrets never appear in the line (JDBC URLs
 * are printed without user info or password parameters).
 */
public final class StartupFailure {

    private static final Pattern URL_SECRETS = Pattern.compile("(?i)(password|pwd|secret|token)=[^&;]*");
    private static final Pattern URL_USERINFO = Pattern.compile("//[^/@]*@");

    private StartupFailure() {
    }

    /**
     * The one-line explanation.
     *
     * @param service      the service's name, e.g. {@code identity-service}
     * @param failure      what start-up threw
     * @param databaseUrl  the configured JDBC URL, if any
     * @param databaseEnv  the environment variable that sets the JDBC URL, e.g. {@code IDENTITY_DATASOURCE_URL}
     */
    public static String describe(String service, Throwable failure, @Nullable String databaseUrl, String databaseEnv) {
        return describe(service, failure, databaseUrl, databaseEnv, null, null);
    }

    /**
     * The one-line explanation for a service run as its own process: a port in use is named with the
     * variable that moves it.
     *
     * @param service     the service
     * @param failure     what start-up threw
     * @param databaseUrl the configured JDBC URL, if any
     * @param port        the port it was configured to listen on, if known
     */
    public static String describe(ServiceDefinition service, Throwable failure, @Nullable String databaseUrl,
                                  @Nullable Integer port) {
        String databaseEnv = service.databaseVariable() == null ? "(no database)" : service.databaseVariable();
        return describe(service.name(), failure, databaseUrl, databaseEnv, port, service.portVariable());
    }

    private static String describe(String service, Throwable failure, @Nullable String databaseUrl, String databaseEnv,
                                   @Nullable Integer port, @Nullable String portVariable) {
        MissingConfigurationException missing = find(failure, MissingConfigurationException.class);
        if (missing != null) {
            return service + " cannot start: " + missing.getMessage();
        }
        if (isDatabaseConnectFailure(failure)) {
            return service + " cannot start: database " + redact(databaseUrl) + " is unreachable ("
                    + rootMessage(failure) + "); start the database or set " + databaseEnv;
        }
        SQLException sql = find(failure, SQLException.class);
        if (sql != null) {
            return service + " cannot start: database " + redact(databaseUrl) + " refused start-up ("
                    + oneLine(sql.getMessage()) + "); check " + databaseEnv + " and the database user's rights";
        }
        java.net.BindException bind = find(failure, java.net.BindException.class);
        if (bind != null && port != null && portVariable != null) {
            return service + " cannot start: port " + port + " is already in use (" + oneLine(bind.getMessage())
                    + "); stop what listens there or set " + portVariable + " to another port";
        }
        if (bind != null) {
            return service + " cannot start: a port it needs is already in use (" + oneLine(bind.getMessage())
                    + "); free the port or configure another one";
        }
        return service + " cannot start: " + rootMessage(failure);
    }

    /** The JDBC URL with any credentials removed. */
    public static String redact(@Nullable String url) {
        if (url == null || url.isBlank()) {
            return "(no URL configured)";
        }
        return URL_USERINFO.matcher(URL_SECRETS.matcher(url).replaceAll("$1=***")).replaceAll("//***@");
    }

    private static boolean isDatabaseConnectFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
            if (t.getClass().getName().endsWith("CommunicationsException")) {
                return true;
            }
        }
        return false;
    }

    @Nullable
    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return oneLine(message);
    }

    private static String oneLine(@Nullable String message) {
        if (message == null) {
            return "";
        }
        String flat = message.replaceAll("\\s+", " ").trim();
        return flat.length() > 300 ? flat.substring(0, 300) + "..." : flat;
    }
}
