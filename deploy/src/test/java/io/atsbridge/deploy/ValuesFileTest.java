package io.atsbridge.deploy;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** values.yaml is documented key by key and described by a strict draft-07 values.schema.json. */
class ValuesFileTest {

    /** Subtrees that are Kubernetes structures (or free-form data), documented by their parent's comment. */
    private static final Pattern OPAQUE = Pattern.compile(
            "^(\\w+\\.resources|pod\\.(securityContext|containerSecurityContext)|networkPolicy\\.dns\\.to)\\..+");

    private static final Yaml YAML = new Yaml(new SafeConstructor(new LoaderOptions()));

    @Test
    void everyKeyHasACommentNamingIt() throws IOException {
        String text = Files.readString(chart().resolve("values.yaml"));
        Set<String> commented = Pattern.compile("(?m)^\\s*# ([\\w.]+):").matcher(text).results()
                .map(m -> m.group(1)).collect(Collectors.toSet());
        List<String> paths = new ArrayList<>();
        collectPaths(Nodes.map(YAML.load(text)), "", paths);

        assertThat(paths).hasSizeGreaterThan(100);
        assertThat(paths.stream().filter(p -> !OPAQUE.matcher(p).matches()).filter(p -> !commented.contains(p)))
                .as("keys of values.yaml without a '# <key>:' comment").isEmpty();
    }

    @Test
    void theSchemaIsStrictDraft07AndKnowsEveryKeyOfValuesYaml() throws IOException {
        Map<String, Object> schema = Nodes.map(YAML.load(Files.readString(chart().resolve("values.schema.json"))));
        Map<String, Object> values = Nodes.map(YAML.load(Files.readString(chart().resolve("values.yaml"))));

        assertThat(schema.get("$schema")).isEqualTo("http://json-schema.org/draft-07/schema#");
        assertThat(schema.get("additionalProperties")).isEqualTo(false);
        List<String> paths = new ArrayList<>();
        collectPaths(values, "", paths);
        for (String path : paths) {
            if (OPAQUE.matcher(path).matches() || path.startsWith("adapter.declarations.")) {
                continue;
            }
            Object node = schema;
            for (String key : path.split("\\.")) {
                node = Nodes.at(node, "properties", key);
            }
            assertThat(node).as("schema entry for %s", path).isNotNull();
            assertThat(Nodes.at(node, "description")).as("schema description of %s", path).isNotNull();
        }
    }

    @Test
    void defaultImageTagIsTheChartsAppVersion() throws IOException {
        Map<String, Object> chart = Nodes.map(YAML.load(Files.readString(chart().resolve("Chart.yaml"))));
        Map<String, Object> values = Nodes.map(YAML.load(Files.readString(chart().resolve("values.yaml"))));

        assertThat(chart).containsEntry("apiVersion", "v2").containsEntry("version", "0.1.0").containsEntry("appVersion", "0.1.0");
        assertThat(Nodes.string(values, "image", "tag")).isEqualTo(chart.get("appVersion")).isNotEqualTo("latest");
    }

    @Test
    void nothingDeployedOrDocumentedReachesOutsideTheRepository() throws IOException {
        Path deploy = ChartTools.get().deployDir();
        List<Path> files = new ArrayList<>(List.of(deploy.resolve("README.md"), deploy.resolve("chart-tests/validate.mjs"),
                deploy.resolve("chart-tests/package.json")));
        for (String dir : List.of("helm", "docker")) {
            try (var walk = Files.walk(deploy.resolve(dir))) {
                walk.filter(Files::isRegularFile).forEach(files::add);
            }
        }
        // deploy/ is one level below the root: two levels up, a shared folder or an absolute path is outside.
        Pattern outside = Pattern.compile("\\.\\./\\.\\./|\\bshared/|(^|[\\s(\"'])/work\\b");
        assertThat(files).hasSizeGreaterThan(15);
        for (Path file : files) {
            Matcher matcher = outside.matcher(Files.readString(file));
            assertThat(matcher.find()).as("%s refers outside the repository: %s", file,
                    matcher.find(0) ? matcher.group() : "").isFalse();
        }
    }

    private static void collectPaths(Map<String, Object> node, String prefix, List<String> paths) {
        for (Map.Entry<String, Object> entry : node.entrySet()) {
            String path = prefix + entry.getKey();
            paths.add(path);
            if (entry.getValue() instanceof Map<?, ?> child) {
                collectPaths(Nodes.map(child), path + ".", paths);
            }
        }
    }

    private static Path chart() {
        return ChartTools.get().chartDir();
    }
}
