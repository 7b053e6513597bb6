package org.learninghealth.cycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every model is what Camunda Modeler 5 saves and passes bpmn-io's own linters with no error and no warning
 * ({@code src/test/modeler}: bpmnlint with {@code recommended} and camunda-compat's {@code camunda-platform-7-24}, dmnlint,
 * and a bpmn-js / dmn-js round trip in headless Chromium). Runs with the machine's Node.js: without Node.js, npm or the
 * npm registry the test is skipped with a message, under {@code CI=true} it fails.
 */
class ModelCheckTest {

    private static final Path PACKAGE = Path.of("src/test/modeler");
    private static final Path INSTALLED = Path.of("target/model-check");
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("LC_TEST_CHROMIUM", "/usr/bin/chromium"));
    private static final boolean CI = "true".equals(System.getenv("CI"));

    record Run(int exit, String output) {
    }

    @BeforeAll
    static void installThePinnedLinters() throws Exception {
        String missing = null;
        if (run(Path.of("."), "node", "--version").exit() != 0 || run(Path.of("."), "npm", "--version").exit() != 0) {
            missing = "no Node.js with npm on the PATH; .ci/run installs it (apt-get install nodejs npm)";
        } else {
            Files.createDirectories(INSTALLED);
            for (String file : List.of("package.json", "package-lock.json", ".bpmnlintrc", ".dmnlintrc", "check-models.mjs")) {
                Files.copy(PACKAGE.resolve(file), INSTALLED.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
            // npm keeps a copy of the lock it installed; a changed lock installs again
            Path installedLock = INSTALLED.resolve("node_modules/.package-lock.json");
            if (!Files.exists(installedLock) || Files.getLastModifiedTime(installedLock).compareTo(Files.getLastModifiedTime(PACKAGE.resolve("package-lock.json"))) < 0) {
                Run install = run(INSTALLED, "npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund");
                if (install.exit() != 0) {
                    missing = "npm could not install " + PACKAGE + " (is the npm registry reachable?):\n" + install.output();
                }
            }
        }
        if (missing != null && CI) {
            throw new IllegalStateException("CI=true but the model check cannot run: " + missing);
        }
        if (missing != null) {
            System.err.println("Skipping the model check: " + missing);
        }
        assumeTrue(missing == null, missing);
    }

    @Test
    void everyModelIsWhatModelerSavesAndPassesTheLinters() throws Exception {
        long models;
        try (var files = Files.list(Path.of("processes"))) {
            models = files.filter(f -> f.toString().endsWith(".bpmn") || f.toString().endsWith(".dmn")).count();
        }
        Run check = check(Path.of("processes").toAbsolutePath());

        assertThat(check.output()).as(check.output()).contains(models + " models checked: 0 problems");
        assertThat(check.exit()).isZero();
        if (Files.isExecutable(CHROMIUM)) {
            assertThat(check.output()).contains("saved again with bpmn-js");
        }
    }

    @Test
    void aFakeJoinAndAFileModelerWouldRewriteAreFound(@TempDir Path folder) throws Exception {
        // two flows into one task without a merging gateway
        Files.writeString(folder.resolve("fake-join.bpmn"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="http://example.org" id="Definitions_1">
                  <bpmn:process id="fake-join" isExecutable="true">
                    <bpmn:startEvent id="Start" name="Started"><bpmn:outgoing>Flow_A</bpmn:outgoing></bpmn:startEvent>
                    <bpmn:sequenceFlow id="Flow_A" sourceRef="Start" targetRef="Task" />
                    <bpmn:task id="Task" name="Work"><bpmn:incoming>Flow_A</bpmn:incoming><bpmn:incoming>Flow_Again</bpmn:incoming><bpmn:outgoing>Flow_B</bpmn:outgoing></bpmn:task>
                    <bpmn:sequenceFlow id="Flow_B" sourceRef="Task" targetRef="Gateway" />
                    <bpmn:exclusiveGateway id="Gateway" name="Again?"><bpmn:incoming>Flow_B</bpmn:incoming><bpmn:outgoing>Flow_Again</bpmn:outgoing><bpmn:outgoing>Flow_Done</bpmn:outgoing></bpmn:exclusiveGateway>
                    <bpmn:sequenceFlow id="Flow_Again" name="again" sourceRef="Gateway" targetRef="Task" />
                    <bpmn:sequenceFlow id="Flow_Done" name="done" sourceRef="Gateway" targetRef="End" />
                    <bpmn:endEvent id="End" name="Done"><bpmn:incoming>Flow_Done</bpmn:incoming></bpmn:endEvent>
                  </bpmn:process>
                </bpmn:definitions>
                """);
        // a model of ours with two attributes in another order than Modeler writes them
        String rollout = Files.readString(Path.of("processes/unit-rollout.bpmn"));
        String reordered = rollout.replaceFirst("cancelActivity=\"false\" attachedToRef=\"([^\"]+)\"", "attachedToRef=\"$1\" cancelActivity=\"false\"");
        assertThat(reordered).isNotEqualTo(rollout);
        Files.writeString(folder.resolve("unit-rollout.bpmn"), reordered);

        Run check = check(folder);

        assertThat(check.exit()).as(check.output()).isEqualTo(1);
        assertThat(check.output()).contains("fake-join.bpmn: Task warning Incoming flows do not join (fake-join)")
                .doesNotContain("unit-rollout.bpmn: Timer");
        if (Files.isExecutable(CHROMIUM)) {
            assertThat(check.output()).contains("unit-rollout.bpmn: not what Camunda Modeler saves").contains("cancelActivity");
        }
    }

    private static Run check(Path folder) throws Exception {
        List<String> command = new ArrayList<>(List.of("node", "check-models.mjs", folder.toAbsolutePath().toString()));
        if (Files.isExecutable(CHROMIUM)) {
            command.addAll(List.of("--chromium", CHROMIUM.toString()));
        } else if (CI) {
            throw new IllegalStateException("CI=true but there is no headless Chromium at " + CHROMIUM + " for the modeler round trip");
        } else {
            System.err.println("The model check runs without the modeler round trip: no headless Chromium at " + CHROMIUM);
            command.add("--no-modeler");
        }
        return run(INSTALLED, command.toArray(String[]::new));
    }

    private static Run run(Path directory, String... command) throws InterruptedException {
        try {
            Path log = Files.createTempFile("model-check", ".log");
            Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return new Run(-1, String.join(" ", command) + " did not finish in 5 minutes");
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            Files.delete(log);
            return new Run(process.exitValue(), output);
        } catch (IOException notFound) {
            return new Run(-1, notFound.getMessage());
        }
    }
}
