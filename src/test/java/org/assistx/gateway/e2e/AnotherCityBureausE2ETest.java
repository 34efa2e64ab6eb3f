package org.assistx.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import org.assistx.gateway.GatewayTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A gateway of another city than 西安 — 深圳 (4403), as {@code scripts/federation-demo} runs it — with its own keys
 * and its own county bureaus: the built-in SOAP simulator told to play 深圳's bureaus
 * ({@code assistx.simulators.county-bureau}), with their own key, reached through a partner folder covering 4403
 * only. A 深圳 township's question about a hukou elsewhere in 深圳 is answered from the bureaus' register, signed as
 * 4403; the simulator's faults are kept under its partner id.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class AnotherCityBureausE2ETest {

    private static final String TOWNSHIP = "440305001";   // 南山区南头街道

    @DynamicPropertySource
    static void shenzhen(DynamicPropertyRegistry registry) throws Exception {
        Path dir = GatewayTestSupport.freshDataDir(registry, "another-city");
        CityKeys.City city = CityKeys.make(dir, "4403", "shenzhen-county-bureaus");
        registry.add("assistx.policy.served-area-prefix", city::area);
        registry.add("assistx.partners.directory", city.partners()::toString);
        registry.add("assistx.crypto.organisation", city::area);
        registry.add("assistx.crypto.certificate", city.gatewayCert()::toString);
        registry.add("assistx.crypto.private-key", city.gatewayKey()::toString);
        registry.add("assistx.crypto.trust-anchors", () -> city.gatewayCa() + ",certs-sample/ecdsa/root-ca.pem");
        registry.add("assistx.simulators.certs-dir", city.bureauCertsDir()::toString);
        registry.add("assistx.simulators.county-bureau.partner", city::bureaus);
        registry.add("assistx.simulators.county-bureau.organisation", city::area);
        registry.add("assistx.simulators.county-bureau.signer", city::bureauSigner);
        registry.add("assistx.ops.partner-probe-interval", () -> "PT0S");
    }

    @LocalServerPort
    int port;

    @Test
    void aShenzhenTownshipIsAnsweredByShenzhensOwnCountyBureaus() {
        TownshipClient township = new TownshipClient(port);
        OpsClient ops = new OpsClient(port);
        TownshipClient.Reply accepted = township.post("/api/v1/verifications", TOWNSHIP,
                TownshipClient.dibaoRequest("shenzhen-1", "440304198807120020", "陈晓梅", "440304001", "URBAN")
                        .replace("610113001", TOWNSHIP));
        assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
        String id = accepted.body().path("verificationId").asText();

        JsonNode verification = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> township.get("/api/v1/verifications/" + id, TOWNSHIP).body(),
                        b -> "ANSWERED".equals(b.path("status").asText()));
        JsonNode result = verification.path("result");
        assertThat(result.path("outcome").asText()).isEqualTo("RECEIVING");
        assertThat(result.path("records")).hasSize(1);
        assertThat(result.path("records").get(0).path("sourceRecordId").asText()).isEqualTo("SZ-FT-DB-2024-0511");
        String answer = null;
        for (JsonNode m : verification.path("messages")) {
            if (m.path("direction").asText().equals("IN") && m.path("type").asText().equals("VERIFICATION_RESULT")) {
                assertThat(m.path("partner").asText()).isEqualTo("shenzhen-county-bureaus");
                answer = m.path("messageId").asText();
            }
        }
        assertThat(answer).as(verification.toString()).isNotNull();
        // signed by 深圳's bureaus with their own key, as a 深圳 county (the bureaus answer as the county asked)
        JsonNode details = ops.get("/api/v1/ops/messages/" + answer + "/details").body();
        assertThat(details.path("sender").asText()).startsWith("4403");
        assertThat(details.path("signer").path("subject").asText()).contains("CN=county-bureau-4403").contains("O=4403");

        // the simulator's faults are kept under the partner id it plays; 西安's is not simulated here
        assertThat(ops.post("/api/v1/ops/simulators/shenzhen-county-bureaus/faults", "{\"mode\": \"HTTP_500\"}").status())
                .isEqualTo(200);
        assertThat(ops.delete("/api/v1/ops/simulators/shenzhen-county-bureaus/faults").status()).isEqualTo(204);
        assertThat(ops.post("/api/v1/ops/simulators/xian-county-bureaus/faults", "{\"mode\": \"HTTP_500\"}").status())
                .isEqualTo(404);
    }
}
