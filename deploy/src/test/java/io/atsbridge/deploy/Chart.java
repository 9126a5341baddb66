package io.atsbridge.deploy;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders the chart with helm and reads the result as plain maps and lists. Public for the launcher's
 * DistributedIT, which runs the services from what the chart renders.
 */
public final class Chart {

    /** The release name every test renders; with it, object names are "atsbridge-<component>". */
    static final String RELEASE = "atsbridge";
    static final String NAMESPACE = "atsbridge";
    static final String FULLNAME = "atsbridge";

    /** The components: five gRPC services and the gateway, in the order of the documentation. */
    static final List<String> COMPONENTS = List.of("identity", "mapping", "consent", "audit", "adapter", "gateway");
    static final List<String> GRPC_COMPONENTS = COMPONENTS.subList(0, 5);
    static final Map<String, Integer> PORTS = Map.of("identity", 9101, "mapping", 9102, "consent", 9103,
            "audit", 9104, "adapter", 9105, "gateway", 8080);
    /** The gRPC services' plaintext health-only ports, which the probes use. */
    static final Map<String, Integer> HEALTH_PORTS = Map.of("identity", 9111, "mapping", 9112, "consent", 9113,
            "audit", 9114, "adapter", 9115);

    /** The values a test renders with. */
    enum Variant {
        /** The chart's defaults plus only the required values. */
        DEFAULTS("src/test/resources/values/required.yaml"),
        /** Every optional feature on: HPA, Ingress with TLS, ServiceMonitor, operator access, overrides. */
        ALL_FEATURES("src/test/resources/values/all-features.yaml"),
        /** The README's install example: every secret in an existing Secret. */
        EXISTING_SECRETS("helm/examples/external-mysql.yaml");

        final String valuesFile;

        Variant(String valuesFile) {
            this.valuesFile = valuesFile;
        }

        List<String> valuesArguments() {
            return List.of("--values", ChartTools.get().deployDir().resolve(valuesFile).toString());
        }
    }

    private static final Map<Variant, Rendered> RENDERED = new EnumMap<>(Variant.class);

    private Chart() {
    }

    /** The chart rendered with a variant's values (once per test JVM). */
    static synchronized Rendered render(Variant variant) {
        return RENDERED.computeIfAbsent(variant, v -> parse(template(v.valuesArguments()).requireSuccess().stdout()));
    }

    /** The chart rendered with a variant's values and further arguments (e.g. --set). */
    static Rendered render(Variant variant, String... more) {
        List<String> arguments = new ArrayList<>(variant.valuesArguments());
        arguments.addAll(List.of(more));
        return parse(template(arguments).requireSuccess().stdout());
    }

    /** {@code helm template} of the chart with these arguments, successful or not. */
    public static ChartTools.Result template(List<String> arguments) {
        ChartTools tools = ChartTools.get();
        List<String> command = new ArrayList<>(List.of("template", RELEASE, tools.chartDir().toString(),
                "--namespace", NAMESPACE));
        command.addAll(arguments);
        return tools.helm(command);
    }

    /** {@code helm lint --strict} of the chart with these arguments, successful or not. */
    static ChartTools.Result lint(List<String> arguments) {
        ChartTools tools = ChartTools.get();
        List<String> command = new ArrayList<>(List.of("lint", "--strict", tools.chartDir().toString(),
                "--namespace", NAMESPACE));
        command.addAll(arguments);
        return tools.helm(command);
    }

    public static Rendered parse(String manifest) {
        List<Map<String, Object>> objects = new ArrayList<>();
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        for (Object document : yaml.loadAll(manifest)) {
            if (document != null) {
                objects.add(Nodes.map(document));
            }
        }
        return new Rendered(manifest, objects);
    }

    /** A rendered manifest: its text and its objects. */
    public record Rendered(String manifest, List<Map<String, Object>> objects) {

        List<Map<String, Object>> ofKind(String kind) {
            return objects.stream().filter(o -> kind.equals(o.get("kind"))).toList();
        }

        /** The objects of a kind by their component label, failing on a component with two. */
        Map<String, Map<String, Object>> byComponent(String kind) {
            Map<String, Map<String, Object>> result = new LinkedHashMap<>();
            for (Map<String, Object> object : ofKind(kind)) {
                String component = Nodes.string(object, "metadata", "labels", "app.kubernetes.io/component");
                if (result.put(component, object) != null) {
                    throw new AssertionError("two " + kind + " objects of component " + component);
                }
            }
            return result;
        }

        public Map<String, Object> deployment(String component) {
            Map<String, Object> deployment = byComponent("Deployment").get(component);
            if (deployment == null) {
                throw new AssertionError("no Deployment of component " + component);
            }
            return deployment;
        }

        /** The object of that kind and name, or a failure listing what there is. */
        public Map<String, Object> get(String kind, String name) {
            return ofKind(kind).stream().filter(o -> name.equals(Nodes.string(o, "metadata", "name"))).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + kind + " named " + name + " among "
                            + ofKind(kind).stream().map(o -> Nodes.string(o, "metadata", "name")).toList()));
        }
    }
}
