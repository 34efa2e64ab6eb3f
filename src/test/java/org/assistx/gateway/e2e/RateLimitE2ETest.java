package org.assistx.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.assistx.gateway.GatewayTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Rate limits per client over real HTTP: past its burst a township gets 429 RATE_LIMITED with Retry-After. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"assistx.rate-limit.requests-per-second=0.01", "assistx.rate-limit.burst=3"})
@ActiveProfiles("test")
class RateLimitE2ETest {

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        GatewayTestSupport.freshDataDir(registry, "rate-limit");
    }

    @LocalServerPort
    int port;

    private HttpResponse<String> get(String org) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/v1/verifications/no-such-verification"))
                .header("X-Client-Org", org).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void pastItsBurstATownshipIsRefusedWith429AndRetryAfterWhileAnotherIsServed() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(get("610113001").statusCode()).isEqualTo(404);
        }
        HttpResponse<String> limited = get("610113001");
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).hasValueSatisfying(
                v -> assertThat(Long.parseLong(v)).isBetween(1L, 100L));
        assertThat(limited.body()).contains("\"code\":\"RATE_LIMITED\"");
        assertThat(get("610113002").statusCode()).isEqualTo(404);
    }
}
