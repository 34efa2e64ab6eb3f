package org.assistx.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.assistx.gateway.GatewayTestSupport;
import org.assistx.gateway.simulator.SimulatorReplies;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The broker and the database as separate servers, as in production (the gateway reaches Artemis over TCP
 * and the database over the network), each stopped and started again while verifications are in flight
 * (the county bureaus answer slowly). Every accepted verification is answered, with one effect each, by
 * delivery itself: the stale sweep is set far beyond the test's length, so it cannot be what answers them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext
class RestartsE2ETest {

    private static final String BUREAU_FAULTS = "/api/v1/ops/simulators/xian-county-bureaus/faults";
    private static Path dir;
    private static int brokerPort;
    private static int dbPort;
    private static EmbeddedActiveMQ broker;
    private static Server database;

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) throws Exception {
        dir = GatewayTestSupport.freshDataDir(registry, "restarts");
        brokerPort = ExternalBroker.freePort();
        dbPort = ExternalBroker.freePort();
        broker = startBroker();
        database = startDatabase();
        ExternalBroker.gatewayOnBroker(registry, brokerPort);
        registry.add("spring.datasource.url", () -> "jdbc:h2:tcp://127.0.0.1:" + dbPort + "/assistx");
    }

    /** A broker configured as a deployment's would be, with the shipped docs/deploy/broker.xml. */
    private static EmbeddedActiveMQ startBroker() throws Exception {
        return ExternalBroker.start(dir.resolve("broker"), brokerPort, true);
    }

    private static Server startDatabase() throws Exception {
        return Server.createTcpServer("-tcpPort", String.valueOf(dbPort), "-ifNotExists",
                "-baseDir", dir.resolve("db").toString()).start();
    }

    /**
     * Stops the servers when the gateway's context closes, after its listeners stopped (stopped earlier, they
     * would keep reconnecting and hold up the end of the test JVM).
     */
    @TestConfiguration(proxyBeanMethods = false)
    static class Servers {
        @Bean
        DisposableBean stopServersLast() {
            return () -> {
                broker.stop();
                database.stop();
            };
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    SimulatorReplies replies;

    @AfterEach
    void clear() {
        new OpsClient(port).delete(BUREAU_FAULTS);
    }

    @Test
    void verificationsInFlightSurviveARestartOfTheBrokerAndOfTheDatabase() throws Exception {
        OpsClient ops = new OpsClient(port);
        TownshipClient township = new TownshipClient(port);
        int before = replies.answered("xian-county-bureaus");
        assertThat(ops.post(BUREAU_FAULTS, "{\"mode\": \"SLOW\", \"delayMs\": 300}").status()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            TownshipClient.Reply r = township.post("/api/v1/verifications", "610113001",
                    TownshipClient.tourRequest("restart-" + i, "610104199001011234", "张三"));
            assertThat(r.status()).as(r.text()).isEqualTo(202);
            ids.add(r.body().path("verificationId").asText());
        }

        broker.stop();
        broker = startBroker();
        database.stop();
        database = startDatabase();

        try {
            awaitAll(township, ids);
        } finally {
            for (String q : List.of("assistx.core.verifications", "assistx.delivery.xian-county-bureaus", "assistx.dlq")) {
                var queue = broker.getActiveMQServer().locateQueue(org.apache.activemq.artemis.api.core.SimpleString.of(q));
                System.out.println("QUEUE " + q + " " + (queue == null ? "none" : queue.getMessageCount() + " delivering "
                        + queue.getDeliveringCount() + " consumers " + queue.getConsumerCount()));
            }
            for (String id : ids) {
                System.out.println("STATE " + id + " " + township.get("/api/v1/verifications/" + id, "610113001").body()
                        .path("status").asText());
            }
        }
        assertThat(replies.answered("xian-county-bureaus") - before).as("one effect per verification").isEqualTo(12);
    }

    private void awaitAll(TownshipClient township, List<String> ids) {
        for (String id : ids) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                    .until(() -> township.get("/api/v1/verifications/" + id, "610113001").body()
                            .path("status").asText(), "ANSWERED"::equals);
        }
    }
}
