package org.assistx.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.frontend.ClientProxy;
import org.apache.cxf.jaxws.JaxWsProxyFactoryBean;
import org.apache.cxf.message.Message;
import org.assistx.gateway.GatewayTestSupport;
import org.assistx.gateway.ingress.soap.SoapVerificationAnswer;
import org.assistx.gateway.ingress.soap.SoapVerificationRequest;
import org.assistx.gateway.ingress.soap.VerificationServicePort;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A township system that only speaks SOAP: same fields, same codes, same answers as REST. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class SoapIngressE2ETest {

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        GatewayTestSupport.freshDataDir(registry, "soap-ingress");
    }

    @LocalServerPort
    int port;

    VerificationServicePort client(String org) {
        JaxWsProxyFactoryBean factory = new JaxWsProxyFactoryBean();
        factory.setServiceClass(VerificationServicePort.class);
        factory.setAddress("http://127.0.0.1:" + port + "/services/verifications");
        VerificationServicePort port = (VerificationServicePort) factory.create();
        if (org != null) {
            Client c = ClientProxy.getClient(port);
            c.getRequestContext().put(Message.PROTOCOL_HEADERS, Map.of("X-Client-Org", List.of(org)));
        }
        return port;
    }

    SoapVerificationRequest tour(String requestId, String idNumber) throws Exception {
        return new ObjectMapper().readValue(TownshipClient.tourRequest(requestId, idNumber, "张三")
                .replace("\"emergency\": null, \"proofOfNonReceipt\": null", "\"emergency\": null"),
                SoapVerificationRequest.class);
    }

    @Test
    void aSoapRequestIsAcceptedAndAnsweredLikeRest() throws Exception {
        VerificationServicePort township = client("610113001");
        SoapVerificationAnswer accepted = township.submitVerification(tour("soap-1", "610104199001011234"));
        assertThat(accepted.httpStatus).isEqualTo(202);
        assertThat(accepted.jurisdiction).isEqualTo("CROSS_COUNTY");
        assertThat(accepted.routePartner).isEqualTo("xian-county-bureaus");
        assertThat(township.submitVerification(tour("soap-1", "610104199001011234")).verificationId)
                .isEqualTo(accepted.verificationId);

        SoapVerificationAnswer answered = await().atMost(Duration.ofSeconds(30))
                .until(() -> township.getVerification(accepted.verificationId), a -> "ANSWERED".equals(a.status));
        assertThat(answered.outcome).isEqualTo("NOT_RECEIVING");
        assertThat(answered.detailJson).contains("VERIFICATION_RESULT");
    }

    @Test
    void refusalsCarryTheRestCodes() throws Exception {
        SoapVerificationAnswer badId = client("610113001").submitVerification(tour("soap-2", "610104199001011235"));
        assertThat(badId.httpStatus).isEqualTo(422);
        assertThat(badId.errors).extracting(e -> e.code).contains("INVALID_ID_NUMBER");

        assertThat(client(null).submitVerification(tour("soap-3", "610104199001011234")).httpStatus).isEqualTo(401);
        assertThat(client("610113002").submitVerification(tour("soap-4", "610104199001011234")).httpStatus)
                .isEqualTo(403);
        assertThat(client("610113001").getVerification("nope").httpStatus).isEqualTo(404);
    }
}
