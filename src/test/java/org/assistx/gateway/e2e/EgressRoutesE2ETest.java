package org.assistx.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.assistx.gateway.GatewayTestSupport;
import org.assistx.gateway.delivery.Exchanges;
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
 * The egress routes (core-egress-callbacks, fed by the scheduler route core-schedule-callbacks) against a
 * real HTTP receiver: one POST per attempt (a 503 is recorded and retried by the outbox on a later round, not
 * re-sent by the HTTP client), nothing of the gateway's internal state leaves as a header, a receiver that
 * cannot be reached is recorded on the row and kept for a later round, and every egress and scheduler route
 * is listed by the operations API with its counts, like the other routes. The queue names the routes take
 * from {@link Exchanges} (placeholders {@code assistx.queues.*}) are the queues the embedded broker created.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class EgressRoutesE2ETest {

    static final List<Map<String, List<String>>> HEADERS = new CopyOnWriteArrayList<>();
    static final AtomicInteger CALLS = new AtomicInteger();
    static final HttpServer RECEIVER = receiver();
    static final int CLOSED_PORT = closedPort();

    /** The township's receiver: down (503) for its first call, then takes every callback. */
    static HttpServer receiver() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/hooks", exchange -> {
                exchange.getRequestBody().readAllBytes();
                HEADERS.add(Map.copyOf(exchange.getRequestHeaders()));
                exchange.sendResponseHeaders(CALLS.getAndIncrement() == 0 ? 503 : 204, -1);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A loopback port nothing listens on (opened, then closed again). */
    static int closedPort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        GatewayTestSupport.freshDataDir(registry, "egress-routes");
        registry.add("assistx.callbacks.destinations.610113001", () -> "http://127.0.0.1:"
                + RECEIVER.getAddress().getPort() + "/hooks,http://127.0.0.1:" + CLOSED_PORT + "/hooks");
        registry.add("assistx.callbacks.allow-private-addresses", () -> "true");
    }

    @AfterAll
    static void stop() {
        RECEIVER.stop(0);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    EmbeddedActiveMQ broker;

    private String submit(String requestId, String callbackUrl) {
        TownshipClient.Reply r = new TownshipClient(port).post("/api/v1/verifications", "610113001",
                TownshipClient.tourRequest(requestId, "610104198503150029", "李四").replace("\"proofOfNonReceipt\": null",
                        "\"proofOfNonReceipt\": null, \"callbackUrl\": \"" + callbackUrl + "\""));
        assertThat(r.status()).as(r.text()).isEqualTo(202);
        return r.body().path("verificationId").asText();
    }

    @Test
    void callbacksLeaveThroughTheEgressRouteOnePostPerAttemptWithOnlyTheContentType() {
        String url = "http://127.0.0.1:" + RECEIVER.getAddress().getPort() + "/hooks/e-1";
        String id = submit("egress-1", url);

        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM callback_delivery WHERE verification_id = ? AND status = 'DELIVERED'",
                Long.class, id) >= 2);
        // the 503 reached the outbox as an answer: the HTTP client did not re-send it on its own
        assertThat(jdbc.queryForList("SELECT last_error FROM callback_delivery WHERE verification_id = ?",
                String.class, id)).contains("HTTP 503");

        for (Map<String, List<String>> headers : new ArrayList<>(HEADERS)) {
            assertThat(headers.get("Content-type")).singleElement().asString().startsWith("application/json");
            assertThat(headers.keySet()).noneMatch(h -> h.toLowerCase().startsWith("camel")
                    || h.toLowerCase().startsWith("assistx") || h.toLowerCase().startsWith("jms"));
        }

        JsonNode routes = new OpsClient(port).get("/api/v1/ops/routes").body();
        assertThat(route(routes, "core-egress-callbacks").path("exchangesTotal").asLong())
                .isGreaterThanOrEqualTo(CALLS.get());
        assertThat(route(routes, "core-egress-callbacks").path("state").asText()).isEqualTo("Started");
        assertThat(route(routes, "core-schedule-callbacks").path("exchangesTotal").asLong()).isPositive();
        for (String scheduled : List.of("verification-outbox", "notice-outbox", "callbacks", "overdue-alerts",
                "late-replies", "rechecks", "gauges", "client-certificates", "retention", "directory",
                "exchange-answers")) {
            assertThat(route(routes, "core-schedule-" + scheduled).path("from").asText()).startsWith("scheduler:");
        }
        assertThat(route(routes, "core-egress-overdue-alerts").path("state").asText()).isEqualTo("Started");
        assertThat(route(routes, "core-egress-exchange-answers").path("state").asText()).isEqualTo("Started");
    }

    @Test
    void aReceiverThatCannotBeReachedIsRecordedAndKeptForALaterRound() {
        String url = "http://127.0.0.1:" + CLOSED_PORT + "/hooks/e-2";
        String id = submit("egress-2", url);

        Map<String, Object> row = await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForList(
                "SELECT status, attempts, last_error, CASE WHEN next_attempt_at > updated_at THEN 1 ELSE 0 END "
                        + "AS retried_later FROM callback_delivery "
                        + "WHERE verification_id = ? AND attempts > 0", id), rows -> !rows.isEmpty()).get(0);
        assertThat(row.get("STATUS")).isEqualTo("PENDING");
        assertThat((String) row.get("LAST_ERROR")).doesNotStartWith("HTTP").contains("Connect");
        assertThat(((Number) row.get("RETRIED_LATER")).intValue()).as("next attempt after this one").isEqualTo(1);
    }

    @Test
    void routesAndTheBrokerNameTheQueuesOfExchanges() {
        JsonNode routes = new OpsClient(port).get("/api/v1/ops/routes").body();
        assertThat(route(routes, "core-verification-dispatch").path("from").asText()).contains(Exchanges.DISPATCH_QUEUE);
        assertThat(route(routes, "core-notice-dispatch").path("from").asText()).contains(Exchanges.NOTICE_QUEUE);
        assertThat(route(routes, "ingress-jms-verifications").path("from").asText()).contains(Exchanges.INGRESS_QUEUE);
        assertThat(route(routes, "core-delivery-xian-county-bureaus").path("from").asText())
                .contains(Exchanges.partnerQueue("xian-county-bureaus"));
        for (String queue : List.of(Exchanges.DISPATCH_QUEUE, Exchanges.NOTICE_QUEUE, Exchanges.INGRESS_QUEUE,
                Exchanges.DEAD_LETTER_QUEUE)) {
            assertThat(broker.getActiveMQServer().locateQueue(SimpleString.of(queue))).as(queue).isNotNull();
        }
    }

    private static JsonNode route(JsonNode routes, String id) {
        for (JsonNode r : routes) {
            if (id.equals(r.path("id").asText())) {
                return r;
            }
        }
        throw new AssertionError("no route " + id + " in " + routes);
    }
}
