package org.assistx.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assistx.gateway.GatewayTestSupport;
import org.assistx.gateway.audit.AuditLog;
import org.assistx.gateway.crypto.StoreCipher;
import org.assistx.gateway.envelope.Envelope;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Encryption at rest over the real stack: with {@code assistx.store.encryption.enabled} the database holds
 * no ID number and no name in the request, result, envelope and residence-change columns, while the API
 * answers as before, the stored envelope comes back byte for byte, rows written in clear before the switch
 * still read, and the audit chain checks out.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "assistx.store.encryption.enabled=true",
    "assistx.store.encryption.key=e2e-2:8f1c2a3b4d5e6f708192a3b4c5d6e7f8",
    "assistx.store.encryption.previous-keys=e2e-1:00112233445566778899aabbccddeeff"})
@ActiveProfiles("test")
class StoreEncryptionE2ETest {

    private static final String ID_NUMBER = "610104199001011234";
    private static final String NAME = "张三";

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        GatewayTestSupport.freshDataDir(registry, "store-encryption");
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    AuditLog audit;

    @Autowired
    TransactionTemplate tx;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void personalDataIsSealedInTheDatabaseAndReadsBackUnchanged() throws Exception {
        TownshipClient township = new TownshipClient(port);
        OpsClient ops = new OpsClient(port);
        TownshipClient.Reply accepted = township.post("/api/v1/verifications", "610113001",
                TownshipClient.tourRequest("enc-1", ID_NUMBER, NAME));
        assertThat(accepted.status()).isEqualTo(202);
        String id = accepted.body().path("verificationId").asText();
        JsonNode answered = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> township.get("/api/v1/verifications/" + id, "610113001").body(),
                        b -> "ANSWERED".equals(b.path("status").asText()));
        assertThat(answered.path("result").path("outcome").asText()).isEqualTo("NOT_RECEIVING");
        // the same request again is recognised (the stored request is opened to compare)
        assertThat(township.post("/api/v1/verifications", "610113001",
                TownshipClient.tourRequest("enc-1", ID_NUMBER, NAME)).status()).isEqualTo(200);

        TownshipClient.Reply change = township.post("/api/v1/residence-changes", "610113001", """
            {"requestId": "enc-rc-1", "reportedOn": "2026-09-01", "managingTownship": "610113001",
             "recipient": {"idNumber": "%s", "name": "%s", "hukouDivision": "610113002"},
             "assistanceType": "DIBAO", "newResidenceDivision": "610113003", "movedOn": "2026-08-01"}
            """.formatted(ID_NUMBER, NAME));
        assertThat(change.status()).as(change.text()).isEqualTo(202);

        List<String> stored = new ArrayList<>();
        stored.addAll(jdbc.queryForList("SELECT request_json FROM verification WHERE verification_id = ?",
                String.class, id));
        stored.addAll(jdbc.queryForList("SELECT result_json FROM verification WHERE verification_id = ?",
                String.class, id));
        stored.addAll(jdbc.queryForList("SELECT envelope FROM message WHERE verification_id = ?", String.class, id));
        stored.addAll(jdbc.queryForList("SELECT request_json FROM residence_change WHERE request_id = 'enc-rc-1'",
                String.class));
        assertThat(stored).hasSize(5).allSatisfy(v -> assertThat(v)
                .startsWith(StoreCipher.PREFIX + "e2e-2:").doesNotContain(ID_NUMBER).doesNotContain(NAME)
                .doesNotContain("610104199001").doesNotContain("\\u5f20"));

        // the reply envelope as the partner sent it, byte for byte
        Map<String, Object> reply = jdbc.queryForMap("SELECT message_id, in_reply_to, signed_digest FROM message "
                + "WHERE verification_id = ? AND direction = 'IN'", id);
        String sent = jdbc.queryForObject("SELECT reply FROM simulator_reply WHERE request_message_id = ?",
                String.class, reply.get("IN_REPLY_TO"));
        TownshipClient.Reply fromOps = ops.get("/api/v1/ops/messages/" + reply.get("MESSAGE_ID"));
        assertThat(fromOps.status()).isEqualTo(200);
        assertThat(fromOps.text()).isEqualTo(sent);
        assertThat(Envelope.parse(json, fromOps.text()).signedDigest()).isEqualTo(reply.get("SIGNED_DIGEST"));

        // a row written in clear before encryption was switched on, and one sealed under the previous key
        String clearId = "clear-before-switch";
        String clearEnvelope = "{\"header\":{\"messageId\":\"" + clearId + "\"},\"payload\":{},\"signature\":{}}";
        String oldKeyId = "sealed-with-old-key";
        String oldSealed = StoreCipher.fromSettings(true, "e2e-1:00112233445566778899aabbccddeeff", null)
                .seal(StoreCipher.context("message", "envelope", oldKeyId), clearEnvelope);
        tx.executeWithoutResult(s -> {
            insertRaw(clearId, clearEnvelope);
            insertRaw(oldKeyId, oldSealed);
        });
        assertThat(ops.get("/api/v1/ops/messages/" + clearId).text()).isEqualTo(clearEnvelope);
        assertThat(ops.get("/api/v1/ops/messages/" + oldKeyId).text()).isEqualTo(clearEnvelope);

        JsonNode verified = ops.get("/api/v1/ops/audit/verify").body();
        assertThat(verified.path("intact").asBoolean()).as(verified.toString()).isTrue();
        assertThat(verified.path("entries").asLong()).isGreaterThanOrEqualTo(5);
    }

    private void insertRaw(String messageId, String storedEnvelope) {
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.update("INSERT INTO message (message_id, verification_id, direction, type, partner, sender, recipient, "
                + "envelope, signed_digest, in_reply_to, status, attempts, last_error, created_at, updated_at) "
                + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", messageId, null, "IN", "VERIFICATION_RESULT", null,
                "6101", "6101", storedEnvelope, "-", null, "RECEIVED", 1, null, now, now);
        audit.append(AuditLog.Kind.MESSAGE, messageId);
    }
}
