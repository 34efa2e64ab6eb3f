package org.assistx.gateway.ingress.soap;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.Resource;
import jakarta.jws.WebService;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.xml.ws.WebServiceContext;
import jakarta.xml.ws.handler.MessageContext;
import org.assistx.gateway.ingress.ClientIdentityResolver;
import org.assistx.gateway.ingress.IngressAnswers;
import org.assistx.gateway.ingress.IngressException;
import org.assistx.gateway.ingress.TownshipVerifications;
import org.assistx.gateway.tracking.InboundRefusals;
import org.assistx.gateway.tracking.StoredJson;

/**
 * SOAP ingress (served at {@code /services/verifications}): identity as for REST (mTLS, or the demo
 * header), the XML request turned into the REST JSON and run through exactly the same checks
 * ({@link IngressAnswers}); refusals come back as answers with {@code httpStatus} and coded errors, not as
 * faults, so a township system handles every channel alike.
 */
@WebService(serviceName = "VerificationService", portName = "VerificationServicePort",
        endpointInterface = "org.assistx.gateway.ingress.soap.VerificationServicePort",
        targetNamespace = VerificationServicePort.NAMESPACE)
public class SoapVerificationService implements VerificationServicePort {

    @Resource
    private WebServiceContext context;

    private final ClientIdentityResolver identity;
    private final IngressAnswers answers;
    private final TownshipVerifications verifications;
    private final ObjectMapper json;
    private final ObjectMapper withoutNulls;

    public SoapVerificationService(ClientIdentityResolver identity, IngressAnswers answers,
            TownshipVerifications verifications,
            ObjectMapper json) {
        this.identity = identity;
        this.answers = answers;
        this.verifications = verifications;
        this.json = json;
        this.withoutNulls = json.copy().setSerializationInclusion(JsonInclude.Include.NON_NULL);
    }

    @Override
    public SoapVerificationAnswer submitVerification(SoapVerificationRequest request) {
        String org = organisation();
        JsonNode answer = answers.submit(InboundRefusals.Channel.SOAP, org, () -> withoutNulls.valueToTree(
                request == null ? new SoapVerificationRequest() : request));
        return toAnswer(answer);
    }

    @Override
    public SoapVerificationAnswer getVerification(String verificationId) {
        String org = organisation();
        if (org == null) {
            return toAnswer(answers.submit(InboundRefusals.Channel.SOAP, null, json::createObjectNode));
        }
        return verifications.find(verificationId == null ? "" : verificationId, org)
                .map(v -> {
                    SoapVerificationAnswer a = toAnswer(v);
                    a.httpStatus = 200;
                    a.outcome = v.path("result").path("outcome").asText(null);
                    a.detailJson = StoredJson.write(json, v);
                    return a;
                })
                .orElseGet(() -> {
                    ObjectNode notFound = json.valueToTree(TownshipVerifications.notFound().body());
                    notFound.put("httpStatus", 404);
                    return toAnswer(notFound);
                });
    }

    private String organisation() {
        HttpServletRequest http = (HttpServletRequest) context.getMessageContext().get(MessageContext.SERVLET_REQUEST);
        try {
            return identity.resolve(http);
        } catch (IngressException unauthenticated) {
            return null;
        }
    }

    private static SoapVerificationAnswer toAnswer(JsonNode n) {
        SoapVerificationAnswer a = new SoapVerificationAnswer();
        a.httpStatus = n.path("httpStatus").asInt();
        a.verificationId = n.path("verificationId").asText(null);
        a.requestId = n.path("requestId").asText(null);
        a.status = n.path("status").asText(null);
        a.jurisdiction = n.path("jurisdiction").asText(null);
        a.category = n.path("category").asText(null);
        a.routePartner = n.path("route").path("partner").asText(null);
        a.routeRecipient = n.path("route").path("recipient").asText(null);
        for (JsonNode e : n.path("errors")) {
            SoapVerificationAnswer.Error err = new SoapVerificationAnswer.Error();
            err.code = e.path("code").asText(null);
            err.field = e.path("field").asText(null);
            err.message = e.path("message").asText(null);
            a.errors.add(err);
        }
        return a;
    }
}
