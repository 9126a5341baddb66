package io.atsbridge.platform.testing;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks that a service's YAML and its settings records say the same: every component of a
 * {@code @ConfigurationProperties} record (and of the {@code @ConfigurationProperties} records nested in it) has
 * its key in the YAML, the YAML's default ({@code ${VARIABLE:default}}, or the plain value) is the record's
 * {@code @Bindable(defaultValue)} (none: empty), and no plain value under the record's prefix is a key the record
 * does not read. A service test calls {@link #mismatches} and asserts there are none, so neither side drifts.
 */
public final class SettingsYaml {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.-]+):(.*)}");

    private final String resource;
    private final Map<String, Object> root;
    private final Set<String> ownValues;

    private SettingsYaml(String resource, Map<String, Object> root, Set<String> ownValues) {
        this.resource = resource;
        this.root = root;
        this.ownValues = Set.copyOf(ownValues);
    }

    /** The YAML file on the class path, e.g. {@code application-adapter.yml}. */
    public static SettingsYaml load(String resource) {
        try (InputStream in = SettingsYaml.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no " + resource + " on the class path");
            }
            Map<String, Object> root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            return new SettingsYaml(resource, root == null ? Map.of() : root, Set.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The same YAML, where the given keys hold this service's own value rather than a default (e.g.
     * {@code atsbridge.service.name}: the record's default names no service): they must be there, with any value.
     */
    public SettingsYaml withOwnValues(String... keys) {
        Set<String> own = new TreeSet<>(ownValues);
        own.addAll(List.of(keys));
        return new SettingsYaml(resource, root, own);
    }

    /**
     * What the YAML and the records disagree on, one sentence each naming the key, both defaults and what to do;
     * empty when they agree.
     *
     * @param records {@code @ConfigurationProperties} records read from this YAML
     */
    public List<String> mismatches(Class<?>... records) {
        List<String> problems = new ArrayList<>();
        for (Class<?> record : records) {
            ConfigurationProperties properties = record.getAnnotation(ConfigurationProperties.class);
            if (!record.isRecord() || properties == null) {
                throw new IllegalArgumentException(record.getName() + " is not a @ConfigurationProperties record");
            }
            check(record, properties.value(), problems);
        }
        return problems;
    }

    private void check(Class<?> record, String prefix, List<String> problems) {
        Map<String, Object> section = section(prefix);
        Set<String> read = new TreeSet<>();
        for (RecordComponent component : record.getRecordComponents()) {
            Class<?> type = component.getType();
            ConfigurationProperties nested = type.getAnnotation(ConfigurationProperties.class);
            if (type.isRecord() && nested != null) {
                read.add(nested.value());
                check(type, prefix + "." + nested.value(), problems);
                continue;
            }
            String key = kebab(component.getName());
            read.add(key);
            // @Bindable targets methods and parameters: on a record component it lands on the accessor.
            Bindable bindable = component.getAccessor().getAnnotation(Bindable.class);
            String expected = bindable == null ? "" : bindable.defaultValue();
            if (section == null || !section.containsKey(key)) {
                problems.add(resource + " has no " + prefix + "." + key + " (" + record.getSimpleName() + "."
                        + component.getName() + "): add it, commented, with the default '" + expected + "'");
                continue;
            }
            String declared = defaultOf(section.get(key));
            if (!declared.equals(expected) && !ownValues.contains(prefix + "." + key)) {
                problems.add(resource + " gives " + prefix + "." + key + " the default '" + declared + "', "
                        + record.getSimpleName() + "." + component.getName() + " '" + expected
                        + "': make them the same");
            }
        }
        if (section != null) {
            for (Map.Entry<String, Object> entry : section.entrySet()) {
                if (!(entry.getValue() instanceof Map) && !read.contains(entry.getKey())) {
                    problems.add(resource + " sets " + prefix + "." + entry.getKey() + ", which "
                            + record.getSimpleName() + " does not read: add the component or remove the key");
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> section(String prefix) {
        Object node = root;
        for (String part : prefix.split("\\.")) {
            if (!(node instanceof Map<?, ?> map) || !map.containsKey(part)) {
                return null;
            }
            node = map.get(part);
        }
        return node instanceof Map<?, ?> map ? new LinkedHashMap<>((Map<String, Object>) map) : null;
    }

    /** {@code ${VARIABLE:default}} gives its default (without the backticks that quote one), a plain value itself. */
    private static String defaultOf(Object value) {
        if (value == null) {
            return "";
        }
        String text = String.valueOf(value);
        Matcher placeholder = PLACEHOLDER.matcher(text);
        if (placeholder.matches()) {
            String fallback = placeholder.group(2);
            return fallback.length() >= 2 && fallback.startsWith("`") && fallback.endsWith("`")
                    ? fallback.substring(1, fallback.length() - 1) : fallback;
        }
        return text;
    }

    private static String kebab(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
