package io.atsbridge.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The packaged {@code atsbridge.jar} run as a real process, with its output collected line by line. */
final class LauncherProcess implements AutoCloseable {

    private final Process process;
    private final List<String> stdout = Collections.synchronizedList(new ArrayList<>());
    private final List<String> stderr = Collections.synchronizedList(new ArrayList<>());

    private final Thread stdoutReader;
    private final Thread stderrReader;

    private LauncherProcess(Process process) {
        this.process = process;
        this.stdoutReader = drain(process.getInputStream(), stdout);
        this.stderrReader = drain(process.getErrorStream(), stderr);
    }

    /** Runs {@code java [javaArgs] } with the given environment additions. */
    static LauncherProcess start(Map<String, String> environment, String... javaArgs) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.addAll(List.of(javaArgs));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        return new LauncherProcess(builder.start());
    }

    /**
     * Runs {@code java [javaArgs]} with only {@code environment} and what a process needs to run at all
     * ({@code PATH}, {@code HOME}): a service configured by nothing but the variables given, as in a container.
     */
    static LauncherProcess startIsolated(Map<String, String> environment, String... javaArgs) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(javaArgs));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> inherited = builder.environment();
        inherited.keySet().retainAll(List.of("PATH", "HOME"));
        inherited.putAll(environment);
        return new LauncherProcess(builder.start());
    }

    /** The runnable jar of a service module, e.g. {@code identity-service/target/identity-service.jar}. */
    static String serviceJar(String module) {
        Path jar = Path.of("..", module, "target", module + ".jar").toAbsolutePath().normalize();
        if (!java.nio.file.Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing; run with ./mvnw verify (the package phase writes it)");
        }
        return jar.toString();
    }

    static String jar() {
        String jar = System.getProperty("atsbridge.jar");
        if (jar == null) {
            throw new IllegalStateException("system property atsbridge.jar is not set; run with ./mvnw verify");
        }
        return jar;
    }

    private static Thread drain(java.io.InputStream stream, List<String> into) {
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    into.add(line);
                }
            } catch (IOException e) {
                into.add("<<read failed: " + e.getMessage() + ">>");
            }
        });
        reader.setDaemon(true);
        reader.start();
        return reader;
    }

    /** After the process ended: waits until everything it wrote has been read. */
    private void awaitOutput() throws InterruptedException {
        stdoutReader.join(5_000);
        stderrReader.join(5_000);
    }

    List<String> stdout() {
        synchronized (stdout) {
            return List.copyOf(stdout);
        }
    }

    List<String> stderr() {
        synchronized (stderr) {
            return List.copyOf(stderr);
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Sends SIGTERM (what Ctrl-C's SIGINT also triggers: the shutdown hooks) and waits. */
    int stop(long seconds) throws InterruptedException {
        // Through the handle: Process.destroy() would also close the output streams before they are read.
        process.toHandle().destroy();
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("process did not stop within " + seconds + " s; output: " + stdout());
        }
        awaitOutput();
        return process.exitValue();
    }

    /** The operating system's id of the process. */
    long pid() {
        return process.pid();
    }

    /**
     * Kills the process at once, as a crash or the OOM killer would: SIGKILL on Linux and macOS (through
     * the handle, like {@link #stop}), so no shutdown hook runs. Waits until it is gone.
     *
     * @return the exit code (137, that is 128 + SIGKILL, on Linux)
     */
    int kill(long seconds) throws InterruptedException {
        process.toHandle().destroyForcibly();
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            throw new AssertionError("process " + process.pid() + " still runs " + seconds + " s after SIGKILL");
        }
        awaitOutput();
        return process.exitValue();
    }

    int waitFor(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("process did not exit within " + seconds + " s; output: " + stdout() + stderr());
        }
        awaitOutput();
        return process.exitValue();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
