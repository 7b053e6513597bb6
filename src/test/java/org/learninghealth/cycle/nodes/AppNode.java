package org.learninghealth.cycle.nodes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.learninghealth.cycle.LearningCycleApplication;

/**
 * The application in a JVM of its own, started from the test's class path, so a test can run several nodes or kill
 * one with SIGKILL. Its output goes to {@code target/nodes/<name>.log}.
 */
public final class AppNode implements AutoCloseable {

    private static final Duration READY_WITHIN = Duration.ofSeconds(180);

    private final String name;
    private final int port;
    private final Path log;
    private final Process process;

    private AppNode(String name, int port, Path log, Process process) {
        this.name = name;
        this.port = port;
        this.log = log;
        this.process = process;
    }

    /**
     * Starts a node and waits until its readiness probe answers UP.
     *
     * @param env  environment variables on top of this JVM's
     * @param args application arguments ({@code --property=value}), which win over every other source
     */
    public static AppNode start(String name, Map<String, String> env, List<String> args) {
        return start(name, LearningCycleApplication.class, List.of("-Xmx768m", "-XX:TieredStopAtLevel=1"), env, args);
    }

    /** Starts {@code main} (a Spring Boot application on the test's class path) with these JVM options; see {@link #start(String, Map, List)}. */
    public static AppNode start(String name, Class<?> main, List<String> jvmOptions, Map<String, String> env, List<String> args) {
        int port = freePort();
        Path log = Path.of("target", "nodes", name + ".log");
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                main.getName(), "--server.port=" + port, "--spring.main.banner-mode=off",
                // the hostname goes into Camunda's job log, which tells which node ran a job
                "--camunda.bpm.generic-properties.properties.hostname=" + name,
                // no history cleanup job: the job log must show each job once, whatever the hour the tests run
                "--learning-cycle.history-cleanup.window="));
        command.addAll(args);
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
            builder.environment().putAll(env);
            AppNode node = new AppNode(name, port, log, builder.start());
            node.awaitReady();
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String name() {
        return name;
    }

    /** The node's operating-system process, for {@code jcmd}. */
    public long pid() {
        return process.pid();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public NodeClient client() {
        return new NodeClient(baseUrl());
    }

    /** SIGKILL: no shutdown hook, no connection closed, whatever was in flight stays where it was. */
    public void kill() {
        process.destroyForcibly();
        waitForExit();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            waitForExit();
        }
    }

    private void waitForExit() {
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitReady() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Node " + name + " exited with " + process.exitValue() + " before it was ready:\n" + tail());
            }
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health/readiness"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            sleep(Duration.ofMillis(500));
        }
        kill();
        throw new IllegalStateException("Node " + name + " was not ready within " + READY_WITHIN + ":\n" + tail());
    }

    private String tail() {
        try {
            // without stack frames: what went wrong, not where
            List<String> lines = Files.readAllLines(log).stream().filter(l -> !l.startsWith("\tat ") && !l.startsWith("\t... ")).toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }

    public static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
