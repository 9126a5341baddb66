package io.atsbridge.adapter.engine.config;

import io.atsbridge.adapter.connections.config.ConnectionProperties;
import io.atsbridge.adapter.connections.domain.ConnectionKind;
import io.atsbridge.adapter.connections.domain.Vendor;
import io.atsbridge.adapter.engine.domain.AssessmentPartners;
import io.atsbridge.platform.startup.MissingConfigurationException;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Nullable;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Stores the Ashby assessment-partner settings of AI_VENDOR connections ({@code ashby-partner-api-key},
 * {@code ashby-api-key}, {@code ashby-base-url}, and the {@code tests} offered as assessment types) while the
 * service starts; a wrong setting stops the start with one line naming it. Keys are never printed.
 */
@Context
final class DeclaredAshbyPartners {

    static final int MIN_KEY_LENGTH = DeclaredPartners.MIN_KEY_LENGTH;
    /** Not documented by Ashby for partner keys; atsbridge's own bound. */
    static final int MAX_KEY_LENGTH = 200;
    /** Ashby API keys: length not documented; a bound against pasting the wrong thing. */
    static final int MAX_API_KEY_LENGTH = 500;
    static final int MAX_URL = 1000;
    /** Ashby's API when the connection names none. */
    static final String DEFAULT_BASE_URL = "https://api.ashbyhq.com";

    DeclaredAshbyPartners(List<ConnectionProperties> properties, BeanProvider<AssessmentPartners> partners) {
        List<AssessmentPartners.Declaration> declarations = properties.stream()
                .sorted(Comparator.comparing(ConnectionProperties::id))
                .map(DeclaredAshbyPartners::check)
                .filter(Objects::nonNull)
                .toList();
        partners.get().declare(Vendor.ASHBY, declarations);
    }

    /** The checked declaration, or null when the connection offers no Ashby partner API. */
    @Nullable
    static AssessmentPartners.Declaration check(ConnectionProperties p) {
        String prefix = "connection " + p.id() + ": atsbridge.connections." + p.id() + ".";
        String key = blankToNull(p.ashbyPartnerApiKey());
        if (key == null) {
            if (blankToNull(p.ashbyApiKey()) != null || blankToNull(p.ashbyBaseUrl()) != null) {
                throw new MissingConfigurationException(prefix + "ashby-api-key or ashby-base-url is set without "
                        + "ashby-partner-api-key: set ashby-partner-api-key (the key Ashby presents to atsbridge) or remove them");
            }
            return null;
        }
        if (ConnectionKind.parse(p.kind() == null ? "" : p.kind()).orElse(null) != ConnectionKind.AI_VENDOR) {
            throw new MissingConfigurationException(prefix + "ashby-partner-api-key is set on a connection of kind "
                    + p.kind() + " (expected: on AI_VENDOR connections only)");
        }
        if (!printableKey(key, MIN_KEY_LENGTH, MAX_KEY_LENGTH)) {
            // Never echo the key.
            throw new MissingConfigurationException(prefix + "ashby-partner-api-key is " + key.length() + " characters long "
                    + "or has spaces, ':' or non-ASCII characters (expected: " + MIN_KEY_LENGTH + ".." + MAX_KEY_LENGTH
                    + " printable ASCII characters without ':')");
        }
        String apiKey = blankToNull(p.ashbyApiKey());
        if (apiKey == null) {
            throw new MissingConfigurationException(prefix + "ashby-api-key is missing: set it to the customer's Ashby API "
                    + "key (with the candidatesWrite permission) that atsbridge reports results with (assessment.update)");
        }
        if (!printableKey(apiKey, 1, MAX_API_KEY_LENGTH)) {
            throw new MissingConfigurationException(prefix + "ashby-api-key is " + apiKey.length() + " characters long or has "
                    + "spaces, ':' or non-ASCII characters (expected: the Ashby API key, printable ASCII without ':')");
        }
        String baseUrl = baseUrl(prefix, blankToNull(p.ashbyBaseUrl()));
        if (ConnectionProperties.listed(p.tests()).isEmpty()) {
            throw new MissingConfigurationException("connection " + p.id() + " has an ashby-partner-api-key but no tests: "
                    + "set atsbridge.connections." + p.id() + ".tests (interview kits offered to Ashby as assessment types, "
                    + "e.g. backend-engineer-v1:Backend engineer)");
        }
        return new AssessmentPartners.Declaration(p.id(), p.tenant() == null ? "" : p.tenant().trim(), Vendor.ASHBY,
                key, apiKey, baseUrl, DeclaredPartners.tests(p));
    }

    /**
     * Ashby's base URL without a trailing '/': https (plain http only to a loopback host, for local set-ups and
     * the sandbox), no user info, no query. atsbridge sends the customer's API key there.
     */
    static String baseUrl(String prefix, @Nullable String value) {
        if (value == null) {
            return DEFAULT_BASE_URL;
        }
        String trimmed = value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
        try {
            URI uri = new URI(trimmed);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
            boolean loopback = host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]");
            if ((scheme.equals("https") || (scheme.equals("http") && loopback)) && !host.isEmpty()
                    && uri.getRawUserInfo() == null && uri.getRawQuery() == null && uri.getRawFragment() == null
                    && trimmed.length() <= MAX_URL) {
                return trimmed;
            }
        } catch (URISyntaxException e) {
            // answered below
        }
        String shown = value.indexOf('@') >= 0 ? "a URL with user info (not shown)" : "'" + value + "'";
        throw new MissingConfigurationException(prefix + "ashby-base-url is " + shown + " (expected: an https URL without "
                + "user info or query, e.g. " + DEFAULT_BASE_URL + "; http only to a loopback host)");
    }

    private static boolean printableKey(String key, int min, int max) {
        return key.length() >= min && key.length() <= max && key.chars().allMatch(ch -> ch >= 0x21 && ch <= 0x7e)
                && key.indexOf(':') < 0;
    }

    @Nullable
    private static String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
