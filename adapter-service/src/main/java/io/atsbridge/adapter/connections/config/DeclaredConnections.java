package io.atsbridge.adapter.connections.config;

import io.atsbridge.adapter.connections.domain.ConnectionDeclaration;
import io.atsbridge.adapter.connections.domain.ConnectionDirectory;
import io.atsbridge.adapter.connections.domain.ConnectionKind;
import io.atsbridge.adapter.connections.domain.SyncSettings;
import io.atsbridge.adapter.connections.domain.Vendor;
import io.atsbridge.connectors.ConnectionRules;
import io.atsbridge.connectors.VendorModule;
import io.atsbridge.connectors.Vendors;
import io.atsbridge.platform.context.CallContext;
import io.atsbridge.platform.startup.MissingConfigurationException;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Nullable;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Stores the connections configuration declares, once, while the service starts, so that a
 * service whose configuration is wrong refuses to start with one line naming the connection and
 * the setting. Every declaration is checked before the database is touched. What differs between vendors (API
 * versions, per-event webhook secrets, whom writes are attributed to) is each vendor's {@link ConnectionRules},
 * given by its module in the connectors library; nothing here names a vendor.
 */
@Context
public final class DeclaredConnections {

    static final int MIN_SECRET_LENGTH = 16;
    static final int MAX_SECRET_LENGTH = 1000;
    static final int MAX_CREDENTIALS_LENGTH = 10_000;
    static final int MAX_DISPLAY_NAME = 200;
    static final int MAX_BASE_URL = 500;
    static final int MAX_STAGE_NAME = 200;
    static final int MAX_INTERVIEW_KIT = 200;
    static final int MAX_JURISDICTIONS = 20;
    /** Mapping profile ids as mapping-service accepts them. */
    static final Pattern PROFILE_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");
    /** A Greenhouse custom field {@code name_key}, or an Ashby custom field id (a UUID). */
    static final Pattern FIELD_KEY = Pattern.compile("[A-Za-z0-9_-]{1,200}");
    /** The ATS vendors the sync engine has a connector for, as the connectors library registers them. */
    static final List<String> SYNC_VENDORS = Vendors.withAtsConnectors();

    DeclaredConnections(List<ConnectionProperties> properties, BeanProvider<ConnectionDirectory> directory) {
        List<ConnectionDeclaration> declarations = properties.stream()
                .sorted(Comparator.comparing(ConnectionProperties::id))
                .map(DeclaredConnections::check)
                .toList();
        checkLinks(declarations);
        directory.get().declare(declarations);
    }

    /**
     * Checks what single declarations cannot: each ATS connection's {@code ai-connection} names a
     * declared AI_VENDOR connection of the same tenant.
     *
     * @throws MissingConfigurationException naming the connection and the setting that is wrong
     */
    static void checkLinks(List<ConnectionDeclaration> declarations) {
        Map<String, ConnectionDeclaration> byId = declarations.stream()
                .collect(Collectors.toMap(ConnectionDeclaration::id, Function.identity()));
        for (ConnectionDeclaration d : declarations) {
            if (d.sync() == null) {
                continue;
            }
            String ai = d.sync().aiConnectionId();
            ConnectionDeclaration target = byId.get(ai);
            String setting = "atsbridge.connections." + d.id() + ".ai-connection";
            if (target == null) {
                throw new MissingConfigurationException("connection " + d.id() + ": " + setting + " is '" + ai
                        + "', which is not declared (expected: the id of an AI_VENDOR connection of tenant " + d.tenantId() + ")");
            }
            if (target.kind() != ConnectionKind.AI_VENDOR || !target.tenantId().equals(d.tenantId())) {
                throw new MissingConfigurationException("connection " + d.id() + ": " + setting + " is '" + ai
                        + "', a connection of kind " + target.kind() + " in tenant " + target.tenantId()
                        + " (expected: an AI_VENDOR connection of tenant " + d.tenantId() + ")");
            }
        }
    }

    /**
     * The checked declaration.
     *
     * @throws MissingConfigurationException naming the connection and the setting that is wrong
     */
    public static ConnectionDeclaration check(ConnectionProperties p) {
        String id = p.id();
        if (!ConnectionDeclaration.ID.matcher(id).matches()) {
            throw new MissingConfigurationException("connection '" + id + "' has an invalid id: rename "
                    + "atsbridge.connections." + id + " to 1..100 lower-case letters, digits or '-', "
                    + "starting with a letter or digit");
        }
        String tenant = required(p, "tenant", p.tenant(), "the tenant id, e.g. acme");
        if (!CallContext.TENANT_ID.matcher(tenant).matches()) {
            throw invalid(p, "tenant", "'" + tenant + "'", "1..63 lower-case letters, digits or '-'");
        }
        String vendorName = required(p, "vendor", p.vendor(), "one of " + Vendor.names());
        Vendor vendor = Vendor.parse(vendorName)
                .orElseThrow(() -> invalid(p, "vendor", "'" + vendorName + "'", "one of " + Vendor.names()));
        String kindName = required(p, "kind", p.kind(), "ATS or AI_VENDOR");
        ConnectionKind kind = ConnectionKind.parse(kindName)
                .orElseThrow(() -> invalid(p, "kind", "'" + kindName + "'", "ATS or AI_VENDOR"));
        String displayName = p.displayName() == null || p.displayName().isBlank() ? id : p.displayName().trim();
        if (displayName.length() > MAX_DISPLAY_NAME) {
            throw invalid(p, "display-name", displayName.length() + " characters long", "at most " + MAX_DISPLAY_NAME);
        }
        String baseUrl = checkBaseUrl(p, required(p, "base-url", p.baseUrl(),
                "the vendor API's absolute http(s) URL, e.g. https://harvest.greenhouse.io"));
        ConnectionRules rules = rules(vendor);
        List<String> secrets = checkSecrets(p, rules);
        Map<String, List<String>> eventSecrets = checkEventSecrets(p, vendor, rules, secrets);
        String credentials = p.credentials() == null || p.credentials().isBlank() ? null : p.credentials().trim();
        if (credentials != null && credentials.length() > MAX_CREDENTIALS_LENGTH) {
            throw invalid(p, "credentials", "longer than " + MAX_CREDENTIALS_LENGTH + " characters",
                    "the vendor API key or token");
        }
        if (kind == ConnectionKind.AI_VENDOR && credentials == null) {
            throw new MissingConfigurationException("connection " + id + " has no credentials: set atsbridge.connections."
                    + id + ".credentials (the AI vendor's API key; interviews are created with it)");
        }
        SyncSettings sync = checkSync(p, vendor, rules, kind, credentials != null);
        String apiVersion = checkApiVersion(p, rules.apiVersions());
        String tokenUrl = null;
        Optional<ConnectionRules.OAuthClient> oauth = rules.apiVersions().oauthClient(apiVersion);
        if (oauth.isPresent()) {
            tokenUrl = checkBaseUrl(p, p.tokenUrl() == null || p.tokenUrl().isBlank()
                    ? oauth.get().defaultTokenUrl() : p.tokenUrl().trim());
            if (credentials != null && (credentials.indexOf(':') < 1 || credentials.endsWith(":"))) {
                throw invalid(p, "credentials", "not in the form client_id:client_secret", oauth.get().expected());
            }
        }
        return new ConnectionDeclaration(id, tenant, vendor, kind, displayName, baseUrl, p.enabled(), secrets, eventSecrets,
                credentials, sync, apiVersion, tokenUrl);
    }

    /**
     * The rules of the vendor's module; the standard ones for a vendor the connectors library has no module for yet
     * (a connection to it only receives webhooks once it has one).
     */
    static ConnectionRules rules(Vendor vendor) {
        return Vendors.find(vendor.name()).map(VendorModule::connectionRules)
                .orElseGet(() -> ConnectionRules.standard(vendor.name()));
    }

    /** The API version the connection names, or the vendor's default when it names none. */
    private static String checkApiVersion(ConnectionProperties p, ConnectionRules.ApiVersions versions) {
        String version = p.apiVersion() == null || p.apiVersion().isBlank() ? null
                : p.apiVersion().trim().toLowerCase(java.util.Locale.ROOT);
        if (version == null) {
            return versions.defaultVersion();
        }
        if (!versions.versions().contains(version)) {
            throw invalid(p, "api-version", "'" + p.apiVersion() + "'", versions.expected());
        }
        return version;
    }

    /** The checked sync settings, or null when the connection does not run the loop (no trigger stage). */
    @Nullable
    private static SyncSettings checkSync(ConnectionProperties p, Vendor vendor, ConnectionRules rules, ConnectionKind kind,
                                          boolean hasCredentials) {
        String trigger = blankToNull(p.triggerStage());
        if (trigger == null) {
            String stray = blankToNull(p.mappingProfile()) != null ? "mapping-profile"
                    : blankToNull(p.aiConnection()) != null ? "ai-connection"
                    : blankToNull(p.onBehalfOf()) != null ? "on-behalf-of"
                    : blankToNull(p.interviewKit()) != null ? "interview-kit"
                    : !ConnectionProperties.listed(p.jurisdictions()).isEmpty() ? "jurisdictions"
                    : blankToNull(p.jurisdictionField()) != null ? "jurisdiction-field" : null;
            if (stray != null) {
                throw new MissingConfigurationException("connection " + p.id() + " sets " + stray + " but no trigger-stage: set "
                        + "atsbridge.connections." + p.id() + ".trigger-stage (the ATS stage that starts an AI interview) "
                        + "or remove the sync settings");
            }
            return null;
        }
        if (kind != ConnectionKind.ATS) {
            throw invalid(p, "trigger-stage", "set on a connection of kind " + kind, "sync settings on ATS connections only");
        }
        if (!SYNC_VENDORS.contains(vendor.name())) {
            throw invalid(p, "trigger-stage", "set on a connection of vendor " + vendor,
                    "sync settings only on connections of " + SYNC_VENDORS + ", the ATS vendors the sync engine supports");
        }
        if (trigger.length() > MAX_STAGE_NAME || trigger.chars().anyMatch(Character::isISOControl)) {
            throw invalid(p, "trigger-stage", trigger.length() + " characters long or with control characters",
                    "a stage name on one line, at most " + MAX_STAGE_NAME + " characters, e.g. AI Interview");
        }
        if (!hasCredentials) {
            throw new MissingConfigurationException("connection " + p.id() + " runs the loop but has no credentials: set "
                    + "atsbridge.connections." + p.id() + ".credentials (the ATS API key results are written back with)");
        }
        String profile = required(p, "mapping-profile", p.mappingProfile(), "the mapping profile id results are written "
                + "back with, e.g. gh-acme-default");
        if (!PROFILE_ID.matcher(profile).matches()) {
            throw invalid(p, "mapping-profile", "'" + profile + "'", "1..100 lower-case letters, digits, '.', '_' or '-'");
        }
        String ai = required(p, "ai-connection", p.aiConnection(), "the id of the AI_VENDOR connection interviews are "
                + "created with");
        if (!ConnectionDeclaration.ID.matcher(ai).matches()) {
            throw invalid(p, "ai-connection", "'" + ai + "'", "a connection id: lower-case letters, digits or '-'");
        }
        // Most ATSs attribute writes to a user the connection names (Greenhouse's On-Behalf-Of, Lever's perform_as);
        // some (Ashby) to the API key's owner, and then the connection names none.
        ConnectionRules.ActingUser actingUser = rules.actingUser();
        Pattern userId = actingUser.id();
        String onBehalfOf;
        if (userId == null) {
            onBehalfOf = Objects.requireNonNullElse(blankToNull(p.onBehalfOf()), "");
            if (!onBehalfOf.isEmpty()) {
                throw invalid(p, "on-behalf-of", "set on a connection of vendor " + vendor, actingUser.expected());
            }
        } else {
            onBehalfOf = required(p, "on-behalf-of", p.onBehalfOf(), "the " + vendor + " user id writes are "
                    + "attributed to");
            if (!userId.matcher(onBehalfOf).matches()) {
                throw invalid(p, "on-behalf-of", "'" + onBehalfOf + "'", actingUser.expected());
            }
        }
        // The AI vendor needs a kit to invite with; without one every invitation would be refused.
        String kit = required(p, "interview-kit", p.interviewKit(), "the AI vendor's interview kit id invitations use");
        if (kit.length() > MAX_INTERVIEW_KIT || kit.chars().anyMatch(Character::isISOControl)) {
            throw invalid(p, "interview-kit", kit.length() + " characters long or with control characters",
                    "the AI vendor's interview kit id, at most " + MAX_INTERVIEW_KIT + " characters");
        }
        Set<String> jurisdictions = new LinkedHashSet<>();
        for (String code : ConnectionProperties.listed(p.jurisdictions())) {
            String normalised = code == null ? "" : code.trim().toUpperCase(Locale.ROOT);
            if (!SyncSettings.JURISDICTION.matcher(normalised).matches()) {
                throw invalid(p, "jurisdictions", "'" + code + "'", "codes like US-IL, US-NY-NYC, EU, CA-ON");
            }
            jurisdictions.add(normalised);
        }
        if (jurisdictions.size() > MAX_JURISDICTIONS) {
            throw invalid(p, "jurisdictions", jurisdictions.size() + " codes", "at most " + MAX_JURISDICTIONS);
        }
        String field = blankToNull(p.jurisdictionField());
        if (field != null && !FIELD_KEY.matcher(field).matches()) {
            throw invalid(p, "jurisdiction-field", "'" + field + "'", "the immutable key of a candidate custom field: "
                    + "its name_key on Greenhouse (e.g. candidate_jurisdiction), its id on Ashby");
        }
        return new SyncSettings(trigger, profile, ai, onBehalfOf, kit, List.copyOf(jurisdictions), field);
    }

    @Nullable
    private static String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.trim();
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
                    + p.id() + ".credentials");
        }
        return value;
    }

    /** The secrets that verify any event; none for a vendor that signs each event type with its own secret. */
    private static List<String> checkSecrets(ConnectionProperties p, ConnectionRules rules) {
        List<String> secrets = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<String> declared = ConnectionProperties.listed(p.webhookSecrets());
        for (int i = 0; i < declared.size(); i++) {
            String secret = declared.get(i) == null ? "" : declared.get(i).trim();
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
        Optional<ConnectionRules.EventSecrets> perEvent = rules.perEventSecrets();
        if (perEvent.isPresent() && !secrets.isEmpty()) {
            // One token for every event would verify only the one event whose webhook it belongs to: every other
            // event would be refused as forged. Such a vendor shows a signature token per webhook, one event each.
            String product = perEvent.get().product();
            throw invalid(p, "webhook-secrets", "set on a " + product + " connection", "nothing: " + product + " signs each "
                    + "webhook (one event each) with its own signature token, so declare them per event as "
                    + "atsbridge.connections." + p.id() + ".webhook-event-secrets, e.g. " + perEvent.get().example());
        }
        if (secrets.isEmpty() && perEvent.isEmpty()) {
            throw new MissingConfigurationException("connection " + p.id() + " has no webhook secret: set "
                    + "atsbridge.connections." + p.id() + ".webhook-secrets (one or more, at least "
                    + MIN_SECRET_LENGTH + " characters each)");
        }
        return secrets;
    }

    /**
     * The secrets that verify one event type each, {@code <event>:<secret>}: required on a connection of a vendor that
     * signs each event type with its own secret (such as Lever: one per event it receives, several for one event
     * during rotation), refused elsewhere. A secret belongs to one webhook, so to one event: the same secret under
     * two events is refused as a copying mistake.
     */
    private static Map<String, List<String>> checkEventSecrets(ConnectionProperties p, Vendor vendor, ConnectionRules rules,
                                                               List<String> secrets) {
        List<String> entries = ConnectionProperties.listed(p.webhookEventSecrets());
        String setting = "webhook-event-secrets";
        if (rules.perEventSecrets().isEmpty()) {
            if (!entries.isEmpty()) {
                throw invalid(p, setting, "set on a connection of vendor " + vendor, "nothing: " + vendor + " signs every "
                        + "event with the same secret and takes webhook-secrets");
            }
            return Map.of();
        }
        ConnectionRules.EventSecrets perEvent = rules.perEventSecrets().get();
        String product = perEvent.product();
        String exampleEvent = perEvent.exampleEvents().get(0);
        Map<String, List<String>> byEvent = new LinkedHashMap<>();
        Map<String, String> eventOfSecret = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            String entry = entries.get(i) == null ? "" : entries.get(i).trim();
            int colon = entry.indexOf(':');
            String event = colon < 0 ? entry : entry.substring(0, colon).trim();
            // Never echo the secret part, not even a wrong one; the event name is safe to show once it is known.
            if (colon < 0 || !perEvent.events().contains(event)) {
                throw invalid(p, setting, "entry " + i + (colon < 0 ? " has no ':'" : " names no " + product + " event"),
                        "<event>:<signature token> with the event one of " + perEvent.events()
                                + ", e.g. " + exampleEvent + ":<the token " + product + " shows for that webhook>");
            }
            String secret = entry.substring(colon + 1).trim();
            if (secret.length() < MIN_SECRET_LENGTH || secret.length() > MAX_SECRET_LENGTH) {
                throw invalid(p, setting, "entry " + i + " (" + event + ") has a token " + secret.length()
                        + " characters long", MIN_SECRET_LENGTH + ".." + MAX_SECRET_LENGTH + " characters; use the "
                        + "signature token " + product + " shows for the " + event + " webhook");
            }
            String earlier = eventOfSecret.putIfAbsent(secret, event);
            if (earlier != null) {
                throw invalid(p, setting, "entry " + i + " (" + event + ") repeats the token of an earlier entry ("
                        + earlier + ")", "each token once: " + product + " gives every webhook, so every event, a token of its own");
            }
            byEvent.computeIfAbsent(event, e -> new ArrayList<>()).add(secret);
        }
        if (byEvent.isEmpty() && secrets.isEmpty()) {
            throw new MissingConfigurationException("connection " + p.id() + " has no webhook signature token: set "
                    + "atsbridge.connections." + p.id() + "." + setting + " to one <event>:<token> per " + product
                    + " webhook (one event each), e.g. [" + exampleEvent + ":<token>]; " + perEvent.whereToFind());
        }
        return byEvent;
    }

    private static String required(ConnectionProperties p, String setting, @Nullable String value, String expected) {
        if (value == null || value.isBlank()) {
            throw new MissingConfigurationException("connection " + p.id() + " has no " + setting + ": set atsbridge.connections."
                    + p.id() + "." + setting + " (" + expected + ")");
        }
        return value.trim();
    }

    private static MissingConfigurationException invalid(ConnectionProperties p, String setting, String actual, String expected) {
        return new MissingConfigurationException("connection " + p.id() + ": atsbridge.connections." + p.id() + "."
                + setting + " is " + actual + " (expected: " + expected + ")");
    }
}
