package org.assistx.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import org.assistx.gateway.GatewayTestSupport;
import org.assistx.gateway.envelope.Envelope;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The follow-ups of the plan through the whole gateway: emergency aid and its backfill (R4), approval
 * feedback to the hukou township (R6), and one residence change per action (R10, R11), with each signed
 * notice delivered to the county-bureau simulator over SOAP and visible in the message history.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class FollowUpsE2ETest {

    static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        GatewayTestSupport.freshDataDir(registry, "follow-ups");
    }

    @LocalServerPort
    int port;
    @Autowired
    ObjectMapper json;
    @Autowired
    JdbcTemplate jdbc;

    TownshipClient township;

    @BeforeEach
    void client() {
        township = new TownshipClient(port);
    }

    private String emergencyRequest(String requestId, String type) {
        return """
            {"requestId": "%s", "appliedOn": "%s", "residenceTownship": "610113001",
             "applicant": {"idNumber": "610104199001011234", "name": "张三", "hukouDivision": "610104003", "hukouNature": "RURAL"},
             "assistanceType": "%s", "declarationOfNonReceipt": false,
             "emergency": {"kind": "ACCIDENT", "occurredOn": "%s", "township": "610113001", "description": "出租屋火灾"}}
            """.formatted(requestId, TODAY, type, TODAY.minusDays(1));
    }

    private JsonNode awaitMessage(String verificationId, String type, String status) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            JsonNode v = township.get("/api/v1/verifications/" + verificationId, "610113001").body();
            for (JsonNode m : v.path("messages")) {
                if (type.equals(m.path("type").asText()) && status.equals(m.path("status").asText())) {
                    return m;
                }
            }
            return null;
        }, m -> m != null);
    }

    @Test
    void emergencyProceedsAtOnceNotifiesTheHukouPlaceAndIsBackfilled() {
        TownshipClient.Reply r = township.post("/api/v1/verifications", "610113001", emergencyRequest("em-1", "TEMPORARY"));
        assertThat(r.status()).isEqualTo(202);
        assertThat(r.body().path("status").asText()).isEqualTo("PROCEED_IMMEDIATELY");
        assertThat(r.body().path("jurisdiction").asText()).isEqualTo("EMERGENCY");
        assertThat(r.body().path("category").asText()).isEqualTo("TEMPORARY");
        String id = r.body().path("verificationId").asText();

        JsonNode notice = awaitMessage(id, "EMERGENCY_AID_NOTICE", "DELIVERED");
        Envelope sent = Envelope.parse(json, township.get("/api/v1/ops/messages/" + notice.path("messageId").asText(),
                null).text());
        assertThat(sent.header().recipient()).isEqualTo("610104003");
        assertThat(sent.payload().path("kind").asText()).isEqualTo("ACCIDENT");

        assertThat(township.get("/api/v1/ops/overdue", null).body().path("openEmergencies")
                .findValuesAsText("verificationId")).contains(id);
        JsonNode open = township.get("/api/v1/emergencies/open", "610113001").body().path("cases");
        assertThat(open.findValuesAsText("verificationId")).contains(id);
        assertThat(open.get(0).path("overdue").asBoolean()).isFalse();
        assertThat(open.get(0).path("backfillDue").asText()).isEqualTo(TODAY.plusDays(10).toString());

        TownshipClient.Reply incomplete = township.post("/api/v1/verifications/" + id + "/emergency-backfill",
                "610113001", "{\"reason\":\"火灾\",\"amount\":\"800.00\",\"handlers\":[],\"completedOn\":\"" + TODAY
                        + "\",\"sealed\":true}");
        assertThat(incomplete.status()).isEqualTo(422);
        assertThat(incomplete.body().path("errors").get(0).path("field").asText()).isEqualTo("handlers");

        String backfill = "{\"reason\":\"出租屋火灾，生活用品全部烧毁\",\"amount\":\"800\",\"handlers\":[\"李明\",\"王芳\"],"
                + "\"completedOn\":\"" + TODAY + "\",\"sealed\":true}";
        TownshipClient.Reply done = township.post("/api/v1/verifications/" + id + "/emergency-backfill", "610113001",
                backfill);
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.body().path("backfilled").asBoolean()).isTrue();
        assertThat(done.body().path("backfill").path("amount").asText()).isEqualTo("800.00");
        assertThat(township.get("/api/v1/emergencies/open", "610113001").body().path("cases")
                .findValuesAsText("verificationId")).doesNotContain(id);
        assertThat(township.get("/api/v1/verifications/" + id, "610113001").body().path("emergency")
                .path("backfilled").asBoolean()).isTrue();
        assertThat(township.get("/api/v1/ops/overdue", null).body().path("openEmergencies")
                .findValuesAsText("verificationId")).doesNotContain(id);
    }

    @Test
    void emergencyForDibaoIsRefused() {
        TownshipClient.Reply r = township.post("/api/v1/verifications", "610113001", emergencyRequest("em-2", "DIBAO"));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.body().path("errors").findValuesAsText("code")).contains("EMERGENCY_TEMPORARY_ONLY");
    }

    @Test
    void approvalIsFedBackToTheHukouTownshipOnce() {
        TownshipClient.Reply accepted = township.post("/api/v1/verifications", "610113001",
                TownshipClient.tourRequest("ap-1", "610104199001011234", "张三"));
        String id = accepted.body().path("verificationId").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> township.get("/api/v1/verifications/" + id, "610113001")
                .body().path("status").asText().equals("ANSWERED"));

        String decision = "{\"decision\":\"APPROVED\",\"decidedOn\":\"" + TODAY + "\",\"monthlyAmount\":\"850.00\"}";
        TownshipClient.Reply first = township.post("/api/v1/verifications/" + id + "/approval", "610113001", decision);
        assertThat(first.status()).isEqualTo(200);
        String noticeId = first.body().path("noticeMessageId").asText();
        TownshipClient.Reply again = township.post("/api/v1/verifications/" + id + "/approval", "610113001", decision);
        assertThat(again.body().path("noticeMessageId").asText()).isEqualTo(noticeId);
        TownshipClient.Reply changed = township.post("/api/v1/verifications/" + id + "/approval", "610113001",
                decision.replace("APPROVED", "REJECTED"));
        assertThat(changed.status()).isEqualTo(409);

        awaitMessage(id, "APPROVAL_RESULT_NOTICE", "DELIVERED");
        Envelope sent = Envelope.parse(json, township.get("/api/v1/ops/messages/" + noticeId, null).text());
        assertThat(sent.header().sender()).isEqualTo("610113001");
        assertThat(sent.header().recipient()).isEqualTo("610104003");
        assertThat(sent.payload().path("decision").asText()).isEqualTo("APPROVED");
        assertThat(sent.payload().path("monthlyAmount").asText()).isEqualTo("850.00");
    }

    @Test
    void approvalOfAPersonReceivingAtTheHukouPlaceIsNotApplicable() {
        TownshipClient.Reply accepted = township.post("/api/v1/verifications", "610113001",
                TownshipClient.tourRequest("ap-2", "610104198503150029", "李四"));
        String id = accepted.body().path("verificationId").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> township.get("/api/v1/verifications/" + id, "610113001")
                .body().path("status").asText().equals("ANSWERED"));
        TownshipClient.Reply r = township.post("/api/v1/verifications/" + id + "/approval", "610113001",
                "{\"decision\":\"APPROVED\",\"decidedOn\":\"" + TODAY + "\",\"monthlyAmount\":\"850.00\"}");
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.body().path("errors").get(0).path("code").asText()).isEqualTo("NOT_APPLICABLE");
    }

    private String change(String requestId, String type, String hukou, String newResidence, LocalDate movedOn) {
        return """
            {"requestId": "%s", "reportedOn": "%s", "managingTownship": "610113001",
             "recipient": {"idNumber": "510104199303030074", "name": "赵六", "hukouDivision": "%s"},
             "assistanceType": "%s", "newResidenceDivision": "%s", "movedOn": "%s"}
            """.formatted(requestId, TODAY, hukou, type, newResidence, movedOn);
    }

    private String noticeStatus(String messageId) {
        return jdbc.queryForObject("SELECT status FROM message WHERE message_id = ?", String.class, messageId);
    }

    @Test
    void leavingTheCountySuspendsPaymentWithASignedNoticeAndAWrittenNotice() {
        TownshipClient.Reply r = township.post("/api/v1/residence-changes", "610113001",
                change("rc-1", "DIBAO", "510104022", "610104003", TODAY.minusMonths(4)));
        assertThat(r.status()).isEqualTo(202);
        assertThat(r.body().path("action").asText()).isEqualTo("SUSPEND_PAYMENT");
        String noticeId = r.body().path("noticeMessageId").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> "DELIVERED".equals(noticeStatus(noticeId)));
        Envelope sent = Envelope.parse(json, township.get("/api/v1/ops/messages/" + noticeId, null).text());
        assertThat(sent.type().name()).isEqualTo("PAYMENT_SUSPENSION_NOTICE");
        assertThat(sent.header().recipient()).isEqualTo("610113");

        TownshipClient.Reply letter = township.get(r.body().path("recipientNotice").asText(), "610113001");
        assertThat(letter.status()).isEqualTo(200);
        assertThat(letter.text()).contains("停发社会救助金告知书", "赵六", "最低生活保障金", "小寨路街道");
        assertThat(township.post("/api/v1/residence-changes", "610113001",
                change("rc-1", "DIBAO", "510104022", "610104003", TODAY.minusMonths(4))).status()).isEqualTo(200);
    }

    @Test
    void movingWithinTheCountyTransfersTheCase() {
        TownshipClient.Reply r = township.post("/api/v1/residence-changes", "610113001",
                change("rc-2", "TEKUN", "610113002", "610113003", TODAY.minusMonths(3)));
        assertThat(r.body().path("action").asText()).isEqualTo("TRANSFER_CASE");
        String noticeId = r.body().path("noticeMessageId").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> "DELIVERED".equals(noticeStatus(noticeId)));
        Envelope sent = Envelope.parse(json, township.get("/api/v1/ops/messages/" + noticeId, null).text());
        assertThat(sent.type().name()).isEqualTo("CASE_TRANSFER_REQUEST");
        assertThat(sent.payload().path("newResidenceDivision").asText()).isEqualTo("610113003");
    }

    @Test
    void notYetThreeMonthsIsRecheckedLaterOnTheDayTheyAreReached() {
        LocalDate moved = TODAY.minusMonths(1);
        TownshipClient.Reply r = township.post("/api/v1/residence-changes", "610113001",
                change("rc-3", "DIBAO", "610113002", "610113003", moved));
        assertThat(r.body().path("action").asText()).isEqualTo("RECHECK_LATER");
        assertThat(r.body().path("recheckOn").asText()).isEqualTo(moved.plusMonths(3).toString());
        assertThat(r.body().has("noticeMessageId")).isFalse();
    }

    @Test
    void temporaryAssistanceIsNotApplicableAndAnUncoveredMoveGoesToReview() {
        assertThat(township.post("/api/v1/residence-changes", "610113001",
                change("rc-4", "TEMPORARY", "510104022", "610104003", TODAY.minusMonths(4))).body()
                .path("action").asText()).isEqualTo("NOT_APPLICABLE");
        TownshipClient.Reply review = township.post("/api/v1/residence-changes", "610113001",
                change("rc-5", "DIBAO", "510104022", "610113003", TODAY.minusMonths(4)));
        assertThat(review.body().path("action").asText()).isEqualTo("REVIEW");
        assertThat(review.body().path("reason").asText()).isNotBlank();
    }

    @Test
    void anotherTownshipsRecipientIs403() {
        assertThat(township.post("/api/v1/residence-changes", "610113002",
                change("rc-6", "DIBAO", "510104022", "610104003", TODAY.minusMonths(4))).status()).isEqualTo(403);
    }

    @Test
    void policyEvaluationWorksForAnyTownshipAndStoresNothing() {
        Integer before = jdbc.queryForObject("SELECT COUNT(*) FROM verification", Integer.class);
        String guangzhou = TownshipClient.tourRequest("ev-1", "610104199001011234", "张三")
                .replace("\"residenceTownship\": \"610113001\"", "\"residenceTownship\": \"440106001\"");
        TownshipClient.Reply r = township.post("/api/v1/policy/evaluate", "440106001", guangzhou);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().path("jurisdiction").asText()).isEqualTo("CROSS_PROVINCE");
        assertThat(r.body().path("servedHere").asBoolean()).isFalse();
        TownshipClient.Reply refused = township.post("/api/v1/policy/evaluate", "610113001",
                TownshipClient.tourRequest("ev-2", "610104199001011234", "张三").replace("2026-01-15", "2026-06-15"));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body().path("errors").findValuesAsText("code")).contains("RESIDENCE_TOO_SHORT");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM verification", Integer.class)).isEqualTo(before);
    }
}
