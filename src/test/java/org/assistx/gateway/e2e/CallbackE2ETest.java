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
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.assistx.gateway.GatewayTestSupport;
import org.assistx.gateway.crypto.CryptoProfile;
import org.assistx.gateway.crypto.Jcs;
import org.assistx.gateway.crypto.Pem;
import org.assistx.gateway.crypto.Signatures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A township's callback endpoint (a real HTTP server in the test) receives each status change of its
 * verification as a signed body; a refused delivery (HTTP 500) is retried, not lost.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class CallbackE2ETest {

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        GatewayTestSupport.freshDataDir(registry, "callbacks");
    }

    @LocalServerPort
    int port;

    final ObjectMapper json = new ObjectMapper();
    final List<JsonNode> received = new CopyOnWriteArrayList<>();
    final AtomicInteger calls = new AtomicInteger();
    HttpServer township;

    @BeforeEach
    void startTownshipEndpoint() throws IOException {
        township = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        township.createContext("/status", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            // The township's system is down for the first call: the gateway must try again.
            int status = calls.getAndIncrement() == 0 ? 500 : 204;
            if (status == 204) {
                received.add(json.readTree(new String(body, StandardCharsets.UTF_8)));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        township.start();
    }

    @AfterEach
    void stop() {
        township.stop(0);
    }

    @Test
    void everyStatusChangeIsPostedSignedAndARefusedOneIsRetried() throws Exception {
        String url = "http://127.0.0.1:" + township.getAddress().getPort() + "/status";
        String body = TownshipClient.tourRequest("cb-1", "610104198503150029", "李四")
                .replace("\"proofOfNonReceipt\": null", "\"proofOfNonReceipt\": null, \"callbackUrl\": \"" + url + "\"");
        TownshipClient.Reply accepted = new TownshipClient(port).post("/api/v1/verifications", "610113001", body);
        assertThat(accepted.status()).isEqualTo(202);
        String id = accepted.body().path("verificationId").asText();

        await().atMost(Duration.ofSeconds(60)).until(() -> received.stream()
                .anyMatch(r -> "ANSWERED".equals(r.path("payload").path("status").asText())));
        assertThat(calls.get()).as("the refused first delivery was retried").isGreaterThan(received.size());
        JsonNode answered = received.stream()
                .filter(r -> "ANSWERED".equals(r.path("payload").path("status").asText())).findFirst().orElseThrow();
        assertThat(answered.path("header").path("type").asText()).isEqualTo("STATUS_CHANGED");
        assertThat(answered.path("header").path("correlationId").asText()).isEqualTo(id);
        assertThat(answered.path("header").path("recipient").asText()).isEqualTo("610113001");
        assertThat(answered.path("payload").path("result").path("outcome").asText()).isEqualTo("RECEIVING");

        // Signed like an envelope: JCS of {header, payload}, SM3withSM2, the signer certificate inside.
        ObjectNode signed = json.createObjectNode();
        signed.set("header", answered.get("header"));
        signed.set("payload", answered.get("payload"));
        X509Certificate signer = Pem.certificateFromDer(
                Base64.getDecoder().decode(answered.path("signature").path("certificate").asText()));
        assertThat(Signatures.verify(CryptoProfile.SM2, signer.getPublicKey(), Jcs.canonicalize(signed),
                Base64.getDecoder().decode(answered.path("signature").path("value").asText()))).isTrue();
        ((ObjectNode) signed.get("payload")).put("status", "UNDETERMINED");
        assertThat(Signatures.verify(CryptoProfile.SM2, signer.getPublicKey(), Jcs.canonicalize(signed),
                Base64.getDecoder().decode(answered.path("signature").path("value").asText()))).isFalse();
    }
}
