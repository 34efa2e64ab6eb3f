package org.assistx.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.assistx.gateway.GatewayTestSupport;
import org.assistx.gateway.chaos.GatewayProcess;
import org.assistx.gateway.tracking.ClusterStateRepository;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterAll;
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
 * Two gateway nodes act as one: node A (this test's context) and node B (a process of its own) share one
 * database server, one broker and one partner folder. A partner an operator suspends on A takes no messages on
 * B; resumed on A, B delivers what waited; a reload on A reaches B; a breaker another node opened holds the
 * partner back on both.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext
class TwoNodesE2ETest {

    private static final String PARTNER = "xian-county-bureaus";
    private static final String SYNC = "PT1S";
    private static Path dir;
    private static Path partners;
    private static int brokerPort;
    private static int dbPort;
    private static EmbeddedActiveMQ broker;
    private static Server database;
    private static GatewayProcess nodeB;

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) throws Exception {
        dir = GatewayTestSupport.freshDataDir(registry, "two-nodes");
        brokerPort = ExternalBroker.freePort();
        dbPort = ExternalBroker.freePort();
        broker = ExternalBroker.start(dir.resolve("broker"), brokerPort, true);
        database = Server.createTcpServer("-tcpPort", String.valueOf(dbPort), "-ifNotExists",
                "-baseDir", dir.resolve("db").toString()).start();
        partners = PartnerSwitch.copyPartners(dir).directory();
        ExternalBroker.gatewayOnBroker(registry, brokerPort);
        registry.add("spring.datasource.url", TwoNodesE2ETest::databaseUrl);
        registry.add("assistx.partners.directory", partners::toString);
        registry.add("assistx.cluster.sync-interval", () -> SYNC);
    }

    private static String databaseUrl() {
        return "jdbc:h2:tcp://127.0.0.1:" + dbPort + "/assistx";
    }

    /** Stops the servers after the context's listeners stopped. */
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

    @AfterAll
    static void stopNodeB() {
        if (nodeB != null) {
            nodeB.close();
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    ClusterStateRepository cluster;

    @Test
    void aSuspensionAReloadAndAnOpenBreakerOnOneNodeHoldOnTheOther() throws Exception {
        nodeB = new GatewayProcess(Path.of("").toAbsolutePath(), dir.resolve("node-b"), dir.resolve("node-b.log"), List.of(
                "--spring.datasource.url=" + databaseUrl(),
                "--spring.artemis.mode=native",
                "--spring.artemis.broker-url=tcp://127.0.0.1:" + brokerPort,
                "--spring.artemis.embedded.enabled=false",
                "--assistx.partners.directory=" + partners,
                "--assistx.rate-limit.requests-per-second=0",
                "--assistx.delivery.stale-after=PT1H",
                "--assistx.cluster.sync-interval=" + SYNC));
        nodeB.start();
        OpsClient opsA = new OpsClient(port);
        OpsClient opsB = new OpsClient(nodeB.port());
        TownshipClient townshipB = new TownshipClient(nodeB.port());

        // suspended on A: B's delivery route stops taking messages too
        assertThat(opsA.post("/api/v1/ops/partners/" + PARTNER + "/suspend", "{\"reason\": \"县局系统维护\"}").status())
                .isEqualTo(200);
        await("node B's route suspended").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> {
                    JsonNode state = opsB.get("/api/v1/ops/partners/" + PARTNER + "/delivery").body();
                    assertThat(state.path("flow").asText()).isEqualTo("SUSPENDED");
                    assertThat(state.path("routeStatus").asText()).isEqualTo("Suspended");
                });
        TownshipClient.Reply submitted = townshipB.post("/api/v1/verifications", "610113001",
                TownshipClient.tourRequest("two-nodes-1", "610104199001011234", "张三"));
        assertThat(submitted.status()).as(submitted.text()).isEqualTo(202);
        String id = submitted.body().path("verificationId").asText();

        // resumed on A: what waited is delivered (by either node)
        assertThat(opsA.post("/api/v1/ops/partners/" + PARTNER + "/resume", "{}").status()).isEqualTo(200);
        await("answered after the resume").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertThat(townshipB.get("/api/v1/verifications/" + id, "610113001").body()
                        .path("status").asText()).isEqualTo("ANSWERED"));
        assertThat(opsB.get("/api/v1/ops/partners/" + PARTNER + "/delivery").body().path("flow").asText())
                .isEqualTo("FLOWING");

        // a reload on A (after the shared folder changed) reaches B
        Path descriptor = partners.resolve(PARTNER).resolve("partner.yaml");
        String changedTitle = "西安市县（区）民政局（新版） / County civil-affairs bureaus of Xi'an, reloaded";
        Files.writeString(descriptor, Files.readString(descriptor).replaceFirst("(?m)^title:.*$", "title: " + changedTitle));
        assertThat(opsA.post("/api/v1/ops/partners/reload", "{}").status()).isEqualTo(200);
        await("node B runs the reloaded set").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertThat(titleOf(opsB.get("/api/v1/ops/partners").body(), PARTNER))
                        .isEqualTo(changedTitle));

        // a breaker some node opened holds the partner back on every node
        java.time.Instant now = java.time.Instant.now();
        cluster.breakerOpened("guangdong-44", now, now.plusSeconds(120), "another-node");
        for (OpsClient ops : List.of(opsA, opsB)) {
            await("breaker held open on every node").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                    .untilAsserted(() -> assertThat(ops.get("/api/v1/ops/partners/guangdong-44/delivery").body()
                            .path("flow").asText()).isEqualTo("WAITING_FOR_PARTNER"));
        }
        assertThat(opsA.post("/api/v1/ops/partners/guangdong-44/resume", "{}").status()).isEqualTo(200);
    }

    private static String titleOf(JsonNode list, String partnerId) {
        for (JsonNode p : list.path("partners")) {
            if (p.path("id").asText().equals(partnerId)) {
                return p.path("title").asText();
            }
        }
        return null;
    }
}
