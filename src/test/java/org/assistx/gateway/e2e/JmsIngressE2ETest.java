package org.assistx.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.net.ServerSocket;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.assistx.gateway.GatewayTestSupport;
import org.assistx.gateway.tracking.InboundRefusals;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A township system on the broker: it connects over TCP to the embedded Artemis acceptor, sends the REST
 * JSON to {@code assistx.ingress.verifications}, gets the answer with {@code httpStatus} on its reply
 * queue, correlated, and then every status change of its verification on the same queue.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class JmsIngressE2ETest {

    static int brokerPort;

    @DynamicPropertySource
    static void broker(DynamicPropertyRegistry registry) throws IOException {
        GatewayTestSupport.freshDataDir(registry, "jms-ingress");
        try (ServerSocket s = new ServerSocket(0)) {
            brokerPort = s.getLocalPort();
        }
        registry.add("assistx.broker.tcp-port", () -> brokerPort);
    }

    final ObjectMapper json = new ObjectMapper();

    @Autowired
    InboundRefusals refusals;

    Connection connection;
    Session session;

    @BeforeEach
    void connect() throws JMSException {
        connection = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + brokerPort).createConnection();
        connection.start();
        session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
    }

    @AfterEach
    void close() throws JMSException {
        connection.close();
    }

    private void send(String body, String org, Queue replyTo, String correlationId) throws JMSException {
        try (MessageProducer producer = session.createProducer(session.createQueue("assistx.ingress.verifications"))) {
            TextMessage m = session.createTextMessage(body);
            if (org != null) {
                m.setStringProperty("clientOrg", org);
            }
            m.setJMSReplyTo(replyTo);
            m.setJMSCorrelationID(correlationId);
            producer.send(m);
        }
    }

    private JsonNode receive(MessageConsumer consumer, String correlationId) throws Exception {
        TextMessage m = (TextMessage) consumer.receive(30_000);
        assertThat(m).as("an answer within 30 s").isNotNull();
        assertThat(m.getJMSCorrelationID()).isEqualTo(correlationId);
        return json.readTree(m.getText());
    }

    /** The next direct answer for the correlation id, skipping status-change events of earlier requests. */
    private JsonNode answer(MessageConsumer consumer, String correlationId) throws Exception {
        while (true) {
            TextMessage m = (TextMessage) consumer.receive(30_000);
            assertThat(m).as("an answer within 30 s").isNotNull();
            JsonNode body = json.readTree(m.getText());
            if (!body.has("event")) {
                assertThat(m.getJMSCorrelationID()).isEqualTo(correlationId);
                return body;
            }
        }
    }

    @Test
    void aRequestIsAnsweredOnTheReplyQueueAndItsStatusChangesFollow() throws Exception {
        Queue replies = session.createQueue("township.610113001.replies");
        try (MessageConsumer consumer = session.createConsumer(replies)) {
            send(TownshipClient.tourRequest("jms-1", "610104198503150029", "李四"), "610113001", replies, "corr-1");

            JsonNode accepted = receive(consumer, "corr-1");
            assertThat(accepted.path("httpStatus").asInt()).isEqualTo(202);
            assertThat(accepted.path("jurisdiction").asText()).isEqualTo("CROSS_COUNTY");
            String id = accepted.path("verificationId").asText();

            JsonNode change = receive(consumer, "corr-1");
            while (!"ANSWERED".equals(change.path("status").asText())) {
                assertThat(change.path("event").asText()).isEqualTo("STATUS_CHANGED");
                change = receive(consumer, "corr-1");
            }
            assertThat(change.path("verificationId").asText()).isEqualTo(id);
            assertThat(change.path("result").path("outcome").asText()).isEqualTo("RECEIVING");
        }
    }

    @Test
    void withoutReplyToTheAnswerGoesToTheEgressQueueAndRefusalsCarryTheirCodes() throws Exception {
        try (MessageConsumer egress = session.createConsumer(session.createQueue("assistx.egress.610113001"))) {
            send("{\"requestId\": \"jms-2\"}", "610113001", null, "corr-2");
            JsonNode refused = answer(egress, "corr-2");
            assertThat(refused.path("httpStatus").asInt()).isEqualTo(422);
            assertThat(refused.path("errors").findValuesAsText("code")).contains("INVALID_FIELD");

            send("not json", "610113001", null, "corr-3");
            assertThat(answer(egress, "corr-3").path("httpStatus").asInt()).isEqualTo(400);

            String body = TownshipClient.tourRequest("jms-4", "610104199001011234", "张三");
            send(body, "610113001", null, "corr-4");
            JsonNode first = answer(egress, "corr-4");
            send(body, "610113001", null, "corr-5");
            JsonNode again = answer(egress, "corr-5");
            assertThat(first.path("httpStatus").asInt()).isEqualTo(202);
            assertThat(again.path("httpStatus").asInt()).isEqualTo(200);
            assertThat(again.path("verificationId").asText()).isEqualTo(first.path("verificationId").asText());
        }
    }

    @Test
    void noIdentityIsAnswered401OnTheReplyQueue() throws Exception {
        Queue replies = session.createTemporaryQueue();
        try (MessageConsumer consumer = session.createConsumer(replies)) {
            send(TownshipClient.tourRequest("jms-6", "610104199001011234", "张三"), null, replies, "corr-6");
            JsonNode answer = receive(consumer, "corr-6");
            assertThat(answer.path("httpStatus").asInt()).isEqualTo(401);
            assertThat(answer.path("errors").get(0).path("code").asText()).isEqualTo("UNAUTHENTICATED");

            // another township's identity: 403, and both refusals are recorded for operators
            send(TownshipClient.tourRequest("jms-7", "610104199001011234", "张三"), "610113002", replies, "corr-7");
            assertThat(receive(consumer, "corr-7").path("errors").get(0).path("code").asText()).isEqualTo("FORBIDDEN");
            assertThat(refusals.list("FORBIDDEN", "610113002", "JMS", null, 10)).isNotEmpty();
            assertThat(refusals.list("UNAUTHENTICATED", null, "JMS", null, 10)).isNotEmpty();
        }
    }
}
