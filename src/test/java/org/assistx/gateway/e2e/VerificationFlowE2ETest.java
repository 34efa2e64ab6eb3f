package org.assistx.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import org.assistx.gateway.GatewayTestSupport;
import org.assistx.gateway.envelope.Envelope;
import org.assistx.gateway.envelope.EnvelopeVerifier;
import org.assistx.gateway.crypto.CertificateValidator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One verification end to end on the real stack: HTTP in, H2 store, the Artemis dispatch queue, the Camel
 * routes, CXF SOAP to the county-bureau simulator (its own key), the signed answer verified, mapped and
 * stored; then read back over HTTP, with the stored envelopes verifiable.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class VerificationFlowE2ETest {

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        GatewayTestSupport.freshDataDir(registry, "flow");
    }

    @LocalServerPort
    int port;

    @Autowired
    ObjectMapper json;

    @Autowired
    EnvelopeVerifier verifier;

    @Autowired
    CertificateValidator gatewayTrust;

    TownshipClient township;

    @BeforeEach
    void client() {
        township = new TownshipClient(port);
    }

    @Test
    void crossCountyRequestIsAnsweredNotReceivingWithSignedMessagesBothWays() {
        TownshipClient.Reply accepted = township.post("/api/v1/verifications", "610113001",
                TownshipClient.tourRequest("610113001-2026-000123", "610104199001011234", "张三"));

        assertThat(accepted.status()).isEqualTo(202);
        assertThat(accepted.body().path("status").asText()).isEqualTo("ACCEPTED");
        assertThat(accepted.body().path("jurisdiction").asText()).isEqualTo("CROSS_COUNTY");
        assertThat(accepted.body().path("category").asText()).isEqualTo("RURAL_DIBAO");
        assertThat(accepted.body().path("route").path("partner").asText()).isEqualTo("xian-county-bureaus");
        assertThat(accepted.body().path("route").path("recipient").asText()).isEqualTo("610113");
        String id = accepted.body().path("verificationId").asText();

        JsonNode answered = awaitStatus(id, "ANSWERED");
        assertThat(answered.path("result").path("outcome").asText()).isEqualTo("NOT_RECEIVING");
        assertThat(answered.path("result").path("records")).isEmpty();
        assertThat(answered.path("applicant").asText()).isEqualTo("610104********1234");

        JsonNode history = answered.path("messages");
        assertThat(history).hasSize(2);
        JsonNode out = history.get(0);
        JsonNode in = history.get(1);
        assertThat(out.path("type").asText()).isEqualTo("VERIFICATION_REQUEST");
        assertThat(out.path("direction").asText()).isEqualTo("OUT");
        assertThat(out.path("status").asText()).isEqualTo("DELIVERED");
        assertThat(out.path("attempts").asInt()).isEqualTo(1);
        assertThat(in.path("type").asText()).isEqualTo("VERIFICATION_RESULT");
        assertThat(in.path("direction").asText()).isEqualTo("IN");

        // The stored envelopes come back exactly as signed, and still verify.
        TownshipClient.Reply request = township.get("/api/v1/ops/messages/" + out.path("messageId").asText(), null);
        TownshipClient.Reply reply = township.get("/api/v1/ops/messages/" + in.path("messageId").asText(), null);
        assertThat(request.status()).isEqualTo(200);
        Envelope sent = Envelope.parse(json, request.text());
        Envelope received = Envelope.parse(json, reply.text());
        assertThat(sent.header().sender()).isEqualTo("610113001");
        assertThat(sent.header().recipient()).isEqualTo("610113");
        assertThat(sent.header().correlationId()).isEqualTo(id);
        assertThat(sent.header().purpose()).isNotBlank();
        assertThat(sent.header().caseId()).isEqualTo("610113001-2026-000123");
        assertThat(sent.signatureAlgorithm()).isEqualTo("SM3withSM2");
        assertThat(verifier.verify(sent, gatewayTrust).getSubjectX500Principal().getName()).startsWith("CN=gateway");
        assertThat(verifier.verify(received, gatewayTrust).getSubjectX500Principal().getName())
                .startsWith("CN=county-bureau-6101");
        EnvelopeVerifier.requireAnswers(received, sent);
    }

    @Test
    void personReceivingAssistanceAtTheHukouPlaceIsReportedWithCanonicalRecords() {
        TownshipClient.Reply accepted = township.post("/api/v1/verifications", "610113001",
                TownshipClient.tourRequest("610113001-2026-000124", "610104198503150029", "李四"));
        assertThat(accepted.status()).isEqualTo(202);

        JsonNode answered = awaitStatus(accepted.body().path("verificationId").asText(), "ANSWERED");
        JsonNode result = answered.path("result");
        assertThat(result.path("outcome").asText()).isEqualTo("RECEIVING");
        assertThat(result.path("records")).hasSize(1);
        JsonNode record = result.path("records").get(0);
        assertThat(record.path("personIdNumber").asText()).isEqualTo("610104198503150029");
        assertThat(record.path("division").asText()).isEqualTo("610104003");
        assertThat(record.path("assistanceType").asText()).isEqualTo("DIBAO");
        assertThat(record.path("category").asText()).isEqualTo("URBAN_DIBAO");
        assertThat(record.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(record.path("startDate").asText()).isEqualTo("2024-03-01");
        assertThat(record.path("amount").path("value").asText()).isEqualTo("850.00");
        assertThat(record.path("amount").path("period").asText()).isEqualTo("MONTH");
        assertThat(record.path("sourceRecordId").asText()).isEqualTo("XA-LH-DB-2024-0318");
    }

    @Test
    void onlyTerminatedRecordsMeanNotReceiving() {
        TownshipClient.Reply accepted = township.post("/api/v1/verifications", "610113001",
                TownshipClient.tourRequest("610113001-2026-000125", "610104197805200031", "王五"));
        JsonNode answered = awaitStatus(accepted.body().path("verificationId").asText(), "ANSWERED");
        assertThat(answered.path("result").path("outcome").asText()).isEqualTo("NOT_RECEIVING");
        assertThat(answered.path("result").path("records")).hasSize(2);
        assertThat(answered.path("result").path("records").findValuesAsText("status"))
                .containsOnly("TERMINATED");
    }

    @Test
    void sameRequestIdIsIdempotentAndADifferentBodyConflicts() {
        String body = TownshipClient.tourRequest("610113001-2026-000200", "610104199001011234", "张三");
        TownshipClient.Reply first = township.post("/api/v1/verifications", "610113001", body);
        TownshipClient.Reply again = township.post("/api/v1/verifications", "610113001", body);
        TownshipClient.Reply changed = township.post("/api/v1/verifications", "610113001",
                body.replace("张三", "张三丰"));

        assertThat(first.status()).isEqualTo(202);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().path("verificationId").asText())
                .isEqualTo(first.body().path("verificationId").asText());
        assertThat(changed.status()).isEqualTo(409);
        assertThat(changed.body().path("errors").get(0).path("code").asText()).isEqualTo("REQUEST_ID_CONFLICT");
    }

    @Test
    void crossProvinceWithoutPartnerNeedsAProofAndTheProofIsTheAnswer() {
        String chengdu = TownshipClient.tourRequest("610113001-2026-000300", "510104199303030074", "赵六")
                .replace("610104003", "510104022");
        TownshipClient.Reply refused = township.post("/api/v1/verifications", "610113001", chengdu);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body().path("errors").findValuesAsText("code")).containsExactly("PROOF_REQUIRED");

        String withProof = chengdu.replace("\"proofOfNonReceipt\": null", "\"proofOfNonReceipt\": {\"documentNumber\": "
                + "\"JJ-2026-0815\", \"issuerDivision\": \"510104\", \"issuedOn\": \"2026-08-15\", "
                + "\"validUntil\": \"2027-02-15\"}");
        TownshipClient.Reply accepted = township.post("/api/v1/verifications", "610113001", withProof);
        assertThat(accepted.status()).isEqualTo(202);
        assertThat(accepted.body().path("jurisdiction").asText()).isEqualTo("CROSS_PROVINCE");
        assertThat(accepted.body().path("status").asText()).isEqualTo("ANSWERED");
        JsonNode view = township.get("/api/v1/verifications/" + accepted.body().path("verificationId").asText(),
                "610113001").body();
        assertThat(view.path("result").path("outcome").asText()).isEqualTo("NOT_RECEIVING");
        assertThat(view.path("result").path("proof").path("documentNumber").asText()).isEqualTo("JJ-2026-0815");
        assertThat(view.path("result").path("proof").path("signatureVerified").asBoolean()).isFalse();
        assertThat(view.path("messages")).isEmpty();
    }

    private JsonNode awaitStatus(String verificationId, String status) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> township.get("/api/v1/verifications/" + verificationId, "610113001").body(),
                        b -> status.equals(b.path("status").asText()));
    }
}
