package org.assistx.gateway.policy;

import java.time.LocalDate;
import java.util.List;

import org.assistx.gateway.division.Jurisdiction;

/**
 * What the {@link PolicyEngine} decided about a request.
 *
 * <p>An accepted decision is one of:
 * <ul>
 *   <li>{@code proceedImmediately}: an emergency (R4); {@code route} is the partner to send the emergency
 *       aid notice to, or {@code null} when no partner covers the hukou place;</li>
 *   <li>{@code route != null}: send the verification request there and wait for the answer;</li>
 *   <li>{@code route == null}, {@code CROSS_CITY} or {@code CROSS_PROVINCE}: the attached proof of
 *       non-receipt, already checked, is the answer (R8), whether or not a partner covers the hukou place
 *       (unless {@link PolicySettings#askPartnerDespiteProof()});</li>
 *   <li>{@code route == null}, {@code CROSS_TOWNSHIP} or {@code CROSS_COUNTY}: no partner reaches the county
 *       bureau that must check (R6, R7); nothing can be sent and the note says so. This does not happen in
 *       the served area when a partner covers its county bureaus; {@code /policy/evaluate} shows it for
 *       other places.</li>
 * </ul>
 *
 * @param errors             why the request is refused; empty when it is accepted
 * @param jurisdiction       relation of hukou and residence ({@code EMERGENCY} for rule R4); also filled in
 *                           for a refusal when it could be determined, {@code null} otherwise
 * @param category           category of the case (rule R3); like {@code jurisdiction} for refusals
 * @param route              where the request goes; {@code null} when refused or when nothing needs to be
 *                           sent (see {@code routeNote})
 * @param routeNote          why this route (or none), Chinese then English; {@code null} for refusals
 * @param proceedImmediately an emergency (R4): give aid first, complete the formalities later; {@code false}
 *                           for every other decision
 * @param backfillDue        for an accepted emergency: the last day to complete its formalities, counted from
 *                           the day it is evaluated and recorded; the note, the stored case and the overdue
 *                           list all use this one date. {@code null} for every other decision
 */
public record PolicyDecision(List<PolicyError> errors, Jurisdiction jurisdiction, Category category,
                             RouteTarget route, String routeNote, boolean proceedImmediately, LocalDate backfillDue) {

    public PolicyDecision {
        errors = List.copyOf(errors);
    }

    /** A decision that is not an accepted emergency (no backfill date). */
    public PolicyDecision(List<PolicyError> errors, Jurisdiction jurisdiction, Category category,
                          RouteTarget route, String routeNote, boolean proceedImmediately) {
        this(errors, jurisdiction, category, route, routeNote, proceedImmediately, null);
    }

    /** Whether the request passed every rule. */
    public boolean accepted() {
        return errors.isEmpty();
    }
}
