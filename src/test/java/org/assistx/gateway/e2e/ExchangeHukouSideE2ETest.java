package org.assistx.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.assistx.gateway.GatewayTestSupport;
import org.assistx.gateway.crypto.CertificateValidator;
import org.assistx.gateway.crypto.CryptoProfile;
import org.assistx.gateway.crypto.Pem;
import org.assistx.gateway.crypto.SigningIdentity;
import org.assistx.gateway.envelope.Envelope;
import org.assistx.gateway.envelope.EnvelopeHeader;
import org.assistx.gateway.envelope.EnvelopeSigner;
import org.assistx.gateway.envelope.EnvelopeVerifier;
import org.assistx.gateway.envelope.MessageType;
import org.assistx.gateway.federation.Directory;
import org.assistx.gateway.federation.DirectoryMember;
import org.assistx.gateway.federation.FederationDirectory;
import org.assistx.gateway.federation.SettableDirectory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The hukou side of the federation through real HTTP: a directory of two members — {@code shenzhen-4403} (the
 * asking gateway, a JDK HTTP server in the test recording what reaches its exchange endpoint) and
 * {@code xian-6101} (this gateway, serving 6101 with the sample SM2 gateway certificate). A signed request about
 * a 6101 hukou holder is taken ({@code 202 ACCEPTED}), checked at the county bureau through the partner route,
 * and answered asynchronously with a signed {@code VERIFICATION_RESULT} bound to the request, retried while the
 * asker is down; a repeat is {@code ALREADY_HELD} and answered once. Forged, foreign, unbound, misaddressed and
 * replayed messages are refused with their codes and change nothing. A notice lands in its township's inbox.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ExchangeHukouSideE2ETest {

    static final Path SM2 = Path.of("certs-sample/sm2");
    static final List<Envelope> received = new CopyOnWriteArrayList<>();
    static final AtomicInteger calls = new AtomicInteger();
    static final AtomicInteger failuresLeft = new AtomicInteger();
    static final ObjectMapper JSON = new ObjectMapper();
    static int brokerPort;
    static HttpServer asker;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        java.nio.file.Path dataDir = GatewayTestSupport.freshDataDir(registry, "exchange-hukou");
        asker = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        asker.createContext("/api/v1/exchange", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            calls.incrementAndGet();
            if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                exchange.sendResponseHeaders(503, -1);
                exchange.close();
                return;
            }
            received.add(Envelope.parse(JSON, new String(body, StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        asker.start();
        GatewayTestSupport.federationWithTestDirectory(registry, "xian-6101", dataDir);
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            brokerPort = free.getLocalPort();
        }
        registry.add("assistx.broker.tcp-port", () -> brokerPort);
        registry.add("assistx.policy.served-area-prefix", () -> "6101");
        registry.add("assistx.exchange.answer-poll-interval", () -> "PT0.3S");
        registry.add("assistx.exchange.answer-backoff", () -> "PT0.3S");
    }

    @AfterAll
    static void stop() {
        asker.stop(0);
    }

    /** The directory in force for this test: the two members, with the sample SM2 certificates pinned. */
    @TestConfiguration
    static class TestDirectory {
        @Bean
        @Primary
        FederationDirectory testFederationDirectory() {
            String askerUrl = "http://127.0.0.1:" + asker.getAddress().getPort() + "/api/v1/exchange";
            Instant now = Instant.now();
            Directory d = new Directory(7, now.minusSeconds(3600), now.plusSeconds(86_400), List.of(
                    new DirectoryMember("shenzhen-4403", "4403", "深圳市 / Shenzhen", List.of("4403"),
                            List.of(askerUrl), List.of(der("zhejiang-33.crt.pem")), List.of(),
                            List.of(CryptoProfile.SM2), List.of(MessageType.VERIFICATION_RESULT,
                                    MessageType.PROOF_RESULT)),
                    new DirectoryMember("xian-6101", "6101", "西安市 / Xi'an", List.of("6101"),
                            List.of("http://127.0.0.1:1/api/v1/exchange"), List.of(der("gateway.crt.pem")), List.of(),
                            List.of(CryptoProfile.SM2), List.of(MessageType.VERIFICATION_REQUEST,
                                    MessageType.PROOF_REQUEST, MessageType.APPROVAL_RESULT_NOTICE))));
            return new SettableDirectory(d);
        }
    }

    static String der(String file) {
        try {
            return Base64.getEncoder().encodeToString(Pem.readCertificate(SM2.resolve(file)).getEncoded());
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    final EnvelopeSigner askerSigner = new EnvelopeSigner(JSON, SigningIdentity.load("4403", CryptoProfile.SM2,
            SM2.resolve("zhejiang-33.crt.pem"), SM2.resolve("zhejiang-33.key.pem")));
    final EnvelopeSigner strangerSigner = new EnvelopeSigner(JSON, SigningIdentity.load("4403", CryptoProfile.SM2,
            SM2.resolve("untrusted.crt.pem"), SM2.resolve("untrusted.key.pem")));

    static ObjectNode requestPayload(String idNumber, String name, String hukou) {
        ObjectNode p = JSON.createObjectNode();
        p.put("verificationId", UUID.randomUUID().toString());
        p.put("requestId", "sz-" + UUID.randomUUID());
        p.put("appliedOn", "2026-09-01");
        p.put("residenceTownship", "440304001");
        p.put("residenceSince", "2026-01-15");
        p.put("assistanceType", "DIBAO");
        p.put("category", "URBAN_DIBAO");
        p.put("jurisdiction", "CROSS_PROVINCE");
        p.put("declarationOfNonReceipt", true);
        ObjectNode person = p.putObject("person");
        person.put("idNumber", idNumber);
        person.put("name", name);
        person.put("hukouDivision", hukou);
        person.put("hukouNature", "URBAN");
        return p;
    }

    static EnvelopeHeader header(MessageType type, String sender, String recipient) {
        return new EnvelopeHeader(UUID.randomUUID().toString(), UUID.randomUUID().toString(), type, sender, recipient,
                Instant.now(), EnvelopeHeader.SCHEMA_VERSION, null, "居住地申办社会救助核查 / residence-based check",
                null);
    }

    TownshipClient.Reply post(String body) {
        return new TownshipClient(port).post("/api/v1/exchange", null, body);
    }

    long count(String table) {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
        return n == null ? 0 : n;
    }

    List<Envelope> answersTo(Envelope request) {
        return received.stream().filter(a -> request.signedDigest().equals(a.header().requestHash())).toList();
    }

    @Test
    void aRequestIsTakenCheckedAtTheCountyBureauAndAnsweredOnceRetriedWhileTheAskerIsDown() {
        failuresLeft.set(2);
        int callsBefore = calls.get();
        Envelope request = askerSigner.sign(header(MessageType.VERIFICATION_REQUEST, "440304001", "6101"),
                requestPayload("610104198503150029", "李四", "610104003"));

        TownshipClient.Reply first = post(request.text());
        assertThat(first.status()).as(first.text()).isEqualTo(202);
        assertThat(first.body().path("status").asText()).isEqualTo("ACCEPTED");
        assertThat(first.body().path("messageId").asText()).isEqualTo(request.messageId());
        String verificationId = first.body().path("verificationId").asText();
        assertThat(verificationId).isNotBlank();

        await().atMost(Duration.ofSeconds(60)).until(() -> !answersTo(request).isEmpty());
        Envelope answer = answersTo(request).get(0);
        assertThat(calls.get() - callsBefore).as("two refused posts, then the delivered one").isGreaterThanOrEqualTo(3);
        assertThat(answer.type()).isEqualTo(MessageType.VERIFICATION_RESULT);
        assertThat(answer.header().correlationId()).isEqualTo(request.header().correlationId());
        assertThat(answer.header().sender()).isEqualTo("6101");
        assertThat(answer.header().recipient()).isEqualTo("440304001");
        X509Certificate gateway = Pem.readCertificate(SM2.resolve("gateway.crt.pem"));
        new EnvelopeVerifier(List.of(), Clock.systemUTC(), Duration.ofHours(1), Duration.ofMinutes(5))
                .verify(answer, new CertificateValidator(List.of(gateway), List.of()));
        assertThat(answer.payload().path("outcome").asText()).isEqualTo("RECEIVING");
        assertThat(answer.payload().path("records").size()).isGreaterThan(0);
        assertThat(answer.payload().path("records").path(0).path("personIdNumber").asText())
                .isEqualTo("610104198503150029");
        assertThat(jdbc.queryForObject("SELECT answer_status FROM exchange_request WHERE message_id = ?",
                String.class, request.messageId())).isEqualTo("DELIVERED");

        // the asker sends the same request again (say after its restart): taken once, answered once
        TownshipClient.Reply again = post(request.text());
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.body().path("status").asText()).isEqualTo("ALREADY_HELD");
        assertThat(again.body().path("verificationId").asText()).isEqualTo(verificationId);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> answersTo(request).size() == 1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM message WHERE verification_id = ? AND direction = 'OUT' "
                + "AND type = 'VERIFICATION_RESULT'", Long.class, verificationId)).isEqualTo(1L);
        JsonNode ops = new OpsClient(port).get("/api/v1/ops/exchange").body();
        assertThat(ops.path("requests").toString()).contains(request.messageId()).contains("DELIVERED");
    }

    @Test
    void aProofRequestAnsweredNotReceivingCarriesTheProofIssuedForTheHukouCounty() {
        Envelope request = askerSigner.sign(header(MessageType.PROOF_REQUEST, "440304001", "6101"),
                requestPayload("610104199001010011", "赵六", "610104003"));
        TownshipClient.Reply taken = post(request.text());
        assertThat(taken.status()).as(taken.text()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(60)).until(() -> !answersTo(request).isEmpty());
        Envelope answer = answersTo(request).get(0);
        assertThat(answer.type()).isEqualTo(MessageType.PROOF_RESULT);
        assertThat(answer.payload().path("outcome").asText()).isEqualTo("NOT_RECEIVING");
        JsonNode proof = answer.payload().path("proof");
        assertThat(proof.path("issuerDivision").asText()).isEqualTo("610104");
        assertThat(proof.path("personIdNumber").asText()).isEqualTo("610104199001010011");
        assertThat(proof.path("documentNumber").asText()).startsWith("XG-");
    }

    @Test
    void forgedForeignUnboundMisaddressedAndReplayedMessagesAreRefusedAndChangeNothing() {
        Envelope taken = askerSigner.sign(header(MessageType.VERIFICATION_REQUEST, "440304001", "6101"),
                requestPayload("610104197805200031", "王五", "610104003"));
        assertThat(post(taken.text()).status()).isEqualTo(202);
        // its round trip done first, so that nothing else moves the counts below
        await().atMost(Duration.ofSeconds(60)).until(() -> !answersTo(taken).isEmpty());
        long verifications = count("verification");
        long requests = count("exchange_request");
        long messages = count("message");

        ObjectNode forged = (ObjectNode) readTree(askerSigner.sign(header(MessageType.VERIFICATION_REQUEST,
                "440304001", "6101"), requestPayload("610104197805200031", "王五", "610104003")).text());
        ((ObjectNode) forged.path("payload").path("person")).put("idNumber", "610104198503150029");
        EnvelopeHeader replayHeader = new EnvelopeHeader(taken.messageId(), UUID.randomUUID().toString(),
                MessageType.VERIFICATION_REQUEST, "440304001", "6101", Instant.now(), EnvelopeHeader.SCHEMA_VERSION,
                null, null, null);
        String[][] cases = {
            {forged.toString(), "403", "SIGNATURE_INVALID"},
            {strangerSigner.sign(header(MessageType.VERIFICATION_REQUEST, "440304001", "6101"),
                    requestPayload("610104197805200031", "王五", "610104003")).text(), "403", "SENDER_NOT_MEMBER"},
            {askerSigner.sign(header(MessageType.VERIFICATION_REQUEST, "510104001", "6101"),
                    requestPayload("610104197805200031", "王五", "610104003")).text(), "403", "SENDER_NOT_BOUND"},
            {askerSigner.sign(header(MessageType.VERIFICATION_REQUEST, "440304001", "6101"),
                    requestPayload("440304197805200031", "王五", "440304001")).text(), "422", "NOT_SERVED_HERE"},
            {askerSigner.sign(header(MessageType.VERIFICATION_REQUEST, "440304001", "5101"),
                    requestPayload("610104197805200031", "王五", "610104003")).text(), "422", "NOT_SERVED_HERE"},
            {askerSigner.sign(replayHeader, requestPayload("610104198503150029", "李四", "610104003")).text(), "409",
                    "REPLAYED"},
            {"{\"header\": {}}", "400", "ENVELOPE_MALFORMED"}};
        for (String[] c : cases) {
            TownshipClient.Reply r = post(c[0]);
            assertThat(r.status()).as(c[2] + ": " + r.text()).isEqualTo(Integer.parseInt(c[1]));
            assertThat(r.body().path("errors").path(0).path("code").asText()).isEqualTo(c[2]);
            JsonNode listed = new OpsClient(port).get("/api/v1/ops/refusals?channel=EXCHANGE&code=" + c[2]).body();
            assertThat(listed.path("refusals").size()).as(c[2] + " recorded").isGreaterThan(0);
            String id = readTree(c[0]).path("header").path("messageId").asText("-");
            if (!id.equals(taken.messageId())) {
                assertThat(count("message WHERE message_id = '" + id + "'")).as(c[2]).isZero();
            }
        }
        assertThat(count("verification")).isEqualTo(verifications);
        assertThat(count("exchange_request")).isEqualTo(requests);
        assertThat(count("message")).isEqualTo(messages);
    }

    /**
     * The process dies after the local verification's final status committed and before the answer's own
     * transaction (here: that transaction undone by hand): the scheduler route's sweep makes the answer.
     */
    @Test
    void anAnswerACrashLeftUnmadeIsMadeByTheSweep() {
        Envelope request = askerSigner.sign(header(MessageType.VERIFICATION_REQUEST, "440304001", "6101"),
                requestPayload("610104197805200031", "王五", "610104003"));
        assertThat(post(request.text()).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> !answersTo(request).isEmpty());
        Envelope first = answersTo(request).get(0);

        jdbc.update("DELETE FROM message WHERE message_id = ?", first.messageId());
        jdbc.update("UPDATE exchange_request SET answer_message_id = NULL, answered_at = NULL, answer_status = NULL, "
                + "answer_attempts = 0, answer_next_attempt_at = NULL, delivered_at = NULL WHERE message_id = ?",
                request.messageId());

        await().atMost(Duration.ofSeconds(30)).until(() -> answersTo(request).size() == 2);
        Envelope made = answersTo(request).get(1);
        assertThat(made.messageId()).isNotEqualTo(first.messageId());
        assertThat(made.payload().path("outcome").asText()).isEqualTo(first.payload().path("outcome").asText());
        assertThat(jdbc.queryForObject("SELECT answer_message_id FROM exchange_request WHERE message_id = ?",
                String.class, request.messageId())).isEqualTo(made.messageId());
    }

    @Test
    void aNoticeIsInTheInboxOfItsTownshipOnly() {
        ObjectNode payload = JSON.createObjectNode();
        payload.put("verificationId", UUID.randomUUID().toString());
        payload.put("residenceTownship", "440304001");
        payload.put("decision", "APPROVED");
        payload.put("assistanceType", "DIBAO");
        Envelope notice = askerSigner.sign(header(MessageType.APPROVAL_RESULT_NOTICE, "440304001", "610104003"),
                payload);
        TownshipClient.Reply taken = post(notice.text());
        assertThat(taken.status()).as(taken.text()).isEqualTo(202);
        assertThat(taken.body().path("status").asText()).isEqualTo("ACCEPTED");
        assertThat(post(notice.text()).body().path("status").asText()).isEqualTo("ALREADY_HELD");

        TownshipClient client = new TownshipClient(port);
        JsonNode mine = client.get("/api/v1/inbox", "610104003").body();
        assertThat(mine.path("notices").size()).isEqualTo(1);
        assertThat(mine.path("notices").path(0).path("messageId").asText()).isEqualTo(notice.messageId());
        assertThat(mine.path("notices").path(0).path("type").asText()).isEqualTo("APPROVAL_RESULT_NOTICE");
        assertThat(mine.path("notices").path(0).path("payload").path("decision").asText()).isEqualTo("APPROVED");
        JsonNode other = client.get("/api/v1/inbox", "610113001").body();
        assertThat(other.path("notices").toString()).doesNotContain(notice.messageId());
    }

    @Test
    void theSameExchangeOverTheBrokerAndOverSoap() throws Exception {
        Envelope request = askerSigner.sign(header(MessageType.VERIFICATION_REQUEST, "440304001", "6101"),
                requestPayload("610104198503150029", "李四", "610104003"));
        try (jakarta.jms.Connection connection = new org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory(
                "tcp://127.0.0.1:" + brokerPort).createConnection()) {
            connection.start();
            jakarta.jms.Session session = connection.createSession(false, jakarta.jms.Session.AUTO_ACKNOWLEDGE);
            jakarta.jms.TemporaryQueue replies = session.createTemporaryQueue();
            try (jakarta.jms.MessageProducer producer = session.createProducer(
                    session.createQueue("assistx.ingress.exchange"));
                    jakarta.jms.MessageConsumer consumer = session.createConsumer(replies)) {
                for (String[] sent : List.of(new String[] {request.text(), "exchange-1"},
                        new String[] {"{\"header\": 1}", "exchange-2"})) {
                    jakarta.jms.TextMessage m = session.createTextMessage(sent[0]);
                    m.setJMSReplyTo(replies);
                    m.setJMSCorrelationID(sent[1]);
                    producer.send(m);
                }
                // two consumers take the queue: the answers come in either order, each with its correlation id
                java.util.Map<String, JsonNode> answers = new java.util.HashMap<>();
                for (int n = 0; n < 2; n++) {
                    jakarta.jms.TextMessage m = (jakarta.jms.TextMessage) consumer.receive(30_000);
                    assertThat(m).as("answer %d of 2 on the reply queue", n + 1).isNotNull();
                    answers.put(m.getJMSCorrelationID(), readTree(m.getText()));
                }
                JsonNode receipt = answers.get("exchange-1");
                assertThat(receipt.path("httpStatus").asInt()).as(receipt.toString()).isEqualTo(202);
                assertThat(receipt.path("status").asText()).isEqualTo("ACCEPTED");
                JsonNode refused = answers.get("exchange-2");
                assertThat(refused.path("httpStatus").asInt()).as(refused.toString()).isEqualTo(400);
                assertThat(refused.path("errors").path(0).path("code").asText()).isEqualTo("ENVELOPE_MALFORMED");
            }
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> !answersTo(request).isEmpty());

        // over SOAP (the envelope-exchange contract): the same message again is held once; a stranger's is a fault
        java.net.http.HttpResponse<String> again = soap(request.text());
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(again.body()).contains("ALREADY_HELD").contains(request.messageId());
        Envelope stranger = strangerSigner.sign(header(MessageType.VERIFICATION_REQUEST, "440304001", "6101"),
                requestPayload("610104198503150029", "李四", "610104003"));
        java.net.http.HttpResponse<String> fault = soap(stranger.text());
        assertThat(fault.statusCode()).isEqualTo(500);
        assertThat(fault.body()).contains("SENDER_NOT_MEMBER").contains("<httpStatus>403</httpStatus>");
        assertThat(answersTo(request)).hasSize(1);
    }

    java.net.http.HttpResponse<String> soap(String envelope) throws Exception {
        String escaped = envelope.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        String xml = "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:x=\""
                + org.assistx.gateway.partner.soap.EnvelopeExchangePort.NAMESPACE + "\"><soap:Body><x:exchange>"
                + "<x:envelope>" + escaped + "</x:envelope></x:exchange></soap:Body></soap:Envelope>";
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + port + "/services/exchange"))
                .header("Content-Type", "text/xml; charset=utf-8").header("SOAPAction", "\"\"")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(xml)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode readTree(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
