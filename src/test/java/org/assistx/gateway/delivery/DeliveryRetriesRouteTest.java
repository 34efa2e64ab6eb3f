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
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.Files;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.interceptor.Fault;
import org.assistx.gateway.e2e.PartnerSwitch;
import org.assistx.gateway.e2e.TownshipClient;

/**
 * Route test of the per-partner retry settings: the county bureaus' descriptor (in a copied partner folder)
 * declares its own {@code retry}, which the delivery error handler applies instead of the deployment's
 * defaults (2 quick retries in tests); a refusal is still not retried.
 */
@CamelSpringBootTest
@SpringBootTest
@ActiveProfiles("test")
class DeliveryRetriesRouteTest {

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) throws IOException {
        Path dir = GatewayTestSupport.freshDataDir(registry, "delivery-retries");
        Path partners = PartnerSwitch.copyPartners(dir).directory();
        Path descriptor = partners.resolve("xian-county-bureaus").resolve("partner.yaml");
        Files.writeString(descriptor, Files.readString(descriptor) + """
                retry:
                  maximumRedeliveries: 3
                  initialDelay: PT0.5S
                  multiplier: 1.0
                  maximumDelay: PT0.5S
                """);
        registry.add("assistx.partners.directory", partners::toString);
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
    JdbcTemplate jdbc;
    @Autowired
    JmsTemplate jms;

    @FunctionalInterface
    interface ScriptedFailure {
        Exception on(int call);
    }

    static volatile ScriptedFailure failure;
    static boolean advised;
    static final List<Long> calls = new CopyOnWriteArrayList<>();

    @BeforeEach
    void scriptPartner() throws Exception {
        calls.clear();
        if (!advised) {
            AdviceWith.adviceWith(camel, "core-transport-soap", a -> a.weaveByToUri("cxf:*").replace().process(ex -> {
                calls.add(System.nanoTime());
                throw failure.on(calls.size());
            }));
            advised = true;
        }
    }

    private String submit(String requestId) throws Exception {
        IngressService.Answer answer = ingress.submit("610113001", json.readTree(
                TownshipClient.tourRequest(requestId, "610104199001011234", "张三")));
        return answer.body().path("verificationId").asText();
    }

    private VerificationRecord awaitFinal(String id) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> verifications.find(id).orElseThrow(),
                v -> v.status().isFinal());
    }

    @Test
    void theDescriptorsRetrySettingsDecideHowOftenAndHowLate() throws Exception {
        failure = n -> new ConnectException("connection refused (scripted " + n + ")");
        String id = submit("retries-descriptor-1");

        VerificationRecord v = awaitFinal(id);
        assertThat(v.status()).isEqualTo(VerificationStatus.UNDETERMINED);
        assertThat(v.statusReason()).contains("ConnectException");
        assertThat(calls).as("first try and the descriptor's 3 retries").hasSize(4);
        assertThat(messages.findOutbound(id, "VERIFICATION_REQUEST").orElseThrow().attempts()).isEqualTo(4);
        for (int i = 1; i < calls.size(); i++) {
            long gapMillis = (calls.get(i) - calls.get(i - 1)) / 1_000_000;
            assertThat(gapMillis).as("wait before retry %d: 500 ms less 15 %% jitter", i).isGreaterThanOrEqualTo(420);
        }
    }

    @Test
    void aSoapClientFaultIsARefusalAndIsNotRetried() throws Exception {
        failure = n -> {
            SoapFault fault = new SoapFault("refused (scripted)", Fault.FAULT_CODE_CLIENT);
            return fault;
        };
        String id = submit("retries-refused-1");

        VerificationRecord v = awaitFinal(id);
        assertThat(v.status()).isEqualTo(VerificationStatus.UNDETERMINED);
        assertThat(calls).hasSize(1);
    }

    /**
     * The budget is counted in the store: a message the broker offers again after the gateway used up its
     * retries (as after a crash between the last failed call and the dead letter, or a broker fail-over) is
     * not sent again. Camel's own counter started afresh with each new delivery of the JMS message, so such a
     * message got the whole budget a second time (5 allowed attempts became 10 in a production trial).
     */
    @Test
    void theRetryBudgetCountsTheAttemptsInTheStoreNotInTheProcess() throws Exception {
        failure = n -> new ConnectException("connection refused (scripted " + n + ")");
        String id = submit("retries-budget-1");
        awaitFinal(id);
        assertThat(calls).as("first try and the descriptor's 3 retries").hasSize(4);

        // the state a restart finds if the process died before the dead letter was recorded: the verification
        // still waits for its answer, and the broker offers its id again
        jdbc.update("UPDATE verification SET status = 'SENT' WHERE verification_id = ?", id);
        jdbc.update("UPDATE message SET status = 'PENDING' WHERE verification_id = ?", id);
        jms.convertAndSend(PartnerDelivery.queue("xian-county-bureaus"), id);

        VerificationRecord v = await().atMost(Duration.ofSeconds(20)).until(() -> verifications.find(id).orElseThrow(),
                r -> r.status().isFinal());
        assertThat(v.status()).isEqualTo(VerificationStatus.UNDETERMINED);
        assertThat(v.statusReason()).startsWith("ATTEMPTS_EXHAUSTED");
        assertThat(calls).as("no call beyond the budget").hasSize(4);
        assertThat(messages.findOutbound(id, "VERIFICATION_REQUEST").orElseThrow().attempts()).isEqualTo(4);
    }
}
