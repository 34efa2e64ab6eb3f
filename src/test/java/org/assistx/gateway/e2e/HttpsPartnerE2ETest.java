package org.assistx.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.assistx.gateway.GatewayTestSupport;
import org.assistx.gateway.crypto.CryptoProfile;
import org.assistx.gateway.crypto.Pem;
import org.assistx.gateway.crypto.SigningIdentity;
import org.assistx.gateway.envelope.Envelope;
import org.assistx.gateway.envelope.EnvelopeHeader;
import org.assistx.gateway.envelope.EnvelopeSigner;
import org.assistx.gateway.envelope.MessageType;
import org.bouncycastle.asn1.x500.X500Name;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A REST partner behind HTTPS whose server certificate comes from its own CA (made here, unknown to the
 * JVM): the Guangdong folder points {@code endpoint} at its {@code https://} address and
 * {@code tls.serverCa} at the CA file in the folder, and a verification is answered over that TLS
 * connection. The same server is refused by a client with the JVM's default trust.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class HttpsPartnerE2ETest {

    private static final Path ECDSA = Path.of("certs-sample", "ecdsa");
    private static final AtomicInteger CALLS = new AtomicInteger();
    private static HttpsServer province;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        Path dir = GatewayTestSupport.freshDataDir(registry, "https-partner");
        Path partners = PartnerSwitch.copyPartners(dir).directory();
        Path folder = partners.resolve("guangdong-44");

        KeyPair caKeys = TestTls.keys();
        X509Certificate ca = TestTls.certificate(new X500Name("C=CN,O=Guangdong,CN=Guangdong TLS CA"), caKeys, caKeys, null,
                true);
        KeyPair serverKeys = TestTls.keys();
        X509Certificate server = TestTls.certificate(new X500Name("C=CN,O=44,CN=127.0.0.1"), serverKeys, caKeys, ca, false);
        Files.createDirectories(folder.resolve("tls"));
        Files.writeString(folder.resolve("tls").resolve("server-ca.pem"), Pem.toPem(ca));

        SSLContext ssl = TestTls.server(serverKeys, new X509Certificate[] {server, ca}, null);
        province = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        province.setHttpsConfigurator(new HttpsConfigurator(ssl));
        EnvelopeSigner guangdong = new EnvelopeSigner(new ObjectMapper(), SigningIdentity.load("44",
                CryptoProfile.ECDSA_P256, ECDSA.resolve("guangdong-44.crt.pem"), ECDSA.resolve("guangdong-44.key.pem")));
        JsonNode payload = new ObjectMapper().readTree(folder.resolve("samples").resolve("receiving.json").toFile());
        province.createContext("/province", exchange -> {
            CALLS.incrementAndGet();
            Envelope request = Envelope.parse(new ObjectMapper(),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            EnvelopeHeader header = new EnvelopeHeader(UUID.randomUUID().toString(), request.header().correlationId(),
                    MessageType.PROOF_RESULT, request.header().recipient(), request.header().sender(), Instant.now(),
                    "1", request.signedDigest(), null, null);
            byte[] reply = guangdong.sign(header, payload).text().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(200, reply.length);
            exchange.getResponseBody().write(reply);
            exchange.close();
        });
        province.start();

        Path descriptor = folder.resolve("partner.yaml");
        Files.writeString(descriptor, Files.readString(descriptor).replace("endpoint: /simulator/partners/guangdong-44",
                "endpoint: https://127.0.0.1:" + province.getAddress().getPort() + "/province\ntls:\n"
                        + "  serverCa: tls/server-ca.pem"));
        registry.add("assistx.partners.directory", partners::toString);
    }

    @AfterAll
    static void stop() {
        province.stop(0);
    }

    @LocalServerPort
    int port;

    @Test
    void aVerificationIsAnsweredOverTlsTrustingOnlyThePartnersServerCa() {
        assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "https://127.0.0.1:" + province.getAddress().getPort() + "/province")).GET().build(),
                HttpResponse.BodyHandlers.discarding()))
                .as("the JVM's default trust does not know the partner's CA").isInstanceOf(SSLHandshakeException.class);

        TownshipClient township = new TownshipClient(port);
        TownshipClient.Reply accepted = township.post("/api/v1/verifications", "610113001",
                TownshipClient.dibaoRequest("https-1", "440106198807150029", "陈小梅", "440106003", "URBAN"));
        assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
        String id = accepted.body().path("verificationId").asText();
        JsonNode v = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> township.get("/api/v1/verifications/" + id, "610113001").body(),
                        b -> !b.path("status").asText().matches("ACCEPTED|SENT"));
        assertThat(v.path("status").asText()).as(v.toString()).isEqualTo("ANSWERED");
        assertThat(v.path("result").path("outcome").asText()).isEqualTo("RECEIVING");
        assertThat(CALLS.get()).isGreaterThanOrEqualTo(1);
    }
}
