package org.assistx.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.assistx.gateway.GatewayTestSupport;
import org.assistx.gateway.delivery.LateReplies;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A partner that answers twice: the Zhejiang simulator (JMS/XML) sends its signed answer two times with the
 * same correlation id. The first answers the verification; the copy nobody waits for is taken off the reply
 * queue, recorded as a {@code DUPLICATE_REPLY} refusal (operations API) and ignored.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class DuplicateRepliesE2ETest {

    private static final String ZHEJIANG_FAULTS = "/api/v1/ops/simulators/zhejiang-33/faults";

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        GatewayTestSupport.freshDataDir(registry, "duplicate-replies");
        registry.add("assistx.delivery.late-reply-sweep-interval", () -> "PT1H");
    }

    @LocalServerPort
    int port;

    @Autowired
    LateReplies lateReplies;

    @AfterEach
    void clear() {
        new OpsClient(port).delete(ZHEJIANG_FAULTS);
    }

    @Test
    void aSecondAnswerIsRecordedAsADuplicateAndChangesNothing() {
        OpsClient ops = new OpsClient(port);
        TownshipClient township = new TownshipClient(port);
        assertThat(ops.post(ZHEJIANG_FAULTS, "{\"mode\": \"TWICE\"}").status()).isEqualTo(200);
        TownshipClient.Reply accepted = township.post("/api/v1/verifications", "610113001",
                CrossProvinceE2ETest.request("dup-reply-1", "330106199003070022", "周晓燕", "330106008", "RURAL"));
        assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
        String id = accepted.body().path("verificationId").asText();
        JsonNode answered = await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200))
                .until(() -> township.get("/api/v1/verifications/" + id, "610113001").body(),
                        b -> "ANSWERED".equals(b.path("status").asText()));
        String replyId = null;
        for (JsonNode m : answered.path("messages")) {
            if ("IN".equals(m.path("direction").asText())) {
                replyId = m.path("messageId").asText();
            }
        }
        assertThat(replyId).isNotNull();

        // a sweep "later than any response timeout" takes the copy nobody waits for
        AtomicInteger swept = new AtomicInteger();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> swept.addAndGet(lateReplies.sweep(Instant.now().plus(Duration.ofHours(1)))) >= 1);
        JsonNode refusal = ops.get("/api/v1/ops/refusals?code=DUPLICATE_REPLY").body().path("refusals").get(0);
        assertThat(refusal.path("messageId").asText()).isEqualTo(replyId);
        assertThat(refusal.path("partner").asText()).isEqualTo("zhejiang-33");
        assertThat(refusal.path("verificationId").asText()).isEqualTo(id);

        JsonNode after = township.get("/api/v1/verifications/" + id, "610113001").body();
        assertThat(after.path("status").asText()).isEqualTo("ANSWERED");
        assertThat(after.path("result")).isEqualTo(answered.path("result"));
        assertThat(after.path("messages").findValuesAsText("direction").stream().filter("IN"::equals).count())
                .as("one answer stored").isEqualTo(1);
        assertThat(lateReplies.sweep(Instant.now().plus(Duration.ofHours(1)))).as("the queue is empty now").isZero();
    }
}
