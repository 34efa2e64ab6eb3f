package org.assistx.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
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
 * there, not on the API's port; the API and the console stay on the API's port only.
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
}
