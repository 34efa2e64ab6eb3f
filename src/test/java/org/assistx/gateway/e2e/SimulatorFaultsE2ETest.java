package org.assistx.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.assistx.gateway.GatewayTestSupport;
import org.assistx.gateway.simulator.SimulatorReplies;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Faults injected into the county-bureau SOAP simulator through the operations API, over real HTTP, SOAP,
 * broker and database: what the gateway retries, what it refuses at once, and that the partner never sees
 * a request's effect twice.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class SimulatorFaultsE2ETest {

    private static final String BUREAU = "/api/v1/ops/simulators/xian-county-bureaus/faults";

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        GatewayTestSupport.freshDataDir(registry, "simulator-faults");
        registry.add("assistx.ops.partner-probe-interval", () -> "PT0S");
    }

    @LocalServerPort
    int port;

    @Autowired
    SimulatorReplies replies;

    TownshipClient township;
    OpsClient ops;

    @BeforeEach
    void clients() {
        township = new TownshipClient(port);
        ops = new OpsClient(port);
    }

    @AfterEach
    void clear() {
        ops.delete(BUREAU);
    }

    private String submit(String requestId) {
        TownshipClient.Reply r = township.post("/api/v1/verifications", "610113001",
                TownshipClient.tourRequest(requestId, "610104199001011234", "张三"));
        assertThat(r.status()).isEqualTo(202);
        return r.body().path("verificationId").asText();
    }

    private JsonNode awaitStatus(String id, String status) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> township.get("/api/v1/verifications/" + id, "610113001").body(),
                        b -> status.equals(b.path("status").asText()));
    }

    private JsonNode deadLetterOf(String verificationId) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> {
            for (JsonNode d : ops.get("/api/v1/ops/dead-letters").body()) {
                if (verificationId.equals(d.path("verificationId").asText())) {
                    return d;
                }
            }
            return null;
        }, d -> d != null);
    }

    @Test
    void faultsAreSetListedAndClearedThroughTheOperationsApi() {
        TownshipClient.Reply set = ops.post(BUREAU, "{\"mode\": \"DROP_EVERY_NTH\", \"n\": 5}");
        assertThat(set.status()).isEqualTo(200);
        assertThat(set.body().path("mode").asText()).isEqualTo("DROP_EVERY_NTH");
        assertThat(set.body().path("n").asInt()).isEqualTo(5);
        assertThat(set.body().path("delayMs").asLong()).isEqualTo(2000);
        JsonNode list = ops.get("/api/v1/ops/simulators/faults").body();
        assertThat(list.findValuesAsText("partnerId")).containsExactly("xian-county-bureaus");

        assertThat(ops.delete(BUREAU).status()).isEqualTo(204);
        assertThat(ops.get("/api/v1/ops/simulators/faults").body()).isEmpty();

        TownshipClient.Reply badMode = ops.post(BUREAU, "{\"mode\": \"ON_FIRE\"}");
        assertThat(badMode.status()).isEqualTo(400);
        assertThat(badMode.body().path("errors").get(0).path("code").asText()).isEqualTo("INVALID_FIELD");
        TownshipClient.Reply badN = ops.post(BUREAU, "{\"mode\": \"DROP_EVERY_NTH\", \"n\": 0}");
        assertThat(badN.status()).isEqualTo(400);
        assertThat(badN.body().path("errors").get(0).path("field").asText()).isEqualTo("n");
        TownshipClient.Reply unknown = ops.post("/api/v1/ops/simulators/nobody-99/faults", "{\"mode\": \"DOWN\"}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().path("errors").get(0).path("code").asText()).isEqualTo("NOT_FOUND");
        assertThat(ops.post("/api/v1/ops/simulators/guangdong-44/faults", "{\"mode\": \"GARBAGE\"}").status())
                .isEqualTo(200);
        assertThat(ops.delete("/api/v1/ops/simulators/guangdong-44/faults").status()).isEqualTo(204);

        assertThat(ops.get("/api/v1/ops/actions").body().findValuesAsText("action"))
                .contains("SIMULATOR_FAULT_SET", "SIMULATOR_FAULT_CLEAR");
    }

    @Test
    void serverErrorsAreRetriedAndEndAsADeadLetterThatReplaysOnceTheFaultIsCleared() {
        assertThat(ops.post(BUREAU, "{\"mode\": \"HTTP_500\"}").status()).isEqualTo(200);
        String id = submit("sim-fault-500");
        JsonNode undetermined = awaitStatus(id, "UNDETERMINED");
        assertThat(undetermined.path("messages").get(0).path("attempts").asInt()).as("first try and 2 retries")
                .isEqualTo(3);
        JsonNode dead = deadLetterOf(id);
        assertThat(dead.path("reasonCode").asText()).isEqualTo("TRANSPORT_FAILED");

        assertThat(ops.delete(BUREAU).status()).isEqualTo(204);
        assertThat(ops.post("/api/v1/ops/dead-letters/" + dead.path("id").asText() + "/replay", "{}").status())
                .isEqualTo(200);
        assertThat(awaitStatus(id, "ANSWERED").path("result").path("outcome").asText()).isEqualTo("NOT_RECEIVING");
    }

    @Test
    void aNoticeThatCannotBeDeliveredIsADeadLetterOfItsOwnAndReplaysWithoutTouchingItsVerification() {
        String id = submit("sim-fault-notice");
        awaitStatus(id, "ANSWERED");
        assertThat(ops.post(BUREAU, "{\"mode\": \"HTTP_500\"}").status()).isEqualTo(200);
        TownshipClient.Reply approval = township.post("/api/v1/verifications/" + id + "/approval", "610113001",
                "{\"decision\":\"APPROVED\",\"decidedOn\":\"" + java.time.LocalDate.now() + "\",\"monthlyAmount\":\"850.00\"}");
        assertThat(approval.status()).as(approval.text()).isEqualTo(200);
        String noticeId = approval.body().path("noticeMessageId").asText();

        JsonNode dead = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            for (JsonNode d : ops.get("/api/v1/ops/dead-letters").body()) {
                if (noticeId.equals(d.path("noticeId").asText())) {
                    return d;
                }
            }
            return null;
        }, d -> d != null);
        assertThat(dead.path("kind").asText()).isEqualTo("NOTICE");
        assertThat(dead.path("partner").asText()).isEqualTo("xian-county-bureaus");
        assertThat(dead.path("reasonCode").asText()).isEqualTo("TRANSPORT_FAILED");
        assertThat(awaitStatus(id, "ANSWERED").path("result").path("outcome").asText())
                .as("a failed notice never changes its verification").isEqualTo("NOT_RECEIVING");

        assertThat(ops.delete(BUREAU).status()).isEqualTo(204);
        TownshipClient.Reply replay = ops.post("/api/v1/ops/dead-letters/" + dead.path("id").asText() + "/replay", "{}");
        assertThat(replay.status()).as(replay.text()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            for (JsonNode m : township.get("/api/v1/verifications/" + id, "610113001").body().path("messages")) {
                if (noticeId.equals(m.path("messageId").asText())) {
                    return m.path("status").asText();
                }
            }
            return "";
        }, "DELIVERED"::equals);
    }

    @Test
    void aBadSignatureIsRefusedAtOnceWithoutRetries() {
        assertThat(ops.post(BUREAU, "{\"mode\": \"BAD_SIGNATURE\"}").status()).isEqualTo(200);
        String id = submit("sim-fault-badsig");
        JsonNode undetermined = awaitStatus(id, "UNDETERMINED");
        assertThat(undetermined.path("messages").get(0).path("attempts").asInt()).isEqualTo(1);
        assertThat(deadLetterOf(id).path("reasonCode").asText()).isNotEqualTo("TRANSPORT_FAILED");
    }

    @Test
    void lostAnswersAndDoubleTakesHaveOneEffectAtThePartner() {
        int before = replies.answered("xian-county-bureaus");
        assertThat(ops.post(BUREAU, "{\"mode\": \"DROP_EVERY_NTH\", \"n\": 1}").status()).isEqualTo(200);
        String dropped = submit("sim-fault-drop");
        await().atMost(Duration.ofSeconds(10)).until(() -> replies.answered("xian-county-bureaus") == before + 1);
        assertThat(ops.delete(BUREAU).status()).isEqualTo(204);

        assertThat(ops.post(BUREAU, "{\"mode\": \"TWICE\"}").status()).isEqualTo(200);
        String twice = submit("sim-fault-twice");
        assertThat(awaitStatus(twice, "ANSWERED").path("result").path("outcome").asText()).isEqualTo("NOT_RECEIVING");

        JsonNode droppedEnd = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> township.get("/api/v1/verifications/" + dropped, "610113001").body(),
                        b -> !"ACCEPTED".equals(b.path("status").asText()) && !"SENT".equals(b.path("status").asText()));
        assertThat(droppedEnd.path("status").asText()).isIn("ANSWERED", "UNDETERMINED");
        assertThat(replies.answered("xian-county-bureaus")).as("one effect per request message").isEqualTo(before + 2);
    }
}
