package org.assistx.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.assistx.gateway.GatewayTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * DESIGN §8 and issue 6: logs never hold a full ID number or a name. A verification runs end to end (ingress,
 * broker, signing, SOAP to the county-bureau simulator, reply verification) with the gateway's own loggers at
 * DEBUG and Camel and CXF at INFO, and a request with a bad ID number is refused; the captured output holds
 * neither applicant's ID number nor name.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"logging.level.org.assistx=DEBUG", "logging.level.org.apache.camel=INFO",
            "logging.level.org.apache.cxf=INFO"})
@ActiveProfiles("test")
@ExtendWith(OutputCaptureExtension.class)
class LogPrivacyE2ETest {

    private static final String ID_NUMBER = "610104198502037710";
    private static final String NAME = "欧阳明珠";
    private static final String REFUSED_ID_NUMBER = "610104198502037711";
    private static final String REFUSED_NAME = "司马青衫";

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        GatewayTestSupport.freshDataDir(registry, "log-privacy");
    }

    @LocalServerPort
    int port;

    @Test
    void aVerificationEndToEndLeavesNoIdNumberAndNoNameInTheLog(CapturedOutput output) {
        TownshipClient township = new TownshipClient(port);
        TownshipClient.Reply accepted = township.post("/api/v1/verifications", "610113001",
                TownshipClient.tourRequest("privacy-1", ID_NUMBER, NAME));
        assertThat(accepted.status()).isEqualTo(202);
        String id = accepted.body().path("verificationId").asText();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> township.get("/api/v1/verifications/" + id, "610113001").body()
                        .path("status").asText(), "ANSWERED"::equals);
        TownshipClient.Reply refused = township.post("/api/v1/verifications", "610113001",
                TownshipClient.tourRequest("privacy-2", REFUSED_ID_NUMBER, REFUSED_NAME));
        assertThat(refused.status()).isEqualTo(422);

        String log = output.getAll();
        assertThat(log).contains(id);
        assertThat(log).doesNotContain(ID_NUMBER, NAME, REFUSED_ID_NUMBER, REFUSED_NAME);
        // nor the name's tail nor the ID number's middle, which masking hides
        assertThat(log).doesNotContain("阳明珠", "19850203");
    }
}
