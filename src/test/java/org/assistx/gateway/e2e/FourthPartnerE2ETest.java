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
 * A fourth partner added as an integrator would: copy the {@code guangdong-44} folder to {@code sichuan-51},
 * change its coverage, its field names and code tables (request template, mapping, simulator register), give
 * it its own key, check it, and reload through the operations API. No Java, no rebuild, no restart: a
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
    void aCopiedFolderWithItsOwnFieldsAndCodesWorksAfterAReload() throws Exception {
        Path sichuan = partners.resolve("sichuan-51");
        copy(partners.resolve("guangdong-44"), sichuan);
        delete(sichuan.resolve("samples"));
        Files.createDirectories(sichuan.resolve("samples"));
        SampleLeaf.issue("sichuan-51", "51", sichuan.resolve("sichuan-51.crt.pem"), sichuan.resolve("sichuan-51.key.pem"));

        // 1. descriptor: who, what it covers, where it is, whose key
        edit(sichuan.resolve("partner.yaml"),
                "id: guangdong-44", "id: sichuan-51",
                "title: 广东省民政厅社会救助信息系统 / Guangdong provincial social-assistance system",
                "title: 四川省社会救助信息系统 / Sichuan provincial social-assistance system",
                "covers: [\"44\"]", "covers: [\"51\"]",
                "organisation: \"44\"", "organisation: \"51\"",
                "endpoint: /simulator/partners/guangdong-44", "endpoint: /simulator/partners/sichuan-51",
                "signer: guangdong-44", "signer: sichuan-51",
                "jzlx: {DIBAO: \"01\", TEKUN: \"02\", TEMPORARY: \"03\"}", "jzlx: {DIBAO: DB, TEKUN: TK, TEMPORARY: LS}");
        // 2. its own request field names
        Files.writeString(sichuan.resolve("request-template.json"), """
                {"yw": "${messageType|codes:ywlx}", "zjhm": "${person.idNumber}", "xingming": "${person.name}",
                 "hjd": "${person.hukouDivision}", "lx": "${assistanceType|codes:jzlx}", "rq": "${appliedOn|yyyy-MM-dd}"}
                """, StandardCharsets.UTF_8);
        // 3. its own answer: field names, code tables, yuan and yyyy-MM-dd
        Files.writeString(sichuan.resolve("mapping.yaml"), """
                format: json
                sourceSystem: SC-MZ
                success: {path: /status, equals: OK, messagePath: /reason}
                records:
                  path: /result/records
                  whenAbsent: empty
                  fields:
                    personIdNumber: {rootPath: /result/zjhm}
                    personName:     {rootPath: /result/xingming}
                    division:       {path: /dq}
                    assistanceType: {path: /lb, codes: lb}
                    category:       {path: [/lb, /cx], codes: category}
                    status:         {path: /zt, codes: zt}
                    startDate:      {path: /ks, date: yyyy-MM-dd}
                    endDate:        {path: /js, date: yyyy-MM-dd, optional: true}
                    amount:         {path: /yuan, unit: yuan, period: MONTH}
                    sourceRecordId: {path: /bh}
                proof:
                  path: /result/proof
                  fields:
                    documentNumber: {path: /no}
                    personIdNumber: {rootPath: /result/zjhm}
                    personName:     {rootPath: /result/xingming}
                    issuerDivision: {path: /county}
                    issuerName:     {path: /issuer}
                    issuedOn:       {path: /date, date: yyyy-MM-dd}
                    validUntil:     {path: /until, date: yyyy-MM-dd}
                    statement:      {path: /text}
                codes:
                  lb: {DB: DIBAO, TK: TEKUN, LS: TEMPORARY}
                  category: {"DB|C": URBAN_DIBAO, "DB|N": RURAL_DIBAO, "TK|C": URBAN_TEKUN, "TK|N": RURAL_TEKUN,
                             "LS|C": TEMPORARY, "LS|N": TEMPORARY}
                  zt: {SQ: APPLIED, ZB: ACTIVE, ZT: SUSPENDED, TB: TERMINATED}
                """, StandardCharsets.UTF_8);
        // 4. a recorded answer and the canonical result it must map to
        Files.writeString(sichuan.resolve("samples/receiving.json"), """
                {"status": "OK", "result": {"zjhm": "510104198205050026", "xingming": "何静",
                  "records": [{"bh": "SC-JJ-2025-77", "dq": "510104017", "lb": "DB", "cx": "N", "zt": "ZB",
                               "ks": "2025-04-01", "js": null, "yuan": "860.5"}]}}
                """, StandardCharsets.UTF_8);
        Files.writeString(sichuan.resolve("samples/receiving.expected.json"), """
                {"outcome": "RECEIVING", "proof": null, "records": [
                  {"personIdNumber": "510104198205050026", "personName": "何静", "division": "510104017",
                   "assistanceType": "DIBAO", "category": "RURAL_DIBAO", "status": "ACTIVE",
                   "startDate": "2025-04-01", "endDate": null,
                   "amount": {"value": "860.50", "currency": "CNY", "period": "MONTH"},
                   "sourceSystem": "SC-MZ", "sourceRecordId": "SC-JJ-2025-77"}]}
                """, StandardCharsets.UTF_8);
        // 5. its simulator: its key, where the person is in its request, its register
        Files.writeString(sichuan.resolve("simulator.yaml"), """
                signer:
                  certificate: %s
                  privateKey: %s
                request: {idNumber: /zjhm, name: /xingming, division: /hjd}
                answers:
                  "510104198205050026": |
                    {"status": "OK", "result": {"zjhm": "510104198205050026", "xingming": "何静",
                      "records": [{"bh": "SC-JJ-2025-77", "dq": "510104017", "lb": "DB", "cx": "N", "zt": "ZB",
                                   "ks": "2025-04-01", "js": null, "yuan": "860.5"}]}}
                default: |
                  {"status": "OK", "result": {"zjhm": "${idNumber}", "xingming": "${name}", "records": [],
                    "proof": {"no": "川民救证${today|yyyyMMdd}", "county": "${county}", "issuer": "户籍地民政局",
                              "date": "${today}", "until": "${today+60}", "text": "${name}未享受社会救助。"}}}
                """.formatted(sichuan.resolve("sichuan-51.crt.pem"), sichuan.resolve("sichuan-51.key.pem")),
                StandardCharsets.UTF_8);
        edit(sichuan.resolve("README.md"), "# guangdong-44 — 广东省民政厅社会救助信息系统",
                "# sichuan-51 — 四川省社会救助信息系统 (test copy)");

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
