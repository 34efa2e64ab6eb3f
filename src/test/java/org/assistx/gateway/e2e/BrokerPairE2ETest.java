package org.assistx.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.assistx.gateway.GatewayTestSupport;
import org.assistx.gateway.simulator.SimulatorReplies;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway on the shipped broker pair ({@code docs/deploy/broker-pair/}): two Artemis brokers, each an
 * operating-system process of its own, sharing one journal. The primary is killed with {@code SIGKILL} while
 * verifications are in flight; the backup takes the journal over, the gateway's connections fail over to it
 * by themselves (the URL the deployment guide gives), and every verification accepted before, during and
 * after the fail-over is answered exactly once, without the stale sweep ({@code stale-after} is an hour).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext
class BrokerPairE2ETest {

    private static final String TOWNSHIP = "610113001";
    private static final String PARTNER = "xian-county-bureaus";
    private static Node primary;
    private static Node backup;

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) throws Exception {
        Path dir = GatewayTestSupport.freshDataDir(registry, "broker-pair");
        Path shared = dir.resolve("shared-journal");
        int primaryPort = ExternalBroker.freePort();
        int backupPort = ExternalBroker.freePort();
        primary = Node.start("primary", shared, primaryPort, backupPort, dir.resolve("primary.log"));
        primary.awaitLine("BROKER ACTIVE primary");
        backup = Node.start("backup", shared, backupPort, primaryPort, dir.resolve("backup.log"));
        backup.awaitLine("BROKER STARTED backup");
        ExternalBroker.gatewayOnBroker(registry, primaryPort);
        // the URL docs/deploy.md gives for a pair
        registry.add("spring.artemis.broker-url", () -> "(tcp://127.0.0.1:" + primaryPort + ",tcp://127.0.0.1:"
                + backupPort + ")?ha=true&reconnectAttempts=-1&retryInterval=200&retryIntervalMultiplier=1.5"
                + "&maxRetryInterval=2000");
    }

    /** Stops the brokers after the gateway's listeners stopped. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Servers {
        @Bean
        DisposableBean stopBrokersLast() {
            return () -> {
                backup.close();
                primary.close();
            };
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    SimulatorReplies replies;

    @Test
    void verificationsInFlightWhenThePrimaryDiesAreAnsweredOnceThroughTheBackup() {
        TownshipClient township = new TownshipClient(port);
        int before = replies.answered(PARTNER);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ids.add(submit(township, "pair-before-" + i));
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> status(township, ids.get(0)).equals("ANSWERED"));
        for (int i = 10; i < 20; i++) {
            ids.add(submit(township, "pair-during-" + i));
        }
        primary.kill();
        backup.awaitLine("BROKER ACTIVE backup");
        for (int i = 20; i < 30; i++) {
            ids.add(submit(township, "pair-after-" + i));
        }

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .untilAsserted(() -> assertThat(ids.stream().map(id -> status(township, id)).toList())
                        .as("statuses (broker logs: %s, %s)", primary.log, backup.log)
                        .containsOnly("ANSWERED"));
        assertThat(replies.answered(PARTNER) - before).as("one effect at the partner per verification")
                .isEqualTo(ids.size());
    }

    private static String submit(TownshipClient township, String requestId) {
        TownshipClient.Reply r = township.post("/api/v1/verifications", TOWNSHIP,
                TownshipClient.tourRequest(requestId, "610104199001011234", "张三"));
        // a submission made while the connections fail over may wait for them, but is never refused or lost
        assertThat(r.status()).as(r.text()).isEqualTo(202);
        return r.body().path("verificationId").asText();
    }

    private static String status(TownshipClient township, String id) {
        return township.get("/api/v1/verifications/" + id, TOWNSHIP).body().path("status").asText();
    }

    /** A {@link BrokerNode} process with its output in a log file. */
    static final class Node implements AutoCloseable {

        private final Process process;
        private final Path log;

        private Node(Process process, Path log) {
            this.process = process;
            this.log = log;
        }

        static Node start(String role, Path shared, int port, int peerPort, Path log) throws IOException {
            Files.createDirectories(log.getParent());
            String classPath = System.getProperty("surefire.test.class.path");
            List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m",
                    "-cp", classPath != null && !classPath.isBlank() ? classPath : System.getProperty("java.class.path"),
                    BrokerNode.class.getName(), role, shared.toString(), String.valueOf(port), String.valueOf(peerPort));
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            Node node = new Node(process, log);
            Runtime.getRuntime().addShutdownHook(new Thread(node::close));
            return node;
        }

        void awaitLine(String line) {
            await(line + " (see " + log + ")").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("the broker exited with " + process.exitValue() + "; see " + log);
                        }
                        return Files.readString(log, StandardCharsets.UTF_8).contains(line);
                    });
        }

        /** {@code SIGKILL}: no shutdown hook; the operating system releases the journal's lock. */
        void kill() {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close() {
            if (process.isAlive()) {
                process.destroy();
                try {
                    if (!process.waitFor(30, TimeUnit.SECONDS)) {
                        kill();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
