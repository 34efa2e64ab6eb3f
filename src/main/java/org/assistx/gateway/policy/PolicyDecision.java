package org.assistx.gateway.policy;

import java.util.List;

import org.assistx.gateway.division.Jurisdiction;

/**
 * What the {@link PolicyEngine} decided about a request.
 *
 * @param errors             why the request is refused; empty when it is accepted
 * @param jurisdiction       relation of hukou and residence ({@code EMERGENCY} for rule R4); also filled in
 *                           for a refusal when it could be determined, {@code null} otherwise
 * @param category           category of the case (rule R3); like {@code jurisdiction} for refusals
 * @param route              where the request goes; {@code null} when refused or when nothing needs to be
 *                           sent (see {@code routeNote})
 * @param routeNote          why this route (or none), Chinese then English; {@code null} for refusals
 * @param proceedImmediately the township may go on now without waiting for an answer: emergencies (R4),
 *                           and other-city cases with a valid attached proof and no partner to ask (R8)
 */
public record PolicyDecision(List<PolicyError> errors, Jurisdiction jurisdiction, Category category,
                             RouteTarget route, String routeNote, boolean proceedImmediately) {

    public PolicyDecision {
        errors = List.copyOf(errors);
    }

    /** Whether the request passed every rule. */
    public boolean accepted() {
        return errors.isEmpty();
    }
}
