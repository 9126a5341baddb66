package io.atsbridge.adapter.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.atsbridge.adapter.backfill.domain.BackfillSettings;
import io.atsbridge.adapter.connections.config.ConnectionProperties;
import io.atsbridge.adapter.connections.connector.VendorHttpSettings;
import io.atsbridge.adapter.engine.sync.WorkerSettings;
import io.atsbridge.adapter.outbound.config.SubscriberProperties;
import io.atsbridge.adapter.outbound.domain.OutboundSettings;
import io.atsbridge.platform.startup.MissingConfigurationException;
import io.atsbridge.proto.mapping.v1.MappingProfile;
import io.micronaut.core.annotation.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What an operator declares for adapter-service — connections, subscribers, adapter tuning and mapping
 * profiles — read the same way whether the adapter runs alone or inside the all-in-one launcher: from
 * the declaration file ({@code ATSBRIDGE_CONFIG}, or the launcher's {@code --config} / {@code ./atsbridge.yml})
 * and from the environment ({@code ATSBRIDGE_CONNECTIONS_<CONNECTION>_<SETTING>},
 * {@code ATSBRIDGE_SUBSCRIBERS_<SUBSCRIBER>_<SETTING>}), the environment winning setting by setting.
 *
 * <pre>
 * connections:            # one entry per vendor account (README: keys under atsbridge.connections.&lt;id&gt;.)
 *   gh-acme:
 *     tenant: acme
 *     vendor: GREENHOUSE
 *     ...
 * subscribers:            # receivers of the loop's signed events
 * adapter:                # tuning: worker, http, backfill, outbound
 *   worker: { threads: 4 }
 * mapping-profiles:       # stored through mapping-service at start-up; the MappingProfile message in proto JSON
 *   gh-acme-default:
 *     tenant: acme
 *     connection_id: gh-acme
 *     field_mappings: [...]
 * </pre>
 *
 * <p>Every key is checked: an unknown one is refused with the keys that are allowed, never ignored.
 * Connection ids hold hyphens ({@code gh-acme}) while variable names cannot, so in the environment the
 * connection part is the id upper-cased with {@code -} written {@code _}: {@code ATSBRIDGE_CONNECTIONS_GH_ACME_TENANT}
 * declares connection {@code gh-acme}. Micronaut's own reading of those variables (which would see
 * connection {@code gh}) is switched off for them: {@link #consumedVariables()}.
 */
public final class Declarations {

    /** The variable naming the declaration file. */
    public static final String FILE_VARIABLE = "ATSBRIDGE_CONFIG";

    /** A mapping profile declared for a tenant. */
    public record DeclaredProfile(String tenant, MappingProfile profile) {
    }

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final List<String> TOP_LEVEL = List.of("connections", "subscribers", "adapter", "mapping-profiles");
    private static final String CONNECTIONS_ENV = "ATSBRIDGE_CONNECTIONS_";
    private static final String SUBSCRIBERS_ENV = "ATSBRIDGE_SUBSCRIBERS_";

    /** The settings of a connection, as configuration keys (kebab case), from {@link ConnectionProperties}. */
    static final Set<String> CONNECTION_KEYS = settings(ConnectionProperties.class);
    /** The settings of a subscriber, from {@link SubscriberProperties}. */
    static final Set<String> SUBSCRIBER_KEYS = settings(SubscriberProperties.class);
    /** The tuning the adapter reads under {@code atsbridge.adapter.<group>.}. */
    static final Map<String, Set<String>> ADAPTER_KEYS = Map.of(
            "worker", settings(WorkerSettings.class),
            "outbound", settings(OutboundSettings.class),
            "http", union(settings(VendorHttpSettings.class), VendorHttpSettings.CLIENT_KEYS),
            "backfill", settings(BackfillSettings.class));

    private final Map<String, String> properties;
    private final Set<String> consumedVariables;
    private final List<DeclaredProfile> profiles;
    @Nullable
    private final Path file;

    private Declarations(Map<String, String> properties, Set<String> consumedVariables, List<DeclaredProfile> profiles,
                         @Nullable Path file) {
        this.properties = Map.copyOf(properties);
        this.consumedVariables = Set.copyOf(consumedVariables);
        this.profiles = List.copyOf(profiles);
        this.file = file;
    }

    /**
     * Everything declared for the adapter: the file ({@code file}, else {@code ATSBRIDGE_CONFIG}), then
     * the environment's connections and subscribers over it.
     *
     * @throws MissingConfigurationException one line naming the file or variable and what is wrong
     */
    public static Declarations resolve(Map<String, String> environment, @Nullable Path file) {
        Path declared = file != null ? file
                : environment.containsKey(FILE_VARIABLE) && !environment.get(FILE_VARIABLE).isBlank()
                ? Path.of(environment.get(FILE_VARIABLE)) : null;
        Map<String, String> properties = new LinkedHashMap<>();
        List<DeclaredProfile> profiles = new ArrayList<>();
        if (declared != null) {
            readFile(declared, properties, profiles);
        }
        Set<String> consumed = new TreeSet<>();
        fromEnvironment(environment, CONNECTIONS_ENV, "atsbridge.connections", CONNECTION_KEYS, properties, consumed);
        fromEnvironment(environment, SUBSCRIBERS_ENV, "atsbridge.subscribers", SUBSCRIBER_KEYS, properties, consumed);
        return new Declarations(properties, consumed, profiles, declared);
    }

    /** Nothing declared. */
    public static Declarations none() {
        return new Declarations(Map.of(), Set.of(), List.of(), null);
    }

    /** The adapter's properties: connections, subscribers and tuning, as {@code atsbridge.*} keys. */
    public Map<String, String> properties() {
        return properties;
    }

    /** The environment variables read here, which Micronaut must not read again on its own. */
    public Set<String> consumedVariables() {
        return consumedVariables;
    }

    /** The mapping profiles to store at start-up. */
    public List<DeclaredProfile> profiles() {
        return profiles;
    }

    /** Where the file came from, for messages; null without one. */
    @Nullable
    public Path file() {
        return file;
    }

    private static void readFile(Path file, Map<String, String> properties, List<DeclaredProfile> profiles) {
        Object root;
        try (Reader reader = Files.newBufferedReader(file)) {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
        } catch (IOException e) {
            throw problem(file, "cannot be read (" + e.getMessage() + "); check " + FILE_VARIABLE);
        } catch (RuntimeException e) {
            throw problem(file, "is not valid YAML (" + oneLine(e.getMessage()) + ")");
        }
        if (root == null) {
            return;
        }
        if (!(root instanceof Map<?, ?> top)) {
            throw problem(file, "must be a map with " + String.join(", ", TOP_LEVEL));
        }
        for (Object key : top.keySet()) {
            if (!TOP_LEVEL.contains(String.valueOf(key))) {
                throw problem(file, "has an unknown top-level key '" + key + "' (expected: " + String.join(", ", TOP_LEVEL) + ")");
            }
        }
        entries(file, "connections", top.get("connections")).forEach((id, settings) ->
                declared(file, "connections." + id, settings, CONNECTION_KEYS, "atsbridge.connections." + id, properties));
        entries(file, "subscribers", top.get("subscribers")).forEach((id, settings) ->
                declared(file, "subscribers." + id, settings, SUBSCRIBER_KEYS, "atsbridge.subscribers." + id, properties));
        entries(file, "adapter", top.get("adapter")).forEach((group, settings) -> {
            Set<String> keys = ADAPTER_KEYS.get(group);
            if (keys == null) {
                throw problem(file, "has an unknown key 'adapter." + group + "' (expected: "
                        + String.join(", ", new TreeSet<>(ADAPTER_KEYS.keySet())) + ")");
            }
            declared(file, "adapter." + group, settings, keys, "atsbridge.adapter." + group, properties);
        });
        entries(file, "mapping-profiles", top.get("mapping-profiles")).forEach((id, value) ->
                profiles.add(profile(file, id, value)));
    }

    private static Map<String, Object> entries(Path file, String key, @Nullable Object value) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw problem(file, key + " must be a map");
        }
        Map<String, Object> entries = new LinkedHashMap<>();
        map.forEach((k, v) -> entries.put(String.valueOf(k), v));
        return entries;
    }

    /** One connection, subscriber or tuning group: every key must be a known setting. */
    private static void declared(Path file, String where, @Nullable Object settings, Set<String> keys, String prefix,
                                 Map<String, String> into) {
        entries(file, where, settings).forEach((key, value) -> {
            if (!keys.contains(key)) {
                throw problem(file, "has an unknown key '" + where + "." + key + "' (expected one of: "
                        + String.join(", ", new TreeSet<>(keys)) + ")");
            }
            if (value instanceof List<?> list) {
                // Lists become one comma-separated value, as in the environment (Micronaut splits it again).
                into.put(prefix + "." + key, list.stream().map(String::valueOf).collect(Collectors.joining(",")));
            } else if (value instanceof Map<?, ?>) {
                throw problem(file, where + "." + key + " must be a value or a list, not a map");
            } else if (value != null) {
                into.put(prefix + "." + key, String.valueOf(value));
            }
        });
    }

    private static DeclaredProfile profile(Path file, String id, @Nullable Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            throw problem(file, "mapping-profiles." + id + " must be a map");
        }
        Map<String, Object> body = new HashMap<>();
        map.forEach((k, v) -> body.put(String.valueOf(k), v));
        Object tenant = body.remove("tenant");
        if (tenant == null || String.valueOf(tenant).isBlank()) {
            throw problem(file, "mapping-profiles." + id + ".tenant is missing");
        }
        body.putIfAbsent("id", id);
        try {
            MappingProfile.Builder profile = MappingProfile.newBuilder();
            JsonFormat.parser().merge(JSON.writeValueAsString(body), profile);
            return new DeclaredProfile(String.valueOf(tenant), profile.build());
        } catch (InvalidProtocolBufferException | JsonProcessingException e) {
            throw problem(file, "mapping-profiles." + id + " is not a MappingProfile (" + oneLine(e.getMessage()) + ")");
        }
    }

    /**
     * {@code <PREFIX><ENTRY>_<SETTING>} variables: the setting is the longest known setting the name ends
     * with, the entry the rest, lower-cased with {@code _} read as {@code -}.
     */
    private static void fromEnvironment(Map<String, String> environment, String variablePrefix, String propertyPrefix,
                                        Set<String> keys, Map<String, String> into, Set<String> consumed) {
        List<String> settings = keys.stream()
                .map(k -> k.toUpperCase(Locale.ROOT).replace('-', '_'))
                .sorted(Comparator.comparingInt(String::length).reversed())
                .toList();
        for (Map.Entry<String, String> variable : new TreeMap<>(environment).entrySet()) {
            String name = variable.getKey();
            if (!name.startsWith(variablePrefix)) {
                continue;
            }
            String rest = name.substring(variablePrefix.length());
            String setting = settings.stream().filter(s -> rest.endsWith("_" + s) && rest.length() > s.length() + 1)
                    .findFirst().orElseThrow(() -> new MissingConfigurationException("environment variable " + name
                            + " names no setting: it must end with _ and one of " + String.join(", ", settings.stream().sorted().toList())));
            String entry = rest.substring(0, rest.length() - setting.length() - 1).toLowerCase(Locale.ROOT).replace('_', '-');
            into.put(propertyPrefix + "." + entry + "." + setting.toLowerCase(Locale.ROOT).replace('_', '-'), variable.getValue());
            consumed.add(name);
        }
    }

    /**
     * The settings a configuration record can be given, as kebab-case keys: its components ({@code pollInterval} →
     * {@code poll-interval}), but for the {@code id} of an entry of {@code connections} or {@code subscribers}, which is
     * the entry's own name, not a key below it.
     */
    static Set<String> settings(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents())
                .map(RecordComponent::getName)
                .filter(name -> !name.equals("id"))
                .map(n -> n.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> union(Set<String> some, Set<String> more) {
        Set<String> all = new TreeSet<>(some);
        all.addAll(more);
        return all;
    }

    private static MissingConfigurationException problem(Path file, String what) {
        return new MissingConfigurationException("declaration file " + file + " " + what);
    }

    private static String oneLine(@Nullable String message) {
        return message == null ? "" : message.replaceAll("\\s+", " ").trim();
    }
}
