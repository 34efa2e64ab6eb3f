package org.assistx.gateway.tracking;

import java.time.Instant;

/**
 * One envelope in or out, stored exactly as it was signed and sent (or received).
 *
 * @param signedDigest hex hash of the envelope's signed bytes (the {@code requestHash} a reply must carry)
 * @param inReplyTo    for a reply, the message id of the request it answers
 */
public record MessageRecord(
        String messageId,
        String verificationId,
        Direction direction,
        String type,
        String partner,
        String sender,
        String recipient,
        String envelope,
        String signedDigest,
        String inReplyTo,
        MessageStatus status,
        int attempts,
        String lastError,
        Instant createdAt,
        Instant updatedAt) {

    public enum Direction { IN, OUT }

    /** Delivery state of one message. */
    public enum MessageStatus {
        /** Signed and stored; not yet acknowledged by the partner. */
        PENDING,
        /** The partner took it (and answered, for request/reply transports). */
        DELIVERED,
        /** Received from a partner and verified. */
        RECEIVED,
        /** Delivery finally failed. */
        FAILED,
        /** A repeated delivery of a message already received: recorded and ignored. */
        DUPLICATE
    }
}
