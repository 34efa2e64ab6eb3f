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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A township's callback endpoint (a real HTTP server in the test, registered for township 610113001 in
 * {@code assistx.callbacks.destinations}) receives each status change of its verification as a signed body;
 * a refused delivery (HTTP 500) is retried, not lost; a redirect is not followed. A callback outside the
 * township's registered destinations is refused with 422 {@code CALLBACK_NOT_ALLOWED} and recorded.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class CallbackE2ETest {

    static final List<JsonNode> received = new CopyOnWriteArrayList<>();
    static final AtomicInteger calls = new AtomicInteger();
    static final AtomicInteger redirected = new AtomicInteger();
    static final AtomicInteger redirectTargetCalls = new AtomicInteger();
    static HttpServer township;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        GatewayTestSupport.freshDataDir(registry, "callbacks");
        township = startTownshipEndpoint();
        String base = "http://127.0.0.1:" + township.getAddress().getPort();
        registry.add("assistx.callbacks.destinations.610113001", () -> base + "/status," + base + "/moved");
        // the township's system runs on this machine
        registry.add("assistx.callbacks.allow-private-addresses", () -> "true");
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    final ObjectMapper json = new ObjectMapper();

    static HttpServer startTownshipEndpoint() throws IOException {
        HttpServer township = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        ObjectMapper json = new ObjectMapper();
        township.createContext("/moved", exchange -> {
            redirected.incrementAndGet();
            exchange.getResponseHeaders().add("Location", "/elsewhere");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        township.createContext("/elsewhere", exchange -> {
            redirectTargetCalls.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
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
        return township;
    }

    @AfterAll
    static void stop() {
        township.stop(0);
    }

    private String withCallback(String requestId, String url) {
        return TownshipClient.tourRequest(requestId, "610104198503150029", "李四")
                .replace("\"proofOfNonReceipt\": null", "\"proofOfNonReceipt\": null, \"callbackUrl\": \"" + url + "\"");
    }

    private long count(String table) {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
        return n == null ? 0 : n;
    }

    /**
     * Callbacks the township did not register, another township's destination, a path that climbs out of
     * the registered one, and internal addresses: 422 CALLBACK_NOT_ALLOWED, nothing stored, the refusal
     * recorded for operators.
     */
    @Test
    void aCallbackOutsideTheTownshipsRegisteredDestinationsIsRefused() {
        String base = "http://127.0.0.1:" + township.getAddress().getPort();
        TownshipClient client = new TownshipClient(port);
        long verifications = count("verification");
        long subscriptions = count("status_subscription");
        String[][] cases = {
            {"610113001", "http://127.0.0.1:" + (township.getAddress().getPort() + 1) + "/status"},
            {"610113001", base + "/statusx"},
            {"610113001", base + "/status/../admin"},
            {"610113001", "http://169.254.169.254/latest/meta-data/"},
            {"610113001", "http://localhost:" + port + "/api/v1/ops/partners/reload"},
            {"610113001", "https://10.0.0.7/status"},
            {"610113002", base + "/status"}};
        int n = 0;
        for (String[] c : cases) {
            String body = withCallback("cb-refused-" + n++, c[1]).replace("610113001", c[0]);
            TownshipClient.Reply r = client.post("/api/v1/verifications", c[0], body);
            assertThat(r.status()).as(c[1] + ": " + r.text()).isEqualTo(422);
            assertThat(r.body().path("errors").path(0).path("code").asText()).isEqualTo("CALLBACK_NOT_ALLOWED");
            assertThat(r.body().path("errors").path(0).path("field").asText()).isEqualTo("callbackUrl");
        }
        assertThat(count("verification")).isEqualTo(verifications);
        assertThat(count("status_subscription")).isEqualTo(subscriptions);
        JsonNode listed = new OpsClient(port).get("/api/v1/ops/refusals?code=CALLBACK_NOT_ALLOWED&limit=50").body();
        assertThat(listed.path("refusals").size()).isGreaterThanOrEqualTo(cases.length);
    }

    @Test
    void aRedirectingCallbackEndpointIsNotFollowed() {
        String url = "http://127.0.0.1:" + township.getAddress().getPort() + "/moved";
        TownshipClient.Reply accepted = new TownshipClient(port).post("/api/v1/verifications", "610113001",
                withCallback("cb-redirect", url));
        assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> redirected.get() >= 2);
        assertThat(redirectTargetCalls.get()).as("the redirect target is never called").isZero();
        String error = await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT MAX(last_error) FROM callback_delivery WHERE url = ?", String.class, url), e -> e != null);
        assertThat(error).isEqualTo("HTTP 302");
    }

    @Test
    void everyStatusChangeIsPostedSignedAndARefusedOneIsRetried() throws Exception {
        String url = "http://127.0.0.1:" + township.getAddress().getPort() + "/status/cb-1";
        TownshipClient.Reply accepted = new TownshipClient(port).post("/api/v1/verifications", "610113001",
                withCallback("cb-1", url));
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
