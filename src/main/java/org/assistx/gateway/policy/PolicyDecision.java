package org.assistx.gateway.policy;

import java.util.List;
import org.assistx.gateway.division.Jurisdiction;

/**
 * The policy's answer to a request: either errors, or the jurisdiction, category and route.
 *
 * @param route              the partner to ask, or null when none is needed or none exists
 * @param routeNote          why the route is what it is (shown to the township and in evaluations)
 * @param proceedImmediately an emergency (R4): help first, formalities later
 */
public record PolicyDecision(List<PolicyError> errors, Jurisdiction jurisdiction, Category category,
        RouteTarget route, String routeNote, boolean proceedImmediately) {

    public PolicyDecision {
        errors = List.copyOf(errors);
    }

    public boolean accepted() {
        return errors.isEmpty();
    }

    static PolicyDecision refused(List<PolicyError> errors) {
        return new PolicyDecision(errors, null, null, null, null, false);
    }
}
