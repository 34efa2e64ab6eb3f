package org.assistx.gateway.policy;

import java.time.LocalDate;

/**
 * What to do about a residence change.
 *
 * @param action    the action
 * @param recheckOn for {@link Action#RECHECK_LATER}: the day the 3 months are reached and the change is to be
 *                  decided again; {@code null} for the other actions
 * @param reason    why, Chinese then English
 */
public record ResidenceChangeDecision(Action action, LocalDate recheckOn, String reason) {

    /** Outcome of the daily-management rules. */
    public enum Action {
        /** R10: stop the payments and notify the recipient in writing. */
        SUSPEND_PAYMENT,
        /** R11: ask the county bureau to move the case to the new township. */
        TRANSFER_CASE,
        /** Not yet 3 months at the new place: decide again on {@code recheckOn}. */
        RECHECK_LATER,
        /** Temporary assistance, or no real move: nothing to do. */
        NOT_APPLICABLE,
        /** A case the plan does not cover: a person decides. */
        REVIEW
    }
}
