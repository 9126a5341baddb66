package io.atsbridge.launcher;

import io.atsbridge.deploy.Chart;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the Helm chart tells each service's container, read from {@code helm template} output and made
 * runnable on this machine: the container's environment with every {@code secretKeyRef} and
 * {@code configMapKeyRef} resolved from the rendered objects, the files of its mounted Secrets and ConfigMaps
 * written under a local directory (variables naming them pointed there), and the other services' addresses
 * ({@code atsbridge-identity:9101}, names only the cluster's DNS knows) pointed at loopback. Nothing else is
 * added or changed, so a service that runs from this environment runs from what the chart sets.
 */
final class ChartDeployment {

    /** One component's container as the chart renders it. */
    record Container(String component, Map<String, String> environment, String memoryLimit) {
    }

    private static final Pattern CLUSTER_ADDRESS = Pattern.compile("^[a-z0-9-]+:(\\d+)$");

    private final Chart.Rendered rendered;
    private final Path files;

    private ChartDeployment(Chart.Rendered rendered, Path files) {
        this.rendered = rendered;
        this.files = files;
    }

    /**
     * Renders the chart with a values file.
     *
     * @param values the values file
     * @param files  where mounted files are written
     */
    static ChartDeployment render(Path values, Path files) {
        return new ChartDeployment(Chart.parse(Chart.template(List.of("--values", values.toString()))
                .requireSuccess().stdout()), files);
    }

    /** The container of a component ({@code identity}, ..., {@code gateway}). */
    Container container(String component) throws IOException {
        Map<String, Object> deployment = rendered.deployment(component);
        Map<String, Object> pod = map(map(map(deployment.get("spec")).get("template")).get("spec"));
        Map<String, Object> container = map(list(pod.get("containers")).get(0));
        Map<String, String> mounts = mountFiles(component, pod, container);
        Map<String, String> environment = new LinkedHashMap<>();
        for (Object item : list(container.get("env"))) {
            Map<String, Object> variable = map(item);
            String name = (String) variable.get("name");
            String value = variable.containsKey("value") ? String.valueOf(variable.get("value"))
                    : resolve(map(variable.get("valueFrom")));
            environment.put(name, local(name, value, mounts));
        }
        Map<String, Object> limits = map(map(container.get("resources")).get("limits"));
        return new Container(component, environment, String.valueOf(limits.get("memory")));
    }

    /** The rendered objects, for assertions. */
    Chart.Rendered rendered() {
        return rendered;
    }

    /** Writes each mounted Secret or ConfigMap's keys as files; mount path → local directory. */
    private Map<String, String> mountFiles(String component, Map<String, Object> pod, Map<String, Object> container)
            throws IOException {
        Map<String, Map<String, Object>> volumes = new LinkedHashMap<>();
        for (Object volume : list(pod.get("volumes"))) {
            volumes.put((String) map(volume).get("name"), map(volume));
        }
        Map<String, String> mounts = new LinkedHashMap<>();
        for (Object item : list(container.get("volumeMounts"))) {
            Map<String, Object> mount = map(item);
            Map<String, Object> volume = volumes.get((String) mount.get("name"));
            Map<String, String> data;
            if (volume.containsKey("secret")) {
                data = secretData((String) map(volume.get("secret")).get("secretName"));
            } else if (volume.containsKey("configMap")) {
                data = configMapData((String) map(volume.get("configMap")).get("name"));
            } else {
                continue; // an emptyDir (/tmp): the local file system has one
            }
            Path directory = files.resolve(component).resolve((String) mount.get("name"));
            Files.createDirectories(directory);
            for (Map.Entry<String, String> file : data.entrySet()) {
                Files.writeString(directory.resolve(file.getKey()), file.getValue());
            }
            mounts.put((String) mount.get("mountPath"), directory.toString());
        }
        return mounts;
    }

    private String resolve(Map<String, Object> valueFrom) {
        if (valueFrom.containsKey("secretKeyRef")) {
            Map<String, Object> ref = map(valueFrom.get("secretKeyRef"));
            return required(secretData((String) ref.get("name")), (String) ref.get("key"), "Secret " + ref.get("name"));
        }
        if (valueFrom.containsKey("configMapKeyRef")) {
            Map<String, Object> ref = map(valueFrom.get("configMapKeyRef"));
            return required(configMapData((String) ref.get("name")), (String) ref.get("key"), "ConfigMap " + ref.get("name"));
        }
        throw new AssertionError("a variable the test cannot resolve: " + valueFrom);
    }

    private Map<String, String> secretData(String name) {
        Map<String, Object> secret = rendered.get("Secret", name);
        Map<String, String> data = new LinkedHashMap<>();
        map(secret.get("data")).forEach((key, value) -> data.put(key,
                new String(Base64.getDecoder().decode(String.valueOf(value)), StandardCharsets.UTF_8)));
        map(secret.get("stringData")).forEach((key, value) -> data.put(key, String.valueOf(value)));
        return data;
    }

    private Map<String, String> configMapData(String name) {
        Map<String, String> data = new LinkedHashMap<>();
        map(rendered.get("ConfigMap", name).get("data")).forEach((key, value) -> data.put(key, String.valueOf(value)));
        return data;
    }

    /** A peer's cluster address becomes loopback with the same port; a path under a mount becomes the local file. */
    private static String local(String name, String value, Map<String, String> mounts) {
        Matcher address = CLUSTER_ADDRESS.matcher(value);
        if (name.startsWith("ATSBRIDGE_PEERS_") && name.endsWith("_ADDRESS") && address.matches()) {
            return "127.0.0.1:" + address.group(1);
        }
        for (Map.Entry<String, String> mount : mounts.entrySet()) {
            if (value.startsWith(mount.getKey() + "/")) {
                return mount.getValue() + value.substring(mount.getKey().length());
            }
        }
        return value;
    }

    private static String required(Map<String, String> data, String key, String where) {
        String value = data.get(key);
        if (value == null) {
            throw new AssertionError(where + " has no key " + key + " (keys: " + data.keySet() + ")");
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    private static List<Object> list(Object value) {
        return value == null ? List.of() : new ArrayList<>((List<?>) value);
    }
}
