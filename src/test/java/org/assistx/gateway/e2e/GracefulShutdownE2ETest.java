package org.assistx.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.assistx.gateway.chaos.GatewayProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code SIGTERM} while a message waits for its last retry: the node ends within a 30 s grace period (a
 * container's default), and the stop spends nothing of the message's retry budget: after the restart the
 * last retry is still there and answers it. The budget is one first try and one retry, and the retry's delay
 * (25 s) is longer than the gateway's own shutdown timeouts, so the stop has to cut the wait short.
 */
class GracefulShutdownE2ETest {

    private static final String BUREAU_FAULTS = "/api/v1/ops/simulators/xian-county-bureaus/faults";
    private static final Duration GRACE_PERIOD = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private GatewayProcess gateway;

    @AfterEach
    void close() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void aStopDuringTheWaitForTheLastRetryFitsTheGracePeriodAndSpendsNoAttempt() throws Exception {
        Files.createDirectories(dir.resolve("node"));
        gateway = new GatewayProcess(Path.of("").toAbsolutePath(), dir.resolve("node"), dir.resolve("node.log"), List.of(
                "--assistx.delivery.redelivery.maximum-redeliveries=1",
                "--assistx.delivery.redelivery.initial-delay=25000",
                "--assistx.delivery.redelivery.maximum-delay=25000",
                "--assistx.delivery.stale-after=PT1H",
                "--assistx.rate-limit.requests-per-second=0"));
        gateway.start();
        OpsClient ops = new OpsClient(gateway.port());
        TownshipClient township = new TownshipClient(gateway.port());
        assertThat(ops.post(BUREAU_FAULTS, "{\"mode\": \"HTTP_500\"}").status()).isEqualTo(200);

        TownshipClient.Reply accepted = township.post("/api/v1/verifications", "610113001",
                TownshipClient.tourRequest("shutdown-1", "610104199001011234", "张三"));
        assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
        String id = accepted.body().path("verificationId").asText();
        await("the first attempt failed").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> attempts(township, id) == 1);

        long started = System.nanoTime();
        gateway.stop();
        Duration stopped = Duration.ofNanos(System.nanoTime() - started);
        assertThat(stopped).as("SIGTERM to exit (see %s)", gateway.log()).isLessThan(GRACE_PERIOD);

        gateway.start();   // the bureau's fault lived in the stopped process: it answers now
        JsonNode answered = await("answered by the last retry").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> township.get("/api/v1/verifications/" + id, "610113001").body(),
                        v -> "ANSWERED".equals(v.path("status").asText()));
        assertThat(answered.path("messages").get(0).path("attempts").asInt())
                .as("the first try before the stop and the last retry after it").isEqualTo(2);
    }

    private static int attempts(TownshipClient township, String id) {
        JsonNode messages = township.get("/api/v1/verifications/" + id, "610113001").body().path("messages");
        return messages.isEmpty() ? 0 : messages.get(0).path("attempts").asInt();
    }
}
