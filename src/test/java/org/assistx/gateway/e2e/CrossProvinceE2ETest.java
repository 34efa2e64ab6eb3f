package org.assistx.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.assistx.gateway.GatewayTestSupport;
import org.assistx.gateway.crypto.CertificateValidator;
import org.assistx.gateway.envelope.Envelope;
import org.assistx.gateway.envelope.EnvelopeVerifier;
import org.assistx.gateway.envelope.XmlCanonicalization;
import org.assistx.gateway.envelope.XmlEnvelope;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Cross-province applicants without a proof, in the default configuration, on the real stack: the policy
 * routes them to the provincial partner covering the hukou place, which is asked for a proof and the
 * person's records (PROOF_REQUEST → PROOF_RESULT) — Guangdong over REST/JSON with ECDSA, Zhejiang as XML
 * over Artemis queues with SM2 over Exclusive XML C14N — and the answers are mapped with each partner's
 * mapping.yaml into canonical records and proof.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class CrossProvinceE2ETest {

    static final String ZHEJIANG_TOWNSHIP = "330106008";   // 杭州市西湖区西湖街道
    static final String GUANGDONG_TOWNSHIP = "440106003";  // 广州市天河区车陂街道

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        GatewayTestSupport.freshDataDir(registry, "cross-province");
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

    static String request(String requestId, String idNumber, String name, String hukou, String nature) {
        return """
            {"requestId": "%s", "appliedOn": "2026-09-01", "residenceTownship": "610113001",
             "applicant": {"idNumber": "%s", "name": "%s", "hukouDivision": "%s", "hukouNature": "%s"},
             "residenceSince": "2026-01-15", "assistanceType": "DIBAO", "declarationOfNonReceipt": true,
             "emergency": null, "proofOfNonReceipt": null}
            """.formatted(requestId, idNumber, name, hukou, nature);
    }

    private JsonNode submitAndAwait(String body, String partner, String recipient) {
        TownshipClient.Reply accepted = township.post("/api/v1/verifications", "610113001", body);
        assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
        assertThat(accepted.body().path("jurisdiction").asText()).isEqualTo("CROSS_PROVINCE");
        assertThat(accepted.body().path("route").path("partner").asText()).isEqualTo(partner);
        assertThat(accepted.body().path("route").path("recipient").asText()).isEqualTo(recipient);
        String id = accepted.body().path("verificationId").asText();
        return await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200))
                .until(() -> township.get("/api/v1/verifications/" + id, "610113001").body(),
                        b -> !b.path("status").asText().matches("ACCEPTED|SENT"));
    }

    @Test
    void guangdongIssuesAProofOverRestJsonSignedWithEcdsa() {
        JsonNode v = submitAndAwait(request("610113001-2026-044001", "440305199206110039", "林晓东",
                "440305001", "URBAN"), "guangdong-44", "44");

        assertThat(v.path("status").asText()).as(v.toString()).isEqualTo("ANSWERED");
        JsonNode result = v.path("result");
        assertThat(result.path("outcome").asText()).isEqualTo("NOT_RECEIVING");
        assertThat(result.path("records")).isEmpty();
        JsonNode proof = result.path("proof");
        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        assertThat(proof.path("personIdNumber").asText()).isEqualTo("440305199206110039");
        assertThat(proof.path("personName").asText()).isEqualTo("林晓东");
        assertThat(proof.path("issuerDivision").asText()).isEqualTo("440305");
        assertThat(proof.path("issuedOn").asText()).isEqualTo(today);
        assertThat(proof.path("validUntil").asText()).isEqualTo(LocalDate.parse(today).plusDays(90).toString());
        assertThat(proof.path("signatureVerified").asBoolean())
                .as("the reply carrying it verified, but no signature over the proof document itself was checked")
                .isFalse();
        assertThat(proof.path("sourceSystem").asText()).isEqualTo("GD-MZ");
        assertThat(proof.path("documentNumber").asText()).startsWith("粤民救电证");

        JsonNode messages = v.path("messages");
        assertThat(messages.findValuesAsText("type")).containsExactly("PROOF_REQUEST", "PROOF_RESULT");
        Envelope sent = Envelope.parse(json, township.get("/api/v1/ops/messages/"
                + messages.get(0).path("messageId").asText(), null).text());
        Envelope received = Envelope.parse(json, township.get("/api/v1/ops/messages/"
                + messages.get(1).path("messageId").asText(), null).text());
        // the province's own request fields, from its request template
        assertThat(sent.payload().path("ywlx").asText()).isEqualTo("ZM");
        assertThat(sent.payload().path("sfzhm").asText()).isEqualTo("440305199206110039");
        assertThat(sent.payload().path("hjxz").asText()).isEqualTo("1");
        assertThat(sent.payload().path("sqrq").asText()).isEqualTo("20260901");
        assertThat(sent.payload().path("qqbh").asText()).isEqualTo(sent.messageId());
        assertThat(sent.header().recipient()).isEqualTo("44");
        assertThat(sent.signatureAlgorithm()).as("the gateway signs with its ECDSA key for this partner")
                .isEqualTo("SHA256withECDSA");
        assertThat(received.signatureAlgorithm()).isEqualTo("SHA256withECDSA");
        assertThat(verifier.verify(received, gatewayTrust).getSubjectX500Principal().getName())
                .startsWith("CN=guangdong-44");
        EnvelopeVerifier.requireAnswers(received, sent);
    }

    @Test
    void guangdongRecordsOfAPersonReceivingAreMappedFromFenAndYyyymmdd() {
        JsonNode v = submitAndAwait(request("610113001-2026-044002", "440106198807150029", "陈小梅",
                GUANGDONG_TOWNSHIP, "URBAN"), "guangdong-44", "44");

        assertThat(v.path("status").asText()).isEqualTo("ANSWERED");
        assertThat(v.path("result").path("outcome").asText()).isEqualTo("RECEIVING");
        assertThat(v.path("result").path("proof").isNull()).isTrue();
        JsonNode record = v.path("result").path("records").get(0);
        assertThat(record.path("division").asText()).isEqualTo("440106008");
        assertThat(record.path("category").asText()).isEqualTo("URBAN_DIBAO");
        assertThat(record.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(record.path("startDate").asText()).isEqualTo("2024-03-01");
        assertThat(record.path("amount").path("value").asText()).isEqualTo("1210.00");
        assertThat(record.path("sourceRecordId").asText()).isEqualTo("GD-TH-2024-013307");
    }

    @Test
    void guangdongsOwnErrorEndsUndeterminedWithItsCode() {
        JsonNode v = submitAndAwait(request("610113001-2026-044003", "440106199501010044", "赵敏",
                GUANGDONG_TOWNSHIP, "RURAL"), "guangdong-44", "44");
        assertThat(v.path("status").asText()).isEqualTo("UNDETERMINED");
        assertThat(v.toString()).contains("PARTNER_REPORTED_ERROR").contains("E1003");
    }

    @Test
    void zhejiangAnswersXmlOverQueuesWithRecordsAndProof() {
        JsonNode v = submitAndAwait(request("610113001-2026-033001", "330106199003070022", "周晓燕",
                ZHEJIANG_TOWNSHIP, "RURAL"), "zhejiang-33", "33");

        assertThat(v.path("status").asText()).as(v.toString()).isEqualTo("ANSWERED");
        JsonNode result = v.path("result");
        assertThat(result.path("outcome").asText()).isEqualTo("NOT_RECEIVING");
        JsonNode record = result.path("records").get(0);
        assertThat(record.path("personIdNumber").asText()).isEqualTo("330106199003070022");
        assertThat(record.path("category").asText()).isEqualTo("RURAL_DIBAO");
        assertThat(record.path("status").asText()).isEqualTo("TERMINATED");
        assertThat(record.path("amount").path("value").asText()).isEqualTo("720.50");
        assertThat(record.path("sourceSystem").asText()).isEqualTo("ZJ-MZ");
        JsonNode proof = result.path("proof");
        assertThat(proof.path("issuerDivision").asText()).isEqualTo("330106");
        assertThat(proof.path("issuerName").asText()).isEqualTo("杭州市西湖区民政局");
        assertThat(proof.path("issuedOn").asText()).isEqualTo(LocalDate.now(ZoneId.of("Asia/Shanghai")).toString());
        assertThat(proof.path("statement").asText()).contains("周晓燕");

        JsonNode messages = v.path("messages");
        assertThat(messages.findValuesAsText("type")).containsExactly("PROOF_REQUEST", "PROOF_RESULT");
        String sentText = township.get("/api/v1/ops/messages/" + messages.get(0).path("messageId").asText(), null).text();
        String receivedText = township.get("/api/v1/ops/messages/" + messages.get(1).path("messageId").asText(), null).text();
        XmlEnvelope sent = XmlEnvelope.parse(sentText);
        XmlEnvelope received = XmlEnvelope.parse(receivedText);
        assertThat(sent.payloadXml()).contains("<zj:BizType>ZMKJ</zj:BizType>").contains("idNumber=\"330106199003070022\"");
        assertThat(received.canonicalization()).isEqualTo(XmlCanonicalization.EXCLUSIVE_XML_C14N);
        assertThat(received.signatureAlgorithm()).isEqualTo("SM3withSM2");
        assertThat(sent.signatureAlgorithm()).isEqualTo("SM3withSM2");
        assertThat(verifier.verify(received, gatewayTrust).getSubjectX500Principal().getName())
                .startsWith("CN=zhejiang-33");
        assertThat(verifier.verify(sent, gatewayTrust).getSubjectX500Principal().getName()).startsWith("CN=gateway");
        EnvelopeVerifier.requireAnswers(received, sent);
        assertThat(receivedText).as("the XML is stored exactly as received").startsWith("<?xml");
    }

    @Test
    void aJmsPartnerAnswersManyRequestsAtOnceEachAtTheFirstAttempt() {
        // each call waits for its own correlation id; none may miss its answer and be retried for a timeout
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            TownshipClient.Reply accepted = township.post("/api/v1/verifications", "610113001",
                    request("610113001-2026-0331" + i, "330106199003070022", "周晓燕", ZHEJIANG_TOWNSHIP, "RURAL"));
            assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
            ids.add(accepted.body().path("verificationId").asText());
        }
        for (String id : ids) {
            JsonNode v = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> township.get("/api/v1/verifications/" + id, "610113001").body(),
                            b -> !b.path("status").asText().matches("ACCEPTED|SENT"));
            assertThat(v.path("status").asText()).isEqualTo("ANSWERED");
            assertThat(v.path("messages").get(0).path("attempts").asInt()).as("answered at the first attempt")
                    .isEqualTo(1);
        }
    }

    @Test
    void zhejiangApplicationCountsAsReceiving() {
        JsonNode v = submitAndAwait(request("610113001-2026-033002", "330102196502140030", "钱国平",
                "330102004", "URBAN"), "zhejiang-33", "33");
        assertThat(v.path("status").asText()).isEqualTo("ANSWERED");
        assertThat(v.path("result").path("outcome").asText()).isEqualTo("RECEIVING");
        assertThat(v.path("result").path("records").get(0).path("status").asText()).isEqualTo("APPLIED");
        assertThat(v.path("result").path("records").get(0).path("category").asText()).isEqualTo("URBAN_TEKUN");
    }
}
