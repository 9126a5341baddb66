package io.atsbridge.platform.database;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The MySQL driver settings every atsbridge database connection needs, whatever URL an operator gives:
 * stored times are UTC ({@code connectionTimeZone=UTC}; without it Connector/J converts through the
 * server's zone) and an unreachable server is reported within seconds ({@code connectTimeout}). They are
 * added as driver properties unless the URL sets them itself, so {@code <SERVICE>_DATASOURCE_URL} can be a
 * plain {@code jdbc:mysql://host:3306/db} (with TLS or other parameters of the operator's choosing) and
 * still lose nothing the built-in default had. MariaDB's own driver ({@code jdbc:mariadb:}, which keeps
 * fractions of a second that Connector/J drops against MariaDB 10.x) works in UTC already and gets the
 * time-out only. Other drivers (H2 for the all-in-one run) are left alone.
 */
@Singleton
final class MySqlConnectionDefaults implements BeanCreatedEventListener<DatasourceConfiguration> {

    /** The settings, in Connector/J's names. */
    static final Map<String, String> REQUIRED = requiredSettings();
    /** The settings for MariaDB Connector/J. */
    static final Map<String, String> REQUIRED_MARIADB = Map.of("connectTimeout", "5000");

    @Override
    public DatasourceConfiguration onCreated(BeanCreatedEvent<DatasourceConfiguration> event) {
        DatasourceConfiguration configuration = event.getBean();
        String url = configuration.getJdbcUrl() != null ? configuration.getJdbcUrl() : configuration.getUrl();
        Map<String, String> required = url == null ? Map.of()
                : url.startsWith("jdbc:mysql:") ? REQUIRED
                : url.startsWith("jdbc:mariadb:") ? REQUIRED_MARIADB
                : Map.of();
        if (!required.isEmpty()) {
            String query = url.contains("?") ? url.substring(url.indexOf('?') + 1).toLowerCase(java.util.Locale.ROOT) : "";
            required.forEach((name, value) -> {
                boolean inUrl = ("&" + query).contains("&" + name.toLowerCase(java.util.Locale.ROOT) + "=");
                if (!inUrl && !configuration.getDataSourceProperties().containsKey(name)) {
                    configuration.addDataSourceProperty(name, value);
                }
            });
        }
        return configuration;
    }

    private static Map<String, String> requiredSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("connectionTimeZone", "UTC");
        settings.put("connectTimeout", "5000");
        return Map.copyOf(settings);
    }
}
