package org.assistx.gateway.ingress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.assistx.gateway.policy.PolicyDecision;
import org.assistx.gateway.policy.PolicyEngine;
import org.assistx.gateway.policy.VerificationRequestParser;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/policy/evaluate}: every policy check and the classification for a request from any
 * township in China, without storing or sending anything.
 */
@RestController
public class PolicyEvaluationController {

    private final ClientIdentityResolver identity;
    private final JsonBodyReader reader;
    private final VerificationRequestParser parser;
    private final PolicyEngine policy;
    private final ObjectMapper json;

    public PolicyEvaluationController(ClientIdentityResolver identity, JsonBodyReader reader,
            VerificationRequestParser parser, PolicyEngine policy, ObjectMapper json) {
        this.identity = identity;
        this.reader = reader;
        this.parser = parser;
        this.policy = policy;
        this.json = json;
    }

    @PostMapping(path = "/api/v1/policy/evaluate", produces = MediaType.APPLICATION_JSON_VALUE)
    public ObjectNode evaluate(HttpServletRequest request) throws IOException {
        identity.resolve(request);
        JsonNode body = reader.readObject(request.getInputStream(), request.getContentLengthLong());
        VerificationRequestParser.ParseResult parsed = parser.parse(body);
        if (!parsed.ok()) {
            throw new IngressService.PolicyRefusal(parsed.errors());
        }
        PolicyDecision d = policy.evaluate(parsed.request());
        if (!d.accepted()) {
            throw new IngressService.PolicyRefusal(d.errors());
        }
        ObjectNode n = json.createObjectNode();
        n.put("jurisdiction", d.jurisdiction().name());
        n.put("category", d.category().name());
        if (d.route() == null) {
            n.putNull("route");
        } else {
            n.putObject("route").put("partner", d.route().partner()).put("recipient", d.route().recipient());
        }
        n.put("routeNote", d.routeNote());
        n.put("proceedImmediately", d.proceedImmediately());
        n.put("servedHere", policy.inServedArea(parsed.request().residenceTownship()));
        return n;
    }
}
