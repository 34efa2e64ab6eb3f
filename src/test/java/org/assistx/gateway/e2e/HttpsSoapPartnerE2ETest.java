package org.assistx.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import org.assistx.gateway.GatewayTestSupport;
import org.assistx.gateway.crypto.Pem;
import org.assistx.gateway.partner.PartnerRegistry;
import org.bouncycastle.asn1.x500.X500Name;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The SOAP county-bureau partner behind HTTPS with mutual TLS: a JDK HTTPS server whose certificate comes
 * from the partner's own CA (made here) and which requires a client certificate from the gateway's client
 * CA forwards each SOAP call to the built-in county-bureau simulator. The partner's folder names the CA in
 * {@code tls.serverCa} and the gateway's client certificate and key. A verification is answered over that
 * connection; with a CA that did not issue the server's certificate the call fails in the TLS handshake,
 * nothing reaches the partner and the delivery is retried; after a reload with the right CA the same
 * verification is answered, without a restart. The host name is checked: the same server reached as
 * {@code localhost}, a name its certificate does not carry, is refused in the handshake.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class HttpsSoapPartnerE2ETest {

    private static final AtomicInteger CALLS = new AtomicInteger();
    private static volatile int gatewayPort;
    private static HttpsServer bureau;
    private static Path serverCaFile;
    private static Path descriptor;
    private static String rightCa;
    private static String otherCa;
    private static SSLContext trustingRightCa;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        Path dir = GatewayTestSupport.freshDataDir(registry, "https-soap-partner");
        Path partners = PartnerSwitch.copyPartners(dir).directory();
        Path folder = partners.resolve(PartnerSwitch.PARTNER);
        Path tls = Files.createDirectories(folder.resolve("tls"));

        KeyPair caKeys = TestTls.keys();
        X509Certificate ca = TestTls.certificate(new X500Name("C=CN,O=6101,CN=Xi'an bureaus TLS CA"), caKeys, caKeys,
                null, true);
        KeyPair serverKeys = TestTls.keys();
        X509Certificate server = TestTls.certificate(new X500Name("C=CN,O=6101,CN=127.0.0.1"), serverKeys, caKeys, ca,
                false);
        KeyPair otherKeys = TestTls.keys();
        X509Certificate other = TestTls.certificate(new X500Name("C=CN,O=6101,CN=Another TLS CA"), otherKeys,
                otherKeys, null, true);
        KeyPair clientCaKeys = TestTls.keys();
        X509Certificate clientCa = TestTls.certificate(new X500Name("C=CN,O=AssistX,CN=Gateway client CA"),
                clientCaKeys, clientCaKeys, null, true);
        KeyPair clientKeys = TestTls.keys();
        X509Certificate client = TestTls.certificate(new X500Name("C=CN,O=AssistX,CN=gateway"), clientKeys,
                clientCaKeys, clientCa, false);

        rightCa = Pem.toPem(ca);
        otherCa = Pem.toPem(other);
        serverCaFile = tls.resolve("server-ca.pem");
        Files.writeString(serverCaFile, rightCa);
        Files.writeString(tls.resolve("client.crt.pem"), Pem.toPem(client) + Pem.toPem(clientCa));
        Files.writeString(tls.resolve("client.key.pem"), Pem.toPem(clientKeys.getPrivate()));

        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        trustingRightCa = SSLContext.getInstance("TLS");
        trustingRightCa.init(null, tmf.getTrustManagers(), null);

        bureau = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        bureau.setHttpsConfigurator(new HttpsConfigurator(TestTls.server(serverKeys,
                new X509Certificate[] {server, ca}, clientCa)) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters ssl = getSSLContext().getDefaultSSLParameters();
                ssl.setNeedClientAuth(true);
                params.setSSLParameters(ssl);
            }
        });
        HttpClient forward = HttpClient.newHttpClient();
        bureau.createContext("/county-bureau", exchange -> {
            CALLS.incrementAndGet();
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gatewayPort
                    + "/services/simulator/county-bureau"))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(exchange.getRequestBody().readAllBytes()))
                    .header("Content-Type", exchange.getRequestHeaders().getFirst("Content-Type"));
            String action = exchange.getRequestHeaders().getFirst("SOAPAction");
            if (action != null) {
                request.header("SOAPAction", action);
            }
            try {
                HttpResponse<byte[]> answer = forward.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                answer.headers().firstValue("Content-Type")
                        .ifPresent(type -> exchange.getResponseHeaders().add("Content-Type", type));
                exchange.sendResponseHeaders(answer.statusCode(), answer.body().length);
                exchange.getResponseBody().write(answer.body());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                exchange.sendResponseHeaders(503, -1);
            } finally {
                exchange.close();
            }
        });
        bureau.start();

        descriptor = folder.resolve("partner.yaml");
        Files.writeString(descriptor, Files.readString(descriptor)
                .replace("endpoint: /services/simulator/county-bureau",
                        "endpoint: https://127.0.0.1:" + bureau.getAddress().getPort() + "/county-bureau\ntls:\n"
                                + "  serverCa: tls/server-ca.pem\n  clientCertificate: tls/client.crt.pem\n"
                                + "  clientKey: tls/client.key.pem")
                + "retry: {maximumRedeliveries: 50, initialDelay: PT1S, multiplier: 1.0, maximumDelay: PT1S}\n");
        registry.add("assistx.partners.directory", partners::toString);
        registry.add("assistx.ops.partner-probe-interval", () -> "PT0S");
    }

    @AfterAll
    static void stop() {
        bureau.stop(0);
    }

    @LocalServerPort
    int port;

    @Autowired
    PartnerRegistry partners;

    @Test
    void theBureauIsCalledOverMutualTlsTrustingOnlyItsCaAndAReloadedCaTakesEffect() throws Exception {
        gatewayPort = port;
        assertThatThrownBy(() -> HttpClient.newBuilder().sslContext(trustingRightCa).build().send(
                HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + bureau.getAddress().getPort()
                        + "/county-bureau")).GET().build(), HttpResponse.BodyHandlers.discarding()))
                .as("the bureau wants a client certificate").isInstanceOf(IOException.class);
        assertThat(CALLS.get()).isZero();

        TownshipClient township = new TownshipClient(port);
        String first = submit(township, "610113001-2026-000301", "610104199001011234", "张三");
        JsonNode answered = awaitStatus(township, first, "ANSWERED");
        assertThat(answered.path("result").path("outcome").asText()).isEqualTo("NOT_RECEIVING");
        int reached = CALLS.get();
        assertThat(reached).isPositive();

        Files.writeString(serverCaFile, otherCa);
        partners.load();
        String second = submit(township, "610113001-2026-000302", "610104198503150029", "李四");
        OpsClient ops = new OpsClient(port);
        awaitTlsFailure(township, ops, second);
        assertThat(CALLS.get()).as("nothing reached the bureau").isEqualTo(reached);

        Files.writeString(serverCaFile, rightCa);
        partners.load();
        JsonNode later = awaitStatus(township, second, "ANSWERED");
        assertThat(later.path("result").path("outcome").asText()).isNotBlank();
        assertThat(CALLS.get()).isGreaterThan(reached);

        reached = CALLS.get();
        Files.writeString(descriptor, Files.readString(descriptor).replace("https://127.0.0.1:", "https://localhost:"));
        partners.load();
        String third = submit(township, "610113001-2026-000303", "610104197805200031", "王五");
        assertThat(awaitTlsFailure(township, ops, third)).as("the certificate names 127.0.0.1 only")
                .containsIgnoringCase("localhost");
        assertThat(CALLS.get()).as("nothing reached the bureau").isEqualTo(reached);
    }

    /** The last error of a verification's request once it was tried twice; a TLS failure. */
    private static String awaitTlsFailure(TownshipClient township, OpsClient ops, String id) {
        JsonNode message = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> verification(township, id).path("messages").get(0),
                        m -> m != null && m.path("attempts").asInt() >= 2);
        String lastError = ops.get("/api/v1/ops/messages/" + message.path("messageId").asText() + "/details").body()
                .path("lastError").asText();
        assertThat(lastError.toLowerCase(Locale.ROOT)).as("a TLS failure").containsAnyOf("ssl", "pkix", "certificat");
        assertThat(verification(township, id).path("status").asText()).as("retried, not answered")
                .isIn("ACCEPTED", "SENT");
        return lastError;
    }

    private static String submit(TownshipClient township, String requestId, String idNumber, String name) {
        TownshipClient.Reply accepted = township.post("/api/v1/verifications", "610113001",
                TownshipClient.tourRequest(requestId, idNumber, name));
        assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
        assertThat(accepted.body().path("route").path("partner").asText()).isEqualTo(PartnerSwitch.PARTNER);
        return accepted.body().path("verificationId").asText();
    }

    private static JsonNode verification(TownshipClient township, String id) {
        return township.get("/api/v1/verifications/" + id, "610113001").body();
    }

    private static JsonNode awaitStatus(TownshipClient township, String id, String status) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> verification(township, id), b -> status.equals(b.path("status").asText()));
    }
}
