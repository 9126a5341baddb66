package io.atsbridge.connectors;

import io.micronaut.core.annotation.Nullable;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a connection to one vendor declares beyond what every connection does, as adapter-service checks a declared
 * connection at start-up: the API versions atsbridge speaks with the vendor, how the vendor signs its webhooks (one
 * secret for every event, or a secret per event type), and whom writes to the vendor are attributed to. A vendor's
 * module gives its own ({@link VendorModule.Builder#connectionRules}); every other vendor has
 * {@link #standard(String)}.
 *
 * @param apiVersions  the API versions a connection may name
 * @param eventSecrets how the vendor signs each event type with its own secret; null when one secret verifies every event
 * @param actingUser   the user writes are attributed to ({@code on-behalf-of})
 */
public record ConnectionRules(ApiVersions apiVersions, @Nullable EventSecrets eventSecrets, ActingUser actingUser) {

    /** A numeric user id, as Greenhouse and most ATSs name their users. */
    private static final Pattern NUMERIC_USER_ID = Pattern.compile("[0-9]{1,20}");

    public ConnectionRules {
        Objects.requireNonNull(apiVersions, "apiVersions");
        Objects.requireNonNull(actingUser, "actingUser");
    }

    /**
     * The rules of a vendor that has no rules of its own: API version v1 only, one secret for every event, writes
     * attributed to a numeric user id.
     *
     * @param vendor the vendor's name, e.g. {@code SMARTRECRUITERS}, for the expectations errors state
     */
    public static ConnectionRules standard(String vendor) {
        return new ConnectionRules(ApiVersions.only("v1", vendor), null,
                ActingUser.identifiedBy(NUMERIC_USER_ID, "the numeric " + vendor + " user id, e.g. 4080"));
    }

    /** The same rules with the API versions given. */
    public ConnectionRules withApiVersions(ApiVersions versions) {
        return new ConnectionRules(versions, eventSecrets, actingUser);
    }

    /** The same rules with the vendor signing each event type with its own secret. */
    public ConnectionRules withEventSecrets(EventSecrets secrets) {
        return new ConnectionRules(apiVersions, Objects.requireNonNull(secrets, "secrets"), actingUser);
    }

    /** The same rules with writes attributed as given. */
    public ConnectionRules withActingUser(ActingUser user) {
        return new ConnectionRules(apiVersions, eventSecrets, user);
    }

    /** How the vendor signs each event type with its own secret; empty when one secret verifies every event. */
    public Optional<EventSecrets> perEventSecrets() {
        return Optional.ofNullable(eventSecrets);
    }

    /**
     * The API versions a connection may name.
     *
     * @param versions     the versions, the one a connection that names none speaks first
     * @param expected     how an error states the versions, e.g. {@code v3 (Harvest v3, the default) or v1}
     * @param oauthClients the versions whose credentials are an OAuth client, with how that client is declared
     */
    public record ApiVersions(List<String> versions, String expected, Map<String, OAuthClient> oauthClients) {

        public ApiVersions {
            versions = List.copyOf(versions);
            if (versions.isEmpty()) {
                throw new IllegalArgumentException("versions: none (expected: at least the default version)");
            }
            oauthClients = Map.copyOf(oauthClients);
        }

        /** One version only, the one atsbridge speaks for {@code vendor}. */
        public static ApiVersions only(String version, String vendor) {
            return new ApiVersions(List.of(version), version + " (the only version atsbridge speaks for " + vendor + ")",
                    Map.of());
        }

        /** Several versions, {@code versions.get(0)} the default, none of them with OAuth clients yet. */
        public static ApiVersions of(List<String> versions, String expected) {
            return new ApiVersions(versions, expected, Map.of());
        }

        /** The same versions, with {@code version}'s credentials an OAuth client. */
        public ApiVersions withOAuthClient(String version, OAuthClient client) {
            if (!versions.contains(version)) {
                throw new IllegalArgumentException("version: " + version + " (expected: one of " + versions + ")");
            }
            Map<String, OAuthClient> clients = new LinkedHashMap<>(oauthClients);
            clients.put(version, client);
            return new ApiVersions(versions, expected, clients);
        }

        /** The version a connection that names none speaks. */
        public String defaultVersion() {
            return versions.get(0);
        }

        /** How {@code version}'s credentials are declared when they are an OAuth client; empty when they are a key. */
        public Optional<OAuthClient> oauthClient(String version) {
            return Optional.ofNullable(oauthClients.get(version));
        }
    }

    /**
     * Credentials that are an OAuth client, {@code client_id:client_secret}, exchanged for tokens at a token URL.
     *
     * @param defaultTokenUrl the vendor's token endpoint, unless a connection names another ({@code token-url})
     * @param expected        how an error states the credentials, e.g. which client and how else to connect
     */
    public record OAuthClient(String defaultTokenUrl, String expected) {
    }

    /**
     * How a vendor that signs each event type with its own secret has them declared ({@code <event>:<secret>}).
     *
     * @param product       the vendor's name as its users know it, e.g. {@code Lever}
     * @param events        the event types the vendor signs, e.g. {@code candidateStageChange}
     * @param exampleEvents the events an example declaration shows, the most common first
     * @param whereToFind   where the vendor shows each event's secret
     */
    public record EventSecrets(String product, List<String> events, List<String> exampleEvents, String whereToFind) {

        public EventSecrets {
            events = List.copyOf(events);
            exampleEvents = List.copyOf(exampleEvents);
            if (exampleEvents.isEmpty() || !events.containsAll(exampleEvents)) {
                throw new IllegalArgumentException("exampleEvents: " + exampleEvents + " (expected: some of " + events + ")");
            }
        }

        /** An example declaration, e.g. {@code [candidateStageChange:<token>, candidateHired:<token>]}. */
        public String example() {
            return exampleEvents.stream().map(event -> event + ":<token>")
                    .collect(Collectors.joining(", ", "[", "]"));
        }
    }

    /**
     * Whom writes to the vendor are attributed to.
     *
     * @param id       the form of the user id a connection names ({@code on-behalf-of}); null when the vendor takes
     *                 none and attributes writes itself
     * @param expected how an error states it, e.g. {@code the numeric GREENHOUSE user id, e.g. 4080}
     */
    public record ActingUser(@Nullable Pattern id, String expected) {

        /** Writes are attributed to the user a connection names, in the form {@code id}. */
        public static ActingUser identifiedBy(Pattern id, String expected) {
            return new ActingUser(Objects.requireNonNull(id, "id"), expected);
        }

        /** The vendor attributes writes itself (e.g. to the owner of the API key); a connection names no user. */
        public static ActingUser attributedByVendor(String expected) {
            return new ActingUser(null, expected);
        }

        /** Whether a connection names the user writes are attributed to. */
        public boolean named() {
            return id != null;
        }
    }
}
