package io.atsbridge.adapter.config;

import io.atsbridge.adapter.domain.ConnectionDeclaration;
import io.atsbridge.adapter.domain.ConnectionDirectory;
import io.atsbridge.adapter.domain.ConnectionKind;
import io.atsbridge.adapter.domain.Vendor;
import io.atsbridge.platform.context.CallContext;
import io.atsbridge.platform.startup.MissingConfigurationException;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Nullable;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Stores the connections configuration declares, once, while the service starts, so that a
 * service whose configuration is wrong refuses to start with one line naming the connection and
 * the setting. Every declaration is checked before the database is touched.
 */
@Context
final class DeclaredConnections {

    static final int MIN_SECRET_LENGTH = 16;
    static final int MAX_SECRET_LENGTH = 1000;
    static final int MAX_CREDENTIALS_LENGTH = 10_000;
    static final int MAX_DISPLAY_NAME = 200;
    static final int MAX_BASE_URL = 500;

    DeclaredConnections(List<ConnectionProperties> properties, BeanProvider<ConnectionDirectory> directory) {
        List<ConnectionDeclaration> declarations = properties.stream()
                .sorted(Comparator.comparing(ConnectionProperties::getId))
                .map(DeclaredConnections::check)
                .toList();
        directory.get().declare(declarations);
    }

    /**
     * The checked declaration.
     *
     * @throws MissingConfigurationException naming the connection and the setting that is wrong
     */
    static ConnectionDeclaration check(ConnectionProperties p) {
        String id = p.getId();
        if (!ConnectionDeclaration.ID.matcher(id).matches()) {
            throw new MissingConfigurationException("connection '" + id + "' has an invalid id: rename "
                    + "atsbridge.connections." + id + " to 1..100 lower-case letters, digits or '-', "
                    + "starting with a letter or digit");
        }
        String tenant = required(p, "tenant", p.getTenant(), "the tenant id, e.g. acme");
        if (!CallContext.TENANT_ID.matcher(tenant).matches()) {
            throw invalid(p, "tenant", "'" + tenant + "'", "1..63 lower-case letters, digits or '-'");
        }
        String vendorName = required(p, "vendor", p.getVendor(), "one of " + Vendor.names());
        Vendor vendor = Vendor.parse(vendorName)
                .orElseThrow(() -> invalid(p, "vendor", "'" + vendorName + "'", "one of " + Vendor.names()));
        String kindName = required(p, "kind", p.getKind(), "ATS or AI_VENDOR");
        ConnectionKind kind = ConnectionKind.parse(kindName)
                .orElseThrow(() -> invalid(p, "kind", "'" + kindName + "'", "ATS or AI_VENDOR"));
        String displayName = p.getDisplayName() == null || p.getDisplayName().isBlank() ? id : p.getDisplayName().trim();
        if (displayName.length() > MAX_DISPLAY_NAME) {
            throw invalid(p, "display-name", displayName.length() + " characters long", "at most " + MAX_DISPLAY_NAME);
        }
        String baseUrl = checkBaseUrl(p, required(p, "base-url", p.getBaseUrl(),
                "the vendor API's absolute http(s) URL, e.g. https://harvest.greenhouse.io"));
        List<String> secrets = checkSecrets(p);
        String credentials = p.getCredentials() == null || p.getCredentials().isBlank() ? null : p.getCredentials().trim();
        if (credentials != null && credentials.length() > MAX_CREDENTIALS_LENGTH) {
            throw invalid(p, "credentials", "longer than " + MAX_CREDENTIALS_LENGTH + " characters",
                    "the vendor API key or token");
        }
        return new ConnectionDeclaration(id, tenant, vendor, kind, displayName, baseUrl, p.isEnabled(), secrets, credentials);
    }

    private static String checkBaseUrl(ConnectionProperties p, String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw invalid(p, "base-url", "'" + value + "'", "an absolute http(s) URL, e.g. https://harvest.greenhouse.io");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || value.length() > MAX_BASE_URL) {
            throw invalid(p, "base-url", "'" + value + "'", "an absolute http(s) URL of at most " + MAX_BASE_URL
                    + " characters, e.g. https://harvest.greenhouse.io");
        }
        if (uri.getRawUserInfo() != null) {
            // Do not echo the URL: its user info may be a credential.
            throw invalid(p, "base-url", "a URL with user info", "no credentials in the URL; put them in atsbridge.connections."
                    + p.getId() + ".credentials");
        }
        return value;
    }

    private static List<String> checkSecrets(ConnectionProperties p) {
        List<String> secrets = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < p.getWebhookSecrets().size(); i++) {
            String secret = p.getWebhookSecrets().get(i) == null ? "" : p.getWebhookSecrets().get(i).trim();
            // Never echo a secret, not even a wrong one.
            if (secret.length() < MIN_SECRET_LENGTH || secret.length() > MAX_SECRET_LENGTH) {
                throw invalid(p, "webhook-secrets", "entry " + i + " is " + secret.length() + " characters long",
                        MIN_SECRET_LENGTH + ".." + MAX_SECRET_LENGTH + " characters; use the secret the vendor shows");
            }
            if (!seen.add(secret)) {
                throw invalid(p, "webhook-secrets", "entry " + i + " repeats an earlier entry", "each secret once");
            }
            secrets.add(secret);
        }
        if (secrets.isEmpty()) {
            throw new MissingConfigurationException("connection " + p.getId() + " has no webhook secret: set "
                    + "atsbridge.connections." + p.getId() + ".webhook-secrets (one or more, at least "
                    + MIN_SECRET_LENGTH + " characters each)");
        }
        return secrets;
    }

    private static String required(ConnectionProperties p, String setting, @Nullable String value, String expected) {
        if (value == null || value.isBlank()) {
            throw new MissingConfigurationException("connection " + p.getId() + " has no " + setting + ": set atsbridge.connections."
                    + p.getId() + "." + setting + " (" + expected + ")");
        }
        return value.trim();
    }

    private static MissingConfigurationException invalid(ConnectionProperties p, String setting, String actual, String expected) {
        return new MissingConfigurationException("connection " + p.getId() + ": atsbridge.connections." + p.getId() + "."
                + setting + " is " + actual + " (expected: " + expected + ")");
    }
}
