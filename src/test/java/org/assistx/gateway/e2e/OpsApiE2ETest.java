package org.assistx.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
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
