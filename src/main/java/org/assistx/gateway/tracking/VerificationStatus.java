package org.assistx.gateway.tracking;

/** Lifecycle of a verification as the township sees it (DESIGN §4). */
public enum VerificationStatus {
    /** Stored durably; the request waits for dispatch. */
    ACCEPTED,
    /** The signed request left for the partner; the answer is awaited. */
    SENT,
    /** The partner answered; {@code result} holds the outcome. */
    ANSWERED,
    /** Emergency (R4): the township helps at once, formalities follow. */
    PROCEED_IMMEDIATELY,
    /** Delivery finally failed; the reason is recorded. */
    UNDETERMINED;

    public boolean isFinal() {
        return this == ANSWERED || this == UNDETERMINED || this == PROCEED_IMMEDIATELY;
    }
}
