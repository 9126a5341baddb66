package io.atsbridge.adapter.engine.config;

import io.atsbridge.adapter.connections.config.ConnectionProperties;
import io.atsbridge.adapter.connections.domain.ConnectionKind;
import io.atsbridge.adapter.connections.domain.Vendor;
import io.atsbridge.adapter.engine.domain.AssessmentPartners;
import io.atsbridge.platform.startup.MissingConfigurationException;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Nullable;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Stores the Greenhouse Assessment Partner settings of AI_VENDOR connections ({@code partner-api-key},
 * {@code tests}) while the service starts; a wrong setting stops the start with one line naming it.
 * The key is never printed.
 */
@Context
final class DeclaredPartners {

    /** Greenhouse: the key must be shorter than 171 characters. */
    static final int MAX_KEY_LENGTH = 170;
    static final int MIN_KEY_LENGTH = 16;
    static final int MAX_TESTS = 100;
    static final int MAX_TEST_PART = 200;

    DeclaredPartners(List<ConnectionProperties> properties, BeanProvider<AssessmentPartners> partners) {
        List<AssessmentPartners.Declaration> declarations = properties.stream()
                .sorted(Comparator.comparing(ConnectionProperties::id))
                .map(DeclaredPartners::check)
                .filter(d -> d != null)
                .toList();
        partners.get().declare(Vendor.GREENHOUSE, declarations);
    }

    /** The checked declaration, or null when the connection offers no partner API. */
    @Nullable
    static AssessmentPartners.Declaration check(ConnectionProperties p) {
        String key = p.partnerApiKey() == null || p.partnerApiKey().isBlank() ? null : p.partnerApiKey().trim();
        String prefix = "connection " + p.id() + ": atsbridge.connections." + p.id() + ".";
        if (key == null) {
            // The tests may be offered to Ashby only (DeclaredAshbyPartners checks them then).
            boolean ashby = p.ashbyPartnerApiKey() != null && !p.ashbyPartnerApiKey().isBlank();
            if (!ConnectionProperties.listed(p.tests()).isEmpty() && !ashby) {
                throw new MissingConfigurationException("connection " + p.id() + " sets tests but no partner-api-key: set "
                        + "atsbridge.connections." + p.id() + ".partner-api-key (the key Greenhouse presents), "
                        + "ashby-partner-api-key (the key Ashby presents) or remove tests");
            }
            return null;
        }
        if (ConnectionKind.parse(p.kind() == null ? "" : p.kind()).orElse(null) != ConnectionKind.AI_VENDOR) {
            throw new MissingConfigurationException(prefix + "partner-api-key is set on a connection of kind " + p.kind()
                    + " (expected: on AI_VENDOR connections only)");
        }
        if (key.length() < MIN_KEY_LENGTH || key.length() > MAX_KEY_LENGTH || key.chars().anyMatch(ch -> ch < 0x21 || ch > 0x7e)
                || key.indexOf(':') >= 0) {
            // Never echo the key.
            throw new MissingConfigurationException(prefix + "partner-api-key is " + key.length() + " characters long or has "
                    + "spaces, ':' or non-ASCII characters (expected: " + MIN_KEY_LENGTH + ".." + MAX_KEY_LENGTH
                    + " printable ASCII characters without ':')");
        }
        if (ConnectionProperties.listed(p.tests()).isEmpty()) {
            throw new MissingConfigurationException("connection " + p.id() + " has a partner-api-key but no tests: set "
                    + "atsbridge.connections." + p.id() + ".tests (interview kits, e.g. backend-engineer-v1:Backend engineer)");
        }
        // Greenhouse takes the completion with the partner key, at the URL each send_test names.
        return new AssessmentPartners.Declaration(p.id(), p.tenant() == null ? "" : p.tenant().trim(),
                Vendor.GREENHOUSE, key, null, null, tests(p));
    }

    /** The connection's tests, checked; shared with {@link DeclaredAshbyPartners}, which offers them to Ashby. */
    static List<AssessmentPartners.Test> tests(ConnectionProperties p) {
        String prefix = "connection " + p.id() + ": atsbridge.connections." + p.id() + ".";
        List<String> entries = ConnectionProperties.listed(p.tests());
        if (entries.size() > MAX_TESTS) {
            throw new MissingConfigurationException(prefix + "tests has " + entries.size() + " entries (expected: at most "
                    + MAX_TESTS + ")");
        }
        List<AssessmentPartners.Test> tests = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String entry : entries) {
            String value = entry == null ? "" : entry.trim();
            int colon = value.indexOf(':');
            String id = (colon < 0 ? value : value.substring(0, colon)).trim();
            String name = (colon < 0 ? id : value.substring(colon + 1)).trim();
            if (id.isEmpty() || name.isEmpty() || id.length() > MAX_TEST_PART || name.length() > MAX_TEST_PART
                    || value.chars().anyMatch(Character::isISOControl)) {
                throw new MissingConfigurationException(prefix + "tests has '" + value + "' (expected: interview-kit-id:Name, "
                        + "each part 1.." + MAX_TEST_PART + " characters on one line)");
            }
            if (!seen.add(id)) {
                throw new MissingConfigurationException(prefix + "tests names interview kit '" + id + "' twice");
            }
            tests.add(new AssessmentPartners.Test(id, name));
        }
        return List.copyOf(tests);
    }
}
