package org.assistx.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.assistx.gateway.GatewayTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Operator access as the prod profile sets it ({@code assistx.ops.login-required=true}, hashed passwords),
 * on the real stack: the console and the operations API need a login, VIEWER reads and OPERATOR acts, every
 * action names who did it; the township, partner and probe endpoints are unaffected.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class OpsSecurityE2ETest {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        GatewayTestSupport.freshDataDir(registry, "ops-security");
        BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
        registry.add("assistx.ops.login-required", () -> "true");
        registry.add("assistx.ops.operators[0].username", () -> "alice");
        registry.add("assistx.ops.operators[0].password", () -> "{bcrypt}" + bcrypt.encode("alice-secret"));
        registry.add("assistx.ops.operators[0].roles[0]", () -> "OPERATOR");
        registry.add("assistx.ops.operators[1].username", () -> "victor");
        registry.add("assistx.ops.operators[1].password", () -> "{bcrypt}" + bcrypt.encode("victor-secret"));
        registry.add("assistx.ops.operators[1].roles[0]", () -> "VIEWER");
    }

    @LocalServerPort
    int port;

    @Test
    void theOperationsApiAndConsoleNeedAnOperatorLogin() {
        OpsClient anonymous = new OpsClient(port);
        TownshipClient.Reply refused = anonymous.get("/api/v1/ops/routes");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.body().path("errors").get(0).path("code").asText()).isEqualTo("UNAUTHENTICATED");
        assertThat(anonymous.post("/api/v1/ops/routes/core-verification-dispatch/suspend", null).status()).isEqualTo(401);
        assertThat(anonymous.get("/console/").status()).isEqualTo(302);
        assertThat(anonymous.header("/console/", "Location")).endsWith("/login");
        assertThat(anonymous.get("/login").status()).isEqualTo(200);
        assertThat(anonymous.get("/actuator/metrics").status()).isEqualTo(401);
        assertThat(new OpsClient(port, "alice", "wrong").get("/api/v1/ops/routes").status()).isEqualTo(401);
    }

    @Test
    void aViewerReadsButOnlyAnOperatorActsAndTheActionNamesTheOperator() {
        OpsClient viewer = new OpsClient(port, "victor", "victor-secret");
        OpsClient operator = new OpsClient(port, "alice", "alice-secret");
        assertThat(viewer.get("/api/v1/ops/routes").status()).isEqualTo(200);
        assertThat(viewer.get("/api/v1/ops/me").body().path("name").asText()).isEqualTo("victor");
        assertThat(viewer.get("/console/").status()).isEqualTo(200);
        assertThat(viewer.post("/api/v1/ops/routes/core-verification-dispatch/suspend", null).status()).isEqualTo(403);
        assertThat(viewer.post("/api/v1/ops/dead-letters/replay", "{\"partner\": \"xian-county-bureaus\", "
                + "\"from\": \"2026-01-01T00:00:00Z\", \"to\": \"2026-01-02T00:00:00Z\", \"reason\": \"viewer\"}").status())
                .isEqualTo(403);

        TownshipClient.Reply suspended = operator.post("/api/v1/ops/routes/shared-dead-letter/suspend",
                "{\"reason\": \"security test\"}");
        assertThat(suspended.status()).isEqualTo(200);
        assertThat(operator.post("/api/v1/ops/routes/shared-dead-letter/resume", null).body().path("state").asText())
                .isEqualTo("Started");
        TownshipClient.Reply actions = viewer.get("/api/v1/ops/actions");
        assertThat(actions.body().findValuesAsText("operator")).contains("alice").doesNotContain("victor", "demo-operator");
        assertThat(actions.body().get(0).path("authenticated").asBoolean()).isTrue();
        assertThat(actions.body().get(0).path("operatorRoles").asText()).contains("OPERATOR");
    }

    @Test
    void townshipsPartnersAndProbesNeedNoOperatorLogin() {
        TownshipClient township = new TownshipClient(port);
        TownshipClient.Reply accepted = township.post("/api/v1/verifications", "610113001",
                TownshipClient.tourRequest("security-1", "610104199001011234", "张三"));
        assertThat(accepted.status()).isEqualTo(202);
        String id = accepted.body().path("verificationId").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> township.get("/api/v1/verifications/" + id, "610113001")
                .body().path("status").asText(), "ANSWERED"::equals);
        assertThat(township.post("/api/v1/verifications", null, "{}").status()).isEqualTo(401);
        OpsClient anonymous = new OpsClient(port);
        assertThat(anonymous.get("/actuator/health/readiness").status()).isEqualTo(200);
        assertThat(anonymous.get("/actuator/health/liveness").status()).isEqualTo(200);
        assertThat(anonymous.get("/services/simulator/county-bureau?wsdl").status()).isEqualTo(200);
    }
}
