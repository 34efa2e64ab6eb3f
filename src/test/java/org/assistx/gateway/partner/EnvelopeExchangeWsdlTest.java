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
 * The SOAP contracts are code first ({@code EnvelopeExchangePort}, {@code VerificationServicePort}); the
 * documented WSDLs ({@code docs/wsdl/}) must stay what the services really serve (the served verification
 * WSDL is written to {@code target/verification-service.served.wsdl} to copy over after a change).
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
        String served = served("/services/simulator/county-bureau");
        String documented = Files.readString(Path.of("docs", "wsdl", "envelope-exchange.wsdl"));
        assertThat(withoutAddress(served)).isEqualTo(withoutAddress(documented));
        assertThat(served).contains("<wsdl:operation name=\"exchange\">");
    }

    @Test
    void theVerificationServiceWsdlEqualsTheDocumentedOne() throws IOException, InterruptedException {
        String served = served("/services/verifications");
        Files.writeString(Path.of("target", "verification-service.served.wsdl"), served);
        String documented = Files.readString(Path.of("docs", "wsdl", "verification-service.wsdl"));
        assertThat(withoutAddress(served)).isEqualTo(withoutAddress(documented));
        assertThat(served).contains("<wsdl:operation name=\"submitVerification\">",
                "<wsdl:operation name=\"getVerification\">", "<wsdl:operation name=\"submitApprovalDecision\">",
                "<wsdl:operation name=\"reportResidenceChange\">");
    }

    private String served(String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + path + "?wsdl")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String withoutAddress(String wsdl) {
        return wsdl.replaceAll("<soap:address location=\"[^\"]*\"/>", "<soap:address/>").strip();
    }
}
