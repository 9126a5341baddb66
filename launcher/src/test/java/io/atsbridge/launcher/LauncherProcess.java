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

    private LauncherProcess(Process process) {
        this.process = process;
        drain(process.getInputStream(), stdout);
        drain(process.getErrorStream(), stderr);
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

    static String jar() {
        String jar = System.getProperty("atsbridge.jar");
        if (jar == null) {
            throw new IllegalStateException("system property atsbridge.jar is not set; run with ./mvnw verify");
        }
        return jar;
    }

    private static void drain(java.io.InputStream stream, List<String> into) {
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
        process.destroy();
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("process did not stop within " + seconds + " s; output: " + stdout());
        }
        return process.exitValue();
    }

    int waitFor(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("process did not exit within " + seconds + " s; output: " + stdout() + stderr());
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
