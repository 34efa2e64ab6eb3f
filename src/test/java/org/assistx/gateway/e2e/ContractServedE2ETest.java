package org.assistx.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assistx.gateway.GatewayTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The contract is served as published, with a browsable page whose scripts come from the jar, and without an
 * operator login (checked with the login required, as in prod).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ContractServedE2ETest {

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        GatewayTestSupport.freshDataDir(registry, "contract-served");
        registry.add("assistx.ops.login-required", () -> "true");
        registry.add("assistx.ops.operators[0].username", () -> "alice");
        registry.add("assistx.ops.operators[0].password",
                () -> "{bcrypt}" + new BCryptPasswordEncoder(4).encode("alice-secret"));
        registry.add("assistx.ops.operators[0].roles[0]", () -> "OPERATOR");
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theContractIsServedAsPublished() throws Exception {
        HttpResponse<String> r = get("/api/v1/openapi.yaml");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/yaml"));
        assertThat(r.body()).isEqualTo(Files.readString(Path.of("docs/openapi.yaml")));
    }

    @Test
    void theBrowsablePageAndItsScriptsComeFromTheGateway() throws Exception {
        HttpResponse<String> page = get("/api-docs.html");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("/webjars/swagger-ui/swagger-ui-bundle.js").doesNotContain("https://");
        assertThat(get("/api-docs.js").body()).contains("/api/v1/openapi.yaml").contains("validatorUrl: null");
        HttpResponse<String> bundle = get("/webjars/swagger-ui/swagger-ui-bundle.js");
        assertThat(bundle.statusCode()).isEqualTo(200);
        assertThat(bundle.body()).contains("SwaggerUIBundle");
        assertThat(get("/webjars/swagger-ui/swagger-ui.css").statusCode()).isEqualTo(200);
    }
}
