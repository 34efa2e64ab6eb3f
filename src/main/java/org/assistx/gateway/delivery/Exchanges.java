package org.assistx.gateway.delivery;

/**
 * Names of the exchange properties and queues the routes share. Internal state travels in exchange
 * properties, never in headers that could leak to a partner.
 */
public final class Exchanges {

    private Exchanges() {
    }

    /** Queue of verification ids waiting for dispatch (the transactional outbox feeds it). */
    public static final String DISPATCH_QUEUE = "assistx.core.verifications";

    public static final String VERIFICATION_ID = "assistxVerificationId";
    public static final String PARTNER_ID = "assistxPartnerId";
    public static final String TRANSPORT = "assistxTransport";
    public static final String ENDPOINT = "assistxEndpoint";
    public static final String REQUEST_MESSAGE_ID = "assistxRequestMessageId";
    /** Set when the verification needs no delivery (already final): the route stops. */
    public static final String SKIP = "assistxSkip";
}
