package org.assistx.gateway.ingress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Supplier;
import org.assistx.gateway.Code;
import org.assistx.gateway.tracking.InboundRefusals;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * The REST answer of a verification request for channels without HTTP status codes (JMS, SOAP): the same
 * JSON body as REST plus {@code "httpStatus"}, refusals mapped exactly as {@link ApiExceptionHandler} maps
 * them.
 */
@Component
public class IngressAnswers {

    private final IngressService ingress;
    private final ApiExceptionHandler errors;
    private final ObjectMapper json;
    private final InboundRefusals refusals;

    public IngressAnswers(IngressService ingress, ApiExceptionHandler errors, ObjectMapper json,
            InboundRefusals refusals) {
        this.ingress = ingress;
        this.errors = errors;
        this.json = json;
        this.refusals = refusals;
    }

    /**
     * Submits the body read by {@code body} for {@code org} (null: not identified, 401) that came in on
     * {@code channel}; a refusal for the caller's identity is recorded.
     */
    public ObjectNode submit(InboundRefusals.Channel channel, String org, Supplier<JsonNode> body) {
        ResponseEntity<?> response;
        try {
            if (org == null) {
                throw new IngressException(HttpStatus.UNAUTHORIZED, Code.UNAUTHENTICATED, null,
                        "无法确认调用方身份。 / The calling organisation could not be identified.");
            }
            IngressService.Answer a = ingress.submit(org, body.get());
            response = ResponseEntity.status(a.status()).body(a.body());
        } catch (IngressException e) {
            if (ApiExceptionHandler.identityRefusal(e)) {
                refusals.record(new InboundRefusals.Entry(channel, org, null, e.code(), null, null, null,
                        channel + " verification request: " + e.getMessage()));
            }
            response = errors.answer(e);
        } catch (IngressService.PolicyRefusal e) {
            response = errors.policy(e);
        }
        ObjectNode out = json.valueToTree(response.getBody());
        out.put("httpStatus", response.getStatusCode().value());
        return out;
    }
}
