package org.assistx.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.assistx.gateway.GatewayTestSupport;
import org.assistx.gateway.MutableClock;
import org.assistx.gateway.delivery.VerificationPipeline;
import org.assistx.gateway.envelope.Envelope;
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
 * The policy corrections of the plan through the real HTTP API, the real broker and the partner simulators:
 * emergencies are never refused over hukou details (二(二)); an R8 applicant's valid proof answers at once
 * even where a partner covers the hukou place, and a partner's answer with neither records nor a proof is
 * not NOT_RECEIVING (四(三)); a written suspension notice is one decision, the same letter on any later day
 * (五、日常管理); temporary assistance is approved as a one-off amount. The gateway's clock can be moved
 * forward, as a township would print the letter again days later.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class PolicyCorrectionsE2ETest {

    static final MutableClock CLOCK = new MutableClock(Instant.now());

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        Clock movableClock() {
            return CLOCK;
        }
    }

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        GatewayTestSupport.freshDataDir(registry, "policy-corrections");
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

    /** Today as the gateway reads its clock. */
    static LocalDate today() {
        return LocalDate.now(CLOCK);
    }

    private static String emergency(String requestId, String applicant, String emergency) {
        return """
            {"requestId": "%s", "appliedOn": "%s", "residenceTownship": "610113001",
             "applicant": {"idNumber": "610104199001011234", "name": "张三"%s},
             "assistanceType": "TEMPORARY", "emergency": {"occurredOn": "%s", %s}}
            """.formatted(requestId, today(), applicant, today().minusDays(1), emergency);
    }

    private JsonNode view(String verificationId) {
        return township.get("/api/v1/verifications/" + verificationId, "610113001").body();
    }

    // ------------------------------------------------------------------------------ 1. emergencies

    @Test
    void anEmergencyWithoutHukouPlaceOrNatureProceedsAtOnceAndNotifiesNobody() {
        TownshipClient.Reply r = township.post("/api/v1/verifications", "610113001",
                emergency("pc-em-1", "", "\"kind\": \"OTHER_STRANDED\", \"description\": \"暴雪封路，返乡大巴停运，滞留车站\""));
        assertThat(r.status()).as(r.text()).isEqualTo(202);
        assertThat(r.body().path("status").asText()).isEqualTo("PROCEED_IMMEDIATELY");
        assertThat(r.body().path("category").asText()).isEqualTo("TEMPORARY");
        JsonNode v = view(r.body().path("verificationId").asText());
        assertThat(v.path("messages")).as("no notice: the hukou place is not known").isEmpty();
        // One backfill date, counted from the day the case is recorded: the note and the stored case agree.
        String due = today().plusDays(10).toString();
        assertThat(v.path("emergency").path("backfillDue").asText()).isEqualTo(due);
        assertThat(v.path("statusReason").asText()).as("the route note").contains(due);
    }

    @Test
    void anEmergencyWithOnlyAProvinceOrAMergedTownshipAsHukouIsNotRefused() {
        TownshipClient.Reply province = township.post("/api/v1/verifications", "610113001", emergency("pc-em-2",
                ", \"hukouDivision\": \"51\"", "\"kind\": \"TRAFFIC_CONTROL_STRANDED\""));
        assertThat(province.status()).as(province.text()).isEqualTo(202);
        assertThat(province.body().path("status").asText()).isEqualTo("PROCEED_IMMEDIATELY");
        TownshipClient.Reply merged = township.post("/api/v1/verifications", "610113001", emergency("pc-em-3",
                ", \"hukouDivision\": \"610104999\", \"hukouNature\": \"URBAN\"", "\"kind\": \"ACCIDENT\""));
        assertThat(merged.status()).as(merged.text()).isEqualTo(202);
        assertThat(merged.body().path("jurisdiction").asText()).isEqualTo("EMERGENCY");
    }

    @Test
    void anEmergencyInTheHukouTownshipItselfDoesNotNotifyItsOwnCounty() {
        TownshipClient.Reply r = township.post("/api/v1/verifications", "610113001", emergency("pc-em-4",
                ", \"hukouDivision\": \"610113001\"", "\"kind\": \"ACCIDENT\""));
        assertThat(r.status()).as(r.text()).isEqualTo(202);
        assertThat(r.body().path("route").isMissingNode() || r.body().path("route").isNull()).isTrue();
        assertThat(view(r.body().path("verificationId").asText()).path("messages")).isEmpty();
    }

    @Test
    void aCountyDefinedEmergencyMustBeOneItsCountyConfigured() {
        TownshipClient.Reply refused = township.post("/api/v1/verifications", "610113001", emergency("pc-em-5", "",
                "\"kind\": \"COUNTY_DEFINED\", \"countyKind\": \"山体滑坡\""));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body().path("errors").findValuesAsText("code")).containsExactly("EMERGENCY_KIND_NOT_CONFIGURED");
        TownshipClient.Reply accepted = township.post("/api/v1/verifications", "610113001", emergency("pc-em-6", "",
                "\"kind\": \"COUNTY_DEFINED\", \"countyKind\": \"房屋突发险情\""));
        assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
        assertThat(accepted.body().path("status").asText()).isEqualTo("PROCEED_IMMEDIATELY");
    }

    // --------------------------------------------------------------------------------- 3. R8 proofs

    private static String r8(String requestId, String idNumber, String name, String hukou, String proof) {
        return """
            {"requestId": "%s", "appliedOn": "2026-09-01", "residenceTownship": "610113001",
             "applicant": {"idNumber": "%s", "name": "%s", "hukouDivision": "%s", "hukouNature": "URBAN"},
             "residenceSince": "2026-01-15", "assistanceType": "DIBAO", "proofOfNonReceipt": %s}
            """.formatted(requestId, idNumber, name, hukou, proof);
    }

    @Test
    void aValidProofAnswersAtOnceEvenWhereAPartnerCoversTheHukouPlace() {
        TownshipClient.Reply r = township.post("/api/v1/verifications", "610113001", r8("pc-r8-1",
                "440106197503220011", "黄志强", "440106003",
                "{\"documentNumber\": \"穗天民证〔2026〕318号\", \"issuerDivision\": \"440106\", \"issuedOn\": \"2026-08-20\"}"));
        assertThat(r.status()).as(r.text()).isEqualTo(202);
        assertThat(r.body().path("status").asText()).isEqualTo("ANSWERED");
        JsonNode v = view(r.body().path("verificationId").asText());
        assertThat(v.path("result").path("outcome").asText()).isEqualTo("NOT_RECEIVING");
        assertThat(v.path("result").path("proof").path("documentNumber").asText()).isEqualTo("穗天民证〔2026〕318号");
        assertThat(v.path("result").path("proof").path("validUntil").isNull()).isTrue();
        assertThat(v.path("messages")).as("the partner is not asked").isEmpty();
    }

    @Test
    void aStaleProofIsRefusedWhateverItsValidity() {
        TownshipClient.Reply r = township.post("/api/v1/verifications", "610113001", r8("pc-r8-2",
                "440106197503220011", "黄志强", "440106003", "{\"documentNumber\": \"穗天民证〔2023〕9号\","
                        + " \"issuerDivision\": \"440106\", \"issuedOn\": \"2023-05-01\", \"validUntil\": \"2099-12-31\"}"));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.body().path("errors").findValuesAsText("code")).containsExactly("PROOF_INVALID");
        assertThat(r.body().path("errors").findValuesAsText("field")).containsExactly("proofOfNonReceipt.issuedOn");
    }

    @Test
    void aPartnerAnswerWithoutRecordsAndWithoutProofIsUndeterminedWithItsCode() {
        TownshipClient.Reply r = township.post("/api/v1/verifications", "610113001", r8("pc-r8-3",
                "440113199104050011", "吴建华", "440113007", "null"));
        assertThat(r.status()).as(r.text()).isEqualTo(202);
        assertThat(r.body().path("route").path("partner").asText()).isEqualTo("guangdong-44");
        String id = r.body().path("verificationId").asText();
        JsonNode v = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> view(id), x -> x.path("status").asText().equals("UNDETERMINED"));
        assertThat(v.path("statusReason").asText()).startsWith(VerificationPipeline.ANSWER_WITHOUT_PROOF);
        assertThat(v.path("result").path("outcome").asText()).isEqualTo("UNDETERMINED");
        assertThat(v.path("messages").findValuesAsText("type")).contains("PROOF_REQUEST", "PROOF_RESULT");

        // The simulator stands in for the real system and issues proofs where it would: the tour's answer.
        TownshipClient.Reply tour = township.post("/api/v1/verifications", "610113001", r8("pc-r8-4",
                "440305199206110039", "林晓东", "440305001", "null"));
        String tourId = tour.body().path("verificationId").asText();
        JsonNode answered = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> view(tourId), x -> x.path("status").asText().equals("ANSWERED"));
        assertThat(answered.path("result").path("outcome").asText()).isEqualTo("NOT_RECEIVING");
        assertThat(answered.path("result").path("proof").path("issuerDivision").asText()).isEqualTo("440305");
    }

    // ------------------------------------------------------------------------- 5. the written notice

    @Test
    void theSuspensionLetterIsOneDecisionPrintedTheSameOnAnyLaterDay() {
        LocalDate decided = today();
        TownshipClient.Reply r = township.post("/api/v1/residence-changes", "610113001", """
            {"requestId": "pc-rc-1", "reportedOn": "%s", "managingTownship": "610113001",
             "recipient": {"idNumber": "510104199303030074", "name": "赵六", "hukouDivision": "510104022"},
             "assistanceType": "DIBAO", "newResidenceDivision": "610104003", "movedOn": "%s"}
            """.formatted(decided, decided.minusMonths(4)));
        assertThat(r.status()).as(r.text()).isEqualTo(202);
        assertThat(r.body().path("action").asText()).isEqualTo("SUSPEND_PAYMENT");
        assertThat(r.body().path("decidedOn").asText()).isEqualTo(decided.toString());
        String letterPath = r.body().path("recipientNotice").asText();
        String first = township.get(letterPath, "610113001").text();
        assertThat(first).contains("五、日常管理", "《居住地申办社会救助实施方案》", "自" + decided + "起停发")
                .doesNotContain("第五条");

        String noticeId = r.body().path("noticeMessageId").asText();
        Envelope sent = Envelope.parse(json, township.get("/api/v1/ops/messages/" + noticeId, null).text());
        assertThat(sent.payload().path("effectiveOn").asText()).isEqualTo(decided.toString());

        CLOCK.advance(Duration.ofDays(3));
        try {
            assertThat(today()).isAfter(decided);
            String again = township.get(letterPath, "610113001").text();
            assertThat(again).isEqualTo(first);
            assertThat(township.get("/api/v1/residence-changes/" + r.body().path("changeId").asText(), "610113001")
                    .body().path("decidedOn").asText()).isEqualTo(decided.toString());
        } finally {
            CLOCK.advance(Duration.ofDays(-3));
        }
    }

    // ------------------------------------------------------------------ 6. one-off temporary approval

    @Test
    void temporaryAssistanceIsApprovedAsAOneOffAmountAndTheNoticeSaysSo() {
        TownshipClient.Reply accepted = township.post("/api/v1/verifications", "610113001", """
            {"requestId": "pc-ap-1", "appliedOn": "2026-09-01", "residenceTownship": "610113001",
             "applicant": {"idNumber": "610104199001011234", "name": "张三", "hukouDivision": "610104003"},
             "residenceSince": "2026-05-20", "assistanceType": "TEMPORARY", "declarationOfNonReceipt": true}
            """);
        assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
        String id = accepted.body().path("verificationId").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> view(id).path("status").asText().equals("ANSWERED"));

        TownshipClient.Reply monthly = township.post("/api/v1/verifications/" + id + "/approval", "610113001",
                "{\"decision\":\"APPROVED\",\"decidedOn\":\"" + today() + "\",\"monthlyAmount\":\"850.00\"}");
        assertThat(monthly.status()).isEqualTo(422);
        assertThat(monthly.body().path("errors").get(0).path("field").asText()).isEqualTo("monthlyAmount");

        TownshipClient.Reply once = township.post("/api/v1/verifications/" + id + "/approval", "610113001",
                "{\"decision\":\"APPROVED\",\"decidedOn\":\"" + today() + "\",\"amount\":\"1500\",\"period\":\"ONCE\"}");
        assertThat(once.status()).as(once.text()).isEqualTo(200);
        String noticeId = once.body().path("noticeMessageId").asText();
        Envelope sent = Envelope.parse(json, township.get("/api/v1/ops/messages/" + noticeId, null).text());
        assertThat(sent.payload().path("period").asText()).isEqualTo("ONCE");
        assertThat(sent.payload().path("amount").asText()).isEqualTo("1500.00");
        assertThat(sent.payload().has("monthlyAmount")).isFalse();
    }
}
