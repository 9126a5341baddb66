package io.atsbridge.adapter.connections.config;

import io.atsbridge.adapter.connections.domain.ConnectionKind;
import io.atsbridge.adapter.connections.domain.ConsentSettings;
import io.atsbridge.adapter.connections.domain.ConsentSettingsDirectory;
import io.atsbridge.adapter.connections.domain.SyncSettings;
import io.atsbridge.platform.startup.MissingConfigurationException;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Nullable;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks and holds what connections declare for consent decisions ({@code data-categories}, {@code bias-audit-date},
 * {@code bias-audit-summary-url} on AI_VENDOR connections, {@code requisition-jurisdictions} on ATS connections) while
 * the service starts; a wrong setting stops the start with one line naming it.
 */
@Context
final class DeclaredConsentSettings {

    static final int MAX_ENTRIES = 20;
    static final int MAX_URL = 500;

    DeclaredConsentSettings(List<ConnectionProperties> properties, ConsentSettingsDirectory directory) {
        for (ConnectionProperties p : properties) {
            directory.declare(p.id(), check(p));
        }
    }

    /** The connection's settings, checked; the defaults where it sets nothing. */
    static ConsentSettings check(ConnectionProperties p) {
        String prefix = "connection " + p.id() + ": atsbridge.connections." + p.id() + ".";
        ConnectionKind kind = ConnectionKind.parse(p.kind() == null ? "" : p.kind()).orElse(null);
        List<String> categories = ConnectionProperties.listed(p.dataCategories());
        List<String> requisitions = ConnectionProperties.listed(p.requisitionJurisdictions());
        boolean vendorSettings = !categories.isEmpty() || present(p.biasAuditDate()) || present(p.biasAuditSummaryUrl());
        if (vendorSettings && kind != ConnectionKind.AI_VENDOR) {
            throw new MissingConfigurationException(prefix + "data-categories, bias-audit-date or bias-audit-summary-url is set "
                    + "on a connection of kind " + p.kind() + " (expected: on AI_VENDOR connections only)");
        }
        if (!requisitions.isEmpty() && kind != ConnectionKind.ATS) {
            throw new MissingConfigurationException(prefix + "requisition-jurisdictions is set on a connection of kind "
                    + p.kind() + " (expected: on ATS connections only)");
        }
        if (categories.size() > MAX_ENTRIES || requisitions.size() > MAX_ENTRIES) {
            throw new MissingConfigurationException(prefix + "data-categories or requisition-jurisdictions has more than "
                    + MAX_ENTRIES + " entries");
        }
        Set<String> codes = new LinkedHashSet<>();
        for (String category : categories) {
            String code = category == null ? "" : category.trim();
            if (!ConsentSettings.VOCABULARY.contains(code)) {
                throw new MissingConfigurationException(prefix + "data-categories has '" + code + "' (expected: consent-service "
                        + "data categories: " + String.join(", ", ConsentSettings.VOCABULARY) + ")");
            }
            codes.add(code);
        }
        Set<String> places = new LinkedHashSet<>();
        for (String place : requisitions) {
            String code = place == null ? "" : place.trim().toUpperCase(Locale.ROOT);
            if (!SyncSettings.JURISDICTION.matcher(code).matches()) {
                throw new MissingConfigurationException(prefix + "requisition-jurisdictions has '" + code
                        + "' (expected: codes like US-IL, US-NY-NYC, DE-BY, EU)");
            }
            places.add(code);
        }
        return new ConsentSettings(codes.isEmpty() ? ConsentSettings.DEFAULT_DATA_CATEGORIES : List.copyOf(codes),
                auditDate(prefix, p.biasAuditDate()), summaryUrl(prefix, p.biasAuditSummaryUrl()), List.copyOf(places));
    }

    @Nullable
    private static LocalDate auditDate(String prefix, @Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new MissingConfigurationException(prefix + "bias-audit-date is '" + value.trim()
                    + "' (expected: the audit's date as YYYY-MM-DD)");
        }
    }

    @Nullable
    private static String summaryUrl(String prefix, @Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String url = value.trim();
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (url.length() <= MAX_URL && (scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null) {
                return url;
            }
        } catch (URISyntaxException e) {
            // Reported below.
        }
        throw new MissingConfigurationException(prefix + "bias-audit-summary-url is '" + (url.length() > 80 ? url.substring(0, 80)
                + "..." : url) + "' (expected: the http(s) address where the bias audit's summary is published, at most "
                + MAX_URL + " characters)");
    }

    private static boolean present(@Nullable String value) {
        return value != null && !value.isBlank();
    }
}
