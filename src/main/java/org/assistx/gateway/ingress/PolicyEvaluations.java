package org.assistx.gateway.ingress;

import com.fasterxml.jackson.databind.JsonNode;
import org.assistx.gateway.division.Jurisdiction;
import org.assistx.gateway.policy.Category;
import org.assistx.gateway.policy.PolicyDecision;
import org.assistx.gateway.policy.PolicyEngine;
import org.assistx.gateway.policy.RouteTarget;
import org.assistx.gateway.policy.VerificationRequestParser;
import org.springframework.stereotype.Component;

/**
 * The pre-check of a verification request from any township in China, the same on every channel (REST,
 * SOAP): every policy check and the classification, nothing stored or sent; a refusal is the policy's
 * {@code 422} with its codes.
 */
@Component
public class PolicyEvaluations {

    /** The classification and route of an accepted request; {@code servedHere} when this gateway serves it. */
    public record Evaluation(Jurisdiction jurisdiction, Category category, RouteTarget route, String routeNote,
            boolean proceedImmediately, boolean servedHere) {
    }

    private final VerificationRequestParser parser;
    private final PolicyEngine policy;

    public PolicyEvaluations(VerificationRequestParser parser, PolicyEngine policy) {
        this.parser = parser;
        this.policy = policy;
    }

    public Evaluation evaluate(JsonNode body) {
        VerificationRequestParser.ParseResult parsed = parser.parse(body);
        if (!parsed.ok()) {
            throw new IngressService.PolicyRefusal(parsed.errors());
        }
        PolicyDecision d = policy.evaluate(parsed.request());
        if (!d.accepted()) {
            throw new IngressService.PolicyRefusal(d.errors());
        }
        return new Evaluation(d.jurisdiction(), d.category(), d.route(), d.routeNote(), d.proceedImmediately(),
                policy.inServedArea(parsed.request().residenceTownship()));
    }
}
