package org.assistx.gateway.mapping;

/** The answer to a verification (DESIGN §6). */
public enum Outcome {
    /** The partner answered and no record of the person is applied for or active. */
    NOT_RECEIVING,
    /** At least one record of the person is {@code APPLIED} or {@code ACTIVE}. */
    RECEIVING,
    /** No answer could be had (decided by delivery, never by the mapping of an answer). */
    UNDETERMINED
}
