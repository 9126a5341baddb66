package io.atsbridge.platform.startup;

import io.micronaut.core.annotation.Nullable;
import org.apache.commons.text.similarity.LevenshteinDistance;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The environment variables a service reads, declared in {@code META-INF/atsbridge/environment/<name>.yml}
 * (with the shared sets it includes). A service refuses to start when a variable under one of its
 * prefixes is not declared, so a misspelt setting is an error instead of a silently ignored value; the
 * Helm chart's tests check the variables it sets against the same declarations.
 *
 * <p>A name may stand for a family of variables with a part in braces, e.g.
 * {@code ATSBRIDGE_AUTH_TOKENS_{CALLER}_SECRET}; the part matches one or more upper-case words joined by underscores.
 */
public final class EnvironmentCatalog {

    /** Variables under this prefix belong to the test harness and are never a service's setting. */
    private static final String TEST_PREFIX = "ATSBRIDGE_TEST_";
    private static final String LOCATION = "META-INF/atsbridge/environment/";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{[A-Z_]+}");

    /**
     * One declared variable (or family of variables, when the name has a part in braces).
     *
     * @param name        e.g. {@code IDENTITY_GRPC_PORT} or {@code ATSBRIDGE_PEERS_{PEER}_ADDRESS}
     * @param required    whether a deployment must set it (for a family: at least one member): the service refuses
     *                    to start or cannot do its work without it
     * @param secret      whether it holds a secret (deployments take it from a secret store)
     * @param description what it sets, for people
     */
    public record Variable(String name, boolean required, boolean secret, String description) {

        /** Whether {@code candidate} is this variable or a member of its family. */
        public boolean matches(String candidate) {
            return pattern().matcher(candidate).matches();
        }

        private Pattern pattern() {
            StringBuilder regex = new StringBuilder();
            var matcher = PLACEHOLDER.matcher(name);
            int last = 0;
            while (matcher.find()) {
                regex.append(Pattern.quote(name.substring(last, matcher.start()))).append("[A-Z0-9]+(?:_[A-Z0-9]+)*");
                last = matcher.end();
            }
            regex.append(Pattern.quote(name.substring(last)));
            return Pattern.compile(regex.toString());
        }
    }

    private final String service;
    private final List<String> prefixes;
    private final List<Variable> variables;

    private EnvironmentCatalog(String service, List<String> prefixes, List<Variable> variables) {
        this.service = service;
        this.prefixes = List.copyOf(prefixes);
        this.variables = List.copyOf(variables);
    }

    /**
     * Loads a catalog from the class path, with the catalogs it includes.
     *
     * @param name e.g. {@code identity-service}
     */
    public static EnvironmentCatalog load(String name) {
        Map<String, Object> root = read(name);
        List<String> prefixes = strings(root.get("prefixes"));
        Map<String, Variable> variables = new LinkedHashMap<>();
        List<String> includes = new ArrayList<>(strings(root.get("include")));
        includes.add(name);
        for (String included : includes) {
            Map<String, Object> catalog = included.equals(name) ? root : read(included);
            for (Object entry : list(catalog.get("variables"))) {
                Map<?, ?> map = (Map<?, ?>) entry;
                Variable variable = new Variable(String.valueOf(map.get("name")), Boolean.TRUE.equals(map.get("required")),
                        Boolean.TRUE.equals(map.get("secret")), String.valueOf(map.get("description")));
                variables.put(variable.name(), variable);
            }
        }
        return new EnvironmentCatalog(name, prefixes, new ArrayList<>(variables.values()));
    }

    /** Several catalogs as one: what a process running all of these services reads (the launcher). */
    public static EnvironmentCatalog union(String name, List<EnvironmentCatalog> catalogs, List<Variable> extra) {
        List<String> prefixes = new ArrayList<>();
        Map<String, Variable> variables = new LinkedHashMap<>();
        for (EnvironmentCatalog catalog : catalogs) {
            catalog.prefixes.stream().filter(p -> !prefixes.contains(p)).forEach(prefixes::add);
            // In one process nothing is required of every part: each part says what it misses when it starts.
            catalog.variables.forEach(v -> variables.putIfAbsent(v.name(),
                    new Variable(v.name(), false, v.secret(), v.description())));
        }
        extra.forEach(v -> variables.put(v.name(), v));
        return new EnvironmentCatalog(name, prefixes, new ArrayList<>(variables.values()));
    }

    /** The service the catalog belongs to. */
    public String service() {
        return service;
    }

    /** Every declared variable, shared ones included. */
    public List<Variable> variables() {
        return variables;
    }

    /** The prefixes this service owns: a variable under one of them must be declared. */
    public List<String> prefixes() {
        return prefixes;
    }

    /** The declaration {@code name} falls under, if any. */
    public Optional<Variable> find(String name) {
        return variables.stream().filter(v -> v.matches(name)).findFirst();
    }

    /** The names under this service's prefixes that no declaration covers, sorted. */
    public List<String> unknown(Collection<String> names) {
        return names.stream()
                .filter(n -> !n.startsWith(TEST_PREFIX))
                .filter(n -> prefixes.stream().anyMatch(n::startsWith))
                .filter(n -> find(n).isEmpty())
                .sorted()
                .toList();
    }

    /** The required declarations none of {@code names} satisfies. */
    public List<Variable> missingRequired(Collection<String> names) {
        return variables.stream().filter(Variable::required)
                .filter(v -> names.stream().noneMatch(v::matches))
                .toList();
    }

    /** The declared name closest to a misspelt one, if any is close. */
    public Optional<String> closest(String name) {
        LevenshteinDistance distance = new LevenshteinDistance(Math.max(3, name.length() / 4));
        return variables.stream().map(Variable::name)
                .map(candidate -> Map.entry(candidate, distance.apply(name, candidate)))
                .filter(e -> e.getValue() >= 0)
                .min(Comparator.comparingInt(Map.Entry::getValue))
                .map(Map.Entry::getKey);
    }

    /**
     * Refuses an environment with variables this service does not read.
     *
     * @throws MissingConfigurationException naming each unknown variable and the closest known one
     */
    public void checkNoUnknown(Map<String, String> environment) {
        List<String> unknown = unknown(environment.keySet());
        if (unknown.isEmpty()) {
            return;
        }
        List<String> described = unknown.stream()
                .map(n -> closest(n).map(c -> n + " (did you mean " + c + "?)").orElse(n))
                .toList();
        throw new MissingConfigurationException("unknown environment variable" + (unknown.size() > 1 ? "s " : " ")
                + String.join(", ", described) + "; " + service + " reads only the variables listed in the README's "
                + "configuration tables; remove or correct " + (unknown.size() > 1 ? "them" : "it"));
    }

    private static Map<String, Object> read(String name) {
        String resource = LOCATION + name + ".yml";
        try (InputStream in = EnvironmentCatalog.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no environment catalog " + resource + " on the class path");
            }
            Map<String, Object> root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            return root == null ? Map.of() : root;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    private static List<?> list(@Nullable Object value) {
        return value instanceof List<?> list ? list : List.of();
    }

    private static List<String> strings(@Nullable Object value) {
        return list(value).stream().map(String::valueOf).toList();
    }
}
