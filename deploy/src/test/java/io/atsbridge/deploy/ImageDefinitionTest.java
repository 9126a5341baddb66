package io.atsbridge.deploy;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The container image definition, read as text (no container engine runs here to build it): a pinned,
 * shell-less Java 17 base, a numeric non-root user, exec-form {@code java -jar} of the service's jar, and
 * the same JVM flags the chart sets.
 */
class ImageDefinitionTest {

    private static final List<String> MODULES = List.of("identity-service", "mapping-service", "consent-service",
            "audit-service", "adapter-service", "edge-gateway");

    @Test
    void theBaseIsADistrolessJava17ImagePinnedByDigest() throws IOException {
        String dockerfile = dockerfile();

        assertThat(dockerfile).containsPattern(
                "(?m)^ARG BASE_IMAGE=gcr\\.io/distroless/java17-debian12:nonroot@sha256:[0-9a-f]{64}$");
        assertThat(dockerfile).containsPattern("(?m)^FROM \\$\\{BASE_IMAGE}$");
        assertThat(dockerfile).doesNotContainPattern("(?m)^RUN ");
    }

    @Test
    void theServiceRunsAsANumericNonRootUserFromItsJar() throws IOException {
        String dockerfile = dockerfile();

        assertThat(dockerfile).containsPattern("(?m)^ARG SERVICE$");
        assertThat(dockerfile).contains("COPY --chown=0:0 --chmod=0444 ${SERVICE}/target/${SERVICE}.jar /app/service.jar");
        Matcher user = Pattern.compile("(?m)^USER (\\d+):(\\d+)$").matcher(dockerfile);
        assertThat(user.find()).isTrue();
        assertThat(Integer.parseInt(user.group(1))).isPositive();
        assertThat(Integer.parseInt(user.group(1))).as("the chart's runAsUser").isEqualTo(chartRunAsUser());
        assertThat(dockerfile).containsPattern("(?m)^ENTRYPOINT \\[\"/usr/bin/java\", \"-jar\", \"/app/service.jar\"]$");
    }

    @Test
    void theImageAndTheChartAgreeOnJvmFlags() throws IOException {
        Matcher env = Pattern.compile("(?m)^ENV JAVA_TOOL_OPTIONS=\"([^\"]+)\"$").matcher(dockerfile());
        assertThat(env.find()).isTrue();
        Map<String, Object> values = values();

        assertThat(env.group(1)).isEqualTo(Nodes.string(values, "jvm", "options"))
                .contains("-XX:MaxRAMPercentage=", "-XX:+ExitOnOutOfMemoryError");
    }

    @Test
    void theBuildScriptBuildsAllSixImagesWithAPinnedTag() throws IOException {
        Path script = ChartTools.get().deployDir().resolve("docker/build-images");
        String text = Files.readString(script);

        assertThat(Files.isExecutable(script)).isTrue();
        assertThat(text).startsWith("#!/usr/bin/env bash\n").contains("set -euo pipefail");
        assertThat(text).contains("modules=(" + String.join(" ", MODULES) + ")");
        assertThat(text).contains("image=\"atsbridge/$module:$version\"").contains("-f deploy/docker/Dockerfile");
        for (String module : MODULES) {
            assertThat(Nodes.string(values(), module.equals("edge-gateway") ? "gateway" : module.replace("-service", ""),
                    "image", "repository")).isEqualTo("atsbridge/" + module);
        }
    }

    @Test
    void theBuildContextHoldsOnlyTheJars() throws IOException {
        Path dockerignore = ChartTools.get().deployDir().getParent().resolve(".dockerignore");

        assertThat(Files.readAllLines(dockerignore).stream().filter(l -> !l.isBlank() && !l.startsWith("#")))
                .containsExactly("*", "!*/target/*.jar");
    }

    private static int chartRunAsUser() throws IOException {
        return (Integer) Nodes.at(values(), "pod", "securityContext", "runAsUser");
    }

    private static Map<String, Object> values() throws IOException {
        return Nodes.map(new Yaml(new SafeConstructor(new LoaderOptions()))
                .load(Files.readString(ChartTools.get().chartDir().resolve("values.yaml"))));
    }

    private static String dockerfile() throws IOException {
        return Files.readString(ChartTools.get().deployDir().resolve("docker/Dockerfile"));
    }
}
