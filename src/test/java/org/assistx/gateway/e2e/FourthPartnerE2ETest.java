package org.assistx.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.assistx.gateway.GatewayTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A fourth partner added as an integrator would: the worked example of the integrator guide
 * ({@code docs/examples/sichuan-51}: a copy of {@code guangdong-44} with its own coverage, field names and code
 * tables in request template, mapping and simulator register, and its own key) is put into the partner
 * directory, checked, and reloaded through the operations API. No Java, no rebuild, no restart: a
 * cross-province request for a hukou place in 51 is then answered with canonical records and proof.
 * Before that, a broken folder is refused with the file, the field and the problem, and the set in force
 * stays as it was.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FourthPartnerE2ETest {

    static Path partners;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) throws IOException {
        Path data = GatewayTestSupport.freshDataDir(registry, "fourth-partner");
        partners = data.resolve("partners");
        copy(Path.of("routes", "partners"), partners);
        registry.add("assistx.partners.directory", partners::toString);
    }

    @LocalServerPort
    int port;

    TownshipClient township;

    @BeforeEach
    void client() {
        township = new TownshipClient(port);
    }

    static final String SICHUAN_TOWNSHIP = "510104017";  // 成都市锦江区锦官驿街道

    static String request(String requestId, String idNumber, String name) {
        return """
            {"requestId": "%s", "appliedOn": "2026-09-01", "residenceTownship": "610113001",
             "applicant": {"idNumber": "%s", "name": "%s", "hukouDivision": "%s", "hukouNature": "RURAL"},
             "residenceSince": "2026-01-15", "assistanceType": "DIBAO", "declarationOfNonReceipt": true,
             "emergency": null, "proofOfNonReceipt": null}
            """.formatted(requestId, idNumber, name, SICHUAN_TOWNSHIP);
    }

    @Test
    @Order(1)
    void withoutAPartnerFor51ACrossProvinceRequestNeedsAProof() {
        TownshipClient.Reply r = township.post("/api/v1/verifications", "610113001",
                request("610113001-2026-051000", "510104199001010019", "杨帆"));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.body().path("errors").findValuesAsText("code")).contains("PROOF_REQUIRED");
        assertThat(township.get("/api/v1/ops/partners", null).body().path("partners").findValuesAsText("id"))
                .containsExactlyInAnyOrder("guangdong-44", "xian-county-bureaus", "zhejiang-33");
    }

    @Test
    @Order(2)
    void aBrokenFolderIsRefusedWithFileFieldAndProblemAndTheOldSetStays() throws Exception {
        Path broken = partners.resolve("broken-52");
        copy(partners.resolve("guangdong-44"), broken);
        edit(broken.resolve("partner.yaml"), "id: guangdong-44", "id: broken-52",
                "covers: [\"44\"]", "covers: [\"52\"]");
        edit(broken.resolve("mapping.yaml"), "status:         {path: /zt, codes: status}",
                "status:         {path: /zt, codes: states}");

        TownshipClient.Reply r = township.post("/api/v1/ops/partners/reload", null, "");

        assertThat(r.status()).isEqualTo(422);
        assertThat(r.body().path("reloaded").asBoolean()).isFalse();
        String message = r.body().path("errors").get(0).path("message").asText();
        assertThat(message).contains("broken-52").contains("mapping.yaml").contains("records.fields.status.codes")
                .contains("states");
        assertThat(r.body().path("partners").findValuesAsText("id"))
                .containsExactlyInAnyOrder("guangdong-44", "xian-county-bureaus", "zhejiang-33");
        delete(broken);
    }

    @Test
    @Order(3)
    void theGuidesWorkedExampleWithItsOwnFieldsAndCodesWorksAfterAReload() throws Exception {
        // exactly the folder the integrator guide shows (docs/examples/sichuan-51, IntegratorGuideExampleTest):
        // descriptor, request template, mapping, samples, simulator and trust bundle
        Path sichuan = partners.resolve("sichuan-51");
        copy(Path.of("docs", "examples", "sichuan-51"), sichuan);

        // the integrator's check, then the operator's reload
        assertThat(org.assistx.gateway.partner.PartnerCheck.run(java.util.List.of(sichuan.toString()),
                new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))).isZero();
        TownshipClient.Reply reload = township.post("/api/v1/ops/partners/reload", null, "");
        assertThat(reload.status()).as(reload.text()).isEqualTo(200);
        assertThat(reload.body().path("partners").findValuesAsText("id")).contains("sichuan-51");

        JsonNode receiving = submitAndAwait(request("610113001-2026-051001", "510104198205050026", "何静"));
        assertThat(receiving.path("status").asText()).as(receiving.toString()).isEqualTo("ANSWERED");
        assertThat(receiving.path("result").path("outcome").asText()).isEqualTo("RECEIVING");
        JsonNode record = receiving.path("result").path("records").get(0);
        assertThat(record.path("category").asText()).isEqualTo("RURAL_DIBAO");
        assertThat(record.path("amount").path("value").asText()).isEqualTo("860.50");
        assertThat(record.path("sourceSystem").asText()).isEqualTo("SC-MZ");

        JsonNode proofOnly = submitAndAwait(request("610113001-2026-051002", "510104199001010019", "杨帆"));
        assertThat(proofOnly.path("status").asText()).as(proofOnly.toString()).isEqualTo("ANSWERED");
        assertThat(proofOnly.path("result").path("outcome").asText()).isEqualTo("NOT_RECEIVING");
        assertThat(proofOnly.path("result").path("proof").path("issuerDivision").asText()).isEqualTo("510104");
        assertThat(proofOnly.path("result").path("proof").path("personName").asText()).isEqualTo("杨帆");
        String requestId = proofOnly.path("messages").get(0).path("messageId").asText();
        JsonNode sent = township.get("/api/v1/ops/messages/" + requestId, null).body();
        assertThat(sent.path("payload").path("zjhm").asText()).isEqualTo("510104199001010019");
        assertThat(sent.path("payload").path("lx").asText()).isEqualTo("DB");
        assertThat(sent.path("header").path("recipient").asText()).isEqualTo("51");
    }

    private JsonNode submitAndAwait(String body) {
        TownshipClient.Reply accepted = township.post("/api/v1/verifications", "610113001", body);
        assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
        assertThat(accepted.body().path("route").path("partner").asText()).isEqualTo("sichuan-51");
        String id = accepted.body().path("verificationId").asText();
        return await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200))
                .until(() -> township.get("/api/v1/verifications/" + id, "610113001").body(),
                        b -> !b.path("status").asText().matches("ACCEPTED|SENT"));
    }

    private static void edit(Path file, String... replacements) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        for (int i = 0; i < replacements.length; i += 2) {
            assertThat(text).as("%s holds %s", file, replacements[i]).contains(replacements[i]);
            text = text.replace(replacements[i], replacements[i + 1]);
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    static void copy(Path from, Path to) throws IOException {
        GatewayTestSupport.copyTree(from, to);
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }
}
