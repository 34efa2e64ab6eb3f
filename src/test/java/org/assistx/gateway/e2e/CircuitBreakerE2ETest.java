package org.assistx.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
 * The circuit breaker in front of each partner, operator suspension of a partner, and the maximum age of a
 * delivery, over real HTTP, SOAP, REST, broker and database. The partner folders are a copy in which the
 * county bureaus get a small breaker (3 calls, 50 %, open for 3 s) and Guangdong a short maximum age.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class CircuitBreakerE2ETest {

    private static final String BUREAU = "xian-county-bureaus";
    private static final String BUREAU_FAULTS = "/api/v1/ops/simulators/" + BUREAU + "/faults";
    private static final String GUANGDONG_FAULTS = "/api/v1/ops/simulators/guangdong-44/faults";

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        Path data = GatewayTestSupport.freshDataDir(registry, "circuit-breaker");
        Path partners = PartnerSwitch.copyPartners(data).directory();
        edit(partners.resolve(BUREAU).resolve("partner.yaml"), text -> text + """
                circuitBreaker:
                  failureRateThreshold: 50
                  slidingWindowSize: 3
                  minimumNumberOfCalls: 3
                  waitDurationInOpenState: PT3S
                  permittedCallsInHalfOpenState: 1
                """);
        edit(partners.resolve("guangdong-44").resolve("partner.yaml"), text -> text.replaceFirst(
                "(?s)retry:.*?\\ncircuitBreaker:", """
                retry:
                  maximumRedeliveries: 100
                  initialDelay: PT0.3S
                  multiplier: 1.0
                  maximumDelay: PT0.3S
                  maximumAge: PT3S
                circuitBreaker:"""));
        // Guangdong's breaker must not open during the max-age test: at 0.3 s a retry, ten failed calls fit in
        // its 3 s on a quick machine, and an open breaker (PT1M) holds the message past the test's wait; twenty
        // calls (its whole window) need 6 s
        edit(partners.resolve("guangdong-44").resolve("partner.yaml"), text -> text.replaceFirst(
                "minimumNumberOfCalls: 10\\b", "minimumNumberOfCalls: 20"));
        registry.add("assistx.partners.directory", partners::toString);
        registry.add("assistx.delivery.redelivery.maximum-redeliveries", () -> "5");
        registry.add("assistx.ops.partner-probe-interval", () -> "PT0S");
        registry.add("assistx.delivery.stale-after", () -> "PT3S");
    }

    private static void edit(Path file, java.util.function.UnaryOperator<String> change) {
        try {
            String before = Files.readString(file);
            String after = change.apply(before);
            assertThat(after).isNotEqualTo(before);
            Files.writeString(file, after);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    SimulatorReplies replies;

    @Autowired
    jakarta.jms.ConnectionFactory connectionFactory;

    TownshipClient township;
    OpsClient ops;

    @BeforeEach
    void clients() {
        township = new TownshipClient(port);
        ops = new OpsClient(port);
    }

    @AfterEach
    void restore() {
        ops.delete(BUREAU_FAULTS);
        ops.delete(GUANGDONG_FAULTS);
        ops.post("/api/v1/ops/partners/" + BUREAU + "/resume", "{}");
    }

    private String submit(String requestId) {
        TownshipClient.Reply r = township.post("/api/v1/verifications", "610113001",
                TownshipClient.tourRequest(requestId, "610104199001011234", "张三"));
        assertThat(r.status()).as(r.text()).isEqualTo(202);
        return r.body().path("verificationId").asText();
    }

    private JsonNode verification(String id) {
        return township.get("/api/v1/verifications/" + id, "610113001").body();
    }

    private JsonNode awaitStatus(String id, String status) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> verification(id), b -> status.equals(b.path("status").asText()));
    }

    private JsonNode delivery() {
        return ops.get("/api/v1/ops/partners/" + BUREAU + "/delivery").body();
    }

    private JsonNode partnerHealth() {
        return ops.get("/api/v1/ops/health/partners/" + BUREAU).body();
    }

    @Test
    void aFailingPartnerOpensItsBreakerItsMessagesWaitUnsentAndAllAreAnsweredOnceItRecovers() {
        int answeredBefore = replies.answered(BUREAU);
        assertThat(ops.post(BUREAU_FAULTS, "{\"mode\": \"HTTP_500\"}").status()).isEqualTo(200);
        String first = submit("breaker-1");

        // three failed calls open the breaker; the fourth try is not made, the message waits instead
        JsonNode open = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(this::delivery, d -> "WAITING_FOR_PARTNER".equals(d.path("flow").asText()));
        assertThat(open.path("circuitBreaker").asText()).isIn("OPEN", "HALF_OPEN");
        assertThat(verification(first).path("status").asText()).as("waits, not UNDETERMINED").isEqualTo("SENT");
        JsonNode health = partnerHealth();
        assertThat(health.path("health").asText()).isEqualTo("DOWN");
        assertThat(health.path("healthReason").asText()).startsWith("CIRCUIT_OPEN");
        assertThat(health.path("circuitBreaker").asText()).isEqualTo("OPEN");
        JsonNode actuator = ops.get("/actuator/health/partners/" + BUREAU).body();
        assertThat(actuator.path("status").asText()).isEqualTo("DOWN");
        assertThat(actuator.path("details").path("circuitBreaker").asText()).isEqualTo("OPEN");

        // while open, new requests are queued for the partner and not sent at all
        List<String> later = List.of(submit("breaker-2"), submit("breaker-3"));
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> partnerHealth().path("queued").asLong(), q -> q >= 2);
        for (String id : later) {
            JsonNode v = verification(id);
            assertThat(v.path("status").asText()).isEqualTo("ACCEPTED");
            assertThat(v.path("messages")).as("no request signed or sent while the breaker is open").isEmpty();
        }
        int attemptsWhileOpen = verification(first).path("messages").get(0).path("attempts").asInt();

        // the partner recovers: the next half-open trial succeeds, the breaker closes, all are answered once
        assertThat(ops.delete(BUREAU_FAULTS).status()).isEqualTo(204);
        for (String id : List.of(first, later.get(0), later.get(1))) {
            JsonNode answered = awaitStatus(id, "ANSWERED");
            assertThat(answered.path("result").path("outcome").asText()).isEqualTo("NOT_RECEIVING");
        }
        assertThat(replies.answered(BUREAU) - answeredBefore).as("each request had one effect").isEqualTo(3);
        assertThat(verification(first).path("messages").get(0).path("attempts").asInt())
                .as("calls while open: none, only half-open trials").isLessThanOrEqualTo(attemptsWhileOpen + 2);
        assertThat(delivery().path("circuitBreaker").asText()).isEqualTo("CLOSED");
        assertThat(delivery().path("flow").asText()).isEqualTo("FLOWING");
    }

    @Test
    void anOperatorSuspendsAPartnerItsMessagesWaitAndResumeDeliversThem() {
        TownshipClient.Reply noReason = ops.post("/api/v1/ops/partners/" + BUREAU + "/suspend", "{}");
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.body().path("errors").get(0).path("code").asText()).isEqualTo("REASON_REQUIRED");
        assertThat(ops.post("/api/v1/ops/partners/nobody-99/suspend", "{\"reason\": \"x\"}").status()).isEqualTo(404);

        TownshipClient.Reply suspended = ops.post("/api/v1/ops/partners/" + BUREAU + "/suspend",
                "{\"reason\": \"county bureau maintenance window\"}");
        assertThat(suspended.status()).as(suspended.text()).isEqualTo(200);
        assertThat(suspended.body().path("flow").asText()).isEqualTo("SUSPENDED");
        assertThat(suspended.body().path("suspension").path("reason").asText()).isEqualTo("county bureau maintenance window");
        assertThat(suspended.body().path("routeStatus").asText()).isEqualTo("Suspended");

        String id = submit("suspended-1");
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> partnerHealth().path("queued").asLong(), q -> q >= 1);
        assertThat(verification(id).path("status").asText()).isEqualTo("ACCEPTED");
        JsonNode health = partnerHealth();
        assertThat(health.path("health").asText()).isEqualTo("SUSPENDED");
        assertThat(health.path("healthReason").asText()).contains("county bureau maintenance window");
        assertThat(ops.get("/actuator/health/partners/" + BUREAU).body().path("status").asText())
                .isEqualTo("OUT_OF_SERVICE");

        TownshipClient.Reply resumed = ops.post("/api/v1/ops/partners/" + BUREAU + "/resume", "{}");
        assertThat(resumed.status()).isEqualTo(200);
        assertThat(resumed.body().path("flow").asText()).isEqualTo("FLOWING");
        awaitStatus(id, "ANSWERED");

        JsonNode actions = ops.get("/api/v1/ops/actions").body();
        assertThat(actions.findValuesAsText("action")).contains("PARTNER_SUSPEND", "PARTNER_RESUME");
        assertThat(actions.findValuesAsText("operator")).contains("demo-operator");
    }

    @Test
    void aVerificationWhoseQueuedMessageWasLostIsPutBackIntoDeliveryByTheSweep() {
        String dispatch = "/api/v1/ops/routes/core-verification-dispatch";
        assertThat(ops.post(dispatch + "/stop", "{\"reason\": \"test\"}").status()).isEqualTo(200);
        String id;
        try {
            id = submit("stale-1");
            // the queued id is lost (as a broker fault could lose it): taken off the queue and thrown away
            org.springframework.jms.core.JmsTemplate jms = new org.springframework.jms.core.JmsTemplate(connectionFactory);
            jms.setReceiveTimeout(5000);
            jakarta.jms.Message lost;
            do {
                lost = jms.receive("assistx.core.verifications");
            } while (lost != null && !id.equals(bodyOf(lost)));
            assertThat(lost).isNotNull();
        } finally {
            assertThat(ops.post(dispatch + "/start", "{}").status()).isEqualTo(200);
        }
        assertThat(verification(id).path("status").asText()).isEqualTo("ACCEPTED");
        // nothing happens to it for stale-after (3 s here): the sweep puts it back into delivery
        awaitStatus(id, "ANSWERED");
    }

    private static String bodyOf(jakarta.jms.Message m) {
        try {
            return ((jakarta.jms.TextMessage) m).getText();
        } catch (jakarta.jms.JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aDeliveryStillFailingAtItsMaximumAgeEndsUndeterminedWithMaxAgeExceeded() {
        assertThat(ops.post(GUANGDONG_FAULTS, "{\"mode\": \"HTTP_500\"}").status()).isEqualTo(200);
        TownshipClient.Reply r = township.post("/api/v1/verifications", "610113001", """
                {"requestId": "max-age-1", "appliedOn": "2026-09-01", "residenceTownship": "610113001",
                 "applicant": {"idNumber": "440305199206110039", "name": "林晓东", "hukouDivision": "440305001",
                               "hukouNature": "URBAN"},
                 "residenceSince": "2026-01-15", "assistanceType": "DIBAO", "declarationOfNonReceipt": true}
                """);
        assertThat(r.status()).as(r.text()).isEqualTo(202);
        String id = r.body().path("verificationId").asText();
        JsonNode v = awaitStatus(id, "UNDETERMINED");
        assertThat(v.path("statusReason").asText()).startsWith("MAX_AGE_EXCEEDED");
        assertThat(v.path("messages").get(0).path("attempts").asInt()).as("retried until the age ran out")
                .isBetween(3, 20);
    }
}
