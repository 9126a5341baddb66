package io.atsbridge.launcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.atsbridge.proto.mapping.v1.MappingProfile;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The launcher's configuration file ({@code atsbridge.yml}): what an operator declares once and the
 * platform creates at start-up.
 *
 * <pre>
 * connections:            # one entry per vendor account; keys as atsbridge.connections.&lt;id&gt;.* (README)
 *   gh-acme:
 *     tenant: acme
 *     vendor: GREENHOUSE
 *     ...
 * subscribers:            # optional; receivers of the loop's signed events, as atsbridge.subscribers.&lt;id&gt;.*
 * adapter:                # optional, as atsbridge.adapter.* (worker tuning)
 *   worker: { threads: 4 }
 * mapping-profiles:       # stored with UpsertMappingProfile; the MappingProfile message in proto JSON form
 *   gh-acme-default:
 *     tenant: acme
 *     connection_id: gh-acme
 *     field_mappings: [...]
 * </pre>
 */
final class ConfigFile {

    /** A mapping profile declared for a tenant. */
    record DeclaredProfile(String tenant, MappingProfile profile) {
    }

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final Map<String, String> adapterProperties;
    private final List<DeclaredProfile> profiles;

    private ConfigFile(Map<String, String> adapterProperties, List<DeclaredProfile> profiles) {
        this.adapterProperties = adapterProperties;
        this.profiles = profiles;
    }

    /** An empty configuration (no file). */
    static ConfigFile none() {
        return new ConfigFile(Map.of(), List.of());
    }

    /**
     * Reads and checks the file.
     *
     * @throws EmbeddedPlatform.StartupException with one line naming the file and what is wrong
     */
    static ConfigFile read(Path file) throws EmbeddedPlatform.StartupException {
        Object root;
        try (Reader reader = Files.newBufferedReader(file)) {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
        } catch (IOException e) {
            throw problem(file, "cannot be read (" + e.getMessage() + ")");
        } catch (RuntimeException e) {
            throw problem(file, "is not valid YAML (" + e.getMessage().replaceAll("\\s+", " ") + ")");
        }
        if (root == null) {
            return none();
        }
        if (!(root instanceof Map<?, ?> top)) {
            throw problem(file, "must be a map with connections, subscribers, adapter and mapping-profiles");
        }
        for (Object key : top.keySet()) {
            if (!List.of("connections", "subscribers", "adapter", "mapping-profiles").contains(String.valueOf(key))) {
                throw problem(file, "has an unknown top-level key '" + key
                        + "' (expected: connections, subscribers, adapter, mapping-profiles)");
            }
        }
        Map<String, String> adapter = new LinkedHashMap<>();
        flatten("atsbridge.connections", top.get("connections"), adapter);
        flatten("atsbridge.subscribers", top.get("subscribers"), adapter);
        flatten("atsbridge.adapter", top.get("adapter"), adapter);
        List<DeclaredProfile> profiles = new ArrayList<>();
        if (top.get("mapping-profiles") instanceof Map<?, ?> declared) {
            for (Map.Entry<?, ?> entry : declared.entrySet()) {
                profiles.add(profile(file, String.valueOf(entry.getKey()), entry.getValue()));
            }
        } else if (top.get("mapping-profiles") != null) {
            throw problem(file, "mapping-profiles must be a map of profile id to profile");
        }
        return new ConfigFile(adapter, profiles);
    }

    /** The adapter's properties: declared connections and worker settings. */
    Map<String, String> adapterProperties() {
        return adapterProperties;
    }

    List<DeclaredProfile> profiles() {
        return profiles;
    }

    private static DeclaredProfile profile(Path file, String id, Object value) throws EmbeddedPlatform.StartupException {
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
        } catch (InvalidProtocolBufferException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw problem(file, "mapping-profiles." + id + " is not a MappingProfile (" + e.getMessage().replaceAll("\\s+", " ") + ")");
        }
    }

    /** Nested maps to dotted keys; lists of scalars to Micronaut's indexed keys. */
    private static void flatten(String prefix, Object value, Map<String, String> into) {
        if (value == null) {
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> flatten(prefix + "." + k, v, into));
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                flatten(prefix + "[" + i + "]", list.get(i), into);
            }
        } else {
            into.put(prefix, String.valueOf(value));
        }
    }

    private static EmbeddedPlatform.StartupException problem(Path file, String what) {
        return new EmbeddedPlatform.StartupException("atsbridge cannot start: configuration file " + file + " " + what);
    }
}
