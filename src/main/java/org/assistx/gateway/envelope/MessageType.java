package org.assistx.gateway.envelope;

/** The message types of DESIGN §5. */
public enum MessageType {
    VERIFICATION_REQUEST,
    VERIFICATION_RESULT,
    PROOF_REQUEST,
    PROOF_RESULT,
    APPROVAL_RESULT_NOTICE,
    EMERGENCY_AID_NOTICE,
    PAYMENT_SUSPENSION_NOTICE,
    CASE_TRANSFER_REQUEST;

    /** The reply type expected for a request type, or {@code null} for one-way notices. */
    public MessageType replyType() {
        return switch (this) {
            case VERIFICATION_REQUEST -> VERIFICATION_RESULT;
            case PROOF_REQUEST -> PROOF_RESULT;
            default -> null;
        };
    }
}
