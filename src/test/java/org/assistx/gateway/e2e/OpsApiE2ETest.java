package org.assistx.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.assistx.gateway.GatewayTestSupport;
import org.assistx.gateway.partner.PartnerRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.HttpCodeStatusMapper;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every operations endpoint over real HTTP on the real stack (H2, Artemis, Camel, CXF, the county-bureau
 * simulator). Dead letters come from a real outage: the partner's endpoint is pointed at a closed port and
 * the partner registry reloaded; after it is pointed back, a replay delivers the same signed message.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@AutoConfigureObservability(tracing = false)
class OpsApiE2ETest {

    private static PartnerSwitch partnerSwitch;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        Path dir = GatewayTestSupport.freshDataDir(registry, "ops-api");
        partnerSwitch = PartnerSwitch.copyPartners(dir);
        registry.add("assistx.partners.directory", () -> partnerSwitch.directory().toString());
        registry.add("assistx.ops.partner-probe-interval", () -> "PT0S");
    }

    @LocalServerPort
    int port;

    @Autowired
    private HttpCodeStatusMapper healthStatusMapper;

    @Autowired
    PartnerRegistry partners;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    org.springframework.jms.core.JmsTemplate jms;

    TownshipClient township;
    OpsClient ops;

    @BeforeEach
    void clients() {
        township = new TownshipClient(port);
        ops = new OpsClient(port);
    }

    private String submit(String requestId, String idNumber, String name) {
        TownshipClient.Reply r = township.post("/api/v1/verifications", "610113001",
                TownshipClient.tourRequest(requestId, idNumber, name));
        assertThat(r.status()).isEqualTo(202);
        return r.body().path("verificationId").asText();
    }

    private JsonNode awaitStatus(String id, String status) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> township.get("/api/v1/verifications/" + id, "610113001").body(),
                        b -> status.equals(b.path("status").asText()));
    }

    private JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode n : array) {
            if (value.equals(n.path(field).asText())) {
                return n;
            }
        }
        throw new AssertionError("no element with " + field + "=" + value + " in " + array);
    }

    @Test
    void routesShowStateCountsLatencyAndPartnersShowHealth() {
        awaitStatus(submit("ops-routes-1", "610104199001011234", "张三"), "ANSWERED");

        TownshipClient.Reply routes = ops.get("/api/v1/ops/routes");
        assertThat(routes.status()).isEqualTo(200);
        JsonNode dispatch = find(routes.body(), "id", "core-verification-dispatch");
        assertThat(dispatch.path("state").asText()).isEqualTo("Started");
        assertThat(dispatch.path("from").asText()).contains("assistx.core.verifications");
        assertThat(dispatch.path("exchangesTotal").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(dispatch.path("inflight").isNumber()).isTrue();
        assertThat(dispatch.path("meanMs").asDouble()).isPositive();
        assertThat(dispatch.path("p99Ms").asDouble()).isPositive();
        assertThat(find(routes.body(), "id", "core-transport-soap").path("exchangesTotal").asLong()).isPositive();
        assertThat(ops.get("/api/v1/ops/routes/core-transport-soap").body().path("state").asText()).isEqualTo("Started");
        assertThat(ops.get("/api/v1/ops/routes/no-such-route").status()).isEqualTo(404);

        TownshipClient.Reply health = ops.get("/api/v1/ops/health/partners");
        JsonNode bureau = find(health.body(), "id", PartnerSwitch.PARTNER);
        assertThat(bureau.path("transport").asText()).isEqualTo("SOAP");
        assertThat(bureau.path("health").asText()).isEqualTo("UP");
        assertThat(bureau.path("reachability").asText()).isEqualTo("REACHABLE");
        assertThat(bureau.path("lastSuccess").asText()).isNotBlank();
        assertThat(bureau.path("covers").get(0).path("prefix").asText()).isEqualTo("6101");
        assertThat(bureau.path("certificates").findValuesAsText("role")).contains("PARTNER_TRUST_ANCHOR", "PARTNER_SIGNER");
        assertThat(Instant.parse(bureau.path("lastAnswer").asText())).isAfterOrEqualTo(Instant.parse(bureau.path("lastSuccess").asText()).minusSeconds(60));
        long firstExpiring = java.util.stream.StreamSupport.stream(bureau.path("certificates").spliterator(), false)
                .mapToLong(c -> c.path("daysLeft").asLong()).min().orElseThrow();
        assertThat(bureau.path("certificateDaysLeft").isIntegralNumber()).isTrue();
        assertThat(bureau.path("certificateDaysLeft").asLong()).isEqualTo(firstExpiring);
        assertThat(bureau.path("certificateNotAfter").asText()).isNotBlank();
        assertThat(ops.get("/api/v1/ops/health/partners/" + PartnerSwitch.PARTNER).body().path("health").asText())
                .isEqualTo("UP");
        assertThat(ops.get("/api/v1/ops/health/partners/nobody").status()).isEqualTo(404);

        JsonNode overview = ops.get("/api/v1/ops/overview").body();
        assertThat(overview.path("routes").size()).isEqualTo(routes.body().size());
        assertThat(overview.path("partners").size()).isEqualTo(partners.all().size());
        assertThat(overview.path("queues").has("deadLetters")).isTrue();
        assertThat(overview.path("verificationsByStatus").path("ANSWERED").asLong()).isPositive();
        assertThat(overview.path("certificates").findValuesAsText("role")).contains("GATEWAY_SIGNER");
        assertThat(overview.path("operator").path("name").asText()).isEqualTo("demo-operator");
        assertThat(overview.path("operator").path("loginRequired").asBoolean()).isFalse();

        JsonNode actuator = ops.get("/actuator/health").body();
        assertThat(actuator.path("components").path("partners").path("components").path(PartnerSwitch.PARTNER)
                .path("status").asText()).isEqualTo("UP");
        assertThat(actuator.path("components").path("broker").path("status").asText()).isEqualTo("UP");
        assertThat(actuator.path("components").path("db").path("status").asText()).isEqualTo("UP");
        JsonNode readiness = ops.get("/actuator/health/readiness").body();
        assertThat(readiness.path("status").asText()).isEqualTo("UP");
        assertThat(readiness.path("components").has("broker")).isTrue();
        assertThat(readiness.path("components").has("db")).isTrue();
        assertThat(readiness.path("components").has("partners")).isFalse();
        assertThat(ops.get("/actuator/health/liveness").body().path("status").asText()).isEqualTo("UP");
        // A node that is DOWN or OUT_OF_SERVICE answers 503, so a load balancer takes it out; DEGRADED serves.
        assertThat(healthStatusMapper.getStatusCode(Status.DOWN)).isEqualTo(503);
        assertThat(healthStatusMapper.getStatusCode(Status.OUT_OF_SERVICE)).isEqualTo(503);
        assertThat(healthStatusMapper.getStatusCode(new Status("DEGRADED"))).isEqualTo(200);
        assertThat(healthStatusMapper.getStatusCode(Status.UP)).isEqualTo(200);
    }

    @Test
    void deadLettersAreListedReplayedWithTheSameSignedMessageAndDiscardedWithAReason() {
        String replayed;
        String discarded;
        try {
            partnerSwitch.down(partners);
            replayed = submit("ops-dead-1", "610104199001011234", "张三");
            discarded = submit("ops-dead-2", "610104198503150029", "李四");
            awaitStatus(replayed, "UNDETERMINED");
            awaitStatus(discarded, "UNDETERMINED");

            JsonNode bureau = ops.get("/api/v1/ops/health/partners/" + PartnerSwitch.PARTNER).body();
            assertThat(bureau.path("health").asText()).isEqualTo("DOWN");
            assertThat(bureau.path("healthReason").asText()).startsWith("UNREACHABLE");
            assertThat(bureau.path("lastFailureReason").asText()).startsWith("TRANSPORT_FAILED");
            assertThat(ops.get("/actuator/health/readiness").body().path("status").asText()).isEqualTo("UP");
        } finally {
            partnerSwitch.up(partners);
        }

        JsonNode list = await().atMost(Duration.ofSeconds(10)).until(() -> ops.get("/api/v1/ops/dead-letters").body(),
                b -> b.findValuesAsText("verificationId").containsAll(List.of(replayed, discarded)));
        JsonNode first = find(list, "verificationId", replayed);
        assertThat(first.path("reasonCode").asText()).isEqualTo("TRANSPORT_FAILED");
        assertThat(first.path("reason").asText()).startsWith("TRANSPORT_FAILED");
        assertThat(first.path("parkedAt").asText()).isNotBlank();
        String firstId = first.path("id").asText();
        String secondId = find(list, "verificationId", discarded).path("id").asText();
        assertThat(ops.get("/api/v1/ops/dead-letters/" + firstId).body().path("verificationId").asText())
                .isEqualTo(replayed);

        String requestMessageId = awaitStatus(replayed, "UNDETERMINED").path("messages").get(0).path("messageId").asText();
        TownshipClient.Reply replay = ops.post("/api/v1/ops/dead-letters/" + firstId + "/replay",
                "{\"reason\": \"bureau back online\"}");
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.body().path("verificationId").asText()).isEqualTo(replayed);
        assertThat(replay.body().path("previousStatus").asText()).isEqualTo("UNDETERMINED");
        assertThat(replay.body().path("reset").asBoolean()).isTrue();

        JsonNode answered = awaitStatus(replayed, "ANSWERED");
        assertThat(answered.path("result").path("outcome").asText()).isEqualTo("NOT_RECEIVING");
        JsonNode out = answered.path("messages").get(0);
        assertThat(out.path("messageId").asText()).as("the same signed request").isEqualTo(requestMessageId);
        assertThat(out.path("status").asText()).isEqualTo("DELIVERED");
        assertThat(out.path("attempts").asInt()).isEqualTo(4);
        assertThat(ops.post("/api/v1/ops/dead-letters/" + firstId + "/replay", null).status()).isEqualTo(404);

        TownshipClient.Reply noReason = ops.post("/api/v1/ops/dead-letters/" + secondId + "/discard", "{}");
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.body().path("errors").get(0).path("code").asText()).isEqualTo("REASON_REQUIRED");
        TownshipClient.Reply discard = ops.post("/api/v1/ops/dead-letters/" + secondId + "/discard",
                "{\"reason\": \"township withdrew the application\"}");
        assertThat(discard.status()).isEqualTo(200);
        assertThat(discard.body().path("verificationId").asText()).isEqualTo(discarded);
        assertThat(awaitStatus(discarded, "UNDETERMINED").path("status").asText()).isEqualTo("UNDETERMINED");
        assertThat(ops.get("/api/v1/ops/dead-letters").body().findValuesAsText("id")).doesNotContain(firstId, secondId);
        assertThat(ops.post("/api/v1/ops/dead-letters/not-an-id/discard", "{\"reason\":\"x\"}").status()).isEqualTo(400);

        List<String> actions = new ArrayList<>();
        for (JsonNode a : ops.get("/api/v1/ops/actions").body()) {
            actions.add(a.path("action").asText() + " " + a.path("outcome").asText() + " " + a.path("operator").asText());
        }
        assertThat(actions).contains("DEAD_LETTER_REPLAY DONE demo-operator", "DEAD_LETTER_DISCARD REFUSED demo-operator",
                "DEAD_LETTER_DISCARD DONE demo-operator");

        JsonNode trace = ops.get("/api/v1/ops/verifications/" + replayed + "/trace").body();
        List<String> steps = trace.path("hops").findValuesAsText("step");
        assertThat(steps).containsSubsequence("ACCEPTED", "SIGNED", "OPERATOR_ACTION", "RECEIVED", "RESULT");
        assertThat(steps).contains("QUEUED", "DELIVERY");
        assertThat(trace.path("verification").path("status").asText()).isEqualTo("ANSWERED");
        JsonNode discardedTrace = ops.get("/api/v1/ops/verifications/" + discarded + "/trace").body();
        assertThat(discardedTrace.path("hops").findValuesAsText("step")).contains("UNDETERMINED", "OPERATOR_ACTION");
        assertThat(discardedTrace.path("statusReason").asText()).startsWith("TRANSPORT_FAILED");
    }

    /** Parks a dead letter on the broker as the delivery routes do, with the partner and reason properties. */
    private void park(String partner, String verificationId, String reason) {
        jms.convertAndSend("assistx.dlq", verificationId, m -> {
            m.setStringProperty(org.assistx.gateway.delivery.Exchanges.PARTNER_ID, partner);
            m.setStringProperty(org.assistx.gateway.delivery.Exchanges.VERIFICATION_ID, verificationId);
            m.setStringProperty(org.assistx.gateway.delivery.DeliveryFailures.REASON, reason);
            return m;
        });
    }

    /** Submits each (requestId, ID number, name) while the county bureau is down; each ends UNDETERMINED. */
    private List<String> undeliverable(String[]... applications) {
        List<String> ids = new ArrayList<>();
        try {
            partnerSwitch.down(partners);
            for (String[] a : applications) {
                ids.add(submit(a[0], a[1], a[2]));
            }
            ids.forEach(id -> awaitStatus(id, "UNDETERMINED"));
            return ids;
        } finally {
            partnerSwitch.up(partners);
        }
    }

    private List<String> deadLetterIds() {
        return ops.get("/api/v1/ops/dead-letters").body().findValuesAsText("id");
    }

    @Test
    void deadLettersOfOnePartnerWithinATimeRangeAreReplayedInBulkWithOneReasonAndBadInputChangesNothing() {
        String answeredMeanwhile = submit("ops-bulk-0", "610104197805200031", "王五");
        awaitStatus(answeredMeanwhile, "ANSWERED");
        // A first outage of the county bureau: its dead letter is parked before the range.
        String before = undeliverable(new String[] {"ops-bulk-1", "610104199001011234", "张三"}).get(0);
        JsonNode beforeLetter = find(await().atMost(Duration.ofSeconds(10)).until(
                () -> ops.get("/api/v1/ops/dead-letters").body(), b -> b.findValuesAsText("verificationId").contains(before)),
                "verificationId", before);
        Instant from = Instant.parse(beforeLetter.path("parkedAt").asText()).plusMillis(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> Instant.now().isAfter(from.plusMillis(5)));

        // Inside the range: another partner's dead letter, one of the bureau's whose verification was answered
        // meanwhile, and two of a second outage of the bureau.
        park("guangdong-44", "guangdong-parked-1", "TRANSPORT_FAILED: HTTP 503 from the province");
        park(PartnerSwitch.PARTNER, answeredMeanwhile, "TRANSPORT_FAILED: connection refused");
        List<String> later = undeliverable(new String[] {"ops-bulk-2", "610104198503150029", "李四"},
                new String[] {"ops-bulk-3", "610104199001011234", "张三"});
        String later1 = later.get(0);
        String later2 = later.get(1);
        JsonNode parked = await().atMost(Duration.ofSeconds(10)).until(() -> ops.get("/api/v1/ops/dead-letters").body(),
                b -> b.findValuesAsText("verificationId").containsAll(List.of(later1, later2, "guangdong-parked-1")));
        String guangdongLetter = find(parked, "verificationId", "guangdong-parked-1").path("id").asText();
        String beforeId = beforeLetter.path("id").asText();
        Instant to = Instant.now().plusSeconds(1);
        String partner = PartnerSwitch.PARTNER;

        // Bad input is refused with a stable code and changes nothing.
        List<String> lettersBefore = deadLetterIds();
        String range = "\"from\": \"" + from + "\", \"to\": \"" + to + "\"";
        java.util.Map<String, String> refused = new java.util.LinkedHashMap<>();
        refused.put("{\"partner\": \"" + partner + "\", " + range + "}", "REASON_REQUIRED reason");
        refused.put("{\"partner\": \"" + partner + "\", " + range + ", \"reason\": \"  \"}", "REASON_REQUIRED reason");
        refused.put("{" + range + ", \"reason\": \"back\"}", "INVALID_FIELD partner");
        refused.put("{\"partner\": \"nobody\", " + range + ", \"reason\": \"back\"}", "INVALID_FIELD partner");
        refused.put("{\"partner\": \"" + partner + "\", \"from\": \"yesterday\", \"to\": \"" + to
                + "\", \"reason\": \"back\"}", "INVALID_FIELD from");
        refused.put("{\"partner\": \"" + partner + "\", \"from\": \"" + from + "\", \"reason\": \"back\"}",
                "INVALID_FIELD to");
        refused.put("{\"partner\": \"" + partner + "\", \"from\": \"" + to + "\", \"to\": \"" + from
                + "\", \"reason\": \"back\"}", "INVALID_TIME_RANGE to");
        refused.put("{\"partner\": \"" + partner + "\", \"from\": \"" + from + "\", \"to\": \"" + from
                + "\", \"reason\": \"back\"}", "INVALID_TIME_RANGE to");
        refused.put("{\"partner\": \"" + partner + "\", \"from\": \"" + to.minus(Duration.ofDays(32)) + "\", \"to\": \""
                + to + "\", \"reason\": \"back\"}", "INVALID_TIME_RANGE to");
        refused.put("{\"partner\": ", "MALFORMED_JSON null");
        refused.forEach((body, expected) -> {
            TownshipClient.Reply r = ops.post("/api/v1/ops/dead-letters/replay", body);
            assertThat(r.status()).as(body).isEqualTo(400);
            JsonNode error = r.body().path("errors").get(0);
            assertThat(error.path("code").asText() + " " + error.path("field").asText(null)).as(body).isEqualTo(expected);
        });
        assertThat(ops.post("/api/v1/ops/dead-letters/replay", null).status()).isEqualTo(400);
        assertThat(deadLetterIds()).as("nothing was replayed").containsExactlyInAnyOrderElementsOf(lettersBefore);
        assertThat(awaitStatus(later1, "UNDETERMINED").path("status").asText()).isEqualTo("UNDETERMINED");

        // The bureau's dead letters of the range are replayed with the one reason; the answered one is skipped.
        TownshipClient.Reply bulk = ops.post("/api/v1/ops/dead-letters/replay", "{\"partner\": \"" + partner + "\", "
                + range + ", \"reason\": \"county bureau back after the second outage\"}");
        assertThat(bulk.status()).isEqualTo(200);
        JsonNode done = bulk.body();
        assertThat(done.path("matched").asInt()).isEqualTo(3);
        assertThat(done.path("replayed").asInt()).isEqualTo(2);
        assertThat(done.path("skipped").asInt()).isEqualTo(1);
        assertThat(done.path("more").asBoolean()).isFalse();
        assertThat(find(done.path("letters"), "verificationId", later1).path("replayed").asBoolean()).isTrue();
        assertThat(find(done.path("letters"), "verificationId", later2).path("replayed").asBoolean()).isTrue();
        JsonNode skipped = find(done.path("letters"), "verificationId", answeredMeanwhile);
        assertThat(skipped.path("replayed").asBoolean()).isFalse();
        assertThat(skipped.path("code").asText()).isEqualTo("ALREADY_FINAL");

        assertThat(awaitStatus(later1, "ANSWERED").path("result").path("outcome").asText()).isEqualTo("RECEIVING");
        assertThat(awaitStatus(later2, "ANSWERED").path("result").path("outcome").asText()).isEqualTo("NOT_RECEIVING");
        assertThat(awaitStatus(before, "UNDETERMINED").path("status").asText()).as("before the range").isEqualTo("UNDETERMINED");
        List<String> left = deadLetterIds();
        assertThat(left).contains(beforeId, guangdongLetter);
        assertThat(ops.get("/api/v1/ops/dead-letters").body().findValuesAsText("verificationId"))
                .doesNotContain(later1, later2).contains(answeredMeanwhile, before, "guangdong-parked-1");

        // One record per letter with the one reason, and one for the whole.
        JsonNode recorded = ops.get("/api/v1/ops/actions?limit=500").body();
        List<String> perLetter = new ArrayList<>();
        List<String> whole = new ArrayList<>();
        for (JsonNode a : recorded) {
            if ("county bureau back after the second outage".equals(a.path("reason").asText())) {
                if (a.path("action").asText().equals("DEAD_LETTER_REPLAY")) {
                    perLetter.add(a.path("verificationId").asText() + " " + a.path("outcome").asText());
                } else {
                    whole.add(a.path("action").asText() + " " + a.path("targetId").asText() + " "
                            + a.path("outcome").asText() + " " + a.path("detail").asText());
                }
            }
        }
        assertThat(perLetter).containsExactlyInAnyOrder(later1 + " DONE", later2 + " DONE", answeredMeanwhile + " REFUSED");
        assertThat(whole).hasSize(1);
        assertThat(whole.get(0)).startsWith("DEAD_LETTER_BULK_REPLAY " + partner + " DONE")
                .contains("matched 3, replayed 2, skipped 1");

        for (JsonNode d : ops.get("/api/v1/ops/dead-letters").body()) {
            if (List.of(before, answeredMeanwhile, "guangdong-parked-1").contains(d.path("verificationId").asText())) {
                ops.post("/api/v1/ops/dead-letters/" + d.path("id").asText() + "/discard", "{\"reason\": \"test done\"}");
            }
        }
    }

    @Test
    void aVerificationIsFoundByAnyOfItsIdsOrTheMaskedIdNumberAndItsEnvelopesAreReadable() {
        String id = submit("ops-search-1", "610104197805200031", "王五");
        JsonNode answered = awaitStatus(id, "ANSWERED");
        String messageId = answered.path("messages").get(0).path("messageId").asText();

        for (String q : List.of(id, "ops-search-1", messageId, "610104197805200031", "610104********0031")) {
            TownshipClient.Reply r = ops.get("/api/v1/ops/verifications?q=" + q.replace("*", "%2A"));
            assertThat(r.status()).as(q).isEqualTo(200);
            assertThat(r.body().findValuesAsText("verificationId")).as(q).contains(id);
            assertThat(r.text()).as("never the full ID number").doesNotContain("610104197805200031");
        }
        assertThat(ops.get("/api/v1/ops/verifications?q=nothing-like-this").body()).isEmpty();
        assertThat(ops.get("/api/v1/ops/verifications?status=ANSWERED&limit=500").body().findValuesAsText("status"))
                .containsOnly("ANSWERED");
        assertThat(ops.get("/api/v1/ops/verifications/no-such-id/trace").status()).isEqualTo(404);
        TownshipClient.Reply badLimit = ops.get("/api/v1/ops/verifications?limit=many");
        assertThat(badLimit.status()).isEqualTo(400);
        assertThat(badLimit.body().path("errors").get(0).path("code").asText()).isEqualTo("INVALID_FIELD");
        TownshipClient.Reply badBody = ops.post("/api/v1/ops/routes/core-verification-dispatch/resume", "{not json");
        assertThat(badBody.status()).isEqualTo(400);
        assertThat(badBody.body().path("errors").get(0).path("code").asText()).isEqualTo("MALFORMED_JSON");

        JsonNode details = ops.get("/api/v1/ops/messages/" + messageId + "/details").body();
        assertThat(details.path("type").asText()).isEqualTo("VERIFICATION_REQUEST");
        assertThat(details.path("direction").asText()).isEqualTo("OUT");
        assertThat(details.path("signer").path("algorithm").asText()).isEqualTo("SM3withSM2");
        assertThat(details.path("signer").path("subject").asText()).startsWith("CN=gateway");
        assertThat(details.path("envelope").path("header").path("messageId").asText()).isEqualTo(messageId);
        assertThat(ops.get("/api/v1/ops/messages/nope/details").status()).isEqualTo(404);
    }

    @Test
    void aDeadLetterTheBrokerParkedItselfIsListedAndAnAnsweredOneCanOnlyBeDiscarded() {
        String id = submit("ops-broker-dlq-1", "610104199001011234", "张三");
        awaitStatus(id, "ANSWERED");
        // As Artemis leaves it after its maximum delivery attempts: the original body, none of our properties.
        jms.convertAndSend("assistx.dlq", id);

        JsonNode parked = await().atMost(Duration.ofSeconds(10)).until(
                () -> ops.get("/api/v1/ops/dead-letters").body(), b -> b.findValuesAsText("verificationId").contains(id));
        JsonNode dead = find(parked, "verificationId", id);
        assertThat(dead.path("reasonCode").asText()).isEqualTo("BROKER_GAVE_UP");
        String deadId = dead.path("id").asText();

        TownshipClient.Reply replay = ops.post("/api/v1/ops/dead-letters/" + deadId + "/replay", null);
        assertThat(replay.status()).isEqualTo(409);
        assertThat(replay.body().path("errors").get(0).path("code").asText()).isEqualTo("ALREADY_FINAL");
        assertThat(ops.post("/api/v1/ops/dead-letters/" + deadId + "/discard",
                "{\"reason\": \"answered meanwhile\"}").status()).isEqualTo(200);
        assertThat(ops.get("/api/v1/ops/dead-letters/" + deadId).status()).isEqualTo(404);
        JsonNode refused = find(ops.get("/api/v1/ops/actions").body(), "verificationId", id);
        assertThat(refused.path("action").asText()).isEqualTo("DEAD_LETTER_DISCARD");
        assertThat(ops.get("/api/v1/ops/actions").body().toString()).contains("ALREADY_FINAL");
    }

    @Test
    void aSuspendedRouteHoldsWorkWhichShowsOverdueAndResumeDeliversIt() {
        String route = "/api/v1/ops/routes/core-verification-dispatch";
        String id;
        try {
            TownshipClient.Reply suspended = ops.post(route + "/suspend", "{\"reason\": \"bureau maintenance window\"}");
            assertThat(suspended.status()).isEqualTo(200);
            assertThat(suspended.body().path("state").asText()).isEqualTo("Suspended");
            id = submit("ops-overdue-1", "610104199001011234", "张三");
            assertThat(awaitStatus(id, "ACCEPTED").path("status").asText()).isEqualTo("ACCEPTED");
            jdbc.update("UPDATE verification SET created_at = created_at - INTERVAL '10' DAY WHERE verification_id = ?", id);

            JsonNode overdue = ops.get("/api/v1/ops/overdue").body();
            assertThat(overdue.path("deadlineWorkingDays").asInt()).isEqualTo(5);
            JsonNode item = find(overdue.path("overdue"), "verificationId", id);
            assertThat(item.path("overdue").asBoolean()).isTrue();
            assertThat(item.path("hoursOverdue").asLong()).isPositive();
            assertThat(item.path("applicant").asText()).isEqualTo("610104********1234");
        } finally {
            assertThat(ops.post(route + "/resume", null).body().path("state").asText()).isEqualTo("Started");
        }
        awaitStatus(id, "ANSWERED");
        assertThat(ops.get("/api/v1/ops/overdue").body().path("overdue").findValuesAsText("verificationId"))
                .doesNotContain(id);

        assertThat(ops.post(route + "/explode", null).status()).isEqualTo(400);
        assertThat(ops.post("/api/v1/ops/routes/no-such-route/suspend", null).status()).isEqualTo(404);
        List<String> actions = ops.get("/api/v1/ops/actions?limit=20").body().findValuesAsText("action");
        assertThat(actions).contains("ROUTE_SUSPEND", "ROUTE_RESUME");
        JsonNode suspendEntry = find(ops.get("/api/v1/ops/actions").body(), "reason", "bureau maintenance window");
        assertThat(suspendEntry.path("action").asText()).isEqualTo("ROUTE_SUSPEND");
        assertThat(suspendEntry.path("outcome").asText()).isEqualTo("DONE");
        assertThat(suspendEntry.path("targetId").asText()).isEqualTo("core-verification-dispatch");
        assertThat(suspendEntry.path("authenticated").asBoolean()).isFalse();
    }

    @Test
    void prometheusHasTheStableMeterNames() {
        awaitStatus(submit("ops-metrics-1", "610104199001011234", "张三"), "ANSWERED");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String text = ops.get("/actuator/prometheus").text();
            assertThat(text).contains("assistx_verifications_total{jurisdiction=\"CROSS_COUNTY\",outcome=\"NOT_RECEIVING\"");
            assertThat(text).contains("assistx_partner_latency_seconds_bucket{partner=\"xian-county-bureaus\"");
            assertThat(text).contains("assistx_verifications_overdue");
            assertThat(text).contains("assistx_dead_letters_queued");
            assertThat(text).contains("assistx_queue_depth{queue=\"assistx.core.verifications\"");
            assertThat(text).contains("camel_exchanges_total");
        });
    }

    @Autowired
    @org.springframework.beans.factory.annotation.Qualifier("requestMappingHandlerMapping")
    org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping mappings;

    @Test
    void theOpenApiFileDescribesEveryApiEndpoint() throws java.io.IOException {
        JsonNode openapi = new com.fasterxml.jackson.databind.ObjectMapper(
                new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).readTree(Path.of("docs", "openapi.yaml").toFile());
        List<String> missing = new ArrayList<>();
        mappings.getHandlerMethods().forEach((info, method) -> {
            for (String pattern : info.getPatternValues()) {
                if (!pattern.startsWith("/api/v1/")) {
                    continue;
                }
                for (var verb : info.getMethodsCondition().getMethods()) {
                    if (openapi.path("paths").path(pattern).path(verb.name().toLowerCase()).isMissingNode()) {
                        missing.add(verb + " " + pattern);
                    }
                }
            }
        });
        assertThat(missing).as("endpoints missing from docs/openapi.yaml").isEmpty();
    }

    @Test
    void theConsoleIsServed() {
        assertThat(ops.get("/console").status()).isEqualTo(302);
        assertThat(ops.header("/console", "Location")).endsWith("/console/");
        TownshipClient.Reply page = ops.get("/console/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text()).contains("AssistX");
        assertThat(ops.get("/api/v1/ops/me").body().path("roles").findValuesAsText("")).isEmpty();
        assertThat(ops.get("/api/v1/ops/me").body().path("roles").toString()).contains("OPERATOR", "VIEWER");
    }
}
