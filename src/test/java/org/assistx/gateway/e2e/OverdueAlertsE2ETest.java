package org.assistx.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import org.assistx.gateway.ops.Deadlines;
import org.assistx.gateway.ops.OverdueAlerts;
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
 * Operators are alerted once about each verification that passed its business deadline: a log event and a
 * webhook POST signed by the gateway. The verification is held by suspending its partner and its acceptance
 * moved ten days back, so it is overdue now.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class OverdueAlertsE2ETest {

    static final List<JsonNode> RECEIVED = new CopyOnWriteArrayList<>();
    static final AtomicInteger CALLS = new AtomicInteger();
    static final HttpServer WEBHOOK = webhook();

    /** The operators' alert receiver: refuses its first call (the gateway must try again), then takes them. */
    static HttpServer webhook() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            ObjectMapper json = new ObjectMapper();
            server.createContext("/alerts", exchange -> {
                byte[] body = exchange.getRequestBody().readAllBytes();
                int status = CALLS.getAndIncrement() == 0 ? 503 : 204;
                if (status == 204) {
                    RECEIVED.add(json.readTree(new String(body, StandardCharsets.UTF_8)));
                }
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        GatewayTestSupport.freshDataDir(registry, "overdue-alerts");
        registry.add("assistx.ops.alerts.webhook-url",
                () -> "http://127.0.0.1:" + WEBHOOK.getAddress().getPort() + "/alerts");
        registry.add("assistx.ops.alerts.interval", () -> "PT1H");
    }

    @AfterAll
    static void stop() {
        WEBHOOK.stop(0);
    }

    @LocalServerPort
    int port;

    @Autowired
    OverdueAlerts alerts;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MeterRegistry meters;

    @Test
    void anOverdueVerificationIsAnnouncedOnceToTheLogAndToASignedWebhook() throws Exception {
        OpsClient ops = new OpsClient(port);
        TownshipClient township = new TownshipClient(port);
        String bureau = "/api/v1/ops/partners/xian-county-bureaus";
        assertThat(ops.post(bureau + "/suspend", "{\"reason\": \"hold for the deadline test\"}").status()).isEqualTo(200);
        String id;
        try {
            TownshipClient.Reply r = township.post("/api/v1/verifications", "610113001",
                    TownshipClient.tourRequest("overdue-alert-1", "610104199001011234", "张三"));
            assertThat(r.status()).isEqualTo(202);
            id = r.body().path("verificationId").asText();
            jdbc.update("UPDATE verification SET created_at = created_at - INTERVAL '10' DAY WHERE verification_id = ?",
                    id);

            JsonNode deadline = township.get("/api/v1/verifications/" + id, "610113001").body().path("deadline");
            assertThat(deadline.path("workingDays").asInt()).isEqualTo(5);
            assertThat(deadline.path("overdue").asBoolean()).as("the township sees it overdue").isTrue();

            // the webhook refuses the first round: nothing counts as announced, the next round sends it
            assertThat(alerts.announce()).isEmpty();
            List<Deadlines.Item> announced = alerts.announce();
            assertThat(announced).extracting(Deadlines.Item::verificationId).containsExactly(id);
            assertThat(alerts.announce()).as("announced once").isEmpty();
            assertThat(CALLS.get()).isEqualTo(2);
        } finally {
            ops.post(bureau + "/resume", "{}");
        }

        JsonNode alert = RECEIVED.get(0);
        assertThat(alert.path("header").path("type").asText()).isEqualTo("VERIFICATIONS_OVERDUE");
        JsonNode item = alert.path("payload").path("overdue").get(0);
        assertThat(item.path("verificationId").asText()).isEqualTo(id);
        assertThat(item.path("partner").asText()).isEqualTo("xian-county-bureaus");
        assertThat(item.path("applicant").asText()).isEqualTo("610104********1234");
        assertThat(alert.toString()).doesNotContain("610104199001011234").doesNotContain("张三");

        ObjectNode signed = new ObjectMapper().createObjectNode();
        signed.set("header", alert.get("header"));
        signed.set("payload", alert.get("payload"));
        X509Certificate signer = Pem.certificateFromDer(
                Base64.getDecoder().decode(alert.path("signature").path("certificate").asText()));
        assertThat(signer.getSubjectX500Principal().getName()).contains("CN=gateway");
        assertThat(Signatures.verify(CryptoProfile.SM2, signer.getPublicKey(), Jcs.canonicalize(signed),
                Base64.getDecoder().decode(alert.path("signature").path("value").asText()))).isTrue();

        await().atMost(Duration.ofSeconds(30)).until(() -> township
                .get("/api/v1/verifications/" + id, "610113001").body().path("status").asText(), "ANSWERED"::equals);
        assertThat(township.get("/api/v1/verifications/" + id, "610113001").body().path("deadline")
                .path("overdue").asBoolean()).as("answered, so no longer overdue").isFalse();
        assertThat(meters.get("assistx.overdue.alerts").counter().count()).isEqualTo(1.0);
    }
}
