package org.assistx.gateway.federation;

/**
 * The exchange endpoint's answer to a message it took: {@code 202} with this body. The signed answer to a request
 * comes later, as a message of its own to the asking gateway's exchange endpoint.
 *
 * @param messageId      the id of the message taken
 * @param status         {@code ACCEPTED} (stored now) or {@code ALREADY_HELD} (the same message was taken before:
 *                       a retry of the sender's; nothing happens twice)
 * @param verificationId the verification it belongs to on this gateway, when there is one
 */
public record ExchangeReceipt(String messageId, String status, String verificationId) {

    public static final String ACCEPTED = "ACCEPTED";
    public static final String ALREADY_HELD = "ALREADY_HELD";
}
