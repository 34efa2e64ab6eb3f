package org.assistx.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.assistx.gateway.GatewayTestSupport;
import org.assistx.gateway.crypto.CryptoProfile;
import org.assistx.gateway.crypto.SigningIdentity;
import org.assistx.gateway.crypto.TestKeys;
import org.assistx.gateway.envelope.Envelope;
import org.assistx.gateway.envelope.EnvelopeHeader;
import org.assistx.gateway.envelope.EnvelopeSigner;
import org.assistx.gateway.envelope.MessageType;
import org.assistx.gateway.federation.Directory;
import org.assistx.gateway.federation.DirectoryMember;
import org.assistx.gateway.federation.FederationDirectory;
import org.assistx.gateway.federation.SettableDirectory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The asking side of the federation on the real stack: a member gateway of the directory (成都, 5101; no partner
 * folder covers Sichuan) is a route like a partner. A 西安 township's cross-province request is signed and
 * POSTed to the member's exchange endpoint (here a plain HTTP server standing in for that gateway, with its own
 * SM2 key), which answers 202; the member's signed PROOF_RESULT then comes to our {@code /api/v1/exchange} and is
 * verified against the member's pinned certificate, bound to the request by its hash, mapped from the common
 * format and recorded. A forged or unbound answer is refused and changes nothing; the same answer again is
 * ALREADY_HELD. A new directory version adds a member without a restart; a partner folder still wins where it
 * covers the place.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class FederationAskingE2ETest {

    static final String CHENGDU_HUKOU = "510104018";   // 成都市锦江区东湖街道
    static final KeyPair MEMBER_KEYS = TestKeys.keyPair(CryptoProfile.SM2);
    static final X509Certificate MEMBER_CERT = TestKeys.selfSigned(CryptoProfile.SM2, MEMBER_KEYS,
            "O=5101, CN=chengdu-5101-gateway");
    static final KeyPair FORGER_KEYS = TestKeys.keyPair(CryptoProfile.SM2);
    static final X509Certificate FORGER_CERT = TestKeys.selfSigned(CryptoProfile.SM2, FORGER_KEYS,
            "O=5101, CN=chengdu-5101-gateway");

    static HttpServer member;
    static final List<String> received = new CopyOnWriteArrayList<>();
    static final SettableDirectory directory = new SettableDirectory();

    @BeforeAll
    static void memberGateway() throws IOException {
        member = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        member.createContext("/api/v1/exchange", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(body);
            byte[] receipt = "{\"status\":\"ACCEPTED\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(202, receipt.length);
            exchange.getResponseBody().write(receipt);
            exchange.close();
        });
        member.start();
        directory.set(directoryOf(1, chengdu()));
    }

    @AfterAll
    static void stop() {
        member.stop(0);
    }

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        GatewayTestSupport.federationWithTestDirectory(registry, "xian-6101",
                GatewayTestSupport.freshDataDir(registry, "federation-asking"));
    }

    @TestConfiguration
    static class Directories {
        @Bean
        @Primary
        FederationDirectory testDirectory() {
            return directory;
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    ObjectMapper json;

    TownshipClient township;

    @BeforeEach
    void client() {
        township = new TownshipClient(port);
    }

    @Test
    void aMemberGatewayIsAskedAndItsSignedAnswerIsRecorded() throws Exception {
        TownshipClient.Reply accepted = township.post("/api/v1/verifications", "610113001",
                TownshipClient.dibaoRequest("fed-ask-1", "510104198805050011", "蓉城", CHENGDU_HUKOU, "URBAN"));
        assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
        assertThat(accepted.body().path("route").path("partner").asText()).isEqualTo("chengdu-5101");
        assertThat(accepted.body().path("route").path("recipient").asText()).isEqualTo("5101");
        String id = accepted.body().path("verificationId").asText();

        Envelope request = await().atMost(Duration.ofSeconds(30)).until(() -> requestOf(id), Optional::isPresent).get();
        assertThat(request.type()).isEqualTo(MessageType.PROOF_REQUEST);
        assertThat(request.header().recipient()).isEqualTo("5101");
        assertThat(township.get("/api/v1/verifications/" + id, "610113001").body().path("status").asText())
                .isEqualTo("SENT");

        // a forged answer (not the member's pinned key) and one not bound to the request change nothing
        assertThat(post(answer(request, FORGER_KEYS, FORGER_CERT, request.signedDigest())).status())
                .isBetween(400, 499);
        assertThat(post(answer(request, MEMBER_KEYS, MEMBER_CERT, "00".repeat(32))).status()).isBetween(400, 499);
        assertThat(township.get("/api/v1/verifications/" + id, "610113001").body().path("status").asText())
                .isEqualTo("SENT");

        String genuine = answer(request, MEMBER_KEYS, MEMBER_CERT, request.signedDigest());
        TownshipClient.Reply taken = post(genuine);
        assertThat(taken.status()).as(taken.text()).isEqualTo(202);
        assertThat(taken.body().path("status").asText()).isEqualTo("ACCEPTED");
        JsonNode view = township.get("/api/v1/verifications/" + id, "610113001").body();
        assertThat(view.path("status").asText()).isEqualTo("ANSWERED");
        assertThat(view.path("result").path("outcome").asText()).isEqualTo("RECEIVING");
        assertThat(view.path("result").path("records").get(0).path("sourceSystem").asText()).isEqualTo("chengdu-5101");
        assertThat(view.path("result").path("records").get(0).path("amount").path("value").asText()).isEqualTo("720.00");

        TownshipClient.Reply again = post(genuine);
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.body().path("status").asText()).isEqualTo("ALREADY_HELD");
    }

    @Test
    void aNewDirectoryVersionIsRoutedToWithoutRestartAndAFolderStillWins() {
        String evaluate = TownshipClient.dibaoRequest("fed-eval-1", "510104198805050011", "蓉城", "530102001", "URBAN");
        assertThat(township.post("/api/v1/policy/evaluate", "610113001", evaluate).body().path("route")
                .path("partner").asText()).as("no route before the member joins").isEmpty();
        DirectoryMember kunming = new DirectoryMember("kunming-5301", "5301", "昆明市民政局", List.of("5301"),
                List.of("http://127.0.0.1:" + member.getAddress().getPort() + "/api/v1/exchange"),
                List.of(b64(MEMBER_CERT)), List.of(), List.of(CryptoProfile.SM2),
                List.of(MessageType.VERIFICATION_REQUEST, MessageType.PROOF_REQUEST));
        DirectoryMember guangzhou = new DirectoryMember("guangzhou-4401", "4401", "广州市民政局", List.of("4401"),
                List.of("http://127.0.0.1:1/api/v1/exchange"), List.of(b64(MEMBER_CERT)), List.of(),
                List.of(CryptoProfile.SM2), List.of(MessageType.VERIFICATION_REQUEST));
        directory.set(directoryOf(2, chengdu(), kunming, guangzhou));
        try {
            assertThat(township.post("/api/v1/policy/evaluate", "610113001", evaluate).body()
                    .path("route").path("partner").asText()).isEqualTo("kunming-5301");
            String guangzhouHukou = TownshipClient.dibaoRequest("fed-eval-2", "510104198805050011", "蓉城",
                    "440106003", "URBAN");
            assertThat(township.post("/api/v1/policy/evaluate", "610113001", guangzhouHukou).body()
                    .path("route").path("partner").asText()).isEqualTo("guangdong-44");
        } finally {
            directory.set(directoryOf(3, chengdu()));
        }
    }

    private Optional<Envelope> requestOf(String verificationId) {
        return received.stream().map(text -> Envelope.parse(json, text))
                .filter(e -> e.header().correlationId().equals(verificationId)).findFirst();
    }

    private String answer(Envelope request, KeyPair keys, X509Certificate cert, String requestHash) {
        EnvelopeHeader header = new EnvelopeHeader(UUID.randomUUID().toString(), request.header().correlationId(),
                MessageType.PROOF_RESULT, request.header().recipient(), request.header().sender(), Instant.now(),
                EnvelopeHeader.SCHEMA_VERSION, requestHash, null, null);
        ObjectNode payload = json.createObjectNode();
        payload.put("outcome", "RECEIVING");
        ObjectNode record = payload.putArray("records").addObject();
        record.put("personIdNumber", "510104198805050011");
        record.put("personName", "蓉城");
        record.put("division", "510104");
        record.put("assistanceType", "DIBAO");
        record.put("category", "URBAN_DIBAO");
        record.put("status", "ACTIVE");
        record.put("startDate", "2025-03-01");
        record.putObject("amount").put("value", "720.00").put("currency", "CNY").put("period", "MONTH");
        record.put("sourceSystem", "CD-JJ-MZ");
        record.put("sourceRecordId", "CD-2025-0042");
        payload.putNull("proof");
        SigningIdentity identity = new SigningIdentity("5101", CryptoProfile.SM2, keys.getPrivate(), cert);
        return new EnvelopeSigner(json, identity).sign(header, payload).text();
    }

    private TownshipClient.Reply post(String envelope) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/v1/exchange"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(envelope)).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = r.body().isBlank() ? json.nullNode() : json.readTree(r.body());
        return new TownshipClient.Reply(r.statusCode(), body, r.body());
    }

    static DirectoryMember chengdu() {
        return new DirectoryMember("chengdu-5101", "5101", "成都市民政局", List.of("5101"),
                List.of("http://127.0.0.1:" + member.getAddress().getPort() + "/api/v1/exchange"),
                List.of(b64(MEMBER_CERT)), List.of(), List.of(CryptoProfile.SM2),
                List.of(MessageType.VERIFICATION_REQUEST, MessageType.PROOF_REQUEST,
                        MessageType.APPROVAL_RESULT_NOTICE));
    }

    static Directory directoryOf(long version, DirectoryMember... members) {
        Instant now = Instant.now();
        return new Directory(version, now.minusSeconds(60), now.plus(Duration.ofDays(7)), List.of(members));
    }

    static String b64(X509Certificate cert) {
        try {
            return Base64.getEncoder().encodeToString(cert.getEncoded());
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
