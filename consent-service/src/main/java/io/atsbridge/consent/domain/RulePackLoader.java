package io.atsbridge.consent.domain;

import io.atsbridge.platform.startup.MissingConfigurationException;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.core.io.ResourceResolver;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Loads the rule pack named by {@code atsbridge.consent.rule-pack} ({@value #SETTING}) when the
 * service starts, so that a missing or malformed pack stops start-up instead of the first call.
 */
@Factory
final class RulePackLoader {

    /** The environment variable that names the pack. */
    static final String SETTING = "CONSENT_RULE_PACK";

    @Context
    RulePack rulePack(ConsentSettings settings) {
        // An empty CONSENT_RULE_PACK may bind as null: it names no pack either way.
        return load(settings.rulePack() == null ? "" : settings.rulePack(), new ResourceResolver());
    }

    /**
     * Reads the pack at a {@code classpath:} or {@code file:} location. Its version is its file name
     * without {@code .csv}, so a new pack is a new file and decisions name the data they used.
     */
    static RulePack load(String location, ResourceResolver resolver) {
        Optional<InputStream> found = location.isBlank() ? Optional.empty() : resolver.getResourceAsStream(location);
        if (found.isEmpty()) {
            throw new MissingConfigurationException("rule pack '" + location + "' does not exist; set " + SETTING
                    + " to a classpath: or file: location of a jurisdiction rule CSV");
        }
        try (Reader reader = new InputStreamReader(found.get(), StandardCharsets.UTF_8)) {
            return RulePack.parse(reader, location, versionOf(location));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close rule pack " + location, e);
        }
    }

    /** {@code classpath:rules/jurisdiction-rules-2026-11.csv -> jurisdiction-rules-2026-11}. */
    static String versionOf(String location) {
        String name = location.substring(Math.max(location.lastIndexOf('/'), location.lastIndexOf(':')) + 1);
        return name.endsWith(".csv") ? name.substring(0, name.length() - ".csv".length()) : name;
    }
}
