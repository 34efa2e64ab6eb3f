package org.assistx.gateway.envelope;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The message types of the envelope contract. A request/reply pair is declared here alone, by naming the reply
 * of the request: which types are requests (a verification's outbox, the request templates' {@code messageType})
 * and which reply each expects are read from this list, not written again elsewhere.
 */
public enum MessageType {
    VERIFICATION_REQUEST("VERIFICATION_RESULT"),
    VERIFICATION_RESULT(null),
    PROOF_REQUEST("PROOF_RESULT"),
    PROOF_RESULT(null),
    APPROVAL_RESULT_NOTICE(null),
    EMERGENCY_AID_NOTICE(null),
    PAYMENT_SUSPENSION_NOTICE(null),
    CASE_TRANSFER_REQUEST(null);

    private final String reply;

    MessageType(String reply) {
        this.reply = reply;
    }

    /** The reply type expected for a request type, or {@code null} for one-way notices and replies. */
    public MessageType replyType() {
        return reply == null ? null : valueOf(reply);
    }

    /** Whether a reply is expected: a verification's request, as opposed to a one-way notice or a reply. */
    public boolean isRequest() {
        return reply != null;
    }

    /** The types that expect a reply. */
    public static Set<MessageType> requestTypes() {
        return Arrays.stream(values()).filter(MessageType::isRequest).collect(Collectors.toUnmodifiableSet());
    }
}
