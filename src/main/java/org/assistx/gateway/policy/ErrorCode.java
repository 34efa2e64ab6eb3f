package org.assistx.gateway.policy;

/** The fixed set of {@code 422} codes of the REST contract (DESIGN §4). */
public enum ErrorCode {
    INVALID_ID_NUMBER,
    UNKNOWN_DIVISION,
    NOT_CROSS_JURISDICTION,
    RESIDENCE_TOO_SHORT,
    DECLARATION_REQUIRED,
    PROOF_REQUIRED,
    PROOF_INVALID,
    BEFORE_EFFECTIVE_DATE,
    EMERGENCY_TEMPORARY_ONLY,
    INVALID_FIELD
}
