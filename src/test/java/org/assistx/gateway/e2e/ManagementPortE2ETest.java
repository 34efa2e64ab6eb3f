package org.assistx.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assistx.gateway.GatewayTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Health, readiness, liveness and Prometheus on a management port of their own (as prod requires): served
 * there, not on the API's port; the API and the console stay on the API's port only. {@code /actuator/info}
 * names the build and the commit, and every metric the shipped alert rules and dashboard
 * ({@code docs/deploy/prometheus}, {@code docs/deploy/grafana}) use is one the gateway exports.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"management.server.port=0", "management.server.address=127.0.0.1"})
@ActiveProfiles("test")
@AutoConfigureObservability
@DirtiesContext
class ManagementPortE2ETest {

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        GatewayTestSupport.freshDataDir(registry, "management-port");
    }

    @LocalServerPort
    int api;

    @LocalManagementPort
    int management;

    private final HttpClient client = HttpClient.newHttpClient();

    private HttpResponse<String> get(int port, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).header("X-Client-Org", "610113001").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void probesAndPrometheusAreOnTheManagementPortOnly() throws Exception {
        assertThat(management).isNotEqualTo(api);
        HttpResponse<String> readiness = get(management, "/actuator/health/readiness");
        assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(200);
        assertThat(readiness.body()).contains("\"broker\"").contains("\"db\"");
        HttpResponse<String> liveness = get(management, "/actuator/health/liveness");
        assertThat(liveness.statusCode()).isEqualTo(200);
        assertThat(liveness.body()).doesNotContain("broker").doesNotContain("\"db\"");
        HttpResponse<String> prometheus = get(management, "/actuator/prometheus");
        assertThat(prometheus.statusCode()).isEqualTo(200);
        assertThat(prometheus.body()).contains("jvm_memory_used_bytes");

        assertThat(get(api, "/actuator/health/readiness").statusCode()).isEqualTo(404);
        assertThat(get(api, "/actuator/prometheus").statusCode()).isEqualTo(404);
        assertThat(get(api, "/api/v1/ops/partners").statusCode()).isEqualTo(200);
        assertThat(get(management, "/api/v1/ops/partners").statusCode()).isEqualTo(404);
    }

    @Test
    void infoNamesTheBuildAndTheCommit() throws Exception {
        HttpResponse<String> info = get(management, "/actuator/info");
        assertThat(info.statusCode()).as(info.body()).isEqualTo(200);
        assertThat(info.body()).contains("\"build\"").contains("\"version\":\"").contains("\"artifact\":\"assistx-gateway\"")
                .contains("\"git\"").containsPattern("\"commit\":\\{[^}]*\"id\":\"[0-9a-f]{7,40}\"");
    }

    /** Metric names in the files: the gateway's, Camel's, the JVM's and Spring's (not Prometheus's own {@code up}). */
    private static final Pattern METRIC = Pattern.compile(
            "\\b((?:assistx|camel|jvm|process|hikaricp|http_server_requests|executor|system|jdbc|tomcat|logback)_[a-z0-9_]+)\\b");

    @Test
    void everyMetricOfTheAlertRulesAndTheDashboardIsExported() throws Exception {
        // A refusal (no caller identity), so that the refusal counter has a series.
        assertThat(get(api, "/api/v1/ops/partners").statusCode()).isEqualTo(200);
        HttpResponse<String> refused = client.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + api + "/api/v1/verifications/none")).timeout(Duration.ofSeconds(30))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(401);
        // One verification answered, so that the partner call and outcome meters have series.
        TownshipClient township = new TownshipClient(api);
        TownshipClient.Reply accepted = township.post("/api/v1/verifications", "610113001",
                TownshipClient.tourRequest("metrics-1", "610104199001011234", "张三"));
        assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
        String id = accepted.body().path("verificationId").asText();
        await().atMost(Duration.ofSeconds(40)).until(() -> township.get("/api/v1/verifications/" + id, "610113001")
                .body().path("status").asText(), s -> s.equals("ANSWERED") || s.equals("PROCEED_IMMEDIATELY"));

        Set<String> used = new TreeSet<>();
        for (String file : new String[] {"docs/deploy/prometheus/assistx-alerts.yml",
                "docs/deploy/grafana/assistx-gateway.json"}) {
            Matcher m = METRIC.matcher(Files.readString(Path.of(file)));
            while (m.find()) {
                used.add(m.group(1));
            }
        }
        assertThat(used).contains("assistx_partner_state", "assistx_partner_breaker_open",
                "assistx_certificate_days_left", "assistx_refusals_total", "assistx_queue_depth");
        // The partner and certificate gauges appear with the first refresh of the gauges.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            String scrape = get(management, "/actuator/prometheus").body();
            Set<String> exported = new TreeSet<>();
            for (String line : scrape.split("\n")) {
                if (!line.startsWith("#") && !line.isBlank()) {
                    exported.add(line.split("[{ ]", 2)[0]);
                }
            }
            assertThat(used).as("metrics of the alert rules and the dashboard").isSubsetOf(exported);
        });
        String scrape = get(management, "/actuator/prometheus").body();
        // each partner is in exactly one state; the gateway's certificate has days left; the node is ready
        Map<String, Double> statesPerPartner = new TreeMap<>();
        Matcher state = Pattern.compile("(?m)^assistx_partner_state\\{[^}]*partner=\"([^\"]+)\"[^}]*} (\\S+)$")
                .matcher(scrape);
        while (state.find()) {
            statesPerPartner.merge(state.group(1), Double.parseDouble(state.group(2)), Double::sum);
        }
        assertThat(statesPerPartner).isNotEmpty().allSatisfy((partner, sum) -> assertThat(sum).as(partner).isEqualTo(1.0));
        Matcher signer = Pattern.compile("(?m)^assistx_certificate_days_left\\{[^}]*role=\"GATEWAY_SIGNER\"[^}]*} (\\S+)$")
                .matcher(scrape);
        assertThat(signer.find()).as(scrape).isTrue();
        assertThat(Double.parseDouble(signer.group(1))).isPositive();
        assertThat(scrape).containsPattern("(?m)^assistx_ready(\\{[^}]*})? 1\\.0$")
                .containsPattern("(?m)^assistx_refusals_total\\{[^}]*channel=\"REST\",code=\"[A-Z_]+\"[^}]*} [1-9]");
    }
}
