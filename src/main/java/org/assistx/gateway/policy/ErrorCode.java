package org.assistx.gateway.policy;

import org.assistx.gateway.Code;

/**
 * The fixed set of codes of a {@code 422} answer (DESIGN §4). Each is the code of the same name in the
 * registry {@link Code}, which holds its status and meaning.
 */
public enum ErrorCode {
    /** The ID number is malformed, has a wrong check digit or an impossible birth date. */
    INVALID_ID_NUMBER,
    /** A division code is malformed, not in the division list, or not of the level needed. */
    UNKNOWN_DIVISION,
    /** The hukou is in the residence township itself: not a residence-based application (R1). */
    NOT_CROSS_JURISDICTION,
    /** The applicant has not lived at the residence place long enough (R2). */
    RESIDENCE_TOO_SHORT,
    /** The declaration of non-receipt at the hukou place is missing (R6, R7). */
    DECLARATION_REQUIRED,
    /** A proof of non-receipt is needed and none was given (R8). */
    PROOF_REQUIRED,
    /** The proof of non-receipt given is not acceptable (R8). */
    PROOF_INVALID,
    /** The application date is before the scheme took effect (R5). */
    BEFORE_EFFECTIVE_DATE,
    /** An emergency application for something other than temporary assistance (R4). */
    EMERGENCY_TEMPORARY_ONLY,
    /** A field is missing, of the wrong type or out of range. */
    INVALID_FIELD,
    /** A {@code COUNTY_DEFINED} emergency names no emergency the county of the occurrence township has configured (R4). */
    EMERGENCY_KIND_NOT_CONFIGURED;

    /** This code in the registry. */
    public Code code() {
        return Code.valueOf(name());
    }
}
