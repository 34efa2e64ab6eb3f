package org.assistx.gateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.jms.TextMessage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.assistx.gateway.GatewayTestSupport;
import org.assistx.gateway.crypto.CryptoProfile;
import org.assistx.gateway.crypto.SigningIdentity;
import org.assistx.gateway.envelope.Envelope;
import org.assistx.gateway.envelope.EnvelopeHeader;
import org.assistx.gateway.envelope.EnvelopeSigner;
import org.assistx.gateway.envelope.MessageType;
import org.assistx.gateway.ingress.IngressService;
import org.assistx.gateway.tracking.MessageRecord;
import org.assistx.gateway.tracking.MessageRepository;
import org.assistx.gateway.tracking.VerificationRecord;
import org.assistx.gateway.tracking.VerificationRepository;
import org.assistx.gateway.tracking.VerificationStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Route test of {@code core-verification-dispatch} with the SOAP call replaced by a scripted partner: a
 * transport failure is retried and counted, a reply with the wrong request hash or the wrong signer is
 * refused at once, and a refused verification becomes UNDETERMINED with its reason and lands on the DLQ.
 */
@CamelSpringBootTest
@SpringBootTest
@ActiveProfiles("test")
class CoreVerificationDispatchRouteTest {

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        GatewayTestSupport.freshDataDir(registry, "dispatch-route");
    }

    @Autowired
    CamelContext camel;
    @Autowired
    IngressService ingress;
    @Autowired
    VerificationRepository verifications;
    @Autowired
    MessageRepository messages;
    @Autowired
    ObjectMapper json;
    @Autowired
    EnvelopeSigner gatewaySigner;
    @Autowired
    JmsTemplate jms;

    /** How the scripted partner answers the n-th call (0-based) for a request envelope. */
    @FunctionalInterface
    interface ScriptedPartner {
        String answer(int call, Envelope request) throws Exception;
    }

    static volatile ScriptedPartner partner;
    static boolean advised;
    static final AtomicInteger calls = new AtomicInteger();

    EnvelopeSigner bureau;

    @BeforeEach
    void scriptPartner() throws Exception {
        Path sm2 = Path.of("certs-sample", "sm2");
        bureau = new EnvelopeSigner(json, SigningIdentity.load("6101", CryptoProfile.SM2,
                sm2.resolve("county-bureau-6101.crt.pem"), sm2.resolve("county-bureau-6101.key.pem")));
        calls.set(0);
        if (!advised) {
            AdviceWith.adviceWith(camel, "core-transport-soap", a -> a.weaveByToUri("cxf:*").replace().process(ex -> {
                Envelope request = Envelope.parse(json, ((List<?>) ex.getMessage().getBody()).get(0).toString());
                ex.getMessage().setBody(List.of(partner.answer(calls.getAndIncrement(), request)));
            }));
            advised = true;
        }
    }

    private String reply(EnvelopeSigner signer, Envelope request, String requestHash) {
        ObjectNode payload = json.createObjectNode();
        payload.put("sfzh", request.payload().path("person").path("idNumber").asText());
        payload.put("hcdw", "610113");
        payload.putArray("jzxx");
        EnvelopeHeader header = new EnvelopeHeader(UUID.randomUUID().toString(), request.header().correlationId(),
                MessageType.VERIFICATION_RESULT, request.header().recipient(), request.header().sender(),
                Clock.systemUTC().instant(), "1", requestHash, null, null);
        return signer.sign(header, payload).text();
    }

    private String submit(String requestId) throws Exception {
        IngressService.Answer answer = ingress.submit("610113001", json.readTree(
                org.assistx.gateway.e2e.TownshipClient.tourRequest(requestId, "610104199001011234", "张三")));
        return answer.body().path("verificationId").asText();
    }

    private VerificationRecord awaitFinal(String id) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> verifications.find(id).orElseThrow(),
                v -> v.status().isFinal());
    }

    @Test
    void transportFailureIsRetriedWithTheSameMessageAndCounted() throws Exception {
        partner = (n, request) -> {
            if (n == 0) {
                throw new java.net.ConnectException("connection refused (scripted)");
            }
            return reply(bureau, request, request.signedDigest());
        };
        String id = submit("route-retry-1");

        VerificationRecord v = awaitFinal(id);
        assertThat(v.status()).isEqualTo(VerificationStatus.ANSWERED);
        assertThat(v.outcome()).isEqualTo("NOT_RECEIVING");
        MessageRecord out = messages.findOutbound(id, "VERIFICATION_REQUEST").orElseThrow();
        assertThat(out.attempts()).isEqualTo(2);
        assertThat(out.lastError()).contains("connection refused");
        assertThat(out.status()).isEqualTo(MessageRecord.MessageStatus.DELIVERED);
        assertThat(calls.get()).isEqualTo(2);
    }

    @Test
    void replyWithWrongRequestHashIsRefusedAndTheVerificationIsUndetermined() throws Exception {
        partner = (n, request) -> reply(bureau, request, "00".repeat(32));
        String id = submit("route-hash-1");

        VerificationRecord v = awaitFinal(id);
        assertThat(v.status()).isEqualTo(VerificationStatus.UNDETERMINED);
        assertThat(v.statusReason()).startsWith("REQUEST_HASH_MISMATCH");
        assertThat(calls.get()).as("a refusal is not retried").isEqualTo(1);
        assertThat(messages.findOutbound(id, "VERIFICATION_REQUEST").orElseThrow().status())
                .isEqualTo(MessageRecord.MessageStatus.FAILED);
        awaitDeadLetter(id, "REQUEST_HASH_MISMATCH");
    }

    @Test
    void replySignedByAnotherKeyThanThePartnersIsRefused() throws Exception {
        partner = (n, request) -> reply(gatewaySigner, request, request.signedDigest());
        String id = submit("route-signer-1");

        VerificationRecord v = awaitFinal(id);
        assertThat(v.status()).isEqualTo(VerificationStatus.UNDETERMINED);
        assertThat(v.statusReason()).startsWith("SENDER_NOT_COVERED");
    }

    @Test
    void partnerDownPastTheRetriesEndsUndeterminedWithTheReason() throws Exception {
        partner = (n, request) -> {
            throw new java.net.SocketTimeoutException("read timed out (scripted)");
        };
        String id = submit("route-down-1");

        VerificationRecord v = awaitFinal(id);
        assertThat(v.status()).isEqualTo(VerificationStatus.UNDETERMINED);
        assertThat(v.statusReason()).contains("SocketTimeoutException");
        assertThat(calls.get()).isEqualTo(3);
        assertThat(messages.findOutbound(id, "VERIFICATION_REQUEST").orElseThrow().attempts()).isEqualTo(3);
    }

    private void awaitDeadLetter(String verificationId, String reasonCode) {
        jms.setReceiveTimeout(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            Object m = jms.receiveSelected("assistx.dlq", "assistxVerificationId = '" + verificationId + "'");
            return m instanceof TextMessage t && t.getStringProperty("assistxDeadLetterReason").startsWith(reasonCode)
                    && verificationId.equals(t.getText());
        });
    }
}
