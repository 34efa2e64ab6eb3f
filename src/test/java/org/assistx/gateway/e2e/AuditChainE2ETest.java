package org.assistx.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.assistx.gateway.GatewayTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The audit chain over the real stack: a verification's request and reply and an operator action each get
 * an entry, the operations API says the chain is intact, and after a stored envelope is edited in the
 * database it names that entry as the first broken one.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class AuditChainE2ETest {

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        GatewayTestSupport.freshDataDir(registry, "audit-chain");
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void everyStoredEnvelopeAndOperatorActionIsChainedAndATamperedRowIsNamed() {
        TownshipClient township = new TownshipClient(port);
        OpsClient ops = new OpsClient(port);
        TownshipClient.Reply accepted = township.post("/api/v1/verifications", "610113001",
                TownshipClient.tourRequest("audit-1", "610104199001011234", "张三"));
        assertThat(accepted.status()).isEqualTo(202);
        String id = accepted.body().path("verificationId").asText();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> township.get("/api/v1/verifications/" + id, "610113001").body()
                        .path("status").asText(), "ANSWERED"::equals);
        // a refused operator action is recorded, and chained, too
        assertThat(ops.post("/api/v1/ops/dead-letters/no-such-letter/discard", "{}").status()).isEqualTo(400);

        List<String> messageIds = jdbc.queryForList("SELECT message_id FROM message WHERE verification_id = ? "
                + "ORDER BY direction DESC", String.class, id);
        assertThat(messageIds).hasSize(2);
        for (String m : messageIds) {
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_log WHERE kind = 'MESSAGE' AND ref_id = ?",
                    Long.class, m)).isEqualTo(1);
        }
        String actionId = jdbc.queryForObject("SELECT action_id FROM operator_action WHERE target_id = 'no-such-letter'",
                String.class);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_log WHERE kind = 'OPERATOR_ACTION' AND ref_id = ?",
                Long.class, actionId)).isEqualTo(1);

        JsonNode intact = ops.get("/api/v1/ops/audit/verify").body();
        assertThat(intact.path("intact").asBoolean()).as(intact.toString()).isTrue();
        assertThat(intact.path("entries").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(intact.path("firstBroken").isNull()).isTrue();

        String reply = messageIds.get(1);
        long replySeq = jdbc.queryForObject("SELECT seq FROM audit_log WHERE ref_id = ?", Long.class, reply);
        jdbc.update("UPDATE message SET envelope = REPLACE(envelope, '\"VERIFICATION_RESULT\"', '\"VERIFICATION_RESULT\" ') "
                + "WHERE message_id = ?", reply);

        JsonNode broken = ops.get("/api/v1/ops/audit/verify").body();
        assertThat(broken.path("intact").asBoolean()).isFalse();
        assertThat(broken.path("firstBroken").path("seq").asLong()).isEqualTo(replySeq);
        assertThat(broken.path("firstBroken").path("kind").asText()).isEqualTo("MESSAGE");
        assertThat(broken.path("firstBroken").path("refId").asText()).isEqualTo(reply);
        assertThat(broken.path("firstBroken").path("reason").asText()).isEqualTo("RECORD_CHANGED");
    }
}
