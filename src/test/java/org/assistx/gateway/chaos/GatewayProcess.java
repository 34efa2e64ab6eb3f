package org.assistx.gateway.chaos;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.assistx.gateway.GatewayApplication;

/**
 * The gateway as its own operating-system process, started from the test's class path (so with the test
 * profile's settings) on a port of its own, with a data directory that survives it: it can be killed with
 * {@code SIGKILL} and started again on the same store and broker journal. Its output goes to one log file.
 */
public final class GatewayProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    private final Path projectDir;
    private final Path dataDir;
    private final Path log;
    private final int port;
    private final List<String> settings;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Thread reaper = new Thread(this::destroyNow, "chaos-gateway-reaper");
    private Process process;
    private int starts;

    /**
     * @param settings further {@code --name=value} arguments for the gateway (data directory, port and
     *                 broker port are set here)
     */
    public GatewayProcess(Path projectDir, Path dataDir, Path log, List<String> settings) {
        this.projectDir = projectDir;
        this.dataDir = dataDir;
        this.log = log;
        this.port = freePort();
        this.settings = List.copyOf(settings);
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    public int port() {
        return port;
    }

    public Path log() {
        return log;
    }

    public Path dataDir() {
        return dataDir;
    }

    public long pid() {
        return process.pid();
    }

    /** Starts the gateway and waits until it is ready (store and broker up). */
    public void start() {
        starts++;
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // a short-lived process: quick start matters more than peak speed
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx768m",
                "-cp", testClassPath(), GatewayApplication.class.getName(),
                "--spring.profiles.active=test",
                "--server.port=" + port,
                "--assistx.data-dir=" + dataDir,
                "--assistx.broker.tcp-port=0"));
        command.addAll(settings);
        ProcessBuilder builder = new ProcessBuilder(command).directory(projectDir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // nothing of the surrounding shell's gateway settings (database, port, broker) may leak in
        builder.environment().keySet().removeIf(k -> k.startsWith("ASSISTX_"));
        note("=== start " + starts + " at " + Instant.now() + " on port " + port + " ===");
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the gateway: " + command, e);
        }
        await("gateway ready (see " + log + ")").atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(250))
                .until(this::ready);
    }

    private boolean ready() {
        if (!process.isAlive()) {
            throw new IllegalStateException("the gateway exited with " + process.exitValue() + " before it was ready; see "
                    + log);
        }
        try {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(base() + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public String base() {
        return "http://127.0.0.1:" + port;
    }

    /** {@code SIGKILL}: no shutdown hook, no flush, no graceful anything. */
    public void kill() {
        note("=== SIGKILL of pid " + process.pid() + " at " + Instant.now() + " ===");
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
    }

    /** {@code SIGTERM} and a graceful shutdown, so that the store can be opened by another process. */
    public void stop() {
        if (process == null || !process.isAlive()) {
            return;
        }
        note("=== stop (SIGTERM) of pid " + process.pid() + " at " + Instant.now() + " ===");
        process.destroy();
        if (!awaitExit(Duration.ofSeconds(60))) {
            process.destroyForcibly();
            awaitExit(Duration.ofSeconds(30));
        }
    }

    private boolean awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        destroyNow();
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
    }

    private void destroyNow() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            awaitExit(Duration.ofSeconds(30));
        }
    }

    private void note(String line) {
        try {
            Files.writeString(log, line + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + log, e);
        }
    }

    /** Surefire puts the real test class path here when {@code java.class.path} is only its booter jar. */
    private static String testClassPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }
}
