package org.assistx.gateway.partner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
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
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The SOAP contract is code first ({@code EnvelopeExchangePort}); the documented WSDL
 * ({@code docs/wsdl/envelope-exchange.wsdl}) must stay what the service really serves.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class EnvelopeExchangeWsdlTest {

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        GatewayTestSupport.freshDataDir(registry, "wsdl");
    }

    @LocalServerPort
    int port;

    @Test
    void servedWsdlEqualsTheDocumentedOne() throws IOException, InterruptedException {
        String served = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/services/simulator/county-bureau?wsdl")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        String documented = Files.readString(Path.of("docs", "wsdl", "envelope-exchange.wsdl"));
        assertThat(withoutAddress(served)).isEqualTo(withoutAddress(documented));
        assertThat(served).contains("<wsdl:operation name=\"exchange\">");
    }

    private static String withoutAddress(String wsdl) {
        return wsdl.replaceAll("<soap:address location=\"[^\"]*\"/>", "<soap:address/>").strip();
    }
}
