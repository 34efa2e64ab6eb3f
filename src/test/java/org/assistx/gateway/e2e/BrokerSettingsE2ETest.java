package org.assistx.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.assistx.gateway.GatewayApplication;
import org.assistx.gateway.GatewayException;
import org.assistx.gateway.delivery.BrokerConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The gateway against an external Artemis broker over TCP: a broker running with its defaults (redelivery at
 * once, 10 attempts on the partner queues, no {@code assistx.dlq}) is refused at start-up with
 * {@code BROKER_SETTINGS_MISSING}; a broker configured with the shipped {@code docs/deploy/broker.xml} is
 * accepted, the gateway is ready, and once that broker is gone readiness answers 503 (liveness stays 200).
 */
class BrokerSettingsE2ETest {

    private static final Path DIR = Path.of("target", "test-data", "broker-settings-" + ProcessHandle.current().pid())
            .toAbsolutePath();

    private EmbeddedActiveMQ broker;
    private ConfigurableApplicationContext gateway;

    @AfterEach
    void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        if (broker != null) {
            broker.stop();
        }
    }

    private static Map<String, Object> properties(String name, int brokerPort) {
        Map<String, Object> p = new TreeMap<>();
        p.put("assistx.data-dir", DIR.resolve(name).toString());
        p.put("spring.artemis.mode", "native");
        p.put("spring.artemis.broker-url", "tcp://127.0.0.1:" + brokerPort);
        p.put("spring.artemis.embedded.enabled", "false");
        p.put("server.port", "0");
        return p;
    }

    private ConfigurableApplicationContext startGateway(Map<String, Object> properties) {
        // as command-line arguments: they take precedence over application.yml, as the environment would
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(GatewayApplication.class).profiles("test").run(args);
    }

    @Test
    void aBrokerWithItsDefaultSettingsIsRefusedAtStartUp() throws Exception {
        int port = ExternalBroker.freePort();
        broker = ExternalBroker.start(DIR.resolve("defaults-broker"), port, false);

        assertThatThrownBy(() -> gateway = startGateway(properties("defaults", port)))
                .isInstanceOf(GatewayException.class)
                .hasMessageContaining("BROKER_SETTINGS_MISSING")
                .hasMessageContaining("assistx.core.verifications dead-letter-address is null, needs assistx.dlq")
                .hasMessageContaining("assistx.delivery.xian-county-bureaus max-delivery-attempts is 10, needs -1")
                .hasMessageContaining("redelivery-delay is 0");
    }

    @Test
    void theShippedFragmentHasExactlyTheEmbeddedBrokersSettings() throws Exception {
        var config = ExternalBroker.configuration(DIR.resolve("parsed"), ExternalBroker.freePort(), true);
        Map<String, AddressSettings> parsed = config.getAddressSettings();
        assertThat(parsed.get(BrokerConfiguration.GATEWAY_MATCH)).isEqualTo(BrokerConfiguration.gatewayQueues());
        assertThat(parsed.get(BrokerConfiguration.PARTNER_MATCH)).isEqualTo(BrokerConfiguration.partnerQueues());
        assertThat(parsed.get("assistx.dlq")).isEqualTo(BrokerConfiguration.deadLetters());
        assertThat(config.isPopulateValidatedUser()).isTrue();
    }

    @Test
    void aBrokerWithTheShippedSettingsIsAcceptedAndReadinessFollowsIt() throws Exception {
        int port = ExternalBroker.freePort();
        broker = ExternalBroker.start(DIR.resolve("shipped-broker"), port, true);
        gateway = startGateway(properties("shipped", port));
        int http = Integer.parseInt(gateway.getEnvironment().getProperty("local.server.port"));
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        HttpResponse<String> ready = get(client, http, "/actuator/health/readiness");
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);

        broker.stop();
        broker = null;
        // a result is cached for up to 2 s (assistx.ops.health.cache)
        await().atMost(Duration.ofSeconds(30)).until(() -> get(client, http, "/actuator/health/readiness").statusCode() == 503);
        long start = System.nanoTime();
        HttpResponse<String> down = get(client, http, "/actuator/health/readiness");
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("READINESS with the broker down: " + down.statusCode() + " in " + millis + " ms");
        assertThat(down.statusCode()).as(down.body()).isEqualTo(503);
        assertThat(down.body()).contains("\"broker\"").contains("DOWN");
        HttpResponse<String> live = get(client, http, "/actuator/health/liveness");
        assertThat(live.statusCode()).as(live.body()).isEqualTo(200);
    }

    private static HttpResponse<String> get(HttpClient client, int port, String path) throws Exception {
        // the timeout only keeps a hanging answer from holding up the build; nothing is asserted on time
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
